package i18n

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
)

// TestValuesIsolated: in a right-to-left language T wraps a name in a
// first-strong isolate, so that a question that starts with a Latin name
// keeps its direction; H writes <bdi> in every language and escapes the
// rest; English T is left as it is.
func TestValuesIsolated(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ps := langs["ps"]
	got := ps.T("q.already_protected", "name", "Dawit Haile")
	if !strings.HasPrefix(got, "\u2068Dawit Haile\u2069") || msgfmt.FirstStrong(got) != 'R' {
		t.Errorf("ps T = %q, want the name isolated and the sentence right to left", got)
	}
	if got := langs["en"].T("q.member.birth", "name", "Ruth"); strings.ContainsAny(got, "\u2068\u2069") {
		t.Errorf("en T = %q has isolates", got)
	}
	if got := string(langs["en"].H("q.member.birth", "name", "<Ruth & co>")); !strings.Contains(got, "<bdi>&lt;Ruth &amp; co&gt;</bdi>") {
		t.Errorf("en H = %q, want the name escaped in <bdi>", got)
	}
	if got := langs["ar"].T("dash.sequence", "k", 2, "n", 3); got != "العريضة 2 من 3" {
		t.Errorf("ar dash.sequence = %q", got)
	}
}

// TestGenderFromTheFacts: Arabic and Pashto choose their grammar on the
// relative's sex, and a neutral wording when it is not known.
func TestGenderFromTheFacts(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ar, ps := langs["ar"], langs["ps"]
	for _, tc := range []struct {
		l    *Lang
		key  string
		sex  reunite.Sex
		want string
	}{
		{ar, "marital.married", reunite.Female, "متزوجة"},
		{ar, "marital.married", reunite.Male, "متزوج"},
		{ar, "marital.married", "", "متزوج/ة"},
		{ar, "q.member.marital", reunite.Female, "هل \u2068Ruth\u2069 متزوجة الآن؟"},
		{ar, "q.member.marital", reunite.SexX, "هل لـ\u2068Ruth\u2069 زواج قائم الآن؟"},
		{ps, "marital.widowed", reunite.Female, "کونډه"},
		{ps, "marital.widowed", "", "کونډ یا کونډه"},
	} {
		if got := tc.l.T(tc.key, "name", "Ruth", "sex", tc.sex); got != tc.want {
			t.Errorf("%s %s sex=%q: %q, want %q", tc.l.Code, tc.key, tc.sex, got, tc.want)
		}
	}
}

// TestArabicDayPlurals: 1, 2, 3–10 and 11–99 days take different words.
func TestArabicDayPlurals(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "بقي يوم واحد", 2: "بقي يومان", 7: "بقيت 7 أيام", 43: "بقي 43 يومًا", 100: "بقي 100 يوم"} {
		if got := langs["ar"].T("dash.days_left", "n", n); got != want {
			t.Errorf("ar dash.days_left %d = %q, want %q", n, got, want)
		}
	}
}

// TestWesternDigits: numbers in the catalogs' own text are written 0-9,
// like the numbers the program fills in and those copied onto the form.
func TestWesternDigits(t *testing.T) {
	langs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range Codes {
		l := langs[code]
		for _, k := range l.Keys() {
			if strings.ContainsFunc(l.msgs[k], func(r rune) bool {
				return (r >= '\u0660' && r <= '\u0669') || (r >= '\u06F0' && r <= '\u06F9')
			}) {
				t.Errorf("%s: %q uses Arabic-Indic digits; write 0-9", code, k)
			}
		}
	}
}
