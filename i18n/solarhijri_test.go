package i18n

import (
	"testing"

	"github.com/reunite/reunite"
)

func TestSolarHijri(t *testing.T) {
	for _, tc := range []struct {
		g       string
		y, m, d int
	}{
		{"2026-03-21", 1405, 1, 1},   // Nowruz 1405
		{"2026-03-20", 1404, 12, 29}, // 1404 is a common year
		{"2025-03-20", 1403, 12, 30}, // 1403 is a leap year
		{"2024-03-20", 1403, 1, 1},
		{"2001-09-11", 1380, 6, 20},
		{"1979-02-11", 1357, 11, 22}, // 22 Bahman 1357
		{"2023-01-15", 1401, 10, 25},
		{"1964-03-21", 1343, 1, 1},
	} {
		g, _ := reunite.ParseDate(tc.g)
		y, m, d, ok := SolarHijri(g)
		if !ok || y != tc.y || m != tc.m || d != tc.d {
			t.Errorf("SolarHijri(%s) = %d-%d-%d %v, want %d-%d-%d", tc.g, y, m, d, ok, tc.y, tc.m, tc.d)
		}
	}
	if _, _, _, ok := SolarHijri(reunite.NewDate(1950, 1, 1)); ok {
		t.Error("a date before 1343 converted")
	}
	// Every day of the range converts to the next day of the calendar.
	py, pm, pd, _ := SolarHijri(reunite.NewDate(1964, 3, 21))
	for d := reunite.NewDate(1964, 3, 22); d.Year() < 2093; d = d.AddDays(1) {
		y, m, dd, ok := SolarHijri(d)
		if !ok {
			t.Fatalf("%s did not convert", d)
		}
		next := (y == py && m == pm && dd == pd+1) || (y == py && m == pm+1 && dd == 1) || (y == py+1 && m == 1 && dd == 1 && pm == 12)
		if !next {
			t.Fatalf("%s: %d-%d-%d does not follow %d-%d-%d", d, y, m, dd, py, pm, pd)
		}
		py, pm, pd = y, m, dd
	}
}

func TestFromSolarHijri(t *testing.T) {
	for _, tc := range []struct {
		y, m, d int
		g       string
	}{
		{1405, 1, 1, "2026-03-21"},
		{1403, 12, 30, "2025-03-20"}, // the 30th of Hut of a leap year
		{1357, 11, 22, "1979-02-11"},
		{1367, 1, 1, "1988-03-21"},
		{1380, 6, 20, "2001-09-11"},
		{1343, 1, 1, "1964-03-21"},
	} {
		got, ok := FromSolarHijri(tc.y, tc.m, tc.d)
		if !ok || got.String() != tc.g {
			t.Errorf("FromSolarHijri(%d, %d, %d) = %s %v, want %s", tc.y, tc.m, tc.d, got, ok, tc.g)
		}
	}
	for _, bad := range [][3]int{{1404, 12, 30}, {1400, 7, 31}, {1400, 13, 1}, {1400, 0, 1}, {1342, 1, 1}, {1473, 1, 1}, {1400, 1, 0}} {
		if d, ok := FromSolarHijri(bad[0], bad[1], bad[2]); ok {
			t.Errorf("FromSolarHijri(%v) = %s, want refused", bad, d)
		}
	}
	// Both ways agree on every day of the range.
	for d := reunite.NewDate(1964, 3, 21); d.Year() < 2094; d = d.AddDays(1) {
		y, m, dd, _ := SolarHijri(d)
		if back, ok := FromSolarHijri(y, m, dd); !ok || back != d {
			t.Fatalf("%s -> %d-%d-%d -> %s", d, y, m, dd, back)
		}
	}
}

// FuzzFromSolarHijri: any triple is refused or gives a date that converts
// back to the same triple.
func FuzzFromSolarHijri(f *testing.F) {
	f.Add(1405, 1, 1)
	f.Add(1403, 12, 30)
	f.Add(-5, 40, 99)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		g, ok := FromSolarHijri(y, m, d)
		if !ok {
			return
		}
		yy, mm, dd, ok := SolarHijri(g)
		if !ok || yy != y || mm != m || dd != d {
			t.Fatalf("%d-%d-%d -> %s -> %d-%d-%d", y, m, d, g, yy, mm, dd)
		}
	})
}
