package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/policy"
)

// TestTextNotices: the text report shows a relative's notices after its
// findings, how sure each is, when it took effect and its sources; a past
// notice is named, not explained; the petitioner's come under their own
// heading; the words come in the report's language.
func TestTextNotices(t *testing.T) {
	fam := family()
	fam.Principal.Nationality = "AF"
	fam.Members[0].Nationality, fam.Members[0].Location = "AF", reunite.OutsideUS
	day := reunite.NewDate(2026, 7, 1)
	book, err := policy.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Policy notices about you:",
			"policy: [confirmed] Travel ban on nationals of 19 countries (Proclamation 10949) (in force since 2025-06-09)",
			"(Proclamation 10949)",
			"(in force since 2026-01-01; ended about 2026-06-18)",
		}},
		{"fa-AF", []string{"اطلاعیه‌های پالیسی در باره شما:", "پالیسی: [تأیید شده] منع سفر اتباع 19 کشور (Proclamation 10949)"}},
	} {
		r := book.Match(fam, day, tc.lang)
		var b bytes.Buffer
		Text(&b, fam, law.Assess(fam, day), Options{Lang: tc.lang, Notices: &r, Width: 400})
		out := b.String()
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the report lacks %q:\n%s", tc.lang, w, out)
			}
		}
		if tc.lang == "en" && strings.Contains(out, "USCIS memo PM-602-0194 extended the hold") {
			t.Errorf("a past notice is explained again:\n%s", out)
		}
	}
}
