package law

import (
	"testing"

	"github.com/reunite/reunite"
)

func d(s string) reunite.Date {
	dt, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return dt
}

func TestBirthday(t *testing.T) {
	for _, tc := range []struct {
		birth string
		n     int
		want  string
	}{
		{"2004-02-29", 21, "2025-03-01"}, // common year: 1 March
		{"2004-02-29", 20, "2024-02-29"}, // leap year: the day itself
		{"2004-02-29", 4, "2008-02-29"},
		{"2000-02-29", 100, "2100-03-01"}, // 2100 is not a leap year
		{"2000-02-29", 400, "2400-02-29"}, // 2400 is
		{"2005-05-16", 18, "2023-05-16"},
		{"2010-12-31", 16, "2026-12-31"},
		{"2010-01-01", 0, "2010-01-01"},
	} {
		if got := Birthday(d(tc.birth), tc.n); got.String() != tc.want {
			t.Errorf("Birthday(%s, %d) = %s, want %s", tc.birth, tc.n, got, tc.want)
		}
	}
}

func TestAgeOn(t *testing.T) {
	for _, tc := range []struct {
		birth, on string
		want      int
	}{
		{"2004-02-29", "2025-02-28", 20}, // still 20 the day before 1 March
		{"2004-02-29", "2025-03-01", 21},
		{"2004-02-29", "2024-02-28", 19},
		{"2004-02-29", "2024-02-29", 20},
		{"2001-05-05", "2023-08-14", 22},
		{"2005-05-16", "2023-05-15", 17}, // the day before the 18th birthday
		{"2005-05-16", "2023-05-16", 18}, // on it
		{"2005-05-16", "2023-05-17", 18},
		{"2010-12-31", "2011-01-01", 0},
		{"2010-12-31", "2010-12-30", -1}, // before birth
		{"1999-12-31", "2000-12-31", 1},
	} {
		if got := AgeOn(d(tc.birth), d(tc.on)); got != tc.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", tc.birth, tc.on, got, tc.want)
		}
	}
}

func TestUnderAgeOn(t *testing.T) {
	b := d("2002-03-10")
	if !UnderAgeOn(b, d("2023-03-09"), 21) {
		t.Error("the day before the 21st birthday is under 21")
	}
	if UnderAgeOn(b, d("2023-03-10"), 21) {
		t.Error("the 21st birthday itself is not under 21")
	}
	if UnderAgeOn(b, d("2023-03-11"), 21) {
		t.Error("the day after the 21st birthday is not under 21")
	}
}

func TestAnniversary(t *testing.T) {
	for _, tc := range []struct{ start, want string }{
		{"2023-01-15", "2025-01-15"},
		{"2024-02-29", "2026-02-28"}, // the period ends on 28 February
		{"2022-02-28", "2024-02-28"}, // into a leap year: not the 29th
		{"2026-02-28", "2028-02-28"},
		{"2023-12-31", "2025-12-31"},
		{"2024-03-01", "2026-03-01"},
	} {
		if got := Anniversary(d(tc.start), 2); got.String() != tc.want {
			t.Errorf("Anniversary(%s, 2) = %s, want %s", tc.start, got, tc.want)
		}
	}
}

func TestIsWeekend(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-11-28": true,  // Saturday
		"2026-11-29": true,  // Sunday
		"2026-11-30": false, // Monday
		"2026-11-27": false, // Friday
	} {
		if got := IsWeekend(d(s)); got != want {
			t.Errorf("IsWeekend(%s) = %v, want %v", s, got, want)
		}
	}
}
