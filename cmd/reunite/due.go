package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/reunite/reunite"
)

func init() {
	register(command{Name: "due", Summary: "what is due across the office in the next days (overdue included)", Run: runDue})
}

// dueLine is one line of `reunite due --json`.
type dueLine struct {
	Due          reunite.Date `json:"due"`
	Kind         string       `json:"kind"`
	FamilyID     string       `json:"family_id"`
	Family       string       `json:"family"`
	MemberID     string       `json:"member_id,omitzero"`
	Notice       reunite.Date `json:"notice,omitzero"`
	CheckNotice  bool         `json:"check_notice,omitzero"`
	Overdue      bool         `json:"overdue,omitzero"`
	CaseworkerID string       `json:"caseworker_id,omitzero"`
	AttorneyID   string       `json:"attorney_id,omitzero"`
}

func runDue(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	days := fs.Int("days", 30, "list what is due within this many days (overdue items are always listed)")
	assignee := fs.String("assignee", "", "only the families assigned to this user id (\"me\": the acting user)")
	asJSON := fs.Bool("json", false, "print JSON")
	var asOf reunite.Date
	fs.Var(dateFlag{&asOf}, "as-of", "count the days from this day (default today)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite due [--days 30] [--assignee ID|me] [--json]\n\nLists, soonest first, the response due dates, motion windows, appointments, visa and medical\nexpiries, adjustment windows, filing deadlines and 21st birthdays of every family the user may see.\nA date marked \"check the notice\" is a default: read the date printed on the notice.")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 0 || *days < 0 {
		fs.Usage()
		return exitUsage
	}
	if asOf.IsZero() {
		asOf = reunite.DateOf(time.Now())
	}
	s, a, _, err := sf.openStore(ctx, e)
	if err != nil {
		return fail(e, "due", exitFailure, err)
	}
	defer s.Close()
	who := *assignee
	if who == "me" {
		who = a.UserID()
	}
	items, err := s.NeedsAction(ctx, a, asOf.AddDays(*days), who, 0)
	if err != nil {
		return fail(e, "due", exitFailure, err)
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.FamilyID)
	}
	labels, err := s.FamilyLabels(ctx, a, ids)
	if err != nil {
		return fail(e, "due", exitFailure, err)
	}
	lines := make([]dueLine, 0, len(items))
	for _, it := range items {
		lines = append(lines, dueLine{it.Due, it.Kind, it.FamilyID, labels[it.FamilyID], it.MemberID, it.Notice,
			it.CheckNotice, it.Due.Before(asOf), it.CaseworkerID, it.AttorneyID})
	}
	if *asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(lines); err != nil {
			return fail(e, "due", exitFailure, err)
		}
		return exitOK
	}
	for _, l := range lines {
		mark := ""
		if l.Overdue {
			mark += "\tOVERDUE"
		}
		if l.CheckNotice {
			mark += "\tcheck the notice"
		}
		fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%s\t%s%s\n", l.Due, l.Kind, l.FamilyID, l.MemberID, l.Family, mark)
	}
	return exitOK
}
