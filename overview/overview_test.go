package overview

import (
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/tracking"
)

func day(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var today = day("2026-03-02")

func in(kind string, n int) Due { return Due{Kind: kind, Due: today.AddDays(n)} }

func TestWeeksOverdueAndRisk(t *testing.T) {
	o := Build(Input{Today: today, Due: []Due{
		in("rfe_response", -1), in("adjustment_opens", -5), in("appointment", 0), in("appointment", 6), in("visa_expires", 7),
		in("rfe_response", 83), in("rfe_response", 84),
		in("file_by", -3), in("file_by", 30), in("file_by", 31), in("file_by", 60), in("file_by", 61), in("file_by", 90), in("file_by", 91),
	}})
	if o.Overdue != 2 {
		t.Errorf("overdue = %d, want 2 (an opened window is not late)", o.Overdue)
	}
	if len(o.Weeks) != Weeks || o.Weeks[0].N != 2 || o.Weeks[1].N != 1 || o.Weeks[11].N != 1 || o.Weeks[11].From != today.AddDays(77) {
		t.Errorf("weeks = %+v", o.Weeks)
	}
	// Weeks count every kind: file_by at 30, 31, 60, 61 and 83 fall in weeks 4, 4, 8, 8, 11.
	if o.Weeks[4].N != 2 || o.Weeks[8].N != 2 {
		t.Errorf("weeks 4 and 8 = %d, %d", o.Weeks[4].N, o.Weeks[8].N)
	}
	want := []int{1, 1, 2, 2}
	for i, c := range o.Risk {
		if c.N != want[i] {
			t.Errorf("risk %s = %d, want %d", c.Key, c.N, want[i])
		}
	}
}

func ev(k tracking.Kind, d string) tracking.Event { return tracking.Event{Kind: k, Date: day(d)} }

func TestStageDurations(t *testing.T) {
	mailed := func(m, r string) []tracking.Event {
		return []tracking.Event{ev(tracking.Mailed, m), {Kind: tracking.ReceiptNotice, Date: day(r), Receipt: "IOE0912345678"}}
	}
	a := append(mailed("2025-01-01", "2025-01-11"), ev(tracking.Approved, "2025-07-10"))   // pending 180 days
	b := append(mailed("2025-02-01", "2025-02-21"), ev(tracking.Biometrics, "2025-03-01"), // stays pending
		tracking.Event{Kind: tracking.RFE, Date: day("2025-05-01"), Due: day("2025-07-24")},
		ev(tracking.ResponseSent, "2025-06-01"), ev(tracking.Denied, "2025-08-01"))
	c := mailed("2026-01-01", "2026-01-31")
	bad := []tracking.Event{ev(tracking.Approved, "2025-01-01")}
	o := Build(Input{Today: today, Stages: map[tracking.Stage]int{tracking.StPending: 1, tracking.StApproved: 1, tracking.StDenied: 1},
		Histories: [][]tracking.Event{a, b, c, bad}})
	if o.Unreadable != 1 {
		t.Errorf("unreadable = %d", o.Unreadable)
	}
	got := map[tracking.Stage]Duration{}
	for _, d := range o.Durations {
		got[d.Stage] = d
	}
	// Mailed: 10, 20 and 30 days; pending: 180 and 69 days (the biometrics
	// notice does not cut it), one still pending.
	if d := got[tracking.StMailed]; d.Done != 3 || d.Median != 20 || d.Slowest != 30 || d.Open != 0 {
		t.Errorf("mailed = %+v", d)
	}
	if d := got[tracking.StPending]; d.Done != 2 || d.Median != 124 || d.Slowest != 180 || d.Open != 1 {
		t.Errorf("pending = %+v", d)
	}
	if d := got[tracking.StApproved]; d.Done != 0 || d.Open != 1 {
		t.Errorf("approved = %+v", d)
	}
	// Receipt to decision: 180 and 161 days.
	if d := o.Decision; d.Done != 2 || d.Median != 170 || d.Slowest != 180 {
		t.Errorf("decision = %+v", d)
	}
	if len(o.Stages) != 3 || o.Stages[0].Key != "pending" || o.Stages[2].Key != "denied" {
		t.Errorf("stages = %+v", o.Stages)
	}
	if Months(870) != "28.6" {
		t.Errorf("Months(870) = %s", Months(870))
	}
}

func TestPublishedTimesCarryTheirSource(t *testing.T) {
	p, err := Times()
	if err != nil {
		t.Fatal(err)
	}
	if p.CheckURL == "" || len(p.Figures) != 2 || p.Figures[0].MonthsMedian != 28.6 || p.Figures[1].MonthsTo != 30 {
		t.Errorf("times = %+v", p)
	}
}
