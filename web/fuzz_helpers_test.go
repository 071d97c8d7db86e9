package web

import (
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/i18n"
)

func loadLangs(t testing.TB) map[string]*i18n.Lang {
	t.Helper()
	l, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkCaseFile fails unless the family survives the contract's writer and
// strict reader, as the store requires of every version.
func checkCaseFile(t *testing.T, f *reunite.Family) {
	t.Helper()
	data, err := casefile.Encode(f)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if _, err := casefile.Decode(data); err != nil {
		t.Fatalf("the intake made a case file the reader refuses: %v\n%s", err, data)
	}
}
