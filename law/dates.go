package law

import (
	"time"

	"github.com/reunite/reunite"
)

// The calendar arithmetic of the law, in one place. Two conventions differ
// on purpose for 29 February (rules.md R11), each the one that cannot hurt
// the family: a person born on 29 February reaches an age on 1 March of a
// common year (a later loss of child status), while a two-year period that
// starts on 29 February ends on 28 February (an earlier deadline).

// Birthday returns the day a person born on birth reaches the age of n years.
func Birthday(birth reunite.Date, n int) reunite.Date {
	y := birth.Year() + n
	if birth.Month() == time.February && birth.Day() == 29 && !reunite.IsLeap(y) {
		return reunite.NewDate(y, time.March, 1)
	}
	return reunite.NewDate(y, birth.Month(), birth.Day())
}

// AgeOn returns a person's age in whole years on day d (0 before the first
// birthday, negative before birth).
func AgeOn(birth, d reunite.Date) int {
	age := d.Year() - birth.Year()
	if d.Before(Birthday(birth, age)) {
		age--
	}
	return age
}

// UnderAgeOn reports whether a person born on birth is under n years old on
// day d: d comes before the n-th birthday. An event on the birthday itself is
// too late.
func UnderAgeOn(birth, d reunite.Date, n int) bool { return d.Before(Birthday(birth, n)) }

// Anniversary returns the same month and day n years after start; from a
// 29 February into a common year it is 28 February.
func Anniversary(start reunite.Date, n int) reunite.Date {
	y := start.Year() + n
	d := min(start.Day(), reunite.DaysIn(y, start.Month()))
	return reunite.NewDate(y, start.Month(), d)
}

// IsWeekend reports whether d is a Saturday or a Sunday.
func IsWeekend(d reunite.Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}
