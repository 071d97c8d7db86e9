package packet

import (
	"slices"
	"strings"
	"testing"
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
		for k, msg := range en.Messages {
			tr, ok := c.Messages[k]
			if !ok {
				t.Errorf("%s lacks %s", lang, k)
				continue
			}
			if !slices.Equal(placeholders(msg), placeholders(tr)) {
				t.Errorf("%s %s: placeholders %v, English has %v", lang, k, placeholders(tr), placeholders(msg))
			}
		}
		for k := range c.Messages {
			if _, ok := en.Messages[k]; !ok {
				t.Errorf("%s has %s, which English lacks", lang, k)
			}
		}
	}
	if c, ok, _ := LoadCatalog("ar-SY"); !ok || c.Lang != "ar" {
		t.Error("ar-SY does not fall back to ar")
	}
	if _, ok, _ := LoadCatalog("ti"); ok {
		t.Error("a Tigrinya catalog appeared: update the packet test's warning check")
	}
}

func placeholders(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
	slices.Sort(out)
	return slices.Compact(out)
}
