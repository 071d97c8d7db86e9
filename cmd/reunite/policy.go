package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

func init() {
	register(command{Name: "policy", Summary: "list the policy notices, or add an office's own notice file", Run: runPolicy})
}

func runPolicy(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return runPolicyList(e, args[1:])
		case "add":
			return runPolicyAdd(ctx, e, args[1:])
		}
	}
	fmt.Fprintln(e.Stderr, "Usage: reunite policy list [--as-of DAY] [--json] [--data DIR]\n       reunite policy add FILE [--db DSN] [--as LOGIN]\n\nlist shows every notice (shipped and the office's own) with its dates, how sure it is and the day\nit was last checked; CHECK marks one not checked for more than 90 days.\nadd checks a notice file (reunite.notices/v1), copies it into the data directory's notices/ folder\nand records it in the audit log; a bad file is refused with its line and field.")
	return exitUsage
}

// listedNotice is one line of `reunite policy list --json`.
type listedNotice struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	File        string            `json:"file"`
	Version     int               `json:"version"`
	Effective   reunite.Date      `json:"effective"`
	End         *reunite.Date     `json:"end,omitzero"`
	Confidence  policy.Confidence `json:"confidence"`
	Checked     reunite.Date      `json:"checked"`
	CheckNeeded bool              `json:"check_needed"`
	Sources     []string          `json:"sources"`
}

func runPolicyList(e *env, args []string) int {
	fs := flag.NewFlagSet("policy list", flag.ContinueOnError)
	asOf := fs.String("as-of", "", "the day to judge staleness on, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print the list as JSON")
	data := fs.String("data", "", "data directory (env REUNITE_DATA)")
	if pos, err := parseFlags(fs, e, args); err != nil || len(pos) != 0 {
		if err != nil {
			return flagExit(err)
		}
		fs.Usage()
		return exitUsage
	}
	day := reunite.DateOf(time.Now())
	if *asOf != "" {
		d, err := reunite.ParseDate(*asOf)
		if err != nil {
			return fail(e, "policy list", exitUsage, fmt.Errorf("--as-of: %v", err))
		}
		day = d
	}
	book, err := loadNotices(e, *data)
	if err != nil {
		return fail(e, "policy list", exitFailure, err)
	}
	var out []listedNotice
	for _, set := range book.Sets() {
		for i := range set.Notices {
			n := &set.Notices[i]
			l := listedNotice{ID: n.ID, Title: n.Title["en"], File: set.Origin, Version: set.Version,
				Effective: n.Effective, Confidence: n.Confidence, Checked: n.LastChecked(set), CheckNeeded: n.Stale(set, day)}
			if !n.End.IsZero() {
				end := n.End
				l.End = &end
			}
			for _, s := range n.Sources {
				l.Sources = append(l.Sources, s.Title)
			}
			out = append(out, l)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return fail(e, "policy list", exitFailure, err)
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEFFECTIVE\tEND\tCONFIDENCE\tCHECKED\t")
	stale := 0
	for _, l := range out {
		end, flag := "-", ""
		if l.End != nil {
			end = l.End.String()
		}
		if l.CheckNeeded {
			flag = "CHECK: is this still current?"
			stale++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.ID, l.Effective, end, l.Confidence, l.Checked, flag)
	}
	tw.Flush()
	fmt.Fprintf(e.Stdout, "\n%d notice(s); %d not checked against their sources for more than %d days (as of %s)\n", len(out), stale, policy.CheckEvery, day)
	return exitOK
}

func runPolicyAdd(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("policy add", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite policy add FILE [--data DIR] [--db DSN] [--as LOGIN]\n\nChecks FILE (reunite.notices/v1), copies it into DATA/notices/ (replacing a file of the same name)\nand records it in the audit log. Servers load it at their next start.\nExit status: 0 when added; 2 for a file that is refused (every problem is named); 1 on other failures.")
		fs.PrintDefaults()
	}
	file, code, ok := oneArgument(fs, e, args)
	if !ok {
		return code
	}
	data, err := readInput(e, file)
	if err != nil {
		return fail(e, "policy add", exitUsage, err)
	}
	if _, err := policy.Read(file, data); err != nil {
		fmt.Fprintln(e.Stderr, err)
		return exitUsage
	}
	s, a, cfg, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "policy add", exitFailure, err)
	}
	defer s.Close()
	set, previous, err := policy.Install(cfg.DataDir, file, data)
	if err != nil {
		return fail(e, "policy add", exitUsage, err)
	}
	if _, err := s.RecordNoticeFile(ctx, a, noticeFile(set)); err != nil {
		// The audit log must hold every change: put the old file back.
		restoreNoticeFile(set.Origin, previous)
		return fail(e, "policy add", exitFailure, err)
	}
	verb := "added"
	if previous != nil {
		verb = "replaced"
	}
	fmt.Fprintf(e.Stdout, "%s %s: version %d, %d notice(s)\n", verb, set.Origin, set.Version, len(set.Notices))
	return exitOK
}

// restoreNoticeFile undoes Install after the audit log refused the entry.
func restoreNoticeFile(path string, previous []byte) {
	if previous == nil {
		os.Remove(path)
		return
	}
	os.WriteFile(path, previous, 0o600)
}

// noticeFile describes a notice set for the audit log.
func noticeFile(set *policy.Set) store.NoticeFile {
	return store.NoticeFile{Origin: set.Origin, Version: set.Version, SHA256: set.SHA256, Notices: len(set.Notices)}
}

// recordNoticeFiles writes an audit entry for every notice file of book
// whose content the log does not hold yet (a new Reunite, an office file
// changed by hand), as the server itself.
func recordNoticeFiles(ctx context.Context, st *store.Store, book *policy.Book) error {
	for _, set := range book.Sets() {
		if _, err := st.RecordNoticeFile(ctx, store.Actor{}, noticeFile(set)); err != nil {
			return err
		}
	}
	return nil
}
