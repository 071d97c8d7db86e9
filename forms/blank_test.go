package forms

import (
	"context"
	"maps"
	"sync"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

// TestFillsShareTheBlankSafely fills two different petitions many times at
// once from the one cached blank: each filled form reads back exactly as
// the same petition filled alone, so no fill sees another's values (run
// with -race to also catch a write to the shared blank).
func TestFillsShareTheBlankSafely(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	var values []Values
	for _, path := range []string{"testdata/refugee-child-in-us-late.json", "../../shared/spec/examples/001-asylee-spouse-and-child.json"} {
		prep, err := BuildValues(e, petitions(t, pdftest.LoadCase(t, path))[0])
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, prep.Values)
	}
	var want []map[string]string
	for _, v := range values {
		res, err := Fill(context.Background(), blank, v, nil)
		if err != nil {
			t.Fatal(err)
		}
		in, err := Inspect(res.PDF)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, in.Values)
	}
	if maps.Equal(want[0], want[1]) {
		t.Fatal("the two petitions read back the same; the test needs different ones")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for range 3 {
				i := g % 2
				res, err := Fill(context.Background(), blank, values[i], nil)
				if err != nil {
					t.Error(err)
					return
				}
				in, err := Inspect(res.PDF)
				if err != nil {
					t.Error(err)
					return
				}
				for k, w := range want[i] {
					if in.Values[k] != w {
						t.Errorf("petition %d, concurrent fill: %s = %q, alone %q", i, k, in.Values[k], w)
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestFillAppendsToThePlainBlank: a filled form is the plain blank with the
// fill's objects appended, and the blank's bytes are never changed by a
// fill (the cache hands every fill the same prefix).
func TestFillAppendsToThePlainBlank(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	b, err := cachedBase(blank)
	if err != nil {
		t.Fatal(err)
	}
	before := string(b.pdf)
	res, err := Fill(context.Background(), blank, Values{"p1.name.family": "Tesfaye", "start.status": "asylee"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(res.PDF[:len(b.pdf)]) != before || string(b.pdf) != before {
		t.Fatal("the fill changed the plain blank instead of appending to it")
	}
	if n := len(res.PDF) - len(b.pdf); n > 16<<10 {
		t.Errorf("one name and one box appended %d bytes; want a small update", n)
	}
}
