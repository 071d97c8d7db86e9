package packet

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/catalogtest"
)

// TestCatalogsComplete: every language has every message of the English
// catalog and the same placeholders, so a translation cannot drop a step.
func TestCatalogsComplete(t *testing.T) {
	en, ok, err := LoadCatalog("en")
	if err != nil || !ok {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		c, ok, err := LoadCatalog(lang)
		if err != nil || !ok {
			t.Fatalf("%s: %v", lang, err)
		}
		if c.Dir != "ltr" && c.Dir != "rtl" {
			t.Errorf("%s: dir %q", lang, c.Dir)
		}
		if c.Lang != lang {
			t.Errorf("%s.json says it is %q", lang, c.Lang)
		}
		catalogtest.Compare(t, lang+".json", en.Messages, c.Messages, "")
	}
	if c, ok, _ := LoadCatalog("ar-SY"); !ok || c.Lang != "ar" {
		t.Error("ar-SY does not fall back to ar")
	}
	for tag, want := range map[string]string{"prs": "fa-AF", "FA-af": "fa-AF", "ti-ER": "ti", "es-MX": "es"} {
		if c, ok, _ := LoadCatalog(tag); !ok || c.Lang != want {
			t.Errorf("LoadCatalog(%q) does not give %s", tag, want)
		}
	}
}

func TestInstructionLanguages(t *testing.T) {
	for lang, want := range map[string]string{"": "en", "ti": "en ti", "prs": "en fa-AF", "ar-SY": "en ar", "en-US": "en", "my": "en"} {
		fam := &reunite.Family{}
		if lang != "" {
			fam.Filing = &reunite.FilingFacts{Language: lang}
		}
		langs, warning, err := instructionLanguages(fam)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(langs, " "); got != want {
			t.Errorf("%q: languages %q, want %q", lang, got, want)
		}
		if (lang == "my") != (warning != "") {
			t.Errorf("%q: warning %q", lang, warning)
		}
		if lang == "my" && !strings.Contains(warning, `"my"`) {
			t.Errorf("the warning does not name the language: %q", warning)
		}
	}
}
