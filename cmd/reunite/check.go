package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/report"
)

func init() {
	register(command{Name: "check", Summary: "assess a case file: who can be petitioned for, by when", Run: runCheck})
}

func runCheck(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	asOf := fs.String("as-of", "", "assess as of this day, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print the assessment as JSON (format reunite.assessment/v1)")
	explain := fs.Bool("explain", false, "also list every rule applied, passed or not, with its citation")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite check FILE [--as-of YYYY-MM-DD] [--json] [--explain]\n\nFILE is a case file (reunite.case/v1), or - for standard input.\nExit status: 0 whatever the verdicts; 2 for a file that is not a valid case file.")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	day := reunite.DateOf(time.Now())
	if *asOf != "" {
		if day, err = reunite.ParseDate(*asOf); err != nil {
			return fail(e, "check", exitUsage, fmt.Errorf("--as-of: %v", err))
		}
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		return fail(e, "check", exitUsage, err)
	}
	fam, err := casefile.Decode(data)
	if err != nil {
		if ve, ok := err.(*reunite.ValidationError); ok && pos[0] != "-" {
			ve.File = pos[0]
		}
		fmt.Fprintln(e.Stderr, err)
		return exitUsage
	}
	a := law.Assess(fam, day)
	if *asJSON {
		if !*explain {
			a = report.WithoutChecks(a)
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			return fail(e, "check", exitFailure, err)
		}
		return exitOK
	}
	report.Text(e.Stdout, fam, a, report.Options{Explain: *explain})
	return exitOK
}
