package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/reunite/reunite/store"
)

func init() {
	register(command{Name: "audit", Summary: "verify the audit log, or record its head outside the database", Run: runAudit})
}

func runAudit(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	head := fs.String("head", "", "verify: a file of heads recorded earlier (reunite audit head --out, reunite serve --audit-head)")
	out := fs.String("out", "", "head: add the head to this file (created if missing) instead of printing it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: reunite audit verify [--head FILE] [--db DSN]
       reunite audit head [--out FILE] [--db DSN]

verify checks every entry of the audit log and names any that was edited,
deleted or moved, and any missing append-only trigger. With --head, it also
checks that every head recorded in FILE is still in the log: this catches
the newest entries cut off, which the chain alone cannot.
head prints the log's head (time, entry, hash), or adds it to --out FILE.
Keep that file outside the database's machine or backups (another server,
a printed log, an e-mail to yourself).
Exit status: 0 if the log is intact, 1 if not.`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 || (rest[0] != "verify" && rest[0] != "head") {
		fs.Usage()
		return exitUsage
	}
	var pins []store.AuditPin
	if rest[0] == "verify" && *head != "" {
		if pins, err = readPinFile(*head); err != nil {
			return fail(e, "audit verify", exitUsage, err)
		}
	}
	s, _, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "audit "+rest[0], exitFailure, err)
	}
	defer s.Close()
	if rest[0] == "head" {
		if *out != "" {
			if _, err := recordAuditHead(ctx, s, *out); err != nil {
				return fail(e, "audit head", exitFailure, err)
			}
			return exitOK
		}
		p, err := s.AuditHead(ctx)
		if err != nil {
			return fail(e, "audit head", exitFailure, err)
		}
		fmt.Fprintln(e.Stdout, p)
		return exitOK
	}
	r, err := s.VerifyAudit(ctx, pins...)
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
	fmt.Fprintf(e.Stdout, "audit log: %d entries verified", r.Entries)
	if len(pins) > 0 {
		fmt.Fprintf(e.Stdout, " against %d recorded heads", len(pins))
	}
	fmt.Fprintf(e.Stdout, "; head %d %s\n", r.HeadSeq, r.HeadHex())
	return exitOK
}

// readPinFile reads a file of recorded heads; its errors name the file.
func readPinFile(path string) ([]store.AuditPin, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pins, err := store.ReadAuditPins(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(pins) == 0 {
		return nil, fmt.Errorf("%s: no recorded head in the file", path)
	}
	return pins, nil
}

// recordAuditHead appends the current head to a pin file (mode 0600),
// synced to disk, and returns it.
func recordAuditHead(ctx context.Context, s *store.Store, path string) (store.AuditPin, error) {
	p, err := s.AuditHead(ctx)
	if err != nil {
		return p, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return p, err
	}
	if _, err := fmt.Fprintln(f, p); err != nil {
		f.Close()
		return p, err
	}
	return p, errors.Join(f.Sync(), f.Close())
}
