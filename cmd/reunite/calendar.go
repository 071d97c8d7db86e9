package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reunite/reunite/calendar"
	"github.com/reunite/reunite/law"
)

func init() {
	register(command{Name: "calendar", Summary: "write a case's deadlines as an iCalendar (.ics) file", Run: runCalendar})
}

func runCalendar(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("calendar", flag.ContinueOnError)
	in := addCaseFlags(fs)
	names := fs.Bool("with-names", false, "put relatives' names in event titles (calendars are often synced to outside services)")
	remind := fs.String("remind", "60,30,7,1", "days before each deadline to be reminded, comma-separated")
	key := fs.String("key", "", "a stable key for this family, so that importing again updates the events")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite calendar FILE [--as-of YYYY-MM-DD] [--with-names] [--remind 60,30,7,1] > deadlines.ics")
		fs.PrintDefaults()
	}
	fam, day, code := in.load(e, "calendar", fs, args)
	if fam == nil {
		return code
	}
	days, err := parseDays(*remind)
	if err != nil {
		return fail(e, "calendar", exitUsage, fmt.Errorf("--remind: %v", err))
	}
	a := law.Assess(fam, day)
	events := calendar.Events(fam, a, calendar.Options{WithNames: *names, RemindDays: days, Key: *key})
	if err := calendar.Write(e.Stdout, events, time.Now()); err != nil {
		return fail(e, "calendar", exitFailure, err)
	}
	return exitOK
}

// parseDays reads "60,30,7,1".
func parseDays(s string) ([]int, error) {
	out := []int{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 0 || n > 730 {
			return nil, fmt.Errorf("%q is not a number of days from 0 to 730", p)
		}
		out = append(out, n)
	}
	return out, nil
}
