package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

func family() *reunite.Family {
	no := reunite.Bool(false)
	return &reunite.Family{
		Principal: reunite.Principal{Status: reunite.Asylee, Sex: reunite.Female, StatusDate: reunite.NewDate(2025, 6, 10)},
		Members: []reunite.Member{
			{ID: "son", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Natan", Family: "Haile"},
				BirthDate: reunite.BornOn(reunite.NewDate(2006, 3, 1)), MaritalStatus: reunite.Single,
				Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: reunite.Bool(true)}, Persecutor: no},
		},
	}
}

// unfold reads an iCalendar file back into logical lines.
func unfold(t *testing.T, data string) []string {
	t.Helper()
	if !strings.HasSuffix(data, "\r\n") {
		t.Fatal("the file does not end with CRLF")
	}
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("folding split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

func TestCalendarHoldsTheDeadlineAndUnknownAgeCutoff(t *testing.T) {
	fam := family()
	a := law.Assess(fam, reunite.NewDate(2026, 11, 26))
	events := Events(fam, a, Options{Key: "family-1"})
	if len(events) != 2 {
		t.Fatalf("%d events: %+v", len(events), events)
	}
	var buf bytes.Buffer
	if err := Write(&buf, events, time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	lines := unfold(t, buf.String())
	text := strings.Join(lines, "\n")
	for _, want := range []string{
		"BEGIN:VCALENDAR", "VERSION:2.0",
		"DTSTART;VALUE=DATE:20270301", // the son turns 21; asylum_filed is unknown
		"DTEND;VALUE=DATE:20270302",
		"DTSTART;VALUE=DATE:20270610", // the last day to file
		"SUMMARY:Form I-730: last day to file (1 petition(s))",
		"SUMMARY:Form I-730: relative 1 turns 21",
		"TRIGGER:-P60D", "TRIGGER:-P1D",
		"DTSTAMP:20261126T100000Z",
		"END:VCALENDAR",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("calendar lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Natan") || strings.Contains(text, "Haile") {
		t.Error("a name is in the calendar without WithNames")
	}
	if strings.Index(text, "20270301") > strings.Index(text, "20270610") {
		t.Error("events are not in date order")
	}
	if strings.Count(text, "BEGIN:VEVENT") != 2 || strings.Count(text, "BEGIN:VALARM") != 8 {
		t.Errorf("events or alarms miscounted:\n%s", text)
	}
}

func TestCalendarNamesOnlyWhenAsked(t *testing.T) {
	fam := family()
	a := law.Assess(fam, reunite.NewDate(2026, 11, 26))
	var buf bytes.Buffer
	Write(&buf, Events(fam, a, Options{WithNames: true, RemindDays: []int{3}}), time.Now())
	text := strings.Join(unfold(t, buf.String()), "\n")
	if !strings.Contains(text, "SUMMARY:Form I-730: Natan Haile turns 21") || strings.Count(text, "TRIGGER:") != 2 {
		t.Errorf("calendar:\n%s", text)
	}
}

func TestCalendarLeavesOutPassedDeadlines(t *testing.T) {
	fam := family()
	a := law.Assess(fam, reunite.NewDate(2027, 6, 11))
	if ev := Events(fam, a, Options{}); len(ev) != 0 {
		t.Errorf("events after the deadline: %+v", ev)
	}
}

func TestUIDsAreStableAndOpaque(t *testing.T) {
	if uid("k", "file_by", "2027-06-10") != uid("k", "file_by", "2027-06-10") {
		t.Error("UID changes between runs")
	}
	if uid("k", "file_by", "x") == uid("j", "file_by", "x") {
		t.Error("UIDs of two families collide")
	}
}

func TestFoldingAndEscaping(t *testing.T) {
	var buf bytes.Buffer
	long := strings.Repeat("ዓዲ ቐይሕ, ዞባ; ደቡብ\\ ", 12)
	Write(&buf, []Event{{UID: "x", Day: reunite.NewDate(2027, 1, 1), Summary: long, Detail: "a\nb"}}, time.Now())
	lines := unfold(t, buf.String())
	var summary, detail string
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
			summary = v
		}
		if v, ok := strings.CutPrefix(l, "DESCRIPTION:"); ok {
			detail = v
		}
	}
	if summary != escape(long) || !strings.Contains(summary, `\;`) || !strings.Contains(summary, `\,`) || !strings.Contains(summary, `\\`) {
		t.Errorf("summary did not survive folding: %q", summary)
	}
	if detail != `a\nb` {
		t.Errorf("description = %q", detail)
	}
}

// A child known only by the year of birth gets the earliest day the child
// may turn 21, said as such, never as a birthday.
func TestPartialBirthTurns21(t *testing.T) {
	fam := &reunite.Family{Format: reunite.CaseFormat,
		Principal: reunite.Principal{Status: reunite.Asylee, StatusDate: reunite.NewDate(2025, 9, 16)},
		Members: []reunite.Member{{ID: "kid", Relationship: reunite.ChildOf, BirthDate: reunite.BornIn(2006, 0),
			MaritalStatus: reunite.Single, Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: reunite.Bool(true)}}}}
	a := law.Assess(fam, reunite.NewDate(2026, 11, 23))
	var found bool
	for _, e := range Events(fam, a, Options{}) {
		if strings.Contains(e.Summary, "21") {
			found = true
			if e.Day != reunite.NewDate(2027, 1, 1) || !strings.Contains(e.Summary, "may turn 21 (earliest possible day)") {
				t.Errorf("event %q on %s, want the earliest possible day 2027-01-01 said as such", e.Summary, e.Day)
			}
		}
	}
	if !found {
		t.Error("no turns-21 event for a child born in 2006 whose age-fixing day is unknown")
	}
}
