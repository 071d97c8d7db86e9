package forms

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reunite/reunite"
)

// USDate writes a date as USCIS forms want it, MM/DD/YYYY; "" if unknown.
func USDate(d reunite.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", int(d.Month()), d.Day(), d.Year())
}

// country writes an ISO code as its English name; an unknown code is kept
// as written rather than dropped.
func country(code string) string {
	if code == "" {
		return ""
	}
	if n, ok := reunite.CountryName(code); ok {
		return n
	}
	return code
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ANumber gives the 9 digits of an A-Number, zero-padded: A12345678 is
// 012345678 on the form.
func ANumber(s string) string {
	d := digitsOnly(s)
	if d == "" {
		return ""
	}
	for len(d) < 9 {
		d = "0" + d
	}
	return d
}

// phoneDigits gives a phone number as the form's 10-digit field wants it:
// digits only, without the US country code. A foreign number keeps its
// digits (and overflows to the additional sheet if longer than the field).
func phoneDigits(s string) string {
	d := digitsOnly(s)
	if len(d) == 11 && d[0] == '1' && (strings.HasPrefix(strings.TrimSpace(s), "+1") || strings.HasPrefix(strings.TrimSpace(s), "1")) {
		d = d[1:]
	}
	return d
}

func sortNotes(n []Note) {
	sort.SliceStable(n, func(i, j int) bool {
		if n[i].Page != n[j].Page {
			return n[i].Page < n[j].Page
		}
		return n[i].Key < n[j].Key
	})
}
