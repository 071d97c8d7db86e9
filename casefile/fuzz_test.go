package casefile

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// FuzzDecode: no input panics; every rejected input gets an error that
// names a field (or says the file is not JSON); every accepted input
// encodes and decodes back to the same family, by Decode and by
// DecodeStored.
func FuzzDecode(f *testing.F) {
	for _, b := range caseFiles(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"format":"reunite.case/v1","principal":{},"family":[]}`))
	f.Add([]byte(`{"format":"reunite.case/v1","principal":{"status_date":"2024-02-29"},"family":[{"id":"a","child":{"custody_years":2}}]}`))
	f.Add([]byte("\"\x8a\"0")) // a whole file that is not UTF-8: no field to name
	f.Fuzz(func(t *testing.T, data []byte) {
		fam, err := Decode(data)
		if err != nil {
			var ve *reunite.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("error is not a ValidationError with fields: %v", err)
			}
			for _, fe := range ve.Fields {
				// A problem of the whole file (not JSON, not UTF-8, not a
				// case file) has no field to name.
				if fe.Path == "" && !strings.HasPrefix(fe.Problem, "not JSON") && !strings.HasPrefix(fe.Problem, "a case file is") &&
					!strings.HasPrefix(fe.Problem, "is not valid UTF-8") {
					t.Fatalf("a problem names no field: %q", fe.Problem)
				}
			}
			return
		}
		out, err := Encode(fam)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("the encoded file does not decode: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(fam, again) {
			t.Fatalf("round trip changed the family\n%s", out)
		}
		sameStored(t, out) // as the store would keep it and read it back
		out2, _ := Encode(again)
		if !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable")
		}
	})
}
