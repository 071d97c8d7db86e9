package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
)

func init() {
	register(command{Name: "packet", Summary: "write the mail-ready I-730 packet for every relative who can be petitioned for", Run: runPacket})
}

func runPacket(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("packet", flag.ContinueOnError)
	out := fs.String("out", "", "directory to create (must not exist, or be empty)")
	asOf := fs.String("as-of", "", "assess as of this day, YYYY-MM-DD (default: today)")
	member := fs.String("member", "", "build only this family member's petition (its id)")
	data := fs.String("data", "", "data directory holding the blank form (see 'reunite forms add')")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: reunite packet CASEFILE --out DIR [--as-of YYYY-MM-DD] [--member ID] [--data DIR]

Writes, for each relative whose verdict is not ineligible, the filled Form I-730,
cover letter, exhibit index and tabs, translator certifications, checklist and one
merged PDF to mail; plus a family summary, instruction sheets and manifest.json.
Needs the blank form (reunite forms add FILE) and Chromium.
Exit status: 0 built; 1 the packet could not be built; 2 bad arguments or case file.`)
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	day := reunite.DateOf(time.Now())
	if *asOf != "" {
		if day, err = reunite.ParseDate(*asOf); err != nil {
			return fail(e, "packet", exitUsage, fmt.Errorf("--as-of: %v", err))
		}
	}
	input, err := readInput(e, pos[0])
	if err != nil {
		return fail(e, "packet", exitUsage, err)
	}
	fam, err := casefile.Decode(input)
	if err != nil {
		if ve, ok := err.(*reunite.ValidationError); ok && pos[0] != "-" {
			ve.File = pos[0]
		}
		fmt.Fprintln(e.Stderr, err)
		return exitUsage
	}
	dir, err := dataDir(e, *data)
	if err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	blank, _, err := forms.Blank(dir)
	if err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	// Refuse what cannot be built before starting a browser for it.
	a := law.Assess(fam, day)
	if err := packet.Check(fam, a, *out, *member); err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	// Chromium starts in the background while the notices are read and
	// the forms filled: the first print waits for it, and fails with its
	// error if it could not start.
	if _, err := forms.ChromiumPath(); err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	chrome := forms.StartChromium()
	defer chrome.Close()
	book, err := loadNotices(e, *data)
	if err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	notices := book.Match(fam, day, "en")
	m, err := packet.Build(ctx, fam, a, *out, packet.Options{Blank: blank, Printer: chrome, DataDir: dir, Only: *member, Notices: &notices})
	if err != nil {
		return fail(e, "packet", exitFailure, err)
	}
	for _, w := range m.Warnings {
		fmt.Fprintf(e.Stderr, "\n*** WARNING ***\n%s\n", w)
	}
	fmt.Fprintf(e.Stdout, "Packet written to %s (%d files)\n", *out, len(m.Files)+1)
	for _, r := range m.Relatives {
		if r.Folder != "" {
			fmt.Fprintf(e.Stdout, "  %-28s %-10s petition %s  %s/\n", r.Name, r.Verdict, *r.Sequence, r.Folder)
		} else {
			fmt.Fprintf(e.Stdout, "  %-28s %-10s no petition\n", r.Name, r.Verdict)
		}
	}
	return exitOK
}
