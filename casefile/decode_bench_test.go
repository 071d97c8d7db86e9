package casefile

import (
	"os"
	"testing"
)

// BenchmarkDecode reads a family of six (testdata/cases/089 without its
// expect and why fields): the import decodes every file once with this
// reader.
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("testdata/bench-case.json")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Decode(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(data)
	}
}
