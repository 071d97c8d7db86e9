package tracking

import (
	"time"

	"github.com/reunite/reunite"
)

// Counting days.
//
// 8 CFR 1.2, "day": a period "shall include Saturdays, Sundays, and legal
// holidays, except that when the last day of the period so computed falls
// on a Saturday, Sunday or a legal holiday, the period shall run until the
// end of the next day which is not a Saturday, Sunday, nor a legal holiday."
// Reunite applies it to the periods it computes itself (the motion window, a
// suggested response date). A due date printed on a notice is never moved:
// it is what USCIS will hold the family to, and a weekend only earns a
// warning.

// lastDay returns the last day of a period of n days that starts the day
// after from, carried past weekends and federal holidays (8 CFR 1.2).
func lastDay(from reunite.Date, n int) reunite.Date {
	return BusinessDayOnOrAfter(from.AddDays(n))
}

// BusinessDayOnOrAfter returns d, or the next day that is neither a
// Saturday, a Sunday nor a federal legal holiday.
func BusinessDayOnOrAfter(d reunite.Date) reunite.Date {
	for !IsBusinessDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// IsBusinessDay reports whether d is a weekday that is not a federal legal
// holiday.
func IsBusinessDay(d reunite.Date) bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday && !IsFederalHoliday(d)
}

// IsFederalHoliday reports whether d is a legal public holiday of 5 U.S.C.
// 6103(a), or the day it is observed on: a holiday on a Saturday is observed
// the Friday before and one on a Sunday the Monday after (5 U.S.C. 6103(b),
// Executive Order 11582). Inauguration Day (Washington area only) and
// holidays proclaimed for one year are not counted.
func IsFederalHoliday(d reunite.Date) bool {
	y := d.Year()
	// The observed day of next year's New Year's Day can fall on 31 December.
	for _, h := range append(holidays(y), holidays(y + 1)[0]) {
		if observed(h) == d {
			return true
		}
	}
	return false
}

// holidays returns the legal public holidays of year y (5 U.S.C. 6103(a)),
// New Year's Day first.
func holidays(y int) []reunite.Date {
	hs := []reunite.Date{
		reunite.NewDate(y, time.January, 1),
		nthWeekday(y, time.January, time.Monday, 3),  // Birthday of Martin Luther King, Jr.
		nthWeekday(y, time.February, time.Monday, 3), // Washington's Birthday
		lastWeekday(y, time.May, time.Monday),        // Memorial Day
		reunite.NewDate(y, time.July, 4),
		nthWeekday(y, time.September, time.Monday, 1),  // Labor Day
		nthWeekday(y, time.October, time.Monday, 2),    // Columbus Day
		reunite.NewDate(y, time.November, 11),          // Veterans Day
		nthWeekday(y, time.November, time.Thursday, 4), // Thanksgiving Day
		reunite.NewDate(y, time.December, 25),
	}
	if y >= 2021 { // Juneteenth National Independence Day Act, Pub. L. 117-17
		hs = append(hs, reunite.NewDate(y, time.June, 19))
	}
	return hs
}

func observed(h reunite.Date) reunite.Date {
	switch h.Weekday() {
	case time.Saturday:
		return h.AddDays(-1)
	case time.Sunday:
		return h.AddDays(1)
	}
	return h
}

func nthWeekday(y int, m time.Month, w time.Weekday, n int) reunite.Date {
	d := reunite.NewDate(y, m, 1)
	d = d.AddDays((int(w) - int(d.Weekday()) + 7) % 7)
	return d.AddDays(7 * (n - 1))
}

func lastWeekday(y int, m time.Month, w time.Weekday) reunite.Date {
	d := reunite.NewDate(y, m, reunite.DaysIn(y, m))
	return d.AddDays(-((int(d.Weekday()) - int(w) + 7) % 7))
}
