package law

import (
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/reunite/reunite/internal/catalogtest"
)

// statusKey is the one key a translated catalog has that English has not:
// it says who must still review the translation.
const statusKey = "_status"

// catalogLangs lists the languages in messages/ (file names without .json).
func catalogLangs(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(messageFiles, "messages/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, f := range files {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(f, "messages/"), ".json"))
	}
	sort.Strings(langs)
	return langs
}

// keyOrder returns a catalog's keys in file order.
func keyOrder(t *testing.T, lang string) []string {
	t.Helper()
	data, err := messageFiles.ReadFile("messages/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return catalogtest.KeyOrder(t, lang+".json", data)
}

// Fixed terms that must survive translation unchanged, in Latin script,
// wherever the English template has them.
var fixedTerms = []string{
	"Form I-730", "Form I-589", "Form I-590", "Form I-130",
	"INA 101(a)(35)", "INA 204(l)", "INA 207(c)(3)",
	"8 CFR 207.7(b)(5)", "8 CFR 207.7(b)(1)",
	"USCIS Policy Alert PA-2025-11", "2025-03-03", "P-3", "USCIS",
}

func TestCatalogsMatchEnglish(t *testing.T) {
	en, err := Catalog("en")
	if err != nil {
		t.Fatal(err)
	}
	enOrder := keyOrder(t, "en")
	langs := catalogLangs(t)
	for _, want := range []string{"en", "es", "ar", "fa-AF", "ps", "fr", "sw"} {
		if !contains(langs, want) {
			t.Errorf("messages/%s.json is missing", want)
		}
	}
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			cat, err := Catalog(lang)
			if err != nil {
				t.Fatal(err)
			}
			catalogtest.Compare(t, lang+".json", en, cat, statusKey)
			for k, tr := range cat {
				src := en[k]
				for _, term := range fixedTerms {
					if strings.Contains(src, term) && !strings.Contains(tr, term) {
						t.Errorf("%s.json: %q lacks %q, which must stay as written", lang, k, term)
					}
				}
				for _, r := range tr {
					if (r >= '\u0660' && r <= '\u0669') || (r >= '\u06F0' && r <= '\u06F9') {
						t.Errorf("%s.json: %q uses Arabic-Indic digit %q; use 0-9", lang, k, r)
						break
					}
				}
			}
			// Keys in the same order as en.json, so files can be compared line by line.
			var order []string
			for _, k := range keyOrder(t, lang) {
				if k != statusKey {
					order = append(order, k)
				}
			}
			if strings.Join(order, "\n") != strings.Join(enOrder, "\n") {
				for i := range min(len(order), len(enOrder)) {
					if order[i] != enOrder[i] {
						t.Errorf("%s.json: key %d is %q, en.json has %q there", lang, i, order[i], enOrder[i])
						break
					}
				}
			}
		})
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestRenderArabic fills a placeholder from the Arabic catalog, not the
// English fallback.
func TestRenderArabic(t *testing.T) {
	ar, err := Catalog("ar")
	if err != nil {
		t.Fatal(err)
	}
	got := Render(ar, "child.listed", Vars{"name": "Ruth"})
	if !strings.Contains(got, "Ruth") || strings.Contains(got, "{name}") {
		t.Errorf("Render(ar, child.listed) = %q, want the name filled in", got)
	}
	if got == Render(messagesEN, "child.listed", Vars{"name": "Ruth"}) {
		t.Errorf("Render(ar, child.listed) = %q is the English text", got)
	}
	if !strings.ContainsFunc(got, func(r rune) bool { return r >= '\u0600' && r <= '\u06FF' }) {
		t.Errorf("Render(ar, child.listed) = %q has no Arabic letters", got)
	}
	got = Render(ar, "deadline.on_time", Vars{"filing": "2025-01-02", "file_by": "2025-03-04"})
	if !strings.Contains(got, "2025-01-02") || !strings.Contains(got, "2025-03-04") || strings.Contains(got, "{") {
		t.Errorf("Render(ar, deadline.on_time) = %q, want both dates filled in", got)
	}
}
