package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/reunite/reunite/tracking"
)

func TestEventsAndDueCommands(t *testing.T) {
	se := newStoreEnv(t)
	fam := se.importGood()

	for _, args := range [][]string{
		{"events", "add", fam, "husband", "mailed", "--date", "2026-01-06", "--carrier", "USPS", "--tracking", "9400111899"},
		{"events", "add", fam, "husband", "receipt", "--date", "2026-02-10", "--receipt", "SRC-26-123-45678"},
		{"events", "add", fam, "husband", "rfe", "--date", "2026-09-01", "--delivery", "mail_abroad"},
	} {
		if code, _, errs := se.run(args...); code != exitOK {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	// Refused: a visa during an RFE (exit 2, the reason named); a bad day.
	code, _, errs := se.run("events", "add", fam, "husband", "visa_issued", "--date", "2026-09-02", "--visa-class", "V92", "--valid-until", "2027-01-01")
	if code != exitUsage || !strings.Contains(errs, "visa_issued") || !strings.Contains(errs, "request for evidence") {
		t.Errorf("visa during an RFE: %d %s", code, errs)
	}
	if code, _, errs := se.run("events", "add", fam, "husband", "rfe", "--date", "2026-02-30"); code != exitUsage || !strings.Contains(errs, "-date") {
		t.Errorf("bad date: %d %s", code, errs)
	}
	if code, _, errs := se.run("events", "add", fam, "husband", "appeal", "--date", "2026-02-03"); code != exitUsage || !strings.Contains(errs, `KIND "appeal"`) {
		t.Errorf("bad kind: %d %s", code, errs)
	}

	// The RFE of 2026-09-01 mailed abroad: 87 days (PA-2026-05), 2026-11-27.
	code, out, errs := se.run("due", "--days", "90", "--as-of", "2026-09-02")
	if code != exitOK || !strings.Contains(out, "2026-11-27\trfe_response\t"+fam+"\thusband\tSelam Tesfaye\tcheck the notice") {
		t.Fatalf("due: %d %q %s", code, out, errs)
	}
	// The printed date, as a correction of event 3.
	if code, _, errs := se.run("events", "add", fam, "husband", "rfe", "--date", "2026-09-01", "--due", "2026-10-15", "--corrects", "3"); code != exitOK {
		t.Fatalf("correction: %s", errs)
	}
	code, out, _ = se.run("due", "--days", "30", "--as-of", "2026-10-16", "--json")
	var lines []dueLine
	if err := json.Unmarshal([]byte(out), &lines); code != exitOK || err != nil || len(lines) != 1 || !lines[0].Overdue || lines[0].CheckNotice || lines[0].Due.String() != "2026-10-15" {
		t.Errorf("due --json the day after: %d %v %s", code, err, out)
	}
	code, out, _ = se.run("due", "--days", "30", "--as-of", "2026-09-02", "--assignee", "me")
	if code != exitOK || out != "" {
		t.Errorf("due for an unassigned user: %q", out)
	}

	code, out, _ = se.run("events", "list", fam, "--json", "--as-of", "2026-10-01")
	var views []tracking.View
	if err := json.Unmarshal([]byte(out), &views); code != exitOK || err != nil || len(views) != 1 {
		t.Fatalf("events list --json: %v %s", err, out)
	}
	v := views[0]
	if v.Stage != tracking.StRFE || len(v.History) != 4 || v.History[2].CorrectedBy != 4 || v.History[0].By == "" || v.Due[0].Date.String() != "2026-10-15" {
		t.Errorf("view = %+v", v)
	}
	code, out, _ = se.run("events", "list", fam, "--as-of", "2026-10-01")
	if code != exitOK || !strings.Contains(out, "#3 2026-09-01 rfe (corrected by #4)") || !strings.Contains(out, "next: Send the response") {
		t.Errorf("events list:\n%s", out)
	}
}
