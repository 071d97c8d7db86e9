package report

import (
	"strings"
	"testing"

	"github.com/reunite/reunite/internal/catalogtest"
)

// reportStatusKey is the one key a translated catalog has that English has
// not: it says who must still review the translation.
const reportStatusKey = "_status"

// TestReportCatalogsMatchEnglish checks every catalog in messages/ against
// en.json: the same keys (plus "_status" in a translation), and in each
// value the same placeholders as the English.
func TestReportCatalogsMatchEnglish(t *testing.T) {
	en, err := loadCatalog("en")
	if err != nil {
		t.Fatal(err)
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
			catalogtest.Compare(t, lang+".json", en, cat, reportStatusKey)
			for k, tr := range cat {
				src, ok := en[k]
				if !ok {
					continue
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
