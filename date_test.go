package reunite

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-02-29", "2000-02-29", "1999-12-31", "2026-01-01"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for s, why := range map[string]string{
		"2023-02-29":  "has no day 29",
		"1900-02-29":  "has no day 29",
		"2004-13-01":  "no month 13",
		"2004-00-10":  "no month 0",
		"2004-04-31":  "has no day 31",
		"2004-4-3":    "expected YYYY-MM-DD",
		"04/03/2004":  "expected YYYY-MM-DD",
		"2004-04-03T": "expected YYYY-MM-DD",
		"":            "expected YYYY-MM-DD",
		"0999-01-01":  "year before 1000",
		"2004-0a-01":  "expected YYYY-MM-DD",
		"+004-01-01":  "expected YYYY-MM-DD",
	} {
		_, err := ParseDate(s)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("ParseDate(%q) error = %v, want one saying %q", s, err, why)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	a := NewDate(2024, 2, 28)
	if got := a.AddDays(1).String(); got != "2024-02-29" {
		t.Errorf("AddDays across a leap day: %s", got)
	}
	if got := a.AddDays(2).String(); got != "2024-03-01" {
		t.Errorf("AddDays into March: %s", got)
	}
	if got := NewDate(2023, 12, 31).AddDays(1).String(); got != "2024-01-01" {
		t.Errorf("AddDays across a year: %s", got)
	}
	if n := NewDate(2025, 1, 15).DaysUntil(NewDate(2026, 11, 23)); n != 677 {
		t.Errorf("DaysUntil = %d, want 677", n)
	}
	if n := NewDate(2026, 11, 23).DaysUntil(NewDate(2025, 1, 15)); n != -677 {
		t.Errorf("DaysUntil backwards = %d, want -677", n)
	}
	if !NewDate(2020, 1, 1).Before(NewDate(2020, 1, 2)) || NewDate(2020, 1, 2).Before(NewDate(2020, 1, 2)) {
		t.Error("Before is wrong")
	}
	if !(Date{}).IsZero() || NewDate(2020, 1, 1).IsZero() {
		t.Error("IsZero is wrong")
	}
	if DaysIn(2024, 2) != 29 || DaysIn(2023, 2) != 28 || DaysIn(2100, 2) != 28 || DaysIn(2000, 2) != 29 {
		t.Error("DaysIn February is wrong")
	}
}

// TestDaysInAgreesWithTime: the table gives what the time package's
// calendar gives, for every month (and the months time.Date carries over)
// of every year from 1000 to 10400, leap centuries included.
func TestDaysInAgreesWithTime(t *testing.T) {
	for y := 1000; y <= 10400; y++ {
		for m := time.Month(-1); m <= 14; m++ {
			if got, want := DaysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("DaysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}

// TestAppendText: AppendText writes what String writes, after what the
// buffer holds, for the unknown date, a common date and a year past 9999.
func TestAppendText(t *testing.T) {
	for _, d := range []Date{{}, NewDate(2024, 2, 29), NewDate(1000, 1, 1), NewDate(9999, 12, 31), NewDate(12345, 6, 7)} {
		b, err := d.AppendText([]byte("x"))
		if err != nil || string(b) != "x"+d.String() {
			t.Errorf("AppendText(%v) = %q, %v; want %q", d, b, err, "x"+d.String())
		}
	}
	if got := NewDate(12345, 6, 7).String(); got != "12345-06-07" {
		t.Errorf("String of year 12345 = %q", got)
	}
	if got := (Date{}).String(); got != "" {
		t.Errorf("String of the unknown date = %q", got)
	}
}

// FuzzParseBirthDate: a birth date that parses is written back as given,
// and its first day is not after its last.
func FuzzParseBirthDate(f *testing.F) {
	for _, s := range []string{"2004", "2004-02", "2004-02-29", "2003-02-29", "0999", "2004-13", "2004-1", "20x4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBirthDate(s)
		if err != nil {
			return
		}
		if b.String() != s {
			t.Fatalf("ParseBirthDate(%q).String() = %q", s, b.String())
		}
		if b.First().After(b.Last()) || b.IsZero() {
			t.Fatalf("%q: first %s after last %s", s, b.First(), b.Last())
		}
		if _, full := b.Day(); full == b.Partial() {
			t.Fatalf("%q: Day and Partial disagree", s)
		}
	})
}

// TestDateOrder: a date packed into one number keeps its parts and
// compares as its year, then month, then day, for every year (negative,
// zero and past 9999 included), as the three fields it was made of did.
func TestDateOrder(t *testing.T) {
	var days []Date
	for _, y := range []int{-400, -1, 0, 1, 999, 1000, 2024, 2025, 9999, 10000, 1 << 30} {
		for _, m := range []time.Month{time.January, time.February, time.June, time.December} {
			for _, d := range []int{1, 2, 28, DaysIn(y, m)} {
				days = append(days, DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC)))
				if got := days[len(days)-1]; got.Year() != y || got.Month() != m || got.Day() != d {
					t.Fatalf("%d-%d-%d packed reads back as %d-%d-%d", y, m, d, got.Year(), got.Month(), got.Day())
				}
			}
		}
	}
	days = append(days, Date{})
	parts := func(d Date) [3]int { return [3]int{d.Year(), int(d.Month()), d.Day()} }
	for _, a := range days {
		for _, b := range days {
			pa, pb := parts(a), parts(b)
			want := 0
			for i := range pa {
				if pa[i] != pb[i] {
					want = cmp(pa[i], pb[i])
					break
				}
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%v.Compare(%v) = %d, want %d", pa, pb, got, want)
			}
			if (a == b) != (want == 0) {
				t.Errorf("%v == %v is %v", pa, pb, a == b)
			}
		}
		if a.IsZero() != (a.Year() == 0) {
			t.Errorf("%v: IsZero %v", parts(a), a.IsZero())
		}
	}
}
