package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
	"github.com/reunite/reunite/law"
)

// TestArabicReportStaysRightToLeft: in the Arabic text report every line is
// laid out right to left by a reader that takes a line's direction from its
// first strong letter (a terminal, a text editor, an e-mail client), even
// the lines that start with a Latin name or a citation; names are isolated,
// citations kept left to right, and "k of N" is said in Arabic.
func TestArabicReportStaysRightToLeft(t *testing.T) {
	f := family()
	f.Members[0].Name = reunite.Name{Given: "Dawit", Middle: "T.", Family: "Haile"}
	ar, err := law.Catalog("ar")
	if err != nil {
		t.Fatal(err)
	}
	a := law.AssessIn(f, reunite.NewDate(2026, 11, 26), ar)
	var b bytes.Buffer
	Text(&b, f, a, Options{Lang: "ar", Explain: true})
	out := b.String()
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if d := msgfmt.FirstStrong(line); d != 'R' {
			t.Errorf("line %d is laid out %q: %q", i+1, d, line)
		}
		if strings.Count(line, msgfmt.PDI) != strings.Count(line, msgfmt.FSI)+strings.Count(line, msgfmt.LRI) {
			t.Errorf("line %d opens and closes isolates unevenly (a wrapped name?): %q", i+1, line)
		}
	}
	for _, want := range []string{
		"\u2068Selam Tesfaye\u2069",
		"1. \u2068Dawit T. Haile\u2069 (زوج أو زوجة)",
		"العريضة 1 من 1",
		"\u2066(8 CFR 208.21(c), (d))\u2069",
		"متأخر بـ43 يومًا",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Arabic report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "1 of 1") {
		t.Errorf("the Arabic report has the English \"1 of 1\":\n%s", out)
	}
	// Without isolation the first of these lines would be left to right:
	// the test above can fail.
	if msgfmt.FirstStrong("1. Dawit T. Haile (زوج أو زوجة)") != 'L' {
		t.Fatal("FirstStrong does not see the Latin name")
	}
}

func TestWrapKeepsIsolatesWhole(t *testing.T) {
	text := "نص طويل جدا " + msgfmt.FSI + "Maria de la Cruz Fernandez" + msgfmt.PDI + " ثم نص آخر طويل بعده هنا"
	for _, l := range wrap(text, 20) {
		if strings.Count(l, msgfmt.FSI) != strings.Count(l, msgfmt.PDI) {
			t.Errorf("wrap split an isolate: %q", l)
		}
	}
	if got := width(msgfmt.RLM + "ab" + msgfmt.FSI + "c" + msgfmt.PDI); got != 3 {
		t.Errorf("width counts bidi controls: %d", got)
	}
}
