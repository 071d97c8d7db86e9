package store

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/reunite/reunite"
)

// TestOfficePageMatchesTheWholeList pages through the office view as the
// database orders and filters it and compares every page with the order
// worked out here from the whole list (OfficeFamilies), on both engines:
// late deadlines, near ones and later ones, each order and filter, pages
// of 7 that must neither overlap nor skip a family.
func TestOfficePageMatchesTheWholeList(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		a, err := s.CreateOrg(ctx, "Office", NewUser{Login: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		tekle := map[string]bool{} // the families whose spouse is also a Tekle
		for i := range 40 {
			// Grants spread over three years: some deadlines passed, some
			// near, some far.
			f := generatedFamily(i * 29)
			if i%3 == 0 {
				f.Members[0].Name.Middle = "Tekle"
			}
			rec, err := s.CreateFamily(ctx, a, f)
			if err != nil {
				t.Fatal(err)
			}
			tekle[rec.ID] = i%3 == 0
		}
		all, err := s.OfficeFamilies(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		today := reunite.NewDate(2026, 3, 2)
		const soon = 90
		days := func(f OfficeFamily) (int, bool) {
			if f.FileBy.IsZero() {
				return 0, false
			}
			return today.DaysUntil(f.FileBy), true
		}
		urgency := func(f OfficeFamily) int {
			d, has := days(f)
			switch {
			case has && d < 0:
				return 0
			case has && d <= soon:
				return 1
			case f.Review > 0:
				return 2
			}
			return 3
		}
		byDeadline := func(x, y OfficeFamily) int {
			dx, hx := days(x)
			dy, hy := days(y)
			if hx != hy {
				if hx {
					return -1
				}
				return 1
			}
			return cmp.Compare(dx, dy)
		}
		orders := map[string]func(x, y OfficeFamily) int{
			"urgent": func(x, y OfficeFamily) int {
				return cmp.Or(cmp.Compare(urgency(x), urgency(y)), cmp.Compare(y.Review, x.Review), byDeadline(x, y), cmp.Compare(x.ID, y.ID))
			},
			"deadline": func(x, y OfficeFamily) int { return cmp.Or(byDeadline(x, y), cmp.Compare(x.ID, y.ID)) },
			"updated": func(x, y OfficeFamily) int {
				return cmp.Or(y.UpdatedAt.Compare(x.UpdatedAt), cmp.Compare(x.ID, y.ID))
			},
		}
		filters := map[string]func(OfficeFamily) bool{
			"":       func(OfficeFamily) bool { return true },
			"review": func(f OfficeFamily) bool { return f.Review > 0 },
			"soon":   func(f OfficeFamily) bool { d, has := days(f); return has && d >= 0 && d <= soon },
			"late":   func(f OfficeFamily) bool { d, has := days(f); return has && d < 0 },
		}
		seenLate, seenSoon := false, false
		for sortName, order := range orders {
			for filterName, keep := range filters {
				var want []string
				sorted := slices.Clone(all)
				slices.SortFunc(sorted, order)
				for _, f := range sorted {
					if keep(f) {
						want = append(want, f.ID)
						seenLate = seenLate || filterName == "late"
						seenSoon = seenSoon || filterName == "soon"
					}
				}
				// Every family's spouse is a Haile: the search keeps them all,
				// through the search's own way of ordering (officeCells). A
				// third are also Tekle: two words, both common, keep those.
				for _, search := range []string{"", "Haile", "tekle HAILE"} {
					want := want
					if search == "tekle HAILE" {
						want = slices.DeleteFunc(slices.Clone(want), func(id string) bool { return !tekle[id] })
					}
					var got []string
					for off := 0; ; off += 7 {
						res, err := s.OfficePage(ctx, a, OfficeQuery{Today: today, SoonDays: soon, Sort: sortName, Filter: filterName, Search: search, Offset: off, Limit: 7})
						if err != nil {
							t.Fatal(err)
						}
						if res.Total != len(all) || res.Shown != len(want) {
							t.Fatalf("%s/%q/%q: total %d shown %d, want %d and %d", sortName, filterName, search, res.Total, res.Shown, len(all), len(want))
						}
						for _, r := range res.Rows {
							if r.Label == "" {
								t.Fatalf("%s: row %s without its name", sortName, r.ID)
							}
							got = append(got, r.ID)
						}
						if len(res.Rows) < 7 {
							break
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("sort %s, filter %q, search %q:\n got %v\nwant %v", sortName, filterName, search, got, want)
					}
				}
			}
		}
		if !seenLate || !seenSoon {
			t.Errorf("the families do not cover late (%v) and soon (%v) deadlines", seenLate, seenSoon)
		}

		// A search goes through the blind index (office_words).
		res, err := s.OfficePage(ctx, a, OfficeQuery{Today: today, SoonDays: soon, Search: "Family29", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if res.Shown != 1 || len(res.Rows) != 1 || res.Rows[0].Label == "" {
			t.Fatalf("search for one family: shown %d, rows %+v", res.Shown, res.Rows)
		}
		// Several words must all match (grouped by family), in any case;
		// an A-number is one term of its own kind.
		for search, want := range map[string]int{"haile FAMILY29": 1, "Family29 Nobody": 0, "A-100-000-029": 1, "Haile": 40} {
			res, err := s.OfficePage(ctx, a, OfficeQuery{Today: today, SoonDays: soon, Search: search, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if res.Shown != want || len(res.Rows) != want || res.Total != len(all) {
				t.Errorf("search %q: shown %d of %d, %d rows, want %d", search, res.Shown, res.Total, len(res.Rows), want)
			}
		}
		if _, err := s.OfficePage(ctx, a, OfficeQuery{Today: today, Sort: "name", Limit: 50}); err == nil {
			t.Error("a sort by sealed name was accepted")
		}
	})
}
