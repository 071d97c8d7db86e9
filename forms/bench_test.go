package forms

import (
	"context"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

// BenchmarkFill fills one I-730 (Latin script only) from a case file:
// build the values, fill, write. The blank was made ready by an earlier
// fill, as in a server or a packet of several petitions
// (BenchmarkFillCold measures that first fill).
func BenchmarkFill(b *testing.B) {
	blank := pdftest.ReadFile(b, pdftest.BlankPath)
	f := pdftest.LoadCase(b, "testdata/refugee-child-in-us-late.json")
	e, _ := Current()
	p := petitions(b, f)[0]
	if _, err := Fill(context.Background(), blank, nil, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		prep, err := BuildValues(e, p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Fill(context.Background(), blank, prep.Values, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInspect reads a filled form back.
func BenchmarkInspect(b *testing.B) {
	blank := pdftest.ReadFile(b, pdftest.BlankPath)
	f := pdftest.LoadCase(b, "testdata/refugee-child-in-us-late.json")
	e, _ := Current()
	prep, _ := BuildValues(e, petitions(b, f)[0])
	res, err := Fill(context.Background(), blank, prep.Values, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Inspect(res.PDF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFillCold is a first fill of a blank: decrypt, check and write
// the plain blank once, then fill it.
func BenchmarkFillCold(b *testing.B) {
	blank := pdftest.ReadFile(b, pdftest.BlankPath)
	f := pdftest.LoadCase(b, "testdata/refugee-child-in-us-late.json")
	e, _ := Current()
	prep, err := BuildValues(e, petitions(b, f)[0])
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		forgetBlanks()
		if _, err := Fill(context.Background(), blank, prep.Values, nil); err != nil {
			b.Fatal(err)
		}
	}
}
