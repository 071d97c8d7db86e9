package forms

import (
	"path/filepath"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/pdftest"
	"github.com/reunite/reunite/law"
)

// petitions returns the petitions the law engine would prepare.
func petitions(t testing.TB, f *reunite.Family) []Petition {
	t.Helper()
	a := law.Assess(f, pdftest.AsOf)
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
