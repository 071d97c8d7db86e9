package web

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// TestIntakeStateWrittenDown: for every case file, the state written down
// with its version (by the function New gives the store) is what working
// it out gives, staff or not, in every language; a version with an answer
// "I don't know" writes nothing down; a state of another edition is not
// used. And a dashboard is the same page whether its state was written
// down or worked out.
func TestIntakeStateWrittenDown(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t).withOffices()
	ctx := context.Background()
	fams := caseFamilies(t)
	unk := sampleFamily("Okonkwo", "Ada")
	unk.Principal.AsylumFiled = reunite.Date{}
	unk.SetUnknownAnswer(reunite.FactRef{Member: "principal", Fact: "asylum_filed"}, true)
	fams["unknowns"] = unk
	kept, resumed := 0, 0
	for name, f := range fams {
		rec, err := e.st.CreateFamily(ctx, e.east.worker, f)
		if err != nil {
			continue // a case file the store refuses (the contract's bad examples)
		}
		read, err := e.st.Family(ctx, e.east.worker, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if read.IntakeState != rec.IntakeState {
			t.Errorf("%s: written %q, read back %q", name, rec.IntakeState, read.IntakeState)
		}
		for _, staff := range []bool{false, true} {
			wantResume, wantMissing, unknowns := answerState(langs["en"], f, staff, rec.ID)
			resume, missing, ok := keptIntakeState(read.IntakeState, read.Family, staff, rec.ID)
			if len(unknowns) > 0 {
				if ok || read.IntakeState != "" {
					t.Errorf("%s: an answer \"I don't know\", and %q was written down", name, read.IntakeState)
				}
				continue
			}
			if !ok {
				t.Errorf("%s, staff %v: nothing written down (%q)", name, staff, read.IntakeState)
				continue
			}
			kept++
			if wantResume != "" {
				resumed++
			}
			if resume != wantResume || missing != wantMissing {
				t.Errorf("%s, staff %v: written down %q, %d; worked out %q, %d", name, staff, resume, missing, wantResume, wantMissing)
			}
			for code, l := range langs {
				if r, m, _ := answerState(l, f, staff, rec.ID); r != resume || m != missing {
					t.Errorf("%s, staff %v, %s: worked out %q, %d; written down (in English) %q, %d", name, staff, code, r, m, resume, missing)
				}
			}
		}
		if k := strings.Replace(read.IntakeState, fmt.Sprintf(`"e":%d`, intakeEdition), fmt.Sprintf(`"e":%d`, intakeEdition-1), 1); k != read.IntakeState {
			if _, _, ok := keptIntakeState(k, read.Family, true, rec.ID); ok {
				t.Errorf("%s: a state of the edition before was used", name)
			}
		}
	}
	if kept == 0 || resumed == 0 {
		t.Fatalf("%d states written down, %d with a page to resume: the case files no longer exercise them", kept, resumed)
	}

	// The same family written with and without the function: the same
	// dashboard, for staff and for the principal.
	f := sampleFamily("Tesfaye", "Selam")
	f.Principal.Name.Middle = "" // a question left to answer: a page to resume with
	with, err := e.st.CreateFamily(ctx, e.east.worker, f)
	if err != nil || with.IntakeState == "" {
		t.Fatalf("with the function: %q, %v", with.IntakeState, err)
	}
	e.st.SetIntakeState(nil)
	without, err := e.st.CreateFamily(ctx, e.east.worker, f)
	if err != nil || without.IntakeState != "" {
		t.Fatalf("without the function: %q, %v", without.IntakeState, err)
	}
	staff := e.browser().login(e.east.logins[store.RoleCaseworker])
	for _, lang := range []string{"en", "fa-AF"} {
		staff.lang = lang
		a, b := staff.get("/families/"+with.ID), staff.get("/families/"+without.ID)
		if a.StatusCode != 200 || b.StatusCode != 200 {
			t.Fatalf("%s: dashboards %d and %d", lang, a.StatusCode, b.StatusCode)
		}
		if !strings.Contains(a.Body, intakePrefix(with.ID)) {
			t.Errorf("%s: the dashboard written down names no intake page to resume with", lang)
		}
		if x, y := strings.ReplaceAll(a.Body, with.ID, "ID"), strings.ReplaceAll(b.Body, without.ID, "ID"); x != y {
			t.Errorf("%s: the dashboard differs with the state written down:\n%s", lang, firstDifference(x, y))
		}
	}
}

// TestAnswerStateOfTakesWrittenDown: the dashboard takes the state written
// down with the version over working it out, except through shares (the
// family is cut down to them) and under another edition.
func TestAnswerStateOfTakesWrittenDown(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l, s := langs["en"], &Server{}
	f := sampleFamily("Tesfaye", "Selam")
	wantResume, wantMissing, _ := answerState(l, f, true, "fam")
	text := fmt.Sprintf(`{"e":%d,"staff":{"missing":%d,"resume":2},"client":{"missing":3}}`, intakeEdition, wantMissing+7)
	rec := func(text string, shared *store.Reach) *store.FamilyRecord {
		return &store.FamilyRecord{ID: "fam", Version: 1, Family: cloneFamily(f), IntakeState: text, Shared: shared}
	}
	if r, m, u := s.answerStateOf(l, rec(text, nil), true); r != "/families/fam/intake/status" || m != wantMissing+7 || u != nil {
		t.Errorf("staff: %q, %d, %v; want the state written down", r, m, u)
	}
	if r, m, _ := s.answerStateOf(l, rec(text, nil), false); r != "" || m != 3 {
		t.Errorf("the principal: %q, %d; want the state written down", r, m)
	}
	old := strings.Replace(text, fmt.Sprintf(`"e":%d`, intakeEdition), `"e":0`, 1)
	if r, m, _ := s.answerStateOf(l, rec(old, nil), true); r != wantResume || m != wantMissing {
		t.Errorf("another edition: %q, %d; want worked out %q, %d", r, m, wantResume, wantMissing)
	}
	beyond := strings.Replace(text, `"resume":2`, `"resume":999`, 1)
	if r, m, _ := s.answerStateOf(l, rec(beyond, nil), true); r != wantResume || m != wantMissing {
		t.Errorf("a step the family does not have: %q, %d; want worked out %q, %d", r, m, wantResume, wantMissing)
	}
	if r, m, _ := s.answerStateOf(l, rec(text, &store.Reach{Members: []string{f.Members[0].ID}}), true); m == wantMissing+7 {
		t.Errorf("through shares: %q, %d, the state written down for the whole family", r, m)
	}
}

// intakeEditionFile holds, for the edition it names, the intake's questions
// and state for every case file of testdata/cases.
const intakeEditionFile = "testdata/intake-edition.txt"

// TestIntakeEdition: the states written down are those of intakeEdition;
// if the questions change (a question added, taken away, required or not,
// moved), states written down before would be wrong, so the edition must
// be raised. The test writes out, for every case file, staff or not, a
// digest of each step's questions (name, kind, required) and the state,
// and compares it
// with intakeEditionFile: a difference under the same edition fails. Once
// the edition is raised, REUNITE_WRITE_INTAKE_EDITION=1 writes the file
// again. It sees only what the case files exercise.
func TestIntakeEdition(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := langs["en"]
	fams := caseFamilies(t)
	names := make([]string, 0, len(fams))
	for name := range fams {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	fmt.Fprintf(&b, "edition %d\n", intakeEdition)
	for _, name := range names {
		for _, staff := range []bool{false, true} {
			// The questions, step by step, as a digest: the file stays
			// small, and any change to them changes it.
			f := cloneFamily(fams[name])
			h := sha256.New()
			for _, st := range steps(f) {
				fmt.Fprintf(h, "%s\n", st.Path(""))
				for _, q := range questionsFor(l, f, st, staff) {
					if q.Kind != "" {
						fmt.Fprintf(h, "%s %s %v\n", q.Name, q.Kind, q.Required)
					}
				}
			}
			resume, missing, unknowns := answerState(l, fams[name], staff, "")
			fmt.Fprintf(&b, "%s staff=%v questions %x resume %q missing %d unknown %d\n", name, staff, h.Sum(nil)[:8],
				strings.TrimPrefix(resume, intakePrefix("")), missing, len(unknowns))
		}
	}
	got := b.String()
	want, err := os.ReadFile(filepath.FromSlash(intakeEditionFile))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if got == string(want) {
		return
	}
	edition, _, _ := strings.Cut(string(want), "\n")
	switch {
	case edition == fmt.Sprintf("edition %d", intakeEdition):
		t.Errorf("the intake's questions or states changed under edition %d: raise intakeEdition (web/intake_state.go), "+
			"then write %s again with REUNITE_WRITE_INTAKE_EDITION=1:\n%s", intakeEdition, intakeEditionFile, firstDifference(got, string(want)))
	case os.Getenv("REUNITE_WRITE_INTAKE_EDITION") == "":
		t.Errorf("%s is of %q, the program of edition %d: write it again with REUNITE_WRITE_INTAKE_EDITION=1", intakeEditionFile, edition, intakeEdition)
	default:
		if err := os.WriteFile(filepath.FromSlash(intakeEditionFile), []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s for edition %d", intakeEditionFile, intakeEdition)
	}
}

// BenchmarkWriteIntakeState is the work the server adds to storing a
// version of the family of six: its intake's state, for staff and for the
// principal, each on its own copy of the family.
//
//	go test ./web -run '^$' -bench WriteIntakeState -benchmem
func BenchmarkWriteIntakeState(b *testing.B) {
	langs, err := i18n.Load()
	if err != nil {
		b.Fatal(err)
	}
	write := writeIntakeState(langs["en"])
	f := sampleFamily("Tesfaye", "Selam")
	if write(f) == "" {
		b.Fatal("nothing written down")
	}
	for b.Loop() {
		write(f)
	}
}
