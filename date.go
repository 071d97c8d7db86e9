package reunite

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time zone, as the case file writes it
// (YYYY-MM-DD). The zero Date means "unknown": the law engine treats it as a
// missing fact, never as a day.
//
// It is kept as one number, year<<9 | month<<5 | day, so that a date is one
// word and two dates compare as two numbers: the law engine keeps and
// compares dozens of dates for every family it assesses. A negative year
// packs the same way (its low nine bits are zero), so the order holds for
// every year.
type Date struct{ v int }

// date packs a day that exists.
func date(y int, m time.Month, d int) Date { return Date{y<<9 | int(m)<<5 | d} }

// NewDate returns the date y-m-d. It panics on a day that does not exist, so
// use it only with constants; parse user input with ParseDate.
func NewDate(y int, m time.Month, d int) Date {
	dt, err := dateOf(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return date(y, m, d)
}

// ParseDate reads a YYYY-MM-DD date. It refuses anything else: other
// layouts, times, impossible days such as 2023-02-29, and years before 1000
// (a typo, in a case file about living people).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD)", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD)", s)
	}
	if y < 1000 {
		return Date{}, fmt.Errorf("%q is not a date (year before 1000)", s)
	}
	dt, err := dateOf(y, time.Month(m), d)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (%v)", s, err)
	}
	return dt, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func dateOf(y int, m time.Month, d int) (Date, error) {
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("no month %d", m)
	}
	if d < 1 || d > DaysIn(y, m) {
		return Date{}, fmt.Errorf("%s %d has no day %d", m, y, d)
	}
	return date(y, m, d), nil
}

// DaysIn reports how many days month m of year y has. A month outside 1-12
// counts on from January of year y, as time.Date does (13 is January of the
// next year).
func DaysIn(y int, m time.Month) int {
	// By table, not through time.Date: the law engine makes dates (birthdays,
	// anniversaries) in every rule, and each one checks its day against this.
	switch m {
	case time.February:
		if IsLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	case time.January, time.March, time.May, time.July, time.August, time.October, time.December:
		return 31
	}
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsLeap reports whether y is a leap year of the Gregorian calendar.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year() == 0 }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int             { return d.v >> 9 }
func (d Date) Month() time.Month     { return time.Month(d.v >> 5 & 15) }
func (d Date) Day() int              { return d.v & 31 }
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Time returns midnight UTC at the start of the date.
func (d Date) Time() time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC) }

// String formats the date as YYYY-MM-DD, or "" when it is unknown.
func (d Date) String() string {
	var buf [10]byte
	b, _ := d.AppendText(buf[:0])
	return string(b)
}

// AppendText appends the date as String writes it (nothing when it is
// unknown) to b; it never fails. The law engine writes dates straight into
// the message being built, without a string for each.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	y, m, dd := d.Year(), d.Month(), d.Day()
	if y > 9999 {
		return fmt.Appendf(b, "%d-%02d-%02d", y, m, dd), nil
	}
	// Written by hand: dates are formatted in every message of the law
	// engine, and fmt is the engine's largest cost.
	return append(b, '0'+byte(y/1000), '0'+byte(y/100%10), '0'+byte(y/10%10), '0'+byte(y%10), '-',
		'0'+byte(m/10), '0'+byte(m%10), '-', '0'+byte(dd/10), '0'+byte(dd%10)), nil
}

// Compare returns -1, 0 or +1 as d is before, on or after e.
func (d Date) Compare(e Date) int { return cmp(d.v, e.v) }

func cmp(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Before, After and Equal compare two dates.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }
func (d Date) After(e Date) bool  { return d.Compare(e) > 0 }
func (d Date) Equal(e Date) bool  { return d == e }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns the number of days from d to e (negative if e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	dt, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = dt
	return nil
}
