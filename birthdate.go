package reunite

import (
	"fmt"
	"time"
)

// Precision says how much of a birth date is known. Many refugees know only
// the year they were born (documents issued in exile often say 1 January, or
// nothing), so the contract lets a birth date be YYYY or YYYY-MM.
type Precision uint8

const (
	DayKnown   Precision = iota // YYYY-MM-DD
	MonthKnown                  // YYYY-MM: some day of that month
	YearKnown                   // YYYY: some day of that year
)

// BirthDate is a birth date as the person knows it: a day, a month or a
// year. The zero BirthDate is unknown. A partial one is never turned into an
// invented day: it is written back as given, and the law engine decides
// only what its first and last possible days agree on.
type BirthDate struct {
	first Date
	prec  Precision
}

// BornOn returns the birth date of a known day.
func BornOn(d Date) BirthDate { return BirthDate{first: d} }

// BornIn returns a partial birth date: year y, or month m of year y when m
// is not zero. It panics on an impossible month, so use it with constants.
func BornIn(y int, m time.Month) BirthDate {
	if m == 0 {
		return BirthDate{first: NewDate(y, time.January, 1), prec: YearKnown}
	}
	return BirthDate{first: NewDate(y, m, 1), prec: MonthKnown}
}

// ParseBirthDate reads YYYY-MM-DD, YYYY-MM or YYYY.
func ParseBirthDate(s string) (BirthDate, error) {
	switch len(s) {
	case 10:
		d, err := ParseDate(s)
		return BirthDate{first: d}, err
	case 7, 4:
	default:
		return BirthDate{}, fmt.Errorf("%q is not a birth date (expected YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)", s)
	}
	y, ok := digits(s[:4])
	if !ok || (len(s) == 7 && s[4] != '-') {
		return BirthDate{}, fmt.Errorf("%q is not a birth date (expected YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)", s)
	}
	if y < 1000 {
		return BirthDate{}, fmt.Errorf("%q is not a birth date (year before 1000)", s)
	}
	if len(s) == 4 {
		return BirthDate{first: date(y, time.January, 1), prec: YearKnown}, nil
	}
	m, ok := digits(s[5:7])
	if !ok {
		return BirthDate{}, fmt.Errorf("%q is not a birth date (expected YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)", s)
	}
	if m < 1 || m > 12 {
		return BirthDate{}, fmt.Errorf("%q is not a birth date (no month %d)", s, m)
	}
	return BirthDate{first: date(y, time.Month(m), 1), prec: MonthKnown}, nil
}

// IsZero reports whether the birth date is unknown.
func (b BirthDate) IsZero() bool { return b.first.IsZero() }

// Precision says whether the day, the month or only the year is known.
func (b BirthDate) Precision() Precision { return b.prec }

// Partial reports whether only the year or the month is known.
func (b BirthDate) Partial() bool { return !b.IsZero() && b.prec != DayKnown }

// Day returns the day of birth, and false when it is unknown or partial.
func (b BirthDate) Day() (Date, bool) {
	if b.IsZero() || b.prec != DayKnown {
		return Date{}, false
	}
	return b.first, true
}

// First and Last return the first and last days the person may have been
// born on (the same day for a full date; zero when unknown).
func (b BirthDate) First() Date { return b.first }

func (b BirthDate) Last() Date {
	switch {
	case b.IsZero():
		return Date{}
	case b.prec == YearKnown:
		return date(b.first.Year(), time.December, 31)
	case b.prec == MonthKnown:
		y, m := b.first.Year(), b.first.Month()
		return date(y, m, DaysIn(y, m))
	}
	return b.first
}

// Year returns the year of birth (0 when unknown).
func (b BirthDate) Year() int { return b.first.Year() }

// Month returns the month of birth, 0 when only the year is known.
func (b BirthDate) Month() time.Month {
	if b.prec == YearKnown {
		return 0
	}
	return b.first.Month()
}

// String writes the birth date as it was given: YYYY-MM-DD, YYYY-MM or
// YYYY; "" when unknown.
func (b BirthDate) String() string {
	s := b.first.String()
	switch {
	case s == "":
		return ""
	case b.prec == YearKnown:
		return s[:len(s)-6]
	case b.prec == MonthKnown:
		return s[:len(s)-3]
	}
	return s
}

// MarshalText writes the birth date as given.
func (b BirthDate) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads YYYY-MM-DD, YYYY-MM or YYYY.
func (b *BirthDate) UnmarshalText(t []byte) error {
	v, err := ParseBirthDate(string(t))
	if err != nil {
		return err
	}
	*b = v
	return nil
}
