package risk

import (
	"fmt"

	"github.com/reunite/reunite"
)

// Approx is a day as a family knows it: "we left the camp in March 2025" is
// a month, "in 2024" a year. It has the precision of a birth date in the
// case file (YYYY-MM-DD, YYYY-MM or YYYY) and the same rule: a partial day
// is written back as given, never completed with an invented day.
type Approx struct{ b reunite.BirthDate }

// ParseApprox reads YYYY-MM-DD, YYYY-MM or YYYY.
func ParseApprox(s string) (Approx, error) {
	b, err := reunite.ParseBirthDate(s)
	if err != nil {
		return Approx{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)", s)
	}
	return Approx{b}, nil
}

// On is the Approx of a known day.
func On(d reunite.Date) Approx { return Approx{reunite.BornOn(d)} }

// IsZero reports whether the day is unknown.
func (a Approx) IsZero() bool { return a.b.IsZero() }

// Partial reports whether only the month or the year is known.
func (a Approx) Partial() bool { return a.b.Partial() }

// First and Last are the first and last days it may have been.
func (a Approx) First() reunite.Date { return a.b.First() }
func (a Approx) Last() reunite.Date  { return a.b.Last() }

// String writes the day as given ("" when unknown).
func (a Approx) String() string { return a.b.String() }

// Compare orders by the first possible day, then the more precise first.
func (a Approx) Compare(b Approx) int {
	if c := a.First().Compare(b.First()); c != 0 {
		return c
	}
	return a.Last().Compare(b.Last())
}

// MarshalText writes the day as given.
func (a Approx) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads YYYY-MM-DD, YYYY-MM or YYYY.
func (a *Approx) UnmarshalText(t []byte) error {
	v, err := ParseApprox(string(t))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
