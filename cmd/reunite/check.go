package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/policy"
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
	data := fs.String("data", "", "data directory whose notices/ folder holds the office's own policy notices (env REUNITE_DATA)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite check FILE [--as-of YYYY-MM-DD] [--json] [--explain] [--lang LANG] [--data DIR]\n\nFILE is a case file (reunite.case/v1), or - for standard input.\nExit status: 0 whatever the verdicts; 2 for a file that is not a valid case file.")
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
	book, err := loadNotices(e, *data)
	if err != nil {
		return fail(e, "check", exitFailure, err)
	}
	a := law.AssessIn(fam, day, words)
	notices := book.Match(fam, day, *lang)
	if *asJSON {
		if !*explain {
			a = report.WithoutChecks(a)
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(policy.Annotate(a, notices)); err != nil {
			return fail(e, "check", exitFailure, err)
		}
		return exitOK
	}
	report.Text(e.Stdout, fam, a, report.Options{Explain: *explain, Lang: *lang, Notices: &notices})
	return exitOK
}

// loadNotices reads the shipped policy notices and the office's own, from
// the notices/ folder of the data directory when there is one.
func loadNotices(e *env, flagValue string) (*policy.Book, error) {
	dir, err := dataDir(e, flagValue)
	if err != nil {
		dir = "" // no data directory: the shipped notices alone
	}
	return policy.Load(dir)
}
