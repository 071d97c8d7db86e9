package packet

import (
	"strings"
	"testing"
)

// TestInstructionSheetGrammarAndIsolation: the Arabic sheet tells a wife or
// a daughter in the feminine, a husband or a son in the masculine, and
// anyone whose sex is not known in a wording without gender; each name is
// in <bdi>, and the list of names keeps each name in its own isolate with
// the Arabic comma between them (not one left-to-right run).
func TestInstructionSheetGrammarAndIsolation(t *testing.T) {
	ar, ok, err := LoadCatalog("ar")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	for sex, want := range map[string]string{
		"F": "<bdi>Ruth Haile</bdi> موجودة في الولايات المتحدة وعمرها 14 سنة أو أكثر: توقّع",
		"M": "<bdi>Ruth Haile</bdi> موجود في الولايات المتحدة وعمره 14 سنة أو أكثر: يوقّع",
		"":  "مكان <bdi>Ruth Haile</bdi> الآن الولايات المتحدة",
	} {
		if got := string(ar.H("sign.beneficiary", "name", "Ruth Haile", "sex", sex)); !strings.HasPrefix(got, want) {
			t.Errorf("sex %q: %q, want it to start %q", sex, got, want)
		}
	}
	intro := string(ar.H("intro", "names", ar.List([]string{"Dawit Haile", "Ruth Haile"})))
	if !strings.Contains(intro, "\u2068Dawit Haile\u2069، \u2068Ruth Haile\u2069.") || strings.Contains(intro, "<bdi>") {
		t.Errorf("intro = %q", intro)
	}
	for _, lang := range []string{"ti", "am", "so"} {
		c, _, _ := LoadCatalog(lang)
		f, m := c.T("sign.beneficiary", "name", "R", "sex", "F"), c.T("sign.beneficiary", "name", "R", "sex", "M")
		if f == m {
			t.Errorf("%s: sign.beneficiary is the same for a woman and a man: %q", lang, f)
		}
	}
}
