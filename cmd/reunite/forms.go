package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/reunite/reunite/forms"
)

func init() {
	register(command{Name: "forms", Summary: "add the official blank Form I-730 (reunite forms add FILE) or list editions", Run: runForms})
}

func runForms(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("forms", flag.ContinueOnError)
	data := fs.String("data", "", "data directory (default $REUNITE_DATA, $XDG_DATA_HOME/reunite or ~/.local/share/reunite)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage:
  reunite forms add FILE [--data DIR]   check a downloaded I-730 PDF and store it
  reunite forms list [--data DIR]       editions Reunite can fill, and which is stored

USCIS publishes the form at %s; Reunite does not ship it.
Exit status: 0 on success; 2 for a file that is not an edition Reunite can fill.
`, forms.DownloadURL)
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	dir, err := dataDir(e, *data)
	if err != nil {
		return fail(e, "forms", exitFailure, err)
	}
	switch {
	case pos[0] == "add" && len(pos) == 2:
		c, dst, err := forms.Add(dir, pos[1])
		if err != nil {
			return fail(e, "forms add", exitUsage, err)
		}
		note := "identical to the official file Reunite knows"
		if !c.KnownFile {
			note = "footer and fields match, but the bytes differ from the official file Reunite knows (a re-saved copy?)"
		}
		fmt.Fprintf(e.Stdout, "Added Form %s edition %s (%d pages)\n  sha256 %s: %s\n  stored as %s\n",
			c.Edition.Form, c.Edition.Date, c.Pages, c.SHA256, note, dst)
		return exitOK
	case pos[0] == "list" && len(pos) == 1:
		eds, err := forms.Editions()
		if err != nil {
			return fail(e, "forms", exitFailure, err)
		}
		_, stored, _ := forms.Blank(dir)
		for _, ed := range eds {
			mark := "not added"
			if stored == ed {
				mark = "added"
			}
			fmt.Fprintf(e.Stdout, "Form %s edition %s  %d fields  %s\n", ed.Form, ed.Date, len(ed.Map.Fields), mark)
		}
		return exitOK
	}
	fs.Usage()
	return exitUsage
}
