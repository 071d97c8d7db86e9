package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/reunite/reunite"
)

// BenchmarkOfficeViewAndSearch reads, on both engines, over an office of
// 10,000 families (1,000 with -short) sharing twenty surnames, the office
// view's first page (urgent order) and the first page of a search for one
// surname (a twentieth of the office), as the load script's two office
// phases ask them, and a search by a full name (a rare given name and a
// common surname: one family). It reports each one's wall time, the CPU
// this process used (on PostgreSQL the server's CPU is not in it) and its
// statements:
//
//	go test ./store -run '^$' -bench OfficeViewAndSearch -benchtime 40x
func BenchmarkOfficeViewAndSearch(b *testing.B) {
	n := benchFamilies()
	files := generatedFiles(b, n, func(i int, f *reunite.Family) {
		f.Principal.Name.Family = fmt.Sprintf("Surname%c", 'a'+rune(i%20))
	})
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		s, a := benchOffice(b, e)
		importAll(b, s, a, files)
		page := OfficeQuery{Today: reunite.NewDate(2026, 3, 2), SoonDays: 90, Limit: 50}
		search := page
		search.Search = "Surnamec"
		name := page
		name.Search = "Given5 Surnamef" // family 5 alone (generatedFamily)
		type tally struct{ wall, cpu time.Duration }
		var pageT, searchT, nameT tally
		var pageQ, searchQ, nameQ int64
		read := func(q OfficeQuery, t *tally, stmts *int64) {
			t0, c0, n0 := time.Now(), processCPU(), s.Statements()
			res, err := s.OfficePage(ctx, a, q)
			if err != nil {
				b.Fatal(err)
			}
			want := 50
			if q.Search == name.Search {
				want = 1
			}
			if len(res.Rows) != want || q.Search == name.Search && res.Shown != 1 {
				b.Fatalf("search %q: %d rows of %d", q.Search, len(res.Rows), res.Shown)
			}
			t.wall += time.Since(t0)
			t.cpu += processCPU() - c0
			*stmts += s.Statements() - n0
		}
		// The first read records the verdict counts and builds the index.
		read(page, &tally{}, new(int64))
		for b.Loop() {
			read(page, &pageT, &pageQ)
			read(search, &searchT, &searchQ)
			read(name, &nameT, &nameQ)
		}
		k := float64(b.N)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / k }
		b.ReportMetric(ms(pageT.wall), "page-ms/op")
		b.ReportMetric(ms(pageT.cpu), "page-cpu-ms/op")
		b.ReportMetric(float64(pageQ)/k, "page-queries/op")
		b.ReportMetric(ms(searchT.wall), "search-ms/op")
		b.ReportMetric(ms(searchT.cpu), "search-cpu-ms/op")
		b.ReportMetric(float64(searchQ)/k, "search-queries/op")
		b.ReportMetric(ms(nameT.wall), "name-ms/op")
		b.ReportMetric(ms(nameT.cpu), "name-cpu-ms/op")
	})
}
