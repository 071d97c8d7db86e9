package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reunite/reunite/casefile"
)

func init() {
	register(command{Name: "export", Summary: "write the families' case files (the latest version of each)", Run: runExport})
}

func runExport(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	out := fs.String("out", "", "directory to write FAMILY-ID.json files into (created, mode 0700)")
	id := fs.String("id", "", "export only this family, to standard output unless --out is given")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite export --out DIR [--db DSN] [--as LOGIN]\n       reunite export --id FAMILY-ID\n\nWrites case files (reunite.case/v1) of every family the user may see. The files hold the\nfamilies' data in clear: keep them as safe as the database.")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 || (*out == "" && *id == "") {
		fs.Usage()
		return exitUsage
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "export", exitFailure, err)
	}
	defer s.Close()
	if *out != "" {
		if err := os.MkdirAll(*out, 0o700); err != nil {
			return fail(e, "export", exitFailure, err)
		}
	}
	write := func(famID string, data []byte) error {
		if *out == "" {
			_, err := e.Stdout.Write(data)
			return err
		}
		return os.WriteFile(filepath.Join(*out, famID+".json"), data, 0o600)
	}
	if *id != "" {
		rec, err := s.Family(ctx, a, *id)
		if err != nil {
			return fail(e, "export", exitFailure, err)
		}
		data, err := casefile.Encode(rec.Family)
		if err == nil {
			err = write(rec.ID, data)
		}
		if err != nil {
			return fail(e, "export", exitFailure, err)
		}
		return exitOK
	}
	n := 0
	err = s.ExportFamilies(ctx, a, func(famID string, data []byte) error {
		n++
		return write(famID, data)
	})
	if err != nil {
		return fail(e, "export", exitFailure, err)
	}
	fmt.Fprintf(e.Stderr, "reunite export: %d families written to %s\n", n, *out)
	return exitOK
}
