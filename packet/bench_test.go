package packet

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFamilyOfSix builds the whole packet of a family with six
// relatives (five petitions, Tigrinya item 22, translations), sharing one
// Chromium as a long-running server would.
func BenchmarkFamilyOfSix(b *testing.B) {
	f, a := load(b, "testdata/family-of-six.json")
	opt := Options{Blank: blank(b), Printer: printer(b), Now: fixedNow}
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "p", string(rune('a'+i%26))+string(rune('a'+i/26)))
		if _, err := Build(context.Background(), f, a, out, opt); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
}
