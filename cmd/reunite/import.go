package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
	"github.com/schollz/progressbar/v3"
)

func init() {
	register(command{Name: "import", Summary: "store case files as new families (a bad file is rolled back alone)", Run: runImport})
}

func runImport(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	quiet := fs.Bool("quiet", false, "no progress bar")
	update := fs.String("update", "", "update this family (FAMILY-ID) with the one FILE, as a new version")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite import FILE... [--db DSN] [--as LOGIN] [--update FAMILY-ID]\n\nEach FILE is a case file (reunite.case/v1), a directory of *.json case files, or - for standard input.\nFiles are stored in batches of 1,000 sharing a transaction, each file in a savepoint of its own: a bad file is reported\nby name and rolled back alone, and the others are still imported.\nA file exported from this office (it names its origin) updates that family with a new version, and is refused if the\nfamily changed since the export; --update FAMILY-ID makes the one FILE the new version of that family.\nPrints \"FAMILY-ID<TAB>FILE\" for each imported file (\"<TAB>version N\" added for an update), and the office on standard error.\nExit status: 0 if every file was imported; 2 if some file was not a valid case file; 1 on other failures.")
		fs.PrintDefaults()
	}
	files, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	files, err = expandDirs(files)
	if err != nil {
		return fail(e, "import", exitUsage, err)
	}
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *update != "" && len(files) != 1 {
		return fail(e, "import", exitUsage, errors.New("--update takes exactly one case file"))
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "import", exitFailure, err)
	}
	defer s.Close()
	office, err := s.OfficeName(ctx, a)
	if err != nil {
		return fail(e, "import", exitFailure, err)
	}
	fmt.Fprintf(e.Stderr, "reunite import: into the office %q\n", office)

	var bar *progressbar.ProgressBar
	if len(files) > 1 && !*quiet && isTerminal(e.Stderr) {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(e.Stderr),
			progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	var imported, bad, failed int
	report := func(name string, r *store.FamilyRecord, err error) {
		if err == nil {
			imported++
		}
		switch {
		case err == nil && r.Version > 1:
			fmt.Fprintf(e.Stdout, "%s\t%s\tversion %d\n", r.ID, name, r.Version)
		case err == nil:
			fmt.Fprintf(e.Stdout, "%s\t%s\n", r.ID, name)
		default:
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(e.Stderr, "reunite import: %v\n", err)
			var pe *os.PathError
			if isValidation(err) || errors.As(err, &pe) {
				bad++
			} else {
				failed++
			}
		}
	}
	// Files go to the store in batches that share one transaction, each
	// file in a savepoint of its own (a bad file is still rejected alone):
	// one commit per batch instead of one per file. The store reads and
	// prepares the next batch while it writes one; what each batch could
	// not read waits here, in order, for the batch's results (next and
	// done run on two goroutines).
	type pending struct {
		names    []string
		readErrs []error
	}
	var (
		mu    sync.Mutex
		queue []pending
	)
	start := 0
	next := func() ([]store.ImportFile, bool) {
		if start >= len(files) {
			return nil, false
		}
		chunk := files[start:min(start+store.ImportBatch, len(files))]
		start += len(chunk)
		p := pending{names: chunk}
		var batch []store.ImportFile
		for _, name := range chunk {
			data, err := readInput(e, name)
			p.readErrs = append(p.readErrs, err)
			if err == nil {
				batch = append(batch, store.ImportFile{Name: name, Data: data})
			}
		}
		mu.Lock()
		queue = append(queue, p)
		mu.Unlock()
		return batch, true
	}
	s.ImportBatches(ctx, a, *update, next, func(results []store.ImportResult) {
		mu.Lock()
		p := queue[0]
		queue = queue[1:]
		mu.Unlock()
		k := 0
		for i, name := range p.names {
			if p.readErrs[i] != nil {
				report(name, nil, p.readErrs[i])
			} else {
				report(name, results[k].Record, results[k].Err)
				k++
			}
		}
		if bar != nil {
			bar.Add(len(p.names))
		}
	})
	if bar != nil {
		bar.Finish()
	}
	// A stopped import (Ctrl-C) reports the batches it committed; the
	// files after them were not imported.
	if imported < len(files) || len(files) > 1 {
		fmt.Fprintf(e.Stderr, "reunite import: imported %d of %d files into the office %q\n", imported, len(files), office)
	}
	switch {
	case ctx.Err() != nil || failed > 0:
		return exitFailure
	case bad > 0:
		return exitUsage
	}
	return exitOK
}

// isValidation reports whether err is a bad case file, as opposed to a
// failure of the store.
func isValidation(err error) bool {
	var ve *reunite.ValidationError
	return errors.As(err, &ve)
}

// expandDirs replaces each directory by the *.json files in it.
func expandDirs(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		st, err := os.Stat(n)
		if n == "-" || err != nil || !st.IsDir() {
			out = append(out, n)
			continue
		}
		m, err := filepath.Glob(filepath.Join(n, "*.json"))
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	return out, nil
}

// isTerminal reports whether w is a terminal, where a progress bar helps
// rather than litters a log.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
