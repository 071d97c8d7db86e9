package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
	"github.com/reunite/reunite/web/api"
)

func init() {
	register(command{Name: "events", Summary: "record and list what happened to each relative's petition after filing", Run: runEvents})
}

func runEvents(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runEventsAdd(ctx, e, args[1:])
		case "list":
			return runEventsList(ctx, e, args[1:])
		}
	}
	fmt.Fprintln(e.Stderr, "Usage: reunite events add FAMILY-ID MEMBER-ID KIND --date YYYY-MM-DD [flags]\n       reunite events list FAMILY-ID [--json]\n\nKinds: "+kindNames())
	return exitUsage
}

func kindNames() string {
	s := make([]string, len(tracking.Kinds))
	for i, k := range tracking.Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// dateFlag is a flag holding a YYYY-MM-DD day; the flag's name is in the
// error of a bad value.
type dateFlag struct{ d *reunite.Date }

func (f dateFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f dateFlag) Set(s string) error {
	d, err := reunite.ParseDate(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}

func runEventsAdd(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("events add", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	var ev tracking.Event
	fs.Var(dateFlag{&ev.Date}, "date", "the day of the document or event (required)")
	fs.Var(dateFlag{&ev.Due}, "due", "rfe, noid: the due date printed on the notice (authoritative)")
	fs.Var(dateFlag{&ev.Appointment}, "appointment", "biometrics, interview, consular_interview: the day of the appointment")
	fs.Var(dateFlag{&ev.ValidUntil}, "valid-until", "visa_issued, medical: the last day it is valid")
	receipt := fs.String("receipt", "", "receipt: the receipt number (three letters and ten digits)")
	delivery := fs.String("delivery", "", "rfe, noid, denied: mail (default), mail_abroad or in_person")
	fs.StringVar(&ev.Carrier, "carrier", "", "mailed: the carrier")
	fs.StringVar(&ev.Tracking, "tracking", "", "mailed: the tracking number")
	fs.StringVar(&ev.VisaClass, "visa-class", "", "visa_issued: V92 or V93")
	fs.StringVar(&ev.I94, "i94", "", "arrived: the I-94 admission number")
	fs.IntVar(&ev.Corrects, "corrects", 0, "the number of an earlier event this one corrects (or, with kind retracted, withdraws)")
	fs.StringVar(&ev.Note, "note", "", "a note")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite events add FAMILY-ID MEMBER-ID KIND --date YYYY-MM-DD [flags]\n\nRecords an event of one relative's petition. An event the petition's history does not allow\nis refused with the reason. Mistakes are corrected with a new event (--corrects N), never edited.\nKinds: "+kindNames())
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 3 {
		fs.Usage()
		return exitUsage
	}
	ev.Kind, ev.Receipt, ev.Delivery = tracking.Kind(pos[2]), tracking.Receipt(*receipt), tracking.Delivery(*delivery)
	if !ev.Kind.Valid() {
		fmt.Fprintf(e.Stderr, "reunite events add: KIND %q is not one of: %s\n", pos[2], kindNames())
		return exitUsage
	}
	if ev.Date.IsZero() {
		fmt.Fprintln(e.Stderr, "reunite events add: --date is required (YYYY-MM-DD)")
		return exitUsage
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "events add", exitFailure, err)
	}
	defer s.Close()
	out, err := s.AddPetitionEvents(ctx, a, []store.NewPetitionEvent{{FamilyID: pos[0], MemberID: pos[1], Event: ev}})
	if err != nil {
		return fail(e, "events add", exitCodeOf(err), err)
	}
	fmt.Fprintf(e.Stdout, "%s\t%s\t#%d\t%s\n", out[0].FamilyID, out[0].MemberID, out[0].Seq, out[0].Event.Kind)
	return exitOK
}

// exitCodeOf is exitUsage for input the store refused, exitFailure
// otherwise.
func exitCodeOf(err error) int {
	if isInvalid(err) {
		return exitUsage
	}
	return exitFailure
}

func isInvalid(err error) bool {
	return err != nil && strings.Contains(err.Error(), store.ErrInvalid.Error())
}

func runEventsList(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("events list", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	var asOf reunite.Date
	fs.Var(dateFlag{&asOf}, "as-of", "the day for what is next (default today)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite events list FAMILY-ID [--json]\n\nPrints each relative's petition: its history, stage, due dates and what is next.")
		fs.PrintDefaults()
	}
	id, code, ok := oneArgument(fs, e, args)
	if !ok {
		return code
	}
	if asOf.IsZero() {
		asOf = reunite.DateOf(time.Now())
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "events list", exitFailure, err)
	}
	defer s.Close()
	views, err := api.PetitionViews(ctx, s, a, id, asOf)
	if err != nil {
		return fail(e, "events list", exitFailure, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(views); err != nil {
			return fail(e, "events list", exitFailure, err)
		}
		return exitOK
	}
	for _, v := range views {
		fmt.Fprintf(e.Stdout, "%s: %s\n", v.Member, v.Stage.Words())
		for _, h := range v.History {
			fix := ""
			if h.CorrectedBy != 0 {
				fix = fmt.Sprintf(" (corrected by #%d)", h.CorrectedBy)
			}
			fmt.Fprintf(e.Stdout, "  #%d %s %s%s\n", h.Seq, h.Event.Date, h.Event.Kind, fix)
		}
		for _, n := range v.Next {
			fmt.Fprintf(e.Stdout, "  next: %s\n", n.Text)
		}
	}
	return exitOK
}
