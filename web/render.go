package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reunite/reunite"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/internal/msgfmt"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

// noticeArgs is what the "notice" template receives: the page's language,
// the notice, and the level of its heading.
type noticeArgs struct {
	Code  string
	N     policy.Shown
	Level int
}

// tlArgs is a timeline to write (writeTimeline): the page's language, the
// drawing, a prefix for its element ids and its accessible title.
type tlArgs struct {
	L         *i18n.Lang
	T         timeline
	ID, Title string
}

//go:embed templates/*.html templates/partials/*.html
var templateFiles embed.FS

// parseTemplates parses each page with the layout, once at start-up, so a
// broken template stops the server instead of one page.
func parseTemplates() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	funcs := templateFuncs()
	out := map[string]*template.Template{}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html", n)
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return out, nil
}

// templateFuncs are the functions the pages' templates call; the tests
// that hold Go-written parts to their old templates execute those with
// the same functions.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"add":    func(a, b int) int { return a + b },
		"sub":    func(a, b int) int { return a - b },
		"months": func() []int { return []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} },
		"list":   func(s ...string) []string { return s },
		"fld":    func(l *i18n.Lang, f field) fieldView { return fieldView{L: l, F: f} },
		"day":    func(t time.Time) reunite.Date { return reunite.DateOf(t.UTC()) },
		// isolated shows a text with bidi isolates (a law message, a label
		// T filled in) with <bdi> elements instead of the invisible controls.
		"isolated": func(s string) template.HTML { return template.HTML(msgfmt.IsolatesToHTML(s)) },
		// Policy notices bring their own words (policy/labels.json).
		"pl": func(lang, key string, kv ...any) string {
			pairs := make([]string, len(kv))
			for i, v := range kv {
				pairs[i] = fmt.Sprint(v)
			}
			return policy.Label(lang, key, pairs...)
		},
		"noticeArgs": func(lang string, n policy.Shown, level int) noticeArgs { return noticeArgs{lang, n, level} },
		"join":       strings.Join,
		// The documents page (documents.go).
		"docArgs":      func(p docsPage, docs []docView) docListArgs { return docListArgs{P: p, Docs: docs} },
		"firstMissing": firstMissing,
	}
}

// base is what every page's template receives besides its own data.
type base struct {
	L     *i18n.Lang
	Langs []*i18n.Lang
	// Signed in: the user's role, and the family of a client.
	SignedIn bool
	Role     store.Role
	FamilyID string
	// Here is the page's path, for the language switcher to come back to.
	Here string
	// Title is the catalog key of the page's title.
	Title string
	// chrome is the layout's parts prepared at start-up (chrome.go).
	chrome *chrome
}

// base fills the common part of a page for a request.
func (s *Server) base(r *http.Request, title string) base {
	b := base{L: s.lang(r), Langs: s.langList, Here: r.URL.Path, Title: title, chrome: s.chrome}
	if a, ok := actorFrom(r.Context()); ok {
		b.SignedIn, b.Role, b.FamilyID = true, a.Role(), a.FamilyID()
	}
	return b
}

// render writes a page. The page is rendered to a buffer first, so that a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.serverError(w, r, errNoTemplate(name))
		return
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	buf.Reset()
	if err := executePage(buf, t, data); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The entries of reads gathered for one entry (familyShow) are logged
	// before the page is sent. With --durable-reads, reads whose audit
	// entries were deferred are shown only once those entries are
	// committed; they were committing meanwhile.
	if err := s.st.LogGathered(r.Context()); err != nil {
		s.storeError(w, r, err)
		return
	}
	if err := store.AwaitReadAudit(r.Context()); err != nil {
		s.storeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The length known, the page goes out in one piece instead of chunks:
	// fewer writes for the server and less parsing for the browser.
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writtenContent is a page whose content is written in Go (the
// dashboard, dashboard_content.go; the office view, office_content.go):
// its "content" template is only contentMark, where executePage writes it.
type writtenContent interface {
	contentSize() int // about its bytes
	writeContent(htmlWriter)
	page() base // what its layout shows (frame.go)
}

// page is the part of a page its layout shows.
func (b base) page() base { return b }

// contentMark stands for a page's content written in Go. No value shown
// on a page can hold it: it starts with '<', which html/template escapes
// in every value that is not HTML already.
const contentMark = "<reunite-content/>"

// executePage writes the page of data into buf with the layout of t. The
// content of a writtenContent is written straight into buf in the place
// its template marked, inside its layout prepared once (frame.go), or
// else executed apart, around the mark: a few kilobytes to copy, where
// the content is tens.
func executePage(buf *bytes.Buffer, t *template.Template, data any) error {
	wc, ok := data.(writtenContent)
	if !ok {
		return t.ExecuteTemplate(buf, "layout.html", data)
	}
	if b := wc.page(); b.L != nil {
		if f := frameOf(t, b); f != nil { // frame.go
			buf.Grow(f.top.size() + wc.contentSize() + f.end.size())
			f.write(buf, f.top, b)
			wc.writeContent(buf)
			f.write(buf, f.end, b)
			return nil
		}
	}
	outer := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(outer)
	outer.Reset()
	if err := t.ExecuteTemplate(outer, "layout.html", data); err != nil {
		return err
	}
	top, end, found := bytes.Cut(outer.Bytes(), []byte(contentMark))
	if !found { // a template that writes the content itself (the tests' old dashboard)
		buf.Write(outer.Bytes())
		return nil
	}
	if bytes.Contains(end, []byte(contentMark)) {
		return fmt.Errorf("web: the page %q holds %d marks of its content", t.Name(), bytes.Count(outer.Bytes(), []byte(contentMark)))
	}
	buf.Grow(len(top) + wc.contentSize() + len(end))
	buf.Write(top)
	wc.writeContent(buf)
	buf.Write(end)
	return nil
}

// pageBuffers are the buffers pages are rendered into, used again: a page
// is tens of kilobytes, which a new buffer reached by doubling, copying
// and clearing memory on every request.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer keeps a buffer for another page, unless an unusually long
// page made it too large to keep around.
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		pageBuffers.Put(b)
	}
}

type errNoTemplate string

func (e errNoTemplate) Error() string { return "web: no template " + string(e) }

// fieldView is what the "field" template receives: a question and the
// language to write its fixed words in.
type fieldView struct {
	L *i18n.Lang
	F field
}
