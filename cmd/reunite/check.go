package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/report"
)

func init() {
	register(command{Name: "check", Summary: "assess a case file: who can be petitioned for, by when", Run: runCheck})
}

func runCheck(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	in := addCaseFlags(fs)
	asJSON := fs.Bool("json", false, "print the assessment as JSON (format reunite.assessment/v1)")
	explain := fs.Bool("explain", false, "also list every rule applied, passed or not, with its citation")
	lang := fs.String("lang", "en", "the language of the messages: "+strings.Join(law.Languages(), ", "))
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite check FILE [--as-of YYYY-MM-DD] [--json] [--explain] [--lang LANG]\n\nFILE is a case file (reunite.case/v1), or - for standard input.\nExit status: 0 whatever the verdicts; 2 for a file that is not a valid case file.")
		fs.PrintDefaults()
	}
	fam, day, code := in.load(e, "check", fs, args)
	if fam == nil {
		return code
	}
	words, err := law.Catalog(*lang)
	if err != nil {
		return fail(e, "check", exitUsage, fmt.Errorf("--lang: %q is not one of %s", *lang, strings.Join(law.Languages(), ", ")))
	}
	a := law.AssessIn(fam, day, words)
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
	report.Text(e.Stdout, fam, a, report.Options{Explain: *explain, Lang: *lang})
	return exitOK
}
