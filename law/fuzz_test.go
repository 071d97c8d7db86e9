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
	f.Add([]byte(`{"format":"reunite.case/v1","principal":{"status":"asylee","asylum_filed":"2022-07-11","status_date":"2025-09-16"},"family":[{"id":"w","relationship":"spouse","marriage":{"date":"2020-05-16","form":"proxy","consummated":false}},{"id":"s","relationship":"child","birth_date":"2002","marital_status":"single","child":{"kind":"stepchild","parent_member":"w"}},{"id":"k","relationship":"child","birth_date":"2001-07","marital_status":"single","child":{"kind":"biological","born_in_wedlock":true}}]}`), int64(0))
	f.Fuzz(func(t *testing.T, data []byte, dayOffset int64) {
		fam, err := casefile.Decode(data)
		if err != nil {
			return
		}
		asOf := reunite.NewDate(2026, 11, 23).AddDays(int(dayOffset % 20000))
		a := law.Assess(fam, asOf)
		checkInvariants(t, fam, a)
		checkPartialBirths(t, fam, asOf, a)
		checkParentLinks(t, fam, a)
		checkEnglishPaths(t, fam, asOf, a)
	})
}

// checkPartialBirths: a partial birth date's verdict is the full date's
// whenever its first and last days agree, and the full date is asked for
// whenever they do not (contract, "Partial birth dates").
func checkPartialBirths(t *testing.T, fam *reunite.Family, asOf reunite.Date, a *law.Assessment) {
	t.Helper()
	if !a.Petitioner.CanFile {
		return
	}
	for i, m := range fam.Members {
		if !m.BirthDate.Partial() {
			continue
		}
		ends := [2]law.Petition{}
		for j, day := range []reunite.Date{m.BirthDate.First(), m.BirthDate.Last()} {
			full := *fam
			full.Members = append([]reunite.Member(nil), fam.Members...)
			full.Members[i].BirthDate = reunite.BornOn(day)
			ends[j] = law.Assess(&full, asOf).Petitions[i]
		}
		p := a.Petitions[i]
		asked := false
		for _, f := range p.Findings {
			asked = asked || (f.Code == law.MissingFact && f.Fact == fmt.Sprintf("family[%d].birth_date", i))
		}
		agree := ends[0].Verdict == ends[1].Verdict && sameCodes(ends[0], ends[1])
		switch {
		case agree && p.Verdict != ends[0].Verdict:
			t.Fatalf("%s born %s: verdict %s, but both ends give %s", m.ID, m.BirthDate, p.Verdict, ends[0].Verdict)
		case agree && asked:
			t.Fatalf("%s born %s: the ends agree, yet the full date is asked for", m.ID, m.BirthDate)
		case !agree && !asked:
			t.Fatalf("%s born %s: the ends disagree (%s, %s), and the full date is not asked for", m.ID, m.BirthDate, ends[0].Verdict, ends[1].Verdict)
		case !agree && p.Verdict == law.Eligible:
			t.Fatalf("%s born %s: the ends disagree, yet eligible", m.ID, m.BirthDate)
		}
	}
}

// sameCodes compares the findings of two petitions as a set of
// code, outcome and fact.
func sameCodes(a, b law.Petition) bool {
	key := func(p law.Petition) map[string]int {
		out := map[string]int{}
		for _, f := range p.Findings {
			out[string(f.Code)+"/"+string(f.Outcome)+"/"+f.Fact]++
		}
		return out
	}
	ka, kb := key(a), key(b)
	if len(ka) != len(kb) {
		return false
	}
	for k, n := range ka {
		if kb[k] != n {
			return false
		}
	}
	return true
}

// checkParentLinks: linking a stepchild to a spouse never makes an invalid
// marriage count.
func checkParentLinks(t *testing.T, fam *reunite.Family, a *law.Assessment) {
	t.Helper()
	for i, m := range fam.Members {
		if m.Child == nil || m.Child.Kind != reunite.Stepchild || m.Child.ParentMember == "" {
			continue
		}
		sp := fam.Member(m.Child.ParentMember)
		if sp == nil || sp.Marriage == nil {
			continue
		}
		mar := sp.Marriage
		invalid := (mar.ValidWhereCelebrated != nil && !*mar.ValidWhereCelebrated) ||
			(mar.Form == reunite.ProxyMarriage && mar.Consummated != nil && !*mar.Consummated)
		if invalid && a.Petitions[i].Verdict != law.Ineligible {
			t.Fatalf("%s: stepchild of an invalid marriage (%+v) is %s", m.ID, *mar, a.Petitions[i].Verdict)
		}
	}
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
			if f.Message() == "" || f.Cite == "" || strings.Contains(f.Message(), "{") {
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
