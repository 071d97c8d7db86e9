package law_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
)

// FuzzAssess: any valid case file on any day is assessed without a panic,
// and the assessment keeps the contract's invariants.
func FuzzAssess(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/cases/*.json")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b, int64(0))
		}
	}
	f.Add([]byte(`{"format":"reunite.case/v1","principal":{"status":"citizen","asylum_filed":"2020-01-01"},"family":[{"id":"a","relationship":"child","birth_date":"2000-02-29","marital_status":"divorced","child":{"kind":"adopted"}}]}`), int64(400))
	f.Fuzz(func(t *testing.T, data []byte, dayOffset int64) {
		fam, err := casefile.Decode(data)
		if err != nil {
			return
		}
		asOf := reunite.NewDate(2026, 11, 23).AddDays(int(dayOffset % 20000))
		a := law.Assess(fam, asOf)
		checkInvariants(t, fam, a)
	})
}

func checkInvariants(t *testing.T, fam *reunite.Family, a *law.Assessment) {
	t.Helper()
	if len(a.Petitions) != len(fam.Members) {
		t.Fatalf("%d petitions for %d members", len(a.Petitions), len(fam.Members))
	}
	petitionerFail := false
	for _, f := range a.Petitioner.Findings {
		if f.Outcome == law.Fail && strings.HasPrefix(string(f.Code), "PETITIONER_") {
			petitionerFail = true
		}
	}
	if a.Petitioner.CanFile == petitionerFail {
		t.Fatalf("can_file = %v with petitioner findings %+v", a.Petitioner.CanFile, a.Petitioner.Findings)
	}
	if (a.Deadline.FileBy == nil) != fam.Principal.StatusDate.IsZero() || (a.Deadline.Late == nil) != (a.Deadline.FileBy == nil) {
		t.Fatalf("deadline %+v with status_date %q", a.Deadline, fam.Principal.StatusDate)
	}
	n, k := 0, 0
	for _, p := range a.Petitions {
		if p.Verdict != law.Ineligible {
			n++
		}
	}
	for i, p := range a.Petitions {
		if p.Member != fam.Members[i].ID {
			t.Fatalf("petition %d is for %q, not %q", i, p.Member, fam.Members[i].ID)
		}
		want := law.Eligible
		for _, f := range p.Findings {
			if f.Outcome == law.Pass {
				t.Fatalf("a passed rule is listed among findings: %+v", f)
			}
			if f.Message == "" || f.Cite == "" || strings.Contains(f.Message, "{") {
				t.Fatalf("finding without message or cite, or with a blank placeholder: %+v", f)
			}
			if f.Code == law.MissingFact && f.Fact == "" {
				t.Fatalf("MISSING_FACT names no fact: %+v", f)
			}
			if f.Outcome == law.Fail {
				want = law.Ineligible
			} else if f.Outcome == law.Review && want != law.Ineligible {
				want = law.NeedsReview
			}
		}
		if !a.Petitioner.CanFile {
			want = law.Ineligible
		}
		if p.Verdict != want {
			t.Fatalf("%s: verdict %s, findings say %s", p.Member, p.Verdict, want)
		}
		if p.Verdict == law.Ineligible {
			if p.Sequence != nil {
				t.Fatalf("%s: ineligible with sequence %s", p.Member, *p.Sequence)
			}
			continue
		}
		k++
		if p.Sequence == nil || *p.Sequence != fmt.Sprintf("%d of %d", k, n) {
			t.Fatalf("%s: sequence %v, want %d of %d", p.Member, p.Sequence, k, n)
		}
	}
}

// BenchmarkAssessFamilyOfSix measures the engine on the contract's family of
// six (a spouse, three children of whom one aged out and one married, a
// stepchild and a parent).
func BenchmarkAssessFamilyOfSix(b *testing.B) {
	raw, err := os.ReadFile("../testdata/bench/family-of-six.json")
	if err != nil {
		b.Fatal(err)
	}
	fam, err := casefile.Decode(raw)
	if err != nil {
		b.Fatal(err)
	}
	asOf := reunite.NewDate(2026, 11, 23)
	b.ReportAllocs()
	for b.Loop() {
		law.Assess(fam, asOf)
	}
}

// BenchmarkDecodeAndAssess adds reading the case file, as reunite check does.
func BenchmarkDecodeAndAssess(b *testing.B) {
	raw, err := os.ReadFile("../testdata/bench/family-of-six.json")
	if err != nil {
		b.Fatal(err)
	}
	asOf := reunite.NewDate(2026, 11, 23)
	b.ReportAllocs()
	for b.Loop() {
		fam, err := casefile.Decode(raw)
		if err != nil {
			b.Fatal(err)
		}
		law.Assess(fam, asOf)
	}
}
