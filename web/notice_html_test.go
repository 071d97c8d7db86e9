package web

import (
	"bytes"
	"html/template"
	"reflect"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/policy"
)

// aNotice is a notice with every field the "notice" template can show set.
func aNotice() policy.Shown {
	ended, end, pub := date("2026-02-01"), date("2026-01-31"), date("2025-06-04")
	return policy.Shown{ID: "travel-ban-19", Title: "Travel ban", Text: "Entry is suspended.", Lang: "en",
		Draft: true, Effective: date("2025-06-09"), Approximate: true, End: &end, ApproximateEnd: true,
		Current: true, Ended: &ended, Confidence: policy.Confirmed, Mark: "m", Checked: date("2025-12-01"),
		Sources: []policy.ShownSource{{Title: "Proclamation 10949", Publisher: "The White House", Date: &pub, Link: "https://example.org/p"}},
		Because: []string{"principal.nationality"},
		Unknown: []string{"relative.nationality"},
		Tie:     "t"}
}

// executeNotice writes a notice with the "notice" template, without the
// cache.
func executeNotice(t *testing.T, tmpl *template.Template, code string, n policy.Shown, level int) string {
	t.Helper()
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "notice", noticeArgs{Code: code, N: n, Level: level}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// change changes a field's value: a string gets longer, a flag flips, a day
// moves, an optional day goes, a list gets one element more. It returns
// false for a kind it does not know.
func change(v reflect.Value) bool {
	switch {
	case v.Type() == reflect.TypeOf(reunite.Date{}):
		v.Set(reflect.ValueOf(v.Interface().(reunite.Date).AddDays(1)))
	case v.Kind() == reflect.String:
		v.SetString(v.String() + "x")
	case v.Kind() == reflect.Bool:
		v.SetBool(!v.Bool())
	case v.Kind() == reflect.Pointer:
		v.SetZero()
	case v.Kind() == reflect.Slice && v.Len() > 0:
		v.Set(reflect.Append(v, v.Index(0)))
	default:
		return false
	}
	return true
}

// mutations returns copies of n with one field changed each, by the
// field's name, for every field of the notice and of its first source.
func mutations(t *testing.T, n policy.Shown) map[string]policy.Shown {
	out := map[string]policy.Shown{}
	fresh := func() policy.Shown {
		c := n
		c.Sources = append([]policy.ShownSource(nil), n.Sources...)
		c.Unknown = append([]string(nil), n.Unknown...)
		c.Because = append([]string(nil), n.Because...)
		return c
	}
	st := reflect.TypeOf(n)
	for i := range st.NumField() {
		c := fresh()
		if !change(reflect.ValueOf(&c).Elem().Field(i)) {
			t.Fatalf("the test does not know how to change Shown.%s", st.Field(i).Name)
		}
		out[st.Field(i).Name] = c
	}
	ss := reflect.TypeOf(policy.ShownSource{})
	for i := range ss.NumField() {
		c := fresh()
		if !change(reflect.ValueOf(&c.Sources[0]).Elem().Field(i)) {
			t.Fatalf("the test does not know how to change ShownSource.%s", ss.Field(i).Name)
		}
		out["Sources."+ss.Field(i).Name] = c
	}
	return out
}

// TestNoticeKeyCoversTemplate changes each field of a notice, the
// language and the heading level in turn: wherever the "notice" template
// writes something else, the cache's key must differ too, or a family
// would be shown another notice's HTML.
func TestNoticeKeyCoversTemplate(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := pages["dashboard"]
	for _, current := range []bool{true, false} { // a past notice hides its text
		n := aNotice()
		n.Current = current
		key := string(appendNoticeKey(nil, "en", 5, n))
		html := executeNotice(t, tmpl, "en", n, 5)
		shown := 0
		for name, m := range mutations(t, n) {
			if executeNotice(t, tmpl, "en", m, 5) == html {
				continue
			}
			shown++
			if string(appendNoticeKey(nil, "en", 5, m)) == key {
				t.Errorf("current %v: changing %s changes the notice's HTML but not its key", current, name)
			}
		}
		// The comparison means something only if the fields show.
		if shown < 12 {
			t.Errorf("current %v: only %d fields change the HTML: the notice no longer exercises the template", current, shown)
		}
		for _, other := range []struct {
			code  string
			level int
		}{{"fa-AF", 5}, {"en", 3}} {
			if executeNotice(t, tmpl, other.code, n, other.level) == html {
				t.Errorf("%s at level %d writes the same HTML: the test is no longer a test", other.code, other.level)
			}
			if string(appendNoticeKey(nil, other.code, other.level, n)) == key {
				t.Errorf("%s at level %d has the same key as en at 5", other.code, other.level)
			}
		}
	}
}

// TestNoticesHTMLAsTemplate checks that the cached notices are what the
// template writes, on the first call (written) and the second (kept).
func TestNoticesHTMLAsTemplate(t *testing.T) {
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := pages["dashboard"]
	a, b := aNotice(), aNotice()
	b.Title, b.Current = "Another notice", false
	want := executeNotice(t, tmpl, "es", a, 3) + executeNotice(t, tmpl, "es", b, 3)
	for i := range 2 {
		got, err := noticesHTML(tmpl, "es", []policy.Shown{a, b}, 3)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("call %d: noticesHTML =\n%s\nwant\n%s", i+1, got, want)
		}
	}
	if got, _ := noticesHTML(tmpl, "es", nil, 3); got != "" {
		t.Errorf("no notices: %q", got)
	}
}
