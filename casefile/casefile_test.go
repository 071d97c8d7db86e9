package casefile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

func problems(t *testing.T, doc string) []string {
	t.Helper()
	_, err := Decode([]byte(doc))
	var ve *reunite.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Decode(%s) error = %v, want a ValidationError", doc, err)
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Error())
	}
	return out
}

func TestDecodeReportsEveryBadFieldByPath(t *testing.T) {
	doc := `{"format":"reunite.case/v1",
	"principal":{"statsu":"asylee","status_date":"2023-02-29","sex":"Q","a_number":"12","nationality":"Eritrea"},
	"family":[
	  {"id":"a","relationship":"spouse","marriage":{"date":1,"form":"civil"}},
	  {"id":"b","relationship":"child","birth_date":"2004-13-01","child":{"kind":"adopted","custody_years":1.5,"adoption_date":"2010-01-01"},"persecutor":"no"},
	  {"relationship":"cousin"}
	]}`
	got := problems(t, doc)
	want := []string{
		`principal.statsu: unknown key (did you mean "status"?)`,
		`principal.status_date: "2023-02-29" is not a date (February 2023 has no day 29)`,
		`principal.sex: "Q" is not one of "F", "M", "X"`,
		`principal.a_number: "12" is not an A-Number: 7 to 9 digits, with or without a leading A`,
		`principal.nationality: "Eritrea" is not a country code (expected ISO 3166-1 alpha-2, such as "ER" or "AF")`,
		`family[0].marriage.date: expected a date written "YYYY-MM-DD", found a number`,
		`family[1].birth_date: "2004-13-01" is not a date (no month 13)`,
		`family[1].child.custody_years: expected a whole number, found 1.5`,
		`family[1].persecutor: expected true or false, found a string`,
		`family[2].relationship: "cousin" is not one of "spouse", "child", "parent", "sibling", "other"`,
		`family[2].id: missing (expected a non-empty string, unique in the file)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeStructure(t *testing.T) {
	for doc, want := range map[string]string{
		`[]`:                              `a case file is a JSON object, not a list`,
		`{"format":"reunite.case/v1"`:     `not JSON: the file ends in the middle of a value`,
		`{"format":"reunite.case/v1"} {}`: `not JSON: more than one value`,
		`{"family":[],"principal":{}}`:    `format: missing (expected "reunite.case/v1")`,
		`{"format":"reunite.case/v2","principal":{},"family":[]}`:                                                                 `format: "reunite.case/v2" is not a format Reunite reads`,
		`{"format":"reunite.case/v1","family":[]}`:                                                                                `principal: missing (expected an object)`,
		`{"format":"reunite.case/v1","principal":{}}`:                                                                             `family: missing (expected a list`,
		`{"format":"reunite.case/v1","principal":{},"family":{}}`:                                                                 `family: expected a list, found an object`,
		`{"format":"reunite.case/v1","principal":{},"family":[],"family":[]}`:                                                     `family: written twice; keep one`,
		`{"format":"reunite.case/v1","principal":{},"family":[{"id":""}]}`:                                                        `family[0].id: missing`,
		`{"format":"reunite.case/v1","principal":{},"family":[{"id":"x"},{"id":"x"}]}`:                                            `family[1].id: "x" is already the id of family[0]`,
		`{"format":"reunite.case/v1","principal":{},"family":[{"id":"x","marriage":{"date":"2020-01-01","ended":"2019-01-01"}}]}`: `family[0].marriage.ended: 2019-01-01 is before the marriage date 2020-01-01`,
		`{"format":"reunite.case/v1","principal":{"asylum_filed":"2024-01-01","status_date":"2023-01-01"},"family":[]}`:           `principal.status_date: 2023-01-01 is before principal.asylum_filed`,
	} {
		got := strings.Join(problems(t, doc), "\n")
		if !strings.Contains(got, want) {
			t.Errorf("Decode(%s):\n%s\nwant it to say %q", doc, got, want)
		}
	}
}

func TestNullIsUnknown(t *testing.T) {
	f, err := Decode([]byte(`{"format":"reunite.case/v1","principal":{"status":null,"status_date":null,"address":null},
	"family":[{"id":"a","persecutor":null,"child":null,"marriage":{"ended":null}}],"filing_date":null}`))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Members[0]
	if f.Principal.Status != "" || !f.Principal.StatusDate.IsZero() || f.Principal.Address != nil ||
		m.Persecutor != nil || m.Child != nil || !m.Marriage.Ended.IsZero() || !f.FilingDate.IsZero() {
		t.Errorf("null did not decode as unknown: %+v", f)
	}
}

// Every file the project and the contract hold decodes, encodes, and
// decodes again to the same family; and encoding is stable.
func TestRoundTrip(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../testdata/cases/*.json", "../../shared/spec/examples/*.json"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("SKIPPED: no case files found")
	}
	for _, file := range files {
		raw, _ := os.ReadFile(file)
		f1, err := Decode(stripExpect(t, raw))
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		out1, err := Encode(f1)
		if err != nil {
			t.Fatal(err)
		}
		f2, err := Decode(out1)
		if err != nil {
			t.Errorf("%s: the encoded file does not decode: %v\n%s", file, err, out1)
			continue
		}
		if !reflect.DeepEqual(f1, f2) {
			t.Errorf("%s: round trip changed the family", file)
		}
		out2, _ := Encode(f2)
		if !bytes.Equal(out1, out2) {
			t.Errorf("%s: encoding is not stable", file)
		}
	}
}

func TestEncodeCanonicalOrder(t *testing.T) {
	f := &reunite.Family{
		Principal: reunite.Principal{Status: reunite.Asylee, Name: reunite.Name{Given: "Selam", Family: "Tesfaye"}},
		Members:   nil,
	}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "format": "reunite.case/v1",
  "principal": {
    "name": {
      "family": "Tesfaye",
      "given": "Selam"
    },
    "status": "asylee"
  },
  "family": []
}
`
	if string(out) != want {
		t.Errorf("Encode =\n%s\nwant\n%s", out, want)
	}
}

func stripExpect(t *testing.T, raw []byte) []byte {
	t.Helper()
	// The examples' own keys are not part of the format.
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "expect")
	delete(doc, "why")
	out, _ := json.Marshal(doc)
	return out
}

// A-Numbers are read with the separators people write them with; I-94
// numbers must have the shape of one.
func TestNumberShapes(t *testing.T) {
	for _, tc := range []struct {
		field, value string
		ok           bool
	}{
		{"a_number", "A-012-345-678", true},
		{"a_number", "A012345678", true},
		{"a_number", "A 012 345 678", true},
		{"a_number", "012345678", true},
		{"a_number", "A-0123-45678-9", false},
		{"a_number", "A--012345678", false},
		{"i94", "12345678901", true},
		{"i94", "123456789A1", true},
		{"i94", "1234567890", false},
		{"i94", "12345678A01", false},
	} {
		var doc string
		if tc.field == "i94" {
			doc = `{"format":"reunite.case/v1","principal":{},"family":[{"id":"a","entries":[{"i94":"` + tc.value + `"}]}]}`
		} else {
			doc = `{"format":"reunite.case/v1","principal":{"a_number":"` + tc.value + `"},"family":[]}`
		}
		_, err := Decode([]byte(doc))
		if (err == nil) != tc.ok {
			t.Errorf("%s %q: error %v, want ok=%v", tc.field, tc.value, err, tc.ok)
		}
	}
}
