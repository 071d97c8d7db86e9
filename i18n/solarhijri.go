package i18n

import "github.com/reunite/reunite"

// Afghan documents (the tazkira) are dated in the Solar Hijri calendar, so
// Dari and Pashto pages show that date beside the Gregorian one that USCIS
// uses. The conversion counts days from a known Nowruz (1 Hamal 1405 = 21
// March 2026) with the 33-year leap rule, which agrees with the
// astronomical calendar for the years 1343 to 1472 (1964 to 2094); outside
// them no Solar Hijri date is shown rather than a doubtful one.

const (
	shFirst = 1343
	shLast  = 1472
)

var shEpoch = reunite.NewDate(2026, 3, 21) // 1 Hamal 1405

// shLeap reports whether a Solar Hijri year has 366 days: years whose
// remainder by 33 is 1, 5, 9, 13, 17, 22, 26 or 30.
func shLeap(y int) bool {
	switch y % 33 {
	case 1, 5, 9, 13, 17, 22, 26, 30:
		return true
	}
	return false
}

func shYearDays(y int) int {
	if shLeap(y) {
		return 366
	}
	return 365
}

// SolarHijri converts a Gregorian date; ok is false outside the years the
// rule is exact for.
func SolarHijri(d reunite.Date) (y, m, day int, ok bool) {
	if d.IsZero() {
		return 0, 0, 0, false
	}
	n := shEpoch.DaysUntil(d) // days after 1 Hamal 1405
	y = 1405
	for n < 0 {
		y--
		n += shYearDays(y)
		if y < shFirst {
			return 0, 0, 0, false
		}
	}
	for n >= shYearDays(y) {
		n -= shYearDays(y)
		y++
		if y > shLast {
			return 0, 0, 0, false
		}
	}
	if y < shFirst || y > shLast {
		return 0, 0, 0, false
	}
	// Six months of 31 days, five of 30, and Hoot of 29 (30 in a leap year).
	for m = 1; m <= 12; m++ {
		length := 30
		if m <= 6 {
			length = 31
		}
		if n < length || m == 12 {
			return y, m, n + 1, true
		}
		n -= length
	}
	return 0, 0, 0, false
}

// shMonthDays is the length of month m of Solar Hijri year y.
func shMonthDays(y, m int) int {
	switch {
	case m <= 6:
		return 31
	case m <= 11:
		return 30
	case shLeap(y):
		return 30
	}
	return 29
}

// FromSolarHijri converts a Solar Hijri date (a tazkira's) to the
// Gregorian date USCIS uses. ok is false for a day the calendar does not
// have (31 Mizan, 30 Hut of a common year) and outside the years the rule
// is exact for.
func FromSolarHijri(y, m, d int) (reunite.Date, bool) {
	if y < shFirst || y > shLast || m < 1 || m > 12 || d < 1 || d > shMonthDays(y, m) {
		return reunite.Date{}, false
	}
	n := 0 // days from 1 Hamal 1405
	for yy := 1405; yy < y; yy++ {
		n += shYearDays(yy)
	}
	for yy := y; yy < 1405; yy++ {
		n -= shYearDays(yy)
	}
	for mm := 1; mm < m; mm++ {
		n += shMonthDays(y, mm)
	}
	return shEpoch.AddDays(n + d - 1), true
}
