package forms

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
)

// asOf is the fixed day the tests assess families on.
var asOf = reunite.NewDate(2026, 11, 23)

// loadCase reads a case file from testdata (or the shared spec examples)
// through the strict reader, which also proves the optional form facts are
// part of the format.
func loadCase(t testing.TB, path string) *reunite.Family {
	t.Helper()
	data := needFile(t, path)
	// The spec's examples carry "expect" and "why" keys that are not part
	// of the format; a reader strips them before use.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "expect")
	delete(raw, "why")
	data, _ = json.Marshal(raw)
	f, err := casefile.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// petitions returns the petitions the law engine would prepare.
func petitions(t testing.TB, f *reunite.Family) []Petition {
	t.Helper()
	a := law.Assess(f, asOf)
	var out []Petition
	for i, p := range a.Petitions {
		if p.Sequence == nil {
			continue
		}
		out = append(out, Petition{Family: f, Member: &f.Members[i], Sequence: *p.Sequence,
			Late: a.Deadline.Late != nil && *a.Deadline.Late, On: a.FilingDate})
	}
	return out
}

func caseFiles(t testing.TB) []string {
	m, err := filepath.Glob("testdata/*.json")
	if err != nil || len(m) == 0 {
		t.Fatal("no case files in testdata")
	}
	return m
}
