package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
)

// needsRowsTemplate is the loop of templates/needs_action.html that
// needsRowsHTML replaced, kept as the definition of the rows' bytes.
const needsRowsTemplate = `{{range .Items}}
  <tr class="{{.Class}}">
    <td><time datetime="{{.DueISO}}">{{.DueText}}</time>{{if .Overdue}}<br><strong>{{$.Words.Overdue}}</strong>{{end}}</td>
    <td>{{.What}}{{if .CheckNotice}}<br><span class="badge review">{{$.Words.CheckNotice}}</span>{{end}}</td>
    <th scope="row"><a href="/families/{{.FamilyID}}{{.Anchor}}">{{.Label}}</a>{{if .MemberID}} <span class="rel">({{.MemberID}})</span>{{end}}</th>
    <td>{{.Caseworker}}</td>
  </tr>
  {{end}}`

func rowsByTemplate(t testing.TB, rows []needsRow, words needsWords) string {
	t.Helper()
	tmpl := template.Must(template.New("rows").Parse(needsRowsTemplate))
	var b strings.Builder
	if err := tmpl.Execute(&b, struct {
		Items []needsRow
		Words needsWords
	}{rows, words}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// awkward are values that every escaper treats differently: markup,
// quotes, '+', NUL, a URL's delimiters and escapes, spaces and controls,
// bidi controls, right-to-left and accented letters, invalid UTF-8.
var awkward = []string{"", "plain", `<b>"O'Neil" & Sons</b>`, "a+b=c", "nul\x00here", "/tasks?x=1&y=2#frag",
	"100% done", "sp ace\ttab\nnl", "\u2067حداد\u2069", "Nguyễn Thị", "bad\xffutf8\xc3", "(paren)[br]{cu}",
	"`back`\\slash|pipe^caret", "javascript:alert(1)", "#after-filing", "\x7f\x01"}

// TestNeedsRowsAsTemplate writes rows with every field awkward in turn, in
// every combination of the flags, both ways: the bytes are the same.
func TestNeedsRowsAsTemplate(t *testing.T) {
	var rows []needsRow
	for i, s := range awkward {
		other := awkward[(i+3)%len(awkward)]
		rows = append(rows,
			needsRow{Class: s, DueISO: other, DueText: s, Overdue: i%2 == 0, What: other, CheckNotice: i%3 == 0,
				FamilyID: s, Anchor: other, Label: s, MemberID: other, Caseworker: s},
			needsRow{Class: other, DueISO: s, DueText: other, Overdue: i%2 == 1, What: s, CheckNotice: i%3 != 0,
				FamilyID: other, Anchor: s, Label: other, MemberID: s, Caseworker: other})
	}
	for _, words := range []needsWords{{Overdue: "Overdue", CheckNotice: "Check the notice"},
		{Overdue: `<i>"late"</i> & +`, CheckNotice: "\u202bراجع الإشعار\u202c"}} {
		for _, n := range []int{0, 1, len(rows)} {
			want := rowsByTemplate(t, rows[:n], words)
			if got := string(needsRowsHTML(rows[:n], words)); got != want {
				t.Errorf("%d rows:\n got %q\nwant %q", n, got, want)
			}
		}
	}
}

// FuzzEscapeAsTemplate: any string is escaped in text, in an attribute, in
// a URL's path, in its fragment and as a whole URL as html/template
// escapes it there.
func FuzzEscapeAsTemplate(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	tmpl := template.Must(template.New("e").Parse(`{{.}}|<i title="{{.}}">|<a href="/p/{{.}}">|<a href="/p#m-{{.}}">|<a href="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		escapeText(&got, s)
		got.WriteString("|<i title=\"")
		escapeText(&got, s)
		got.WriteString("\">|<a href=\"/p/")
		escapeURLPath(&got, s)
		got.WriteString("\">|<a href=\"/p#m-")
		escapeURLQuery(&got, s)
		got.WriteString("\">|<a href=\"")
		escapeURL(&got, s)
		got.WriteString("\">")
		if got.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", s, got.String(), want.String())
		}
	})
}

// needsOptionsTemplate is the filters' loops of templates/needs_action.html
// that staffOptionsHTML and dayOptionsHTML replaced.
const needsOptionsTemplate = `{{range .Staff}}<option value="{{.ID}}"{{if eq .ID $.Assignee}} selected{{end}}>{{.Name}}</option>{{end}}
{{range $d := list "7" "30" "90" "365"}}<option value="{{$d}}"{{if eq $d (printf "%d" $.Days)}} selected{{end}}>{{$.L.T "trk.n_days" "n" $d}}</option>{{end}}`

// TestNeedsOptionsAsTemplate writes the filters' options both ways, in
// every language, for awkward names and ids and every choice: the bytes
// are the same.
func TestNeedsOptionsAsTemplate(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := template.Must(template.New("options").Funcs(template.FuncMap{"list": func(s ...string) []string { return s }}).
		Parse(needsOptionsTemplate))
	var staff []store.StaffMember
	for i, s := range awkward {
		staff = append(staff, store.StaffMember{ID: s, Name: awkward[(i+5)%len(awkward)]})
	}
	for _, code := range i18n.Codes {
		for _, days := range []int{0, 7, 30, 90, 365, 3660} {
			for _, assignee := range []string{"", "nobody", awkward[2], awkward[6]} {
				var want strings.Builder
				if err := tmpl.Execute(&want, struct {
					L        *i18n.Lang
					Staff    []store.StaffMember
					Assignee string
					Days     int
				}{langs[code], staff, assignee, days}); err != nil {
					t.Fatal(err)
				}
				got := string(staffOptionsHTML(staff, assignee)) + "\n" + string(dayOptionsHTML(langs[code], days))
				if got != want.String() {
					t.Errorf("%s, %d days, %q:\n got %q\nwant %q", code, days, assignee, got, want.String())
				}
			}
		}
	}
}
