package web

import (
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
)

// TestDeclarationFieldsAsTemplate checks, in every language, that a
// declaration's fields made from the marked copy are what the template
// writes for the relative, for plain ids (the copy) and others (the
// template), and that the copy is in use.
func TestDeclarationFieldsAsTemplate(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for code, l := range langs {
		f := formFieldsIn(l)
		if !f.declOK {
			t.Errorf("%s: the marked copy of the declaration's fields is not used", code)
		}
		for _, id := range []string{"son1", "wife", "child-2_B", `a"b<c>`, "x+y", "ünal", "a b"} {
			var want strings.Builder
			if err := formFieldsTmpl.ExecuteTemplate(&want, "declaration_fields", declData{l, id}); err != nil {
				t.Fatal(err)
			}
			d, err := f.declaration(id)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			d.write(&got)
			if got.String() != want.String() {
				t.Errorf("%s, %q: declaration =\n%s\nwant\n%s", code, id, got.String(), want.String())
			}
			if d.size() != got.Len() {
				t.Errorf("%s, %q: size %d, written %d bytes", code, id, d.size(), got.Len())
			}
			if plain := plainID.MatchString(id); plain != (d.parts != nil) {
				t.Errorf("%s, %q: a plain id (%v) must be written from the cut copy (%v)", code, id, plain, d.parts != nil)
			}
			if n := strings.Count(want.String(), id); plainID.MatchString(id) && n != 20 {
				t.Errorf("%s, %q: the id is written %d times, not 20: the test no longer exercises the fields", code, id, n)
			}
		}
	}
}
