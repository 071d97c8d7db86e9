package casefile

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reunite/reunite"
)

const textCase = `{"format":"reunite.case/v1","principal":{"name":{"family":"Tesfaye","given":%s},"status":"asylee",
"status_date":"2025-06-10","asylum_filed":"2023-08-14"},"family":[{"id":"h","relationship":"spouse","name":{"given":"Dawit"},
"other_names":[{"family":%s}],"birth_city":%s}]}`

// textFile is textCase with the principal's given name, the spouse's other
// family name and birth city written in, as raw JSON.
func textFile(given, other, city string) []byte {
	s := textCase
	for _, v := range []string{given, other, city} {
		s = strings.Replace(s, "%s", v, 1)
	}
	return []byte(s)
}

// TestTextRefused: each way a string could be taken in altered or
// unbounded is refused, with the path of the field.
func TestTextRefused(t *testing.T) {
	cases := []struct {
		name, given, other, city string
		path, problem            string
	}{
		{"invalid UTF-8 in a name", "\"Sel\xffam\"", `"Haile"`, `"Asmara"`, "principal.name.given", "not valid UTF-8"},
		{"invalid UTF-8 elsewhere", `"Selam"`, `"Haile"`, "\"Asm\xc3ara\"", "family[0].birth_city", "not valid UTF-8"},
		{"lone surrogate escape", `"Sel\ud800am"`, `"Haile"`, `"Asmara"`, "principal.name.given", "lone surrogate"},
		{"right-to-left override", "\"\u202eSelam\"", `"Haile"`, `"Asmara"`, "principal.name.given", "U+202E"},
		{"isolate in another name", `"Selam"`, "\"Ha\u2067ile\"", `"Asmara"`, "family[0].other_names[0].family", "U+2067"},
		{"a name too long", `"` + strings.Repeat("a", reunite.MaxNameLength+1) + `"`, `"Haile"`, `"Asmara"`, "principal.name.given", "201 characters"},
		{"a text too long", `"Selam"`, `"Haile"`, `"` + strings.Repeat("é", reunite.MaxTextLength+1) + `"`, "family[0].birth_city", "at most 5000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(textFile(tc.given, tc.other, tc.city))
			var ve *reunite.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("accepted (err %v)", err)
			}
			f := ve.Fields[0]
			if f.Path != tc.path || !strings.Contains(f.Problem, tc.problem) {
				t.Errorf("got %s: %s; want %s: ...%s...", f.Path, f.Problem, tc.path, tc.problem)
			}
		})
	}
	// Right-to-left names without controls, a real U+FFFD and an escaped
	// one are text like any other.
	if _, err := Decode(textFile(`"سلام"`, `"\ufffd"`, "\"Asmara \uFFFD\"")); err != nil {
		t.Errorf("plain Arabic name and written U+FFFD refused: %v", err)
	}
}

// TestLargeFileRefused: a file over the size limit is refused before it
// is parsed, saying how large it is and what the limit is.
func TestLargeFileRefused(t *testing.T) {
	data := textFile(`"`+strings.Repeat("a", reunite.MaxCaseFileSize)+`"`, `"Haile"`, `"Asmara"`)
	_, err := Decode(data)
	if err == nil || !strings.Contains(err.Error(), "at most 1048576 bytes") {
		t.Errorf("a %d-byte file: %v", len(data), err)
	}
}

// FuzzCheckText: the text check never panics, and calls no valid UTF-8
// file invalid.
func FuzzCheckText(f *testing.F) {
	f.Add(textFile(`"Selam"`, `"Haile"`, `"Asmara"`))
	f.Add([]byte("{\"a\":[\"\xff\",{\"name\":{\"x\":\"\u202e\"}}]}"))
	f.Add([]byte(`{"a":"\ud800"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		errs := checkText(data)
		if errs != nil && utf8.Valid(data) {
			for _, fe := range errs.Fields {
				if strings.Contains(fe.Problem, "not valid UTF-8") {
					t.Errorf("valid UTF-8 called invalid: %s", fe)
				}
			}
		}
	})
}

// FuzzTextProblemsFirst: the text is checked while the tree is read, yet
// whenever checkText alone finds problems, Decode reports exactly those
// (as when the text was checked in a pass of its own, before the tree).
func FuzzTextProblemsFirst(f *testing.F) {
	f.Add(textFile(`"Selam"`, `"Haile"`, `"Asmara"`))
	f.Add(textFile(`"Se\u202elam"`, `"Haile"`, `"Asmara"`))
	f.Add([]byte("{\"a\":[\"\xff\",{\"name\":{\"x\":\"\u202e\"}}]}"))
	f.Add([]byte(`{"a":"\ud800"`))
	f.Add([]byte(`{"a":"\ud800"} {"b": 1}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\ud800"]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := checkText(data)
		if want == nil {
			return
		}
		_, err := Decode(data)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("Decode: %v\nwant the text's problems: %v", err, want)
		}
	})
}
