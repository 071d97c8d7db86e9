package law

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
)

var rtlLangs = []string{"ar", "fa-AF", "ps"}

// citation finds a citation that starts with a digit or with "INA" (8 CFR
// 207.7(b)(1), INA 204(l), 1 U.S.C. 7), which the bidi algorithm reorders
// inside right-to-left text unless it is isolated.
var citation = regexp.MustCompile(`\d+ CFR [^\s,;)\x{2069}]+|INA \d[^\s,;\x{2069}]*|\d+ U\.S\.C\. \d+`)

// TestCitationsIsolatedInRightToLeft: in the Arabic, Dari and Pashto
// catalogs each citation is inside a left-to-right isolate (U+2066 …
// U+2069), so that "(8 CFR 207.7(b)(1))" does not show as
// "(CFR 207.7(b)(1) 8)".
func TestCitationsIsolatedInRightToLeft(t *testing.T) {
	for _, lang := range rtlLangs {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, text := range cat {
			for _, loc := range citation.FindAllStringIndex(text, -1) {
				before := text[:loc[0]]
				open := strings.LastIndex(before, msgfmt.LRI)
				if open < 0 || strings.Contains(before[open:], msgfmt.PDI) || !strings.Contains(text[loc[1]:], msgfmt.PDI) {
					t.Errorf("%s.json %q: %q is not in an LRI … PDI isolate", lang, k, text[loc[0]:loc[1]])
				}
			}
		}
	}
	ar, _ := Catalog("ar")
	got := Render(ar, "bar.already_protected", Vars{"name": "Ruth"})
	if !strings.Contains(got, "(\u20668 CFR 207.7(b)(1)\u2069)") {
		t.Errorf("bar.already_protected in Arabic = %q, want (8 CFR 207.7(b)(1)) isolated", got)
	}
}

// TestRightToLeftValuesIsolated: a value filled into an Arabic, Dari or
// Pashto message is in a first-strong isolate, so a message that starts
// with a Latin name is still laid out right to left; English is left as
// it is.
func TestRightToLeftValuesIsolated(t *testing.T) {
	for _, lang := range rtlLangs {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, tmpl := range cat {
			if !strings.HasPrefix(tmpl, "{name}") {
				continue
			}
			v := Vars{}
			for _, name := range msgfmt.Args(tmpl) {
				v[name] = "3" // a number, as the other values of these messages are
			}
			v["name"] = "Dawit Haile"
			got := Render(cat, k, v)
			if !strings.HasPrefix(got, "\u2068Dawit Haile\u2069") || msgfmt.FirstStrong(got) != 'R' {
				t.Errorf("%s %q = %q: the name is not isolated", lang, k, got)
			}
		}
	}
	if got := Render(messagesEN, "child.listed", Vars{"name": "Ruth"}); strings.ContainsAny(got, "\u2068\u2069") {
		t.Errorf("English message with isolates: %q", got)
	}
}

// TestSequenceSaidInEachLanguage: the next step that names the petition's
// place says "k of N" in the catalog's words, while the assessment's own
// sequence (the JSON contract) stays "k of N" in English.
func TestSequenceSaidInEachLanguage(t *testing.T) {
	want := map[string]string{
		"ar": "العريضة 2 من 3", "fa-AF": "عریضهٔ 2 از 3", "ps": "له 3 عریضو 2مه عریضه",
		"es": "petición 2 de 3", "fr": "demande 2 sur 3", "sw": "ombi 2 kati ya 3",
	}
	for lang, w := range want {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		got := Render(cat, "next.prepare", Vars{"sequence": "2 of 3", "name": "Ruth"})
		if !strings.Contains(got, w) || strings.Contains(got, "2 of 3") {
			t.Errorf("%s next.prepare = %q, want %q in it", lang, got, w)
		}
	}
	ar, _ := Catalog("ar")
	f := &reunite.Family{
		Principal: reunite.Principal{Name: reunite.Name{Given: "Selam"}, Status: reunite.Asylee,
			AsylumFiled: reunite.NewDate(2023, 8, 14), StatusDate: reunite.NewDate(2024, 10, 14)},
		Members: []reunite.Member{{ID: "c", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Ruth"},
			BirthDate: reunite.BornOn(reunite.NewDate(2015, 1, 1)), MaritalStatus: reunite.Single, Persecutor: reunite.Bool(false),
			Child: &reunite.Child{Kind: reunite.Biological, BornInWedlock: reunite.Bool(true)}}},
	}
	a := AssessIn(f, reunite.NewDate(2025, 1, 1), ar)
	if s := a.Petitions[0].Sequence; s == nil || *s != "1 of 1" {
		t.Errorf("the contract's sequence in an Arabic assessment = %v, want \"1 of 1\"", s)
	}
	found := false
	for _, n := range a.Petitions[0].Next {
		found = found || strings.Contains(n.String(), "العريضة 1 من 1")
	}
	if !found {
		t.Errorf("no Arabic next step says العريضة 1 من 1: %q", a.Petitions[0].Next)
	}
}

// BenchmarkRenderEveryMessage writes every message of a catalog once, with
// its values isolated in Arabic: what render costs per finding.
func BenchmarkRenderEveryMessage(b *testing.B) {
	for _, lang := range []string{"en", "ar"} {
		b.Run(lang, func(b *testing.B) {
			cat, err := Catalog(lang)
			if err != nil {
				b.Fatal(err)
			}
			c := &caseFacts{catalog: cat}
			v := c.values(str(vName, "Dawit Haile"), day(vFiling, reunite.NewDate(2026, 1, 2)),
				day(vFileBy, reunite.NewDate(2027, 1, 2)), num(vDaysLate, 43), str(vSequence, "1 of 3"),
				str(vStatusWhat, "the day"), day(vBirth, reunite.NewDate(2001, 1, 1)))
			b.ReportAllocs()
			for b.Loop() {
				for k := range messagesEN {
					c.render(k, v)
				}
			}
		})
	}
}
