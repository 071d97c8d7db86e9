package i18n

import (
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// dateLookedUp is Date as it was written before its words were kept
// (dateWords): every word looked up in the catalog for every date.
func dateLookedUp(l *Lang, d reunite.Date) string {
	if d.IsZero() {
		return l.T("date.unknown")
	}
	var b strings.Builder
	fillDate(&b, l.T("format.date"), "{d}", strconv.Itoa(d.Day()),
		"{month}", l.T("month."+strconv.Itoa(int(d.Month()))), "{y}", strconv.Itoa(d.Year()))
	if sh := l.T("format.date_sh"); sh != "" && sh != "format.date_sh" {
		if y, m, day, ok := SolarHijri(d); ok {
			fillDate(&b, sh, "{hd}", strconv.Itoa(day), "{hmonth}", l.T("hmonth."+strconv.Itoa(m)), "{hy}", strconv.Itoa(y))
		}
	}
	return b.String()
}

// TestDateAsLookedUp: in every language, every day of 1899 to 2101 (and
// the unknown date) is written as looking each word up gives it.
func TestDateAsLookedUp(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for code, l := range langs {
		if got, want := l.Date(reunite.Date{}), dateLookedUp(l, reunite.Date{}); got != want {
			t.Errorf("%s: unknown date %q, want %q", code, got, want)
		}
		for d := reunite.NewDate(1899, 1, 1); d.Year() < 2102; d = d.AddDays(1) {
			if got, want := l.Date(d), dateLookedUp(l, d); got != want {
				t.Fatalf("%s: %s written %q, want %q", code, d, got, want)
			}
		}
	}
}

// BenchmarkDate writes one date in a language written in one calendar
// and in one that adds the solar hijri date.
func BenchmarkDate(b *testing.B) {
	langs, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for _, code := range []string{"en", "fa-AF"} {
		l := langs[code]
		b.Run(code, func(b *testing.B) {
			b.ReportAllocs()
			d := reunite.NewDate(2025, 3, 14)
			for b.Loop() {
				l.Date(d)
			}
		})
	}
}

// BenchmarkT writes a message with two placeholders.
func BenchmarkT(b *testing.B) {
	langs, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	l := langs["en"]
	b.ReportAllocs()
	for b.Loop() {
		l.T("dash.sequence", "k", 2, "n", 3)
	}
}
