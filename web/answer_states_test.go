package web

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// TestAnswerStatesKeptPerVersion: what the dashboard says of the intake
// is the same worked out or kept, for every case file, staff or not; a
// new version is worked out again (its answers differ), the old one still
// answers as before; a family read through shares and a version with an
// answer "I don't know" are never kept.
func TestAnswerStatesKeptPerVersion(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := langs["en"]
	s := &Server{}
	record := func(id string, version int, f *reunite.Family) *store.FamilyRecord {
		return &store.FamilyRecord{ID: id, Version: version, Family: cloneFamily(f)}
	}
	for name, f := range caseFamilies(t) {
		for _, staff := range []bool{false, true} {
			wantResume, wantMissing, wantUnknowns := answerState(l, f, staff, name)
			for _, pass := range []string{"first", "kept"} {
				resume, missing, unknowns := s.answerStateOf(l, record(name, 1, f), staff)
				if resume != wantResume || missing != wantMissing || !reflect.DeepEqual(unknowns, wantUnknowns) {
					t.Errorf("%s, staff %v, %s: %q, %d, %v; want %q, %d, %v",
						name, staff, pass, resume, missing, unknowns, wantResume, wantMissing, wantUnknowns)
				}
			}
		}
	}
	if len(s.answers.m) == 0 {
		t.Fatal("nothing kept: the test says nothing of a kept answer")
	}

	// A new version with an answer taken away.
	v1 := sampleFamily("Tesfaye", "Selam")
	_, missing1, _ := s.answerStateOf(l, record("fam", 1, v1), true)
	v2 := cloneFamily(v1)
	v2.Principal.Name.Given = ""
	if _, missing2, _ := s.answerStateOf(l, record("fam", 2, v2), true); missing2 != missing1+1 {
		t.Errorf("version 2, one answer fewer: %d missing, want %d", missing2, missing1+1)
	}
	if _, again, _ := s.answerStateOf(l, record("fam", 1, v1), true); again != missing1 {
		t.Errorf("version 1 again: %d missing, want %d", again, missing1)
	}

	// Through shares: worked out each time, not kept.
	shared := record("shared", 1, v1)
	shared.Shared = &store.Reach{Members: []string{v1.Members[0].ID}}
	s.answerStateOf(l, shared, true)
	// An answer "I don't know": not kept (the question's words may name someone).
	unk := cloneFamily(v1)
	unk.Principal.AsylumFiled = reunite.Date{}
	unk.SetUnknownAnswer(reunite.FactRef{Member: "principal", Fact: "asylum_filed"}, true)
	if _, _, u := s.answerStateOf(l, record("unknown", 1, unk), true); len(u) == 0 {
		t.Fatal("the answer \"I don't know\" is not named")
	}
	if _, _, u := s.answerStateOf(l, record("unknown", 1, unk), true); len(u) == 0 {
		t.Error("the second time, the answer \"I don't know\" is not named")
	}
	for k := range s.answers.m {
		if k.family == "shared" || k.family == "unknown" {
			t.Errorf("kept %+v", k)
		}
	}
}

// TestAnswerStatesBound: the versions kept never exceed maxAnswerStates.
func TestAnswerStatesBound(t *testing.T) {
	var c answerStates
	for i := range maxAnswerStates + 10 {
		c.put(answerKey{family: fmt.Sprint(i), version: 1}, answerFound{missing: i})
		if len(c.m) > maxAnswerStates {
			t.Fatalf("%d kept after %d, want at most %d", len(c.m), i+1, maxAnswerStates)
		}
	}
	if f, ok := c.get(answerKey{family: fmt.Sprint(maxAnswerStates + 9), version: 1}); !ok || f.missing != maxAnswerStates+9 {
		t.Errorf("the last one put: %+v, %v", f, ok)
	}
}
