package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// framedPage is a page written in Go with a fixed content, to compare its
// prepared frame with its layout executed.
type framedPage struct {
	base
	content string
}

func (p framedPage) contentSize() int          { return len(p.content) }
func (p framedPage) writeContent(w htmlWriter) { w.WriteString(p.content) }

// TestFrameAsTemplate: the layout of the pages written in Go (dashboard,
// office view), prepared once (frame.go), is the layout executed for each
// page, byte for byte: in every language, signed out and in every role,
// with awkward family ids and paths; and a second page of the same kind
// reuses the first one's frame.
func TestFrameAsTemplate(t *testing.T) {
	pages, list, c := testChrome(t)
	const content = "<p>the content</p>"
	values := append(awkward, "/families/fabc", "fq6ztxb2mgd3yk7hw", familyPlaceholder+herePlaceholder)
	for _, name := range []string{"dashboard", "office"} {
		tmpl := pages[name]
		for _, l := range list {
			for _, role := range append([]store.Role{""}, chromeRoles...) {
				for _, v := range values {
					b := base{L: l, Langs: list, SignedIn: role != "", Role: role, FamilyID: v, Here: v, Title: "dash.title", chrome: c}
					var want bytes.Buffer
					if err := tmpl.ExecuteTemplate(&want, "layout.html", framedPage{b, content}); err != nil {
						t.Fatal(err)
					}
					w := strings.Replace(want.String(), contentMark, content, 1)
					var got bytes.Buffer
					if err := executePage(&got, tmpl, framedPage{b, content}); err != nil {
						t.Fatal(err)
					}
					if got.String() != w {
						t.Fatalf("%s in %s as %q on %q:\n got %q\nwant %q", name, l.Code, role, v, got.String(), w)
					}
				}
				k := frameKey{t: tmpl, lang: l.Code, role: role, signedIn: role != "", title: "dash.title"}
				if f, ok := c.frames.Load(k); !ok || f.(*frame) == nil {
					t.Errorf("%s in %s as %q: no frame prepared (%v)", name, l.Code, role, ok)
				}
			}
		}
	}
}
