package store

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/reunite/reunite"
)

// BenchmarkOfficePage10000Families compares, in one loop on both engines,
// the office view's first page read the way it was (every family of the
// office read, sorted in Go, the page's names opened) with OfficePage (the
// page ordered and cut in SQL), over 10,000 families (1,000 with -short):
//
//	go test ./store -run '^$' -bench OfficePage -benchtime 20x
func BenchmarkOfficePage10000Families(b *testing.B) {
	n := benchFamilies()
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		s, a := benchOffice(b, e)
		for i := range n {
			if _, err := s.CreateFamily(ctx, a, generatedFamily(i)); err != nil {
				b.Fatal(err)
			}
		}
		today := reunite.NewDate(2026, 3, 2)
		q := OfficeQuery{Today: today, SoonDays: 90, Limit: 50}
		wholeList := func() {
			all, err := s.OfficeFamilies(ctx, a)
			if err != nil {
				b.Fatal(err)
			}
			slices.SortFunc(all, func(x, y OfficeFamily) int {
				return cmp.Or(x.FileBy.Compare(y.FileBy), cmp.Compare(x.ID, y.ID))
			})
			ids := make([]string, 0, 50)
			for _, f := range all[:50] {
				ids = append(ids, f.ID)
			}
			if _, err := s.FamilyLabels(ctx, a, ids); err != nil {
				b.Fatal(err)
			}
		}
		wholeList() // records the verdict counts once
		var before, after time.Duration
		for b.Loop() {
			t0 := time.Now()
			wholeList()
			t1 := time.Now()
			if _, err := s.OfficePage(ctx, a, q); err != nil {
				b.Fatal(err)
			}
			before += t1.Sub(t0)
			after += time.Since(t1)
		}
		k := float64(b.N)
		b.ReportMetric(float64(before.Microseconds())/1000/k, "whole-list-ms/op")
		b.ReportMetric(float64(after.Microseconds())/1000/k, "sql-page-ms/op")
		b.ReportMetric(float64(before)/float64(after), "x-faster")
	})
}
