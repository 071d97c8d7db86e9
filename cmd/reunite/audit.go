package main

import (
	"context"
	"flag"
	"fmt"
)

func init() {
	register(command{Name: "audit", Summary: "verify the hash chain of the audit log", Run: runAudit})
}

func runAudit(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite audit verify [--db DSN]\n\nChecks every entry of the audit log and names any that was edited, deleted or moved.\nPrints the head hash: record it elsewhere now and then, to pin the log.\nExit status: 0 if the log is intact, 1 if not.")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 || rest[0] != "verify" {
		fs.Usage()
		return exitUsage
	}
	s, _, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "audit verify", exitFailure, err)
	}
	defer s.Close()
	r, err := s.VerifyAudit(ctx)
	if err != nil {
		return fail(e, "audit verify", exitFailure, err)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(e.Stdout, "TAMPERED: %s\n", p.Text)
	}
	if !r.OK() {
		fmt.Fprintf(e.Stdout, "audit log: %d entries, %d problems\n", r.Entries, len(r.Problems))
		return exitFailure
	}
	fmt.Fprintf(e.Stdout, "audit log: %d entries verified; head %s\n", r.Entries, r.HeadHex())
	return exitOK
}
