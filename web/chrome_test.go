package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
)

// TestChromeAsTemplate: the prepared navigation and language switcher are
// what the layout's templates write for that page, for every language,
// role, and awkward family id and path.
func TestChromeAsTemplate(t *testing.T) {
	pages, list, c := testChrome(t)
	exec := func(name string, b base) string {
		var w strings.Builder
		if err := pages["status"].ExecuteTemplate(&w, name, b); err != nil {
			t.Fatal(err)
		}
		return w.String()
	}
	for _, l := range list {
		for _, r := range chromeRoles {
			for _, v := range append(awkward, "/families/fabc/intake/principal", "fq6ztxb2mgd3yk7hw") {
				b := base{L: l, Langs: list, SignedIn: true, Role: r, FamilyID: v, Here: v, chrome: c}
				if got, err := b.Nav(); err != nil || string(got) != exec("nav", b) {
					t.Errorf("nav of %s in %s for %q:\n got %q (%v)\nwant %q", r, l.Code, v, got, err, exec("nav", b))
				}
				if got, err := b.Switcher(); err != nil || string(got) != exec("langs", b) {
					t.Errorf("switcher in %s on %q:\n got %q (%v)\nwant %q", l.Code, v, got, err, exec("langs", b))
				}
			}
		}
	}
}

// testChrome parses the pages' templates and prepares their chrome in
// every language, as the server does at start-up.
func testChrome(t testing.TB) (map[string]*template.Template, []*i18n.Lang, *chrome) {
	t.Helper()
	pages, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var list []*i18n.Lang
	for _, c := range i18n.Codes {
		list = append(list, langs[c])
	}
	c, err := prepareChrome(pages["status"], list)
	if err != nil {
		t.Fatal(err)
	}
	return pages, list, c
}
