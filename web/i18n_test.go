package web

import (
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite/i18n"
)

// TestCatalogKeysUsed fails when a template or handler names a catalog key
// the English catalog lacks (the i18n test then makes every language have
// it). Keys built at run time from a prefix are checked by the pages'
// tests.
func TestCatalogKeysUsed(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := langs["en"]
	tmplKey := regexp.MustCompile(`\.[TH] "([^"]+)"`)
	// Every prefix the catalogs use (the subjects' rsk., trk., docs. ...
	// too), so that a handler's key of any subject is checked.
	prefixes := map[string]bool{}
	for _, k := range en.Keys() {
		p, _, _ := strings.Cut(k, ".")
		prefixes[regexp.QuoteMeta(p)] = true
	}
	goKey := regexp.MustCompile(`"((?:` + strings.Join(slices.Sorted(maps.Keys(prefixes)), "|") + `)\.[a-z0-9_.]*[a-z0-9_])"`)
	files, _ := filepath.Glob("templates/*.html")
	partials, _ := filepath.Glob("templates/partials/*.html")
	files = append(files, partials...)
	if len(partials) == 0 {
		t.Error("no partial template found")
	}
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range append(files, gofiles...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		re := goKey
		if strings.HasSuffix(f, ".html") {
			re = tmplKey
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !en.Has(m[1]) {
				t.Errorf("%s: key %q is not in the English catalog", f, m[1])
			}
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.lang = "prs-AF,en;q=0.5"
	p := b.get("/login")
	wantBody(t, p, `lang="fa-AF" dir="rtl"`, "ورود")

	b.lang = "es-MX"
	wantBody(t, b.get("/login"), `lang="es" dir="ltr"`, "Iniciar sesión")

	// The switcher overrides the browser's preference and returns to the page.
	p = b.post("/lang", url.Values{"lang": {"ar"}, "back": {"/login"}})
	wantStatus(t, p, http.StatusSeeOther)
	if loc := p.Header.Get("Location"); loc != "/login" {
		t.Errorf("back to %q", loc)
	}
	wantBody(t, b.get("/login"), `lang="ar" dir="rtl"`, "تسجيل الدخول")

	// Nowhere else to return to than this server.
	p = b.post("/lang", url.Values{"lang": {"fr"}, "back": {"//evil.example/x"}})
	if loc := p.Header.Get("Location"); loc != "/" {
		t.Errorf("open redirect to %q", loc)
	}
	wantStatus(t, b.post("/lang", url.Values{"lang": {"xx"}}), http.StatusBadRequest)
}
