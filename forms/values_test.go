package forms

import (
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/pdftest"
)

// TestPart6StatementUnknown: for a relative who signs Part 6 but whose
// English is unknown and who has no interpreter, neither box of item 1 is
// checked and item 1.b's language stays blank for a person (never "N/A").
func TestPart6StatementUnknown(t *testing.T) {
	f := pdftest.LoadCase(t, "testdata/refugee-child-in-us-late.json")
	f.Filing.Interpreter = nil
	for i := range f.Members {
		if l := f.Members[i].Languages; l != nil {
			l.FluentEnglish = nil
		}
	}
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	p := petitions(t, f)[0]
	prep, err := BuildValues(e, p)
	if err != nil {
		t.Fatal(err)
	}
	if !prep.Part6 {
		t.Fatal("the son in the United States should sign Part 6")
	}
	for _, k := range []string{"p6.statement", "p6.language"} {
		if v, ok := prep.Values[k]; ok {
			t.Errorf("%s = %q, want blank", k, v)
		}
	}
	noted := false
	for _, n := range prep.Notes {
		if n.Key == "p6.statement" && !n.Inferred {
			noted = true
		}
	}
	if !noted {
		t.Errorf("no note asks a person to answer Part 6 item 1: %+v", prep.Notes)
	}
}

// TestPreparerExtendsUnknown: an attorney preparer whose representation
// may or may not extend beyond the petition leaves both boxes of Part 8
// item 7.b empty, and a note asks a person to check one.
func TestPreparerExtendsUnknown(t *testing.T) {
	f := pdftest.LoadCase(t, "testdata/refugee-child-in-us-late.json")
	f.Filing.Preparer.ExtendsBeyond = nil
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	prep, err := BuildValues(e, petitions(t, f)[0])
	if err != nil {
		t.Fatal(err)
	}
	if prep.Values["p8.attorney"] != "yes" {
		t.Fatalf("p8.attorney = %q, want yes", prep.Values["p8.attorney"])
	}
	if v, ok := prep.Values["p8.extends"]; ok {
		t.Errorf("p8.extends = %q, want no box", v)
	}
	noted := false
	for _, n := range prep.Notes {
		if n.Key == "p8.extends" && !n.Inferred && n.Page == 11 && n.Item == "7.b" {
			noted = true
		}
	}
	if !noted {
		t.Errorf("no note asks a person to answer Part 8 item 7.b: %+v", prep.Notes)
	}
}

// TestEntriesNewestFirst: item 27 holds the most recent entry and item 30
// its I-94, whatever the order of the case file; the oldest of three goes
// to the additional-information sheet.
func TestEntriesNewestFirst(t *testing.T) {
	f := pdftest.LoadCase(t, "testdata/refugee-child-in-us-late.json")
	var m *reunite.Member
	for i := range f.Members {
		if f.Members[i].Location == reunite.InsideUS {
			m = &f.Members[i]
		}
	}
	if m == nil {
		t.Fatal("the test family has no relative in the United States")
	}
	m.Entries = []reunite.Entry{
		{Date: reunite.NewDate(2015, 1, 5), I94: "11111111111"},
		{Date: reunite.NewDate(2024, 8, 20), I94: "33333333333"},
		{Date: reunite.NewDate(2019, 4, 2), I94: "22222222222"},
	}
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	var prep *Prepared
	for _, p := range petitions(t, f) {
		if p.Member == m {
			if prep, err = BuildValues(e, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	if prep == nil {
		t.Fatal("no petition for the relative in the United States")
	}
	if got := prep.Values["p2.entry1.i94"]; got != "33333333333" {
		t.Errorf("item 30 (current I-94) = %q, want the newest entry's 33333333333", got)
	}
	if got := prep.Values["p2.entry1.date"]; got != "08/20/2024" {
		t.Errorf("item 27 = %q, want 08/20/2024", got)
	}
	if got := prep.Values["p2.entry2.i94"]; got != "22222222222" {
		t.Errorf("second entry's I-94 = %q, want 22222222222", got)
	}
}
