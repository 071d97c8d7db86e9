package packet

import (
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/internal/pdftest"
	"github.com/reunite/reunite/law"
)

var asOf = pdftest.AsOf

func blank(t testing.TB) []byte {
	t.Helper()
	return pdftest.ReadFile(t, pdftest.BlankPath)
}

var chromium = pdftest.NewShared("chromium", forms.NewChromium)

// printer starts one browser per test process.
func printer(t testing.TB) *forms.Chromium { return chromium.Get(t) }

func TestMain(m *testing.M) { pdftest.Main(m, chromium) }

// load reads a case file and assesses it on asOf.
func load(t testing.TB, path string) (*reunite.Family, *law.Assessment) {
	t.Helper()
	f := pdftest.LoadCase(t, path)
	return f, law.Assess(f, asOf)
}
