package web

import (
	"bytes"
	"html/template"
	"os"
	"testing"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// TestOfficeContentAsTemplate writes office pages both ways, the content
// in Go (office_content.go) and by the template it replaced
// (testdata/office-before), and finds the same bytes: awkward values in
// every field (the search, the filter and order, the notice and its
// title, the page links), with and without rows, pages, a search's
// posted pager or links, stale notices, in every language.
func TestOfficeContentAsTemplate(t *testing.T) {
	e := newEnv(t)
	before, err := template.New("layout.html").Funcs(templateFuncs()).
		ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err == nil {
		before, err = before.ParseFS(os.DirFS("testdata/office-before"), "office.html")
	}
	if err != nil {
		t.Fatal(err)
	}
	now := e.app.pages["office"]
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	rows := officePage{}.Lines
	for i, s := range awkward {
		rows = append(rows, officeLine{ID: s, Label: awkward[(i+3)%len(awkward)], Class: "late", HasDeadline: i%2 == 0, Late: i%3 == 0,
			Date: s, Left: "<b>3</b>", Review: template.HTML(s), Eligible: "1"})
	}
	filters := []string{"", "review", "soon", "late"}
	sorts := []string{"", "urgent", "deadline", "name", "updated"}
	for i, s := range awkward {
		other := awkward[(i+5)%len(awkward)]
		for _, code := range i18n.Codes {
			p := officePage{base: base{L: langs[code], Langs: e.app.langList, SignedIn: true, Role: store.RoleCaseworker, Here: s,
				Title: "office.title", chrome: e.app.chrome},
				Query: []string{s, ""}[i%2], Filter: []string{filters[i%4], s}[i/8%2], Sort: []string{sorts[i%5], other}[i/4%2],
				Notice: []string{"", s, other}[i%3], NoticeTitle: other, Stale: i % 4,
				Total: 10 * i, Shown: 3 * i, Page: 1 + i%4, Pages: i % 5, Prev: []string{"", s}[i/2%2], Next: []string{other, ""}[i/3%2]}
			if i%6 != 5 {
				p.Lines = rows[:1+i%len(rows)]
				p.RowsHTML = officeRowsHTML(p.Lines, officeWords{NoName: "none", NoDate: s})
			}
			var want bytes.Buffer
			if err := before.ExecuteTemplate(&want, "layout.html", p); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := executePage(&got, now, p); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%q, %s: the page changed:\n%s", s, code, firstDifference(got.String(), want.String()))
			}
		}
	}
}
