package casefile

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestDecodeStoredAsDecode: for every case file of the repository and the
// contract's examples (without the examples' own keys), as the store keeps it (Encode of what Decode read),
// DecodeStored gives the family Decode gives.
func TestDecodeStoredAsDecode(t *testing.T) {
	n := 0
	for name, data := range caseFiles(t) {
		fam, err := Decode(stripExpect(t, data))
		if err != nil {
			continue // a file made to be refused: the store never keeps it
		}
		kept, err := Encode(fam)
		if err != nil {
			t.Fatalf("%s: Encode: %v", name, err)
		}
		sameStored(t, kept)
		n++
	}
	if n < 100 {
		t.Fatalf("only %d case files were read", n)
	}
}

// sameStored fails unless DecodeStored reads kept (a file Encode wrote) to
// the family Decode reads.
func sameStored(t *testing.T, kept []byte) {
	t.Helper()
	want, err := Decode(kept)
	if err != nil {
		t.Fatalf("Decode refuses what Encode wrote: %v\n%s", err, kept)
	}
	got, err := DecodeStored(kept)
	if err != nil {
		t.Fatalf("DecodeStored: %v\n%s", err, kept)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeStored and Decode read different families\nDecodeStored: %+v\nDecode:       %+v\n%s", got, want, kept)
	}
}

// TestDecodeStoredRefusesAsDecode: what does not read as a case file of
// this format gets Decode's error, which names the problem.
func TestDecodeStoredRefusesAsDecode(t *testing.T) {
	for _, data := range []string{
		``,
		`not json`,
		`{"format":"reunite.case/v0","principal":{},"family":[]}`,
		`{"principal":{},"family":[]}`,
		`{"format":"reunite.case/v1","principal":{"status_date":"2024-13-01"},"family":[]}`,
		`[1, 2]`,
	} {
		_, want := Decode([]byte(data))
		_, got := DecodeStored([]byte(data))
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Errorf("%q: DecodeStored: %v; Decode: %v", data, got, want)
		}
	}
}

// BenchmarkDecodeStored reads the family of six of BenchmarkDecode as the
// store keeps it.
func BenchmarkDecodeStored(b *testing.B) {
	data, err := os.ReadFile("testdata/bench-case.json")
	if err != nil {
		b.Fatal(err)
	}
	fam, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	kept, err := Encode(fam)
	if err != nil {
		b.Fatal(err)
	}
	if !strings.HasPrefix(string(kept), "{") {
		b.Fatal("not a case file")
	}
	b.SetBytes(int64(len(kept)))
	b.ReportAllocs()
	for b.Loop() {
		DecodeStored(kept)
	}
}
