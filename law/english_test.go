package law_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
)

// caseFiles reads every case file of the contract's examples and the
// benchmark.
func caseFiles(t *testing.T) map[string]*reunite.Family {
	t.Helper()
	paths, _ := filepath.Glob("../testdata/cases/*.json")
	more, _ := filepath.Glob("../testdata/bench/*.json")
	examples, _ := filepath.Glob("../examples/*.json")
	out := map[string]*reunite.Family{}
	for _, p := range append(append(paths, more...), examples...) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The examples' own keys are not part of the format.
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		delete(doc, "expect")
		delete(doc, "why")
		raw, _ = json.Marshal(doc)
		if fam, err := casefile.Decode(raw); err == nil {
			out[filepath.Base(p)] = fam
		}
	}
	if len(out) < 150 {
		t.Fatalf("only %d case files read", len(out))
	}
	return out
}

// written is an assessment as reunite check --json --explain writes it.
func written(t testing.TB, a *law.Assessment) string {
	t.Helper()
	b, err := json.MarshalIndent(a, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkEnglishPaths: Assess writes its English messages from compiled
// templates; AssessIn with the English catalog read from its file writes
// them through msgfmt. Both must write the same assessment, every message
// of every check included.
func checkEnglishPaths(t testing.TB, fam *reunite.Family, asOf reunite.Date, a *law.Assessment) {
	t.Helper()
	en, err := law.Catalog("en")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := written(t, a), written(t, law.AssessIn(fam, asOf, en)); got != want {
		t.Fatalf("Assess and AssessIn(en) differ:\n%s\n----\n%s", got, want)
	}
}

// TestCompiledEnglishAgreesWithCatalog runs checkEnglishPaths over every
// case file on several days (before, around and after the deadlines).
func TestCompiledEnglishAgreesWithCatalog(t *testing.T) {
	for name, fam := range caseFiles(t) {
		for _, asOf := range []reunite.Date{reunite.NewDate(2024, 2, 29), reunite.NewDate(2026, 11, 23), reunite.NewDate(2031, 1, 1)} {
			t.Run(name+"/"+asOf.String(), func(t *testing.T) {
				checkEnglishPaths(t, fam, asOf, law.Assess(fam, asOf))
			})
		}
	}
}

// TestMessagesSayWhatTheRulesSaw: messages are written when read, yet they
// say what the family was when it was assessed: changing the family
// afterwards (a caller editing the record it assessed) changes no message.
func TestMessagesSayWhatTheRulesSaw(t *testing.T) {
	for name, fam := range caseFiles(t) {
		asOf := reunite.NewDate(2026, 11, 23)
		a := law.Assess(fam, asOf)
		before := written(t, a)
		fam.Principal.StatusDate = reunite.NewDate(2001, 1, 1)
		fam.Principal.Status = reunite.Refugee
		fam.FilingDate = reunite.NewDate(2002, 2, 2)
		for i := range fam.Members {
			m := &fam.Members[i]
			m.Name.Given, m.Name.Family = "Changed", "Changed"
			m.BirthDate = reunite.BornOn(reunite.NewDate(1999, 9, 9))
			m.MaritalStatus = reunite.Widowed
			if m.Marriage != nil {
				m.Marriage.Date, m.Marriage.Form = reunite.NewDate(1998, 8, 8), reunite.CustomaryMarriage
			}
			if m.Child != nil {
				m.Child.AdoptionDate, m.Child.ParentMarriageDate = reunite.NewDate(1997, 7, 7), reunite.NewDate(1996, 6, 6)
			}
		}
		if after := written(t, a); after != before {
			t.Errorf("%s: the messages changed with the family after the assessment", name)
		}
	}
}

// TestConcurrentReads: an assessment is read by several goroutines at
// once (a page and its JSON), each writing the messages it shows; run
// under -race, none may write what another reads.
func TestConcurrentReads(t *testing.T) {
	fams := caseFiles(t)
	fam := fams["family-of-six.json"]
	if fam == nil {
		t.Fatal("no family of six")
	}
	a := law.Assess(fam, reunite.NewDate(2026, 11, 23))
	want := written(t, a)
	got := make(chan string, 8)
	for range 8 {
		go func() { got <- written(t, a) }()
	}
	for range 8 {
		if s := <-got; s != want {
			t.Fatal("a concurrent read wrote another assessment")
		}
	}
}
