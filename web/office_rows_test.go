package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
)

// officeRowsTemplate is the loop of templates/office.html that
// officeRowsHTML replaced, kept as the definition of the rows' bytes.
const officeRowsTemplate = `{{range .Lines}}
  <tr class="{{.Class}}">
    <th scope="row"><a href="/families/{{.ID}}">{{if .Label}}<bdi>{{.Label}}</bdi>{{else}}{{$.L.T "office.no_name"}}{{end}}</a></th>
    <td>{{if .HasDeadline}}{{.Date}}<br>{{if .Late}}<strong>{{.Left}}</strong>{{else}}{{.Left}}{{end}}{{else}}{{$.L.T "date.unknown"}}{{end}}</td>
    <td>{{if .Review}}<span class="badge review">{{.Review}}</span> {{end}}{{.Eligible}}{{if .Ineligible}}, {{.Ineligible}}{{end}}</td>
  </tr>
  {{end}}`

// TestOfficeRowsAsTemplate writes rows with every text field awkward in
// turn, in every combination of the flags, in every language (the two
// words of the catalog), both ways: the bytes are the same.
func TestOfficeRowsAsTemplate(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := template.Must(template.New("rows").Parse(officeRowsTemplate))
	var lines []officeLine
	for i, s := range awkward {
		other := awkward[(i+5)%len(awkward)]
		// The counts are the catalog's HTML: awkward bytes pass as they are.
		h, o := template.HTML(s), template.HTML(other)
		lines = append(lines,
			officeLine{ID: s, Label: other, Class: s, HasDeadline: i%2 == 0, Late: i%3 == 0, Date: other, Left: h, Review: o, Eligible: h, Ineligible: o},
			officeLine{ID: other, Label: s, Class: other, HasDeadline: i%2 == 1, Late: i%3 != 0, Date: s, Left: o, Review: h, Eligible: o, Ineligible: h})
	}
	if len(langs) < 2 {
		t.Fatalf("%d languages loaded", len(langs))
	}
	for _, l := range langs {
		words := officeWords{NoName: l.T("office.no_name"), NoDate: l.T("date.unknown")}
		for _, n := range []int{0, 1, len(lines)} {
			var want strings.Builder
			if err := tmpl.Execute(&want, struct {
				L     *i18n.Lang
				Lines []officeLine
			}{l, lines[:n]}); err != nil {
				t.Fatal(err)
			}
			if got := string(officeRowsHTML(lines[:n], words)); got != want.String() {
				t.Errorf("%s, %d rows:\n got %q\nwant %q", l.Code, n, got, want.String())
			}
		}
	}
}
