package forms

import (
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

var chromium = pdftest.NewShared("chromium", NewChromium)

// sharedChromium starts one browser per test process.
func sharedChromium(t testing.TB) *Chromium { return chromium.Get(t) }

func TestMain(m *testing.M) { pdftest.Main(m, chromium) }
