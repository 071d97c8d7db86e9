package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

func family() *reunite.Family {
	no := reunite.Bool(false)
	return &reunite.Family{
		Principal: reunite.Principal{Name: reunite.Name{Given: "Selam", Family: "Tesfaye"}, Status: reunite.Asylee,
			Sex: reunite.Female, AsylumFiled: reunite.NewDate(2023, 8, 14), StatusDate: reunite.NewDate(2024, 10, 14)},
		Members: []reunite.Member{
			{ID: "h", Relationship: reunite.Spouse, Name: reunite.Name{Given: "Dawit", Family: "Haile"},
				MaritalStatus: reunite.Married, Persecutor: no,
				Marriage: &reunite.Marriage{Date: reunite.NewDate(2010, 1, 1), Form: reunite.CivilMarriage}},
			{ID: "m", Relationship: reunite.Parent, Name: reunite.Name{Given: "Tsehay"}, Persecutor: no},
		},
	}
}

func TestTextReport(t *testing.T) {
	// 2026-10-14 is a Wednesday; the deadline has passed on 2026-11-26.
	a := law.Assess(family(), reunite.NewDate(2026, 11, 26))
	var b bytes.Buffer
	Text(&b, family(), a, Options{})
	out := b.String()
	for _, want := range []string{
		"Form I-730 assessment for the family of Selam Tesfaye, as of 2026-11-26",
		"Filing deadline: 2026-10-14 (passed: filing on 2026-11-26 is 43 day(s) late)",
		"Relatives: 2 listed, 1 petition(s) to prepare",
		"1. Dawit Haile (spouse)                      REVIEW       petition 1 of 1",
		"[review] FILING_LATE:",
		"(8 CFR 208.21(c), (d))",
		"2. Tsehay (parent)                           NOT ELIGIBLE no petition",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestWeekendAndExplain(t *testing.T) {
	f := family()
	f.Principal.StatusDate = reunite.NewDate(2025, 6, 12) // 2027-06-12 is a Saturday
	a := law.Assess(f, reunite.NewDate(2026, 11, 26))
	var b bytes.Buffer
	Text(&b, f, a, Options{Explain: true})
	out := b.String()
	for _, want := range []string{", a Saturday: it is not moved", "[ok]     MARRIAGE_AFTER_STATUS", "[note]   DEADLINE_ON_WEEKEND", "About you (the petitioner):"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestPadCountsCharactersNotBytes(t *testing.T) {
	if got := pad("مؤهل", 6); got != "مؤهل  " {
		t.Errorf("pad = %q", got)
	}
	if got := pad("toolong", 3); got != "toolong" {
		t.Errorf("pad cut the text: %q", got)
	}
}

func TestWrap(t *testing.T) {
	lines := wrap("one two three four five six seven eight nine ten eleven twelve", 20)
	for _, l := range lines {
		if len(l) > 20 {
			t.Errorf("line %q longer than 20", l)
		}
	}
	if strings.Join(lines, " ") != "one two three four five six seven eight nine ten eleven twelve" {
		t.Errorf("wrap lost words: %q", lines)
	}
}
