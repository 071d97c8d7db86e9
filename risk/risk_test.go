package risk

import (
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

func day(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func approx(s string) Approx {
	a, err := ParseApprox(s)
	if err != nil {
		panic(err)
	}
	return a
}

func TestParseApprox(t *testing.T) {
	for _, c := range []struct{ in, first, last string }{
		{"2025-03-14", "2025-03-14", "2025-03-14"},
		{"2025-03", "2025-03-01", "2025-03-31"},
		{"2024", "2024-01-01", "2024-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
	} {
		a, err := ParseApprox(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if a.String() != c.in || a.First().String() != c.first || a.Last().String() != c.last {
			t.Errorf("%s: %s [%s, %s], want [%s, %s]", c.in, a, a.First(), a.Last(), c.first, c.last)
		}
	}
	for _, in := range []string{"", "2025-13", "March 2025", "2025-02-30", "25", "2025/03"} {
		_, err := ParseApprox(in)
		if err == nil || !strings.Contains(err.Error(), "expected YYYY-MM-DD") {
			t.Errorf("%q: %v, want an error naming the expected form", in, err)
		}
	}
}

func TestEntryValidate(t *testing.T) {
	ok := []Entry{
		{Kind: Location, When: approx("2025-03"), Country: "IR", Place: "Mashhad"},
		{Kind: Status, When: approx("2025-04-01"), Status: Visa, Expires: day("2026-04-01")},
		{Kind: Custody, When: approx("2025"), Custodian: "an aunt"},
		{Kind: Medical, When: approx("2025-05-02"), Note: "insulin"},
		{Kind: Contact, When: approx("2025-06-01")},
	}
	for _, e := range ok {
		if errs := e.Validate(); errs != nil {
			t.Errorf("%+v: %v", e, errs)
		}
	}
	for _, c := range []struct {
		e     Entry
		field string
	}{
		{Entry{Kind: "moved", When: approx("2025")}, "kind:"},
		{Entry{Kind: Contact}, "when:"},
		{Entry{Kind: Location, When: approx("2025")}, "country:"},
		{Entry{Kind: Location, When: approx("2025"), Country: "Iran"}, "country:"},
		{Entry{Kind: Status, When: approx("2025"), Status: "tourist"}, "status:"},
		{Entry{Kind: Status, When: approx("2025-05-01"), Status: Visa, Expires: day("2025-04-01")}, "expires:"},
		{Entry{Kind: Status, When: approx("2025"), Status: NoStatus, Expires: day("2026-01-01")}, "expires:"},
		{Entry{Kind: Custody, When: approx("2025")}, "custodian:"},
		{Entry{Kind: Medical, When: approx("2025")}, "note:"},
		{Entry{Kind: Contact, When: approx("2025"), Note: strings.Repeat("x", MaxText+1)}, "note:"},
	} {
		errs := c.e.Validate()
		if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.field) {
			t.Errorf("%+v: %v, want an error on %s", c.e, errs, c.field)
		}
	}
}

func TestIncidentValidate(t *testing.T) {
	good := Incident{When: approx("2026-02"), Kind: Detention, Description: "held two days at a checkpoint", Severity: Severe,
		Sources: []Source{{DocumentID: "d1"}, {Title: "Country report", Publisher: "UNHCR", Link: "https://example.org/r"}}}
	if errs := good.Validate(); errs != nil {
		t.Fatal(errs)
	}
	if got := good.Documents(); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("documents %v", got)
	}
	for _, c := range []struct {
		in    Incident
		field string
	}{
		{Incident{Kind: Threat, Description: "x", Severity: 1}, "when:"},
		{Incident{When: approx("2026"), Kind: "robbery", Description: "x", Severity: 1}, "kind:"},
		{Incident{When: approx("2026"), Kind: Threat, Description: " ", Severity: 1}, "description:"},
		{Incident{When: approx("2026"), Kind: Threat, Description: "x", Severity: 5}, "severity:"},
		{Incident{When: approx("2026"), Kind: Threat, Description: "x", Severity: 1, Sources: []Source{{}}}, "sources[0]:"},
		{Incident{When: approx("2026"), Kind: Threat, Description: "x", Severity: 1, Sources: []Source{{DocumentID: "d", Title: "t"}}}, "sources[0]:"},
		{Incident{When: approx("2026"), Kind: Threat, Description: "x", Severity: 1, Sources: []Source{{Title: "t", Link: "javascript:alert(1)"}}}, "sources[0].link:"},
	} {
		errs := c.in.Validate()
		if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.field) {
			t.Errorf("%+v: %v, want an error on %s", c.in, errs, c.field)
		}
	}
}

func TestWarnings(t *testing.T) {
	r := Rules{ContactDays: 30, ExpiryDays: 60}
	es := []Entry{
		{Kind: Contact, When: approx("2026-01-10")},
		{Kind: Contact, When: approx("2026-01")}, // approximate: counts from 1 January, but the later exact day wins
		{Kind: Status, When: approx("2025-06-01"), Status: Visa, Expires: day("2026-03-20")},
	}
	w := Warnings(es, day("2026-02-09"), r)
	if len(w) != 1 || w[0].Kind != StatusExpiring || w[0].Days != 39 {
		t.Errorf("on day 30 after the contact: %+v, want only the expiry in 39 days", w)
	}
	w = Warnings(es, day("2026-02-10"), r)
	if len(w) != 2 || w[0].Kind != NotHeardFrom || w[0].Days != 31 || w[0].Day != day("2026-01-10") {
		t.Errorf("on day 31: %+v, want not heard from for 31 days", w)
	}
	w = Warnings(es, day("2026-03-21"), r)
	if w[1].Kind != StatusExpired || w[1].Days != 1 {
		t.Errorf("after the expiry: %+v", w)
	}
	// A later status without expiry replaces the visa.
	es = append(es, Entry{Kind: Status, When: approx("2026-02-01"), Status: RefugeeRegistration})
	if w := Warnings(es, day("2026-03-21"), r); len(w) != 1 || w[0].Kind != NotHeardFrom {
		t.Errorf("with a registration since: %+v", w)
	}
	if w := Warnings(nil, day("2026-03-21"), r); len(w) != 1 || w[0].Kind != NoContactYet {
		t.Errorf("nothing recorded: %+v", w)
	}
	// Configurable: a shorter period warns earlier.
	if w := Warnings(es, day("2026-01-20"), Rules{ContactDays: 7}); len(w) != 1 || w[0].Kind != NotHeardFrom {
		t.Errorf("7 days: %+v", w)
	}
}

func TestDues(t *testing.T) {
	es := []Entry{{Kind: Contact, When: approx("2026-01-10")}, {Kind: Status, When: approx("2025"), Status: Visa, Expires: day("2026-03-20")}}
	h := []Change{{Low, day("2025-12-01")}, {High, day("2026-01-15")}, {Critical, day("2026-02-01")}}
	got := Dues(es, h, DefaultRules)
	want := []Due{{DueContact, day("2026-02-10")}, {DueStatus, day("2026-03-20")}, {DueUrgent, day("2026-01-15")}}
	if !slices.Equal(got, want) {
		t.Errorf("dues %v, want %v", got, want)
	}
	// The first day a warning shows is the contact due.
	if w := Warnings(es[:1], got[0].Date, DefaultRules); len(w) != 1 || w[0].Kind != NotHeardFrom {
		t.Errorf("on the due day: %+v", w)
	}
	if w := Warnings(es[:1], got[0].Date.AddDays(-1), DefaultRules); len(w) != 0 {
		t.Errorf("the day before: %+v", w)
	}
	// Lowered: no urgent item.
	h = append(h, Change{Moderate, day("2026-02-20")})
	for _, d := range Dues(es, h, DefaultRules) {
		if d.Kind == DueUrgent {
			t.Errorf("lowered to moderate, still %v", d)
		}
	}
}

func TestNextSteps(t *testing.T) {
	log := []Incident{
		{When: approx("2026-01"), Kind: Threat, Description: "a", Severity: Minor, Sources: []Source{{DocumentID: "d"}}},
		{When: approx("2026-02-01"), Kind: Displacement, Description: "b", Severity: Severe},
	}
	steps := NextSteps(High, nil, log, []Warning{{Kind: NotHeardFrom}})
	var kinds []StepKind
	for _, s := range steps {
		kinds = append(kinds, s.Kind)
	}
	if !slices.Equal(kinds, []StepKind{StepTellTeam, StepExpedite, StepNewEvidence, StepContact}) {
		t.Fatalf("steps %v", kinds)
	}
	if !slices.Equal(steps[1].Incidents, []int{1}) || !slices.Equal(steps[1].Criteria, []string{Humanitarian}) {
		t.Errorf("expedite step %+v", steps[1])
	}
	if !slices.Equal(steps[2].Incidents, []int{1}) {
		t.Errorf("new evidence for the incident without a source: %+v", steps[2])
	}
	if s := NextSteps(Moderate, nil, log[:1], nil); len(s) != 0 {
		t.Errorf("moderate, sourced, nothing to warn: %+v", s)
	}
	if !Raised("", Low) || !Raised(Moderate, High) || Raised(High, High) || Raised(Critical, Low) {
		t.Error("Raised")
	}
}

func TestExpediteCriteriaAreSourced(t *testing.T) {
	x := Expedite
	if x.Source == "" || !strings.HasPrefix(x.Link, "https://www.uscis.gov/") || x.Effective.IsZero() || x.Checked.Before(x.Effective) {
		t.Errorf("the criteria need a USCIS source, a link and dates: %+v", x)
	}
	if _, ok := x.Find(Humanitarian); !ok {
		t.Error("no humanitarian criterion")
	}
	if len(x.Criteria) != 5 {
		t.Errorf("USCIS lists five criteria, the table has %d", len(x.Criteria))
	}
}
