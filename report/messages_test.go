package report

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// reportStatusKey is the one key a translated catalog has that English has
// not: it says who must still review the translation.
const reportStatusKey = "_status"

var reportPlaceholderRE = regexp.MustCompile(`\{[^{}]*\}`)

// reportPlaceholders returns the set of {placeholders} in a template.
func reportPlaceholders(s string) map[string]bool {
	out := map[string]bool{}
	for _, p := range reportPlaceholderRE.FindAllString(s, -1) {
		out[p] = true
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestReportCatalogsMatchEnglish checks every catalog in messages/ against
// en.json: the same keys (plus "_status" in a translation), and in each
// value the same placeholders as the English.
func TestReportCatalogsMatchEnglish(t *testing.T) {
	en, err := loadCatalog("en")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := en[reportStatusKey]; ok {
		t.Errorf("en.json has %q; English is the source", reportStatusKey)
	}
	langs := Languages()
	if len(langs) < 2 {
		t.Fatalf("Languages() = %v, want English and at least one translation", langs)
	}
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			cat, err := loadCatalog(lang)
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := cat[reportStatusKey]; !ok || strings.TrimSpace(s) == "" {
				t.Errorf("%s.json has no %q saying who must review it", lang, reportStatusKey)
			}
			for k := range en {
				if _, ok := cat[k]; !ok {
					t.Errorf("%s.json: missing key %q", lang, k)
				}
			}
			for k, tr := range cat {
				if k == reportStatusKey {
					continue
				}
				src, ok := en[k]
				if !ok {
					t.Errorf("%s.json: key %q is not in en.json", lang, k)
					continue
				}
				if strings.TrimSpace(tr) == "" {
					t.Errorf("%s.json: %q is empty", lang, k)
				}
				want, got := reportPlaceholders(src), reportPlaceholders(tr)
				for _, p := range sortedKeys(want) {
					if !got[p] {
						t.Errorf("%s.json: %q lacks placeholder %s", lang, k, p)
					}
				}
				for _, p := range sortedKeys(got) {
					if !want[p] {
						t.Errorf("%s.json: %q has placeholder %s, which the English lacks", lang, k, p)
					}
				}
				if strings.Count(tr, "{") != strings.Count(tr, "}") {
					t.Errorf("%s.json: %q has unbalanced braces", lang, k)
				}
				// Line prefixes such as "watch: " end in a space that
				// separates them from the text after them.
				if strings.HasSuffix(src, " ") && !strings.HasSuffix(tr, " ") {
					t.Errorf("%s.json: %q = %q lost the trailing space of %q", lang, k, tr, src)
				}
			}
		})
	}
}
