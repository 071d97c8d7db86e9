// Package catalogtest checks translated message catalogs against their
// English source, for the tests of every package that keeps one (law,
// report, packet): a translation must have every key, no other, and in each
// text the same {placeholders}, so that no language silently loses a
// sentence or a name.
package catalogtest

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reunite/reunite/internal/msgfmt"
)

// Grammar names the values a renderer gives with every person's name so
// that a translation can choose its words on them ({sex, select, F {…}
// M {…} other {…}}), which English does not need: a translation may use
// them where the English has none.
var Grammar = map[string]bool{"sex": true}

// Placeholders returns the set of {placeholders} a template uses, written
// with their braces: plain values and the values a select, plural or
// "k of N" is made on (internal/msgfmt).
func Placeholders(s string) map[string]bool {
	out := map[string]bool{}
	for _, name := range msgfmt.Args(s) {
		out["{"+name+"}"] = true
	}
	return out
}

// Compare reports as test errors every way the translation tr of the
// catalog en falls short: a key missing or extra, an empty text, a
// placeholder lost or added, a template that is not well formed. statusKey, when not empty,
// is the one key a translation must have that English must not: it says
// who still has to review the translation. name is used in messages
// (such as "ar.json").
func Compare(t testing.TB, name string, en, tr map[string]string, statusKey string) {
	t.Helper()
	if statusKey != "" {
		if _, ok := en[statusKey]; ok {
			t.Errorf("the English catalog has %q; English is the source", statusKey)
		}
		if s, ok := tr[statusKey]; !ok || strings.TrimSpace(s) == "" {
			t.Errorf("%s has no %q saying who must review it", name, statusKey)
		}
	}
	for _, k := range sortedKeys(en) {
		if _, ok := tr[k]; !ok {
			t.Errorf("%s: missing key %q", name, k)
		}
	}
	for _, k := range sortedKeys(tr) {
		if statusKey != "" && k == statusKey {
			continue
		}
		src, ok := en[k]
		text := tr[k]
		if !ok {
			t.Errorf("%s: key %q is not in the English catalog", name, k)
			continue
		}
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s: %q is empty", name, k)
		}
		want, got := Placeholders(src), Placeholders(text)
		for _, p := range sortedKeys(want) {
			if !got[p] {
				t.Errorf("%s: %q lacks placeholder %s", name, k, p)
			}
		}
		for _, p := range sortedKeys(got) {
			if !want[p] && !Grammar[strings.Trim(p, "{}")] {
				t.Errorf("%s: %q has placeholder %s, which the English lacks", name, k, p)
			}
		}
		if err := msgfmt.Check(text); err != nil {
			t.Errorf("%s: %q: %v", name, k, err)
		}
	}
}

// KeyOrder returns the keys of a flat JSON object of strings in file order,
// failing on a duplicate key (which json.Unmarshal would silently resolve to
// the last value) or on a file that is not UTF-8.
func KeyOrder(t testing.TB, name string, data []byte) []string {
	t.Helper()
	if !utf8.Valid(data) {
		t.Fatalf("%s is not valid UTF-8", name)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%s: not a JSON object (%v)", name, err)
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		k := tok.(string)
		if seen[k] {
			t.Errorf("%s: duplicate key %q", name, k)
		}
		seen[k] = true
		keys = append(keys, k)
		var v string
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: value of %q: %v", name, k, err)
		}
	}
	return keys
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
