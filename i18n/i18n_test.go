package i18n

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/catalogtest"
	"github.com/reunite/reunite/internal/msgfmt"
)

// TestCatalogsComplete fails when a catalog lacks a key of the English
// source, has a key English does not, or drops or renames a placeholder:
// a translator's slip must not reach a page.
func TestCatalogsComplete(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	en := langs["en"]
	ph := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, code := range Codes {
		l := langs[code]
		if l.Name == "" {
			t.Errorf("%s: meta.name is empty", code)
		}
		for _, k := range en.Keys() {
			if !l.Has(k) {
				t.Errorf("%s: missing key %q", code, k)
				continue
			}
			if strings.HasPrefix(k, "format.") {
				// Formats differ by language on purpose; only known
				// placeholders may appear.
				for _, p := range ph.FindAllString(l.msgs[k], -1) {
					if !slices.Contains([]string{"{d}", "{month}", "{y}", "{hd}", "{hmonth}", "{hy}"}, p) {
						t.Errorf("%s: %q has an unknown placeholder %s", code, k, p)
					}
				}
				continue
			}
			if err := msgfmt.Check(l.msgs[k]); err != nil {
				t.Errorf("%s: %q: %v", code, k, err)
			}
			want, got := catalogtest.Placeholders(en.msgs[k]), catalogtest.Placeholders(l.msgs[k])
			for p := range got {
				if catalogtest.Grammar[strings.Trim(p, "{}")] {
					delete(got, p)
				}
			}
			if !maps.Equal(want, got) {
				t.Errorf("%s: %q has placeholders %v, English has %v", code, k, got, want)
			}
		}
		for _, k := range l.Keys() {
			if !en.Has(k) {
				t.Errorf("%s: key %q is not in the English catalog", code, k)
			}
		}
		for _, k := range l.NeedsReview {
			if k != "*" && !en.Has(k) {
				t.Errorf("%s: needs_review names unknown key %q", code, k)
			}
		}
	}
}

func TestDirection(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]bool{"en": false, "es": false, "fr": false, "sw": false, "ar": true, "fa-AF": true, "ps": true} {
		if got := langs[code].RTL(); got != want {
			t.Errorf("%s RTL = %v, want %v", code, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	for accept, want := range map[string]string{
		"":                            "en",
		"ar":                          "ar",
		"ar-SY,ar;q=0.9,en;q=0.5":     "ar",
		"prs":                         "fa-AF",
		"prs-AF":                      "fa-AF",
		"fa-AF,fa;q=0.9":              "fa-AF",
		"fa-IR":                       "fa-AF",
		"ps-AF":                       "ps",
		"es-MX,es;q=0.9":              "es",
		"fr-CD":                       "fr",
		"sw-KE":                       "sw",
		"sw-CD,fr;q=0.8":              "sw",
		"de-DE,fr;q=0.7":              "fr",
		"zh-CN":                       "en",
		"en-US,en;q=0.9":              "en",
		"*":                           "en",
		"ar;q=0.1,es;q=0.9":           "es",
		"not a header at all ;;; q=x": "en",
	} {
		if got := Match(accept); got != want {
			t.Errorf("Match(%q) = %q, want %q", accept, got, want)
		}
	}
}

// FuzzMatch: any header gives a language of the interface, without panic.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"ar", "prs-AF;q=0.5,en", "fa-AF", "*;q=0", "x-klingon", "en-US-u-rg-gbzzzz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		if got := Match(accept); !Valid(got) {
			t.Fatalf("Match(%q) = %q, not an interface language", accept, got)
		}
	})
}

func TestFormatting(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	d := reunite.NewDate(2026, 3, 12)
	for code, want := range map[string]string{"en": "12 March 2026", "es": "12 de marzo de 2026", "ar": "12 مارس 2026"} {
		if got := langs[code].Date(d); got != want {
			t.Errorf("%s: Date = %q, want %q", code, got, want)
		}
	}
	if got := langs["en"].Num(1234567); got != "1,234,567" {
		t.Errorf("Num = %q", got)
	}
	// Either side of the first group separator, both signs.
	for n, want := range map[int]string{999: "999", -999: "-999", 1000: "1,000", -1000: "-1,000", 0: "0", 12: "12"} {
		if got := langs["en"].Num(n); got != want {
			t.Errorf("Num(%d) = %q, want %q", n, got, want)
		}
	}
	if got := langs["en"].T("dash.days_left", "n", 1200); got != "1,200 days left" {
		t.Errorf("T with a number = %q", got)
	}
	if got := langs["en"].Date(reunite.Date{}); got != "not known" {
		t.Errorf("unknown date = %q", got)
	}
	if got := langs["ar"].T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}

func TestDariDatesShowSolarHijri(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	d := reunite.NewDate(2026, 3, 21)
	if got, want := langs["fa-AF"].Date(d), "21 مارچ 2026 (1 حمل 1405)"; got != want {
		t.Errorf("Dari: %q, want %q", got, want)
	}
	if got, want := langs["ps"].Date(d), "21 مارچ 2026 (1 وری 1405)"; got != want {
		t.Errorf("Pashto: %q, want %q", got, want)
	}
	if got := langs["en"].Date(d); got != "21 March 2026" {
		t.Errorf("English: %q", got)
	}
	if got := langs["fa-AF"].Date(reunite.NewDate(1950, 5, 1)); got != "1 می 1950" {
		t.Errorf("Dari outside the Solar Hijri range: %q", got)
	}
}

// TestDateAsReplacer: every language writes every day of 1940-2060 as a
// strings.Replacer of the catalog's placeholders did, and odd formats too.
func TestDateAsReplacer(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	replaced := func(l *Lang, d reunite.Date) string {
		out := strings.NewReplacer("{d}", strconv.Itoa(d.Day()), "{month}", l.T("month."+strconv.Itoa(int(d.Month()))),
			"{y}", strconv.Itoa(d.Year())).Replace(l.T("format.date"))
		if sh := l.T("format.date_sh"); sh != "" && sh != "format.date_sh" {
			if y, m, day, ok := SolarHijri(d); ok {
				out += strings.NewReplacer("{hd}", strconv.Itoa(day), "{hmonth}", l.T("hmonth."+strconv.Itoa(m)),
					"{hy}", strconv.Itoa(y)).Replace(sh)
			}
		}
		return out
	}
	for _, code := range Codes {
		for d := reunite.NewDate(1940, 1, 1); d.Year() <= 2060; d = d.AddDays(1) {
			if got, want := langs[code].Date(d), replaced(langs[code], d); got != want {
				t.Fatalf("%s %s: %q, want %q", code, d, got, want)
			}
		}
	}
	for _, format := range []string{"", "{", "}{", "{{d}}", "{d}{d}{month}{y}{", "{mon}{month", "x{y}y{hd}", "{d} de {month} de {y}"} {
		var b strings.Builder
		fillDate(&b, format, "{d}", "12", "{month}", "mars", "{y}", "2026")
		if want := strings.NewReplacer("{d}", "12", "{month}", "mars", "{y}", "2026").Replace(format); b.String() != want {
			t.Errorf("%q: %q, want %q", format, b.String(), want)
		}
	}
}
