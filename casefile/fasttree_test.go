package casefile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// caseFiles are the case files of the repository and of the shared
// contract's examples.
func caseFiles(t testing.TB) map[string][]byte {
	seeds, _ := filepath.Glob("../testdata/cases/*.json")
	ex, _ := filepath.Glob("../../shared/spec/examples/*.json")
	files := map[string][]byte{}
	for _, s := range append(seeds, ex...) {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		files[s] = b
	}
	if len(files) < 100 {
		t.Fatalf("only %d case files found", len(files))
	}
	return files
}

// sameTrees fails unless the fast reader reads data as encoding/json does:
// both read it, to the same tree and the same text problems, or neither.
func sameTrees(t *testing.T, data []byte) {
	t.Helper()
	fast, fastText, ok := fastTree(data)
	slow, slowText, err := jsonTree(data)
	if ok != (err == nil) {
		t.Fatalf("the fast reader read it: %v; encoding/json: %v\n%q", ok, err, data)
	}
	if !ok {
		return
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the trees differ\n%q", data)
	}
	if !reflect.DeepEqual(fastText, slowText) {
		t.Fatalf("the text problems differ: %v, encoding/json %v\n%q", fastText, slowText, data)
	}
}

func TestFastTreeReadsEveryCaseFile(t *testing.T) {
	for name, data := range caseFiles(t) {
		if _, _, ok := fastTree(data); !ok {
			t.Errorf("%s: the fast reader gave up on a case file", name)
		}
		sameTrees(t, data)
	}
}

func TestFastTreeAsEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, ` {"a" : [1, -0.5e+3, true, false, null, "x"] } `, `"\u00e9\ud83d\ude00"`, `"\ud800"`, "\"\xff\"",
		`{"a":1,"a":2}`, `{"name":{"given":"A\u202eB"}}`, `01`, `1.`, `-`, `1e`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `[1 2]`,
		`"a` + "\n" + `b"`, `"\x"`, `"\u12"`, `tru`, `nul`, `{"a":1}x`, `{"a":1} {}`, "\ufeff{}", ``, ` `,
		strings.Repeat("[", 64) + strings.Repeat("]", 64), strings.Repeat("[", 66) + strings.Repeat("]", 66),
		`{"principal":{"name":{"given":"` + strings.Repeat("é", 300) + `"}}}`,
	} {
		sameTrees(t, []byte(in))
	}
}

// FuzzFastTree holds the fast reader to encoding/json's on any input.
func FuzzFastTree(f *testing.F) {
	for _, data := range caseFiles(f) {
		f.Add(data)
	}
	f.Add([]byte(`{"a":[1,"\ud800",{"b":null}],"a":"\u00e9"}`))
	f.Fuzz(func(t *testing.T, data []byte) { sameTrees(t, data) })
}
