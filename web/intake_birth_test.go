package web

import (
	"net/url"
	"testing"

	"github.com/reunite/reunite"
)

// A birth date may be typed as a day, a month and year, or a year alone;
// what is typed is stored as given and shown again as given.
func TestBirthDateField(t *testing.T) {
	for _, tc := range []struct {
		d, m, y string
		want    string // the stored birth date, or the problem's key
	}{
		{"3", "3", "2010", "2010-03-03"},
		{"", "7", "2001", "2001-07"},
		{"", "", "2001", "2001"},
		{"", "", "۲۰۰۱", "2001"}, // Persian digits
		{"", "13", "2001", "date.invalid"},
		{"3", "", "2001", "date.incomplete"},
		{"", "7", "", "date.incomplete"},
		{"", "", "", "form.date_or_unknown"},
	} {
		var b reunite.BirthDate
		f := field{Name: "birth", Kind: "date", birth: &b, Unknown: true, Required: true}
		problem := f.apply(url.Values{"birth_d": {tc.d}, "birth_m": {tc.m}, "birth_y": {tc.y}})
		got := b.String()
		if problem != "" {
			got = problem
		}
		if got != tc.want {
			t.Errorf("typed %q/%q/%q: got %q, want %q", tc.d, tc.m, tc.y, got, tc.want)
			continue
		}
		if problem == "" {
			shown := field{Kind: "date", birth: &b}
			shown.load()
			if shown.Day != tc.d || shown.Month != tc.m || (shown.Year != tc.y && tc.y != "۲۰۰۱") {
				t.Errorf("%s shown again as %q/%q/%q", got, shown.Day, shown.Month, shown.Year)
			}
		}
	}
}
