package tracking

import (
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

func TestSuggestedResponse(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kind   Kind
		notice string
		dl     Delivery
		want   string
	}{
		// The day before PA-2026-05: 84 + 3 + 14 days for an address abroad.
		{"RFE abroad, day before PA-2026-05", RFE, "2026-08-04", ByMailAbroad, "2026-11-13"},
		// On the effective day the extra 14 days are gone: 87 days lands on
		// Saturday 2026-10-31, carried to Monday (8 CFR 1.2).
		{"RFE abroad, day PA-2026-05 takes effect", RFE, "2026-08-05", ByMailAbroad, "2026-11-02"},
		{"RFE abroad, day after", RFE, "2026-08-06", ByMailAbroad, "2026-11-02"},
		{"RFE mailed in the US", RFE, "2026-09-01", ByMail, "2026-11-27"},
		{"RFE by default is mailed", RFE, "2026-09-01", "", "2026-11-27"},
		{"RFE in person", RFE, "2026-09-01", InPerson, "2026-11-24"},
		// 87 days from 2026-08-30 is Wednesday 2026-11-25; from 08-31 it
		// is Thanksgiving, carried to Friday 11-27.
		{"RFE, last day Thanksgiving", RFE, "2026-08-31", ByMail, "2026-11-27"},
		{"NOID before PA-2026-05 abroad", NOID, "2026-07-01", ByMailAbroad, "2026-08-17"},
		{"NOID after PA-2026-05 abroad", NOID, "2026-09-01", ByMailAbroad, "2026-10-05"},
	} {
		got, rule, ok := SuggestResponse(tc.kind, day(tc.notice), tc.dl)
		if !ok || got != day(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		if rule.Source == "" {
			t.Errorf("%s: no source", tc.name)
		}
	}
}

func TestRFEDueOnThePetition(t *testing.T) {
	_, h := road(StPending)
	// Without a printed date the default is marked "check the notice".
	p := replay(t, reunite.OutsideUS, append(slices.Clone(h), Event{Kind: RFE, Date: day("2026-09-01"), Delivery: ByMailAbroad})...)
	d := p.Dues()
	if len(d) != 1 || d[0].Kind != DueRFE || d[0].Date != day("2026-11-27") || !d[0].CheckNotice || d[0].Printed {
		t.Fatalf("dues = %+v", d)
	}
	if !strings.Contains(strings.Join(d[0].Warnings, " "), "Check the notice") {
		t.Errorf("no check-the-notice warning: %v", d[0].Warnings)
	}
	// The printed date wins even when shorter than the usual period, and a
	// printed date on a Saturday is not moved, only warned about.
	p = replay(t, reunite.OutsideUS, append(slices.Clone(h), Event{Kind: RFE, Date: day("2026-09-01"), Due: day("2026-10-03")})...)
	d = p.Dues()
	if len(d) != 1 || d[0].Date != day("2026-10-03") || !d[0].Printed || d[0].CheckNotice {
		t.Fatalf("printed due = %+v", d)
	}
	if !strings.Contains(strings.Join(d[0].Warnings, " "), "weekend") {
		t.Errorf("no weekend warning: %v", d[0].Warnings)
	}
	// Day before, on and after the due date.
	for _, tc := range []struct {
		asOf    string
		overdue bool
	}{{"2026-10-02", false}, {"2026-10-03", false}, {"2026-10-04", true}} {
		s := p.Next(day(tc.asOf))[0]
		if got := strings.HasPrefix(s.Text, "Overdue"); got != tc.overdue || s.By != day("2026-10-03") {
			t.Errorf("on %s: %q (by %s), overdue want %v", tc.asOf, s.Text, s.By, tc.overdue)
		}
	}
	// A response closes it.
	p = replay(t, reunite.OutsideUS, append(slices.Clone(h), Event{Kind: RFE, Date: day("2026-09-01"), Due: day("2026-10-03")}, ev(ResponseSent, "2026-09-20"))...)
	if len(p.Dues()) != 0 {
		t.Errorf("dues after the response: %+v", p.Dues())
	}
}

func TestMotionWindow(t *testing.T) {
	_, h := road(StPending)
	for _, tc := range []struct {
		name   string
		denial Event
		want   string
	}{
		// 2026-03-02 + 33 = Saturday 2026-04-04: carried to Monday.
		{"mailed, last day a Saturday", Event{Kind: Denied, Date: day("2026-03-02")}, "2026-04-06"},
		{"in person, 30 days", Event{Kind: Denied, Date: day("2026-03-02"), Delivery: InPerson}, "2026-04-01"},
		// 2026-05-31 + 33 = Friday 2026-07-03, the observed Independence Day.
		{"mailed, last day the observed July 4", Event{Kind: Denied, Date: day("2026-05-31")}, "2026-07-06"},
	} {
		p := replay(t, reunite.OutsideUS, append(slices.Clone(h), tc.denial)...)
		d := p.Dues()
		if len(d) != 1 || d[0].Kind != DueMotion || d[0].Date != day(tc.want) {
			t.Errorf("%s: dues %+v, want motion by %s", tc.name, d, tc.want)
			continue
		}
		if !strings.Contains(d[0].Warnings[0], "cannot be appealed") {
			t.Errorf("%s: no no-appeal warning", tc.name)
		}
		last := day(tc.want)
		for _, asOf := range []reunite.Date{last.AddDays(-1), last, last.AddDays(1)} {
			s := p.Next(asOf)[0]
			if strings.HasPrefix(s.Text, "Overdue") != asOf.After(last) {
				t.Errorf("%s on %s: %q", tc.name, asOf, s.Text)
			}
		}
		p = replay(t, reunite.OutsideUS, append(slices.Clone(h), tc.denial, ev(MotionFiled, tc.want))...)
		if len(p.Dues()) != 0 {
			t.Errorf("%s: dues after the motion: %+v", tc.name, p.Dues())
		}
	}
}

func TestVisaAndAdjustment(t *testing.T) {
	_, h := road(StVisa) // valid until 2027-02-28
	p := replay(t, reunite.OutsideUS, h...)
	if d := p.Dues(); len(d) != 1 || d[0].Kind != DueVisa || d[0].Date != day("2027-02-28") || len(d[0].Warnings) != 0 {
		t.Errorf("visa dues = %+v", d)
	}
	for _, tc := range []struct {
		travel string
		warn   bool
	}{{"2027-02-27", false}, {"2027-02-28", false}, {"2027-03-01", true}} {
		p := replay(t, reunite.OutsideUS, append(slices.Clone(h), ev(Travel, tc.travel))...)
		d := p.Dues()
		if len(d) != 1 || (len(d[0].Warnings) > 0) != tc.warn {
			t.Errorf("travel on %s: %+v", tc.travel, d)
		}
	}
	// Arrival on 2028-02-29 opens the window on 2029-02-28.
	p = replay(t, reunite.OutsideUS, append(slices.Clone(h[:len(h)-1]), visa("2027-12-01", "2028-03-31"), ev(Arrived, "2028-02-29"))...)
	if d := p.Dues(); len(d) != 1 || d[0].Kind != DueAdjustment || d[0].Date != day("2029-02-28") || d[0].Notice != day("2028-02-29") {
		t.Errorf("adjustment after arrival = %+v", d)
	}
	// In the United States the clock starts at the approval.
	_, h = road(StApproved) // approved 2026-05-04
	p = replay(t, reunite.InsideUS, h...)
	if d := p.Dues(); len(d) != 1 || d[0].Kind != DueAdjustment || d[0].Date != day("2027-05-04") {
		t.Errorf("adjustment after approval in the US = %+v", d)
	}
}

func TestAppointments(t *testing.T) {
	_, h := road(StPending)
	h = append(h, Event{Kind: Biometrics, Date: day("2026-03-01"), Appointment: day("2026-03-20")})
	p := replay(t, reunite.OutsideUS, h...)
	if d := p.Dues(); len(d) != 1 || d[0].Kind != DueAppoint || d[0].Date != day("2026-03-20") {
		t.Errorf("dues = %+v", d)
	}
	p = replay(t, reunite.OutsideUS, append(h, ev(Approved, "2026-04-01"))...)
	for _, d := range p.Dues() {
		if d.Kind == DueAppoint {
			t.Errorf("appointment still due after the decision: %+v", d)
		}
	}
}

func TestHolidays(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-01-01": true, "2026-01-19": true, "2026-02-16": true, "2026-05-25": true,
		"2026-06-19": true, "2020-06-19": false, "2026-07-03": true, "2026-07-04": false /* a Saturday: observed the Friday */, "2026-09-07": true,
		"2026-10-12": true, "2026-11-11": true, "2026-11-26": true, "2026-11-27": false, "2026-12-25": true,
		"2027-12-31": true, // New Year's Day 2028 is a Saturday
		"2027-12-24": true, "2027-07-05": true, "2026-03-02": false,
	} {
		if got := IsFederalHoliday(day(s)); got != want {
			t.Errorf("IsFederalHoliday(%s) = %v, want %v", s, got, want)
		}
	}
	if got := BusinessDayOnOrAfter(day("2026-12-25")); got != day("2026-12-28") {
		t.Errorf("after Christmas 2026 (Friday): %s", got)
	}
}
