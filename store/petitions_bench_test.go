package store

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/tracking"
)

// BenchmarkNeedsAction10000Families measures the office's "needs action"
// list over 10,000 families (1,000 with -short), a third of them with an
// RFE waiting, on both engines: the whole list (limit0), a page (limit201),
// and in one loop the page read from the derived index (due_items) beside
// the same page derived the way it was before it, a union of every open
// item of the office sorted and cut (the floor it replaces), with the rows
// each reads and their ratio.
// Run with: go test ./store -run '^$' -bench NeedsAction -benchtime 20x
func BenchmarkNeedsAction10000Families(b *testing.B) {
	n := benchFamilies()
	forEachBenchEngine(b, func(b *testing.B, e Engine) {
		ctx := context.Background()
		s, a := benchOffice(b, e)
		var evs []NewPetitionEvent
		for i := range n {
			rec, err := s.CreateFamily(ctx, a, generatedFamily(i))
			if err != nil {
				b.Fatal(err)
			}
			if i%3 == 0 {
				d := reunite.NewDate(2026, 1, 1).AddDays(i % 60)
				evs = append(evs,
					NewPetitionEvent{rec.ID, "husband", tracking.Event{Kind: tracking.Mailed, Date: d}},
					NewPetitionEvent{rec.ID, "husband", tracking.Event{Kind: tracking.ReceiptNotice, Date: d.AddDays(20), Receipt: "SRC2612345678"}},
					NewPetitionEvent{rec.ID, "husband", tracking.Event{Kind: tracking.RFE, Date: d.AddDays(40)}})
			}
			if len(evs) >= 300 || i == n-1 {
				if _, err := s.AddPetitionEvents(ctx, a, evs); err != nil {
					b.Fatal(err)
				}
				evs = evs[:0]
			}
		}
		start := time.Now()
		items, err := s.NeedsAction(ctx, a, reunite.NewDate(2026, 12, 31), "", 0)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: first call (records every family's dates) %v, %d items", e, time.Since(start), len(items))
		b.Run("page-vs-union", func(b *testing.B) {
			through := reunite.NewDate(2026, 12, 31).String()
			union := s.q(`SELECT * FROM (` + dueItemsSelect(`f.org_id = ?`) + `) u WHERE u.due <= ?
					ORDER BY u.due, u.family_id, u.member_id, u.kind, u.task_id LIMIT 201`)
			var unionRows, derived int
			if err := s.db.QueryRow(s.q(`SELECT COUNT(*) FROM (`+dueItemsSelect(`f.org_id = ?`)+`) u WHERE u.due <= ?`),
				a.org, a.org, through).Scan(&derived); err != nil {
				b.Fatal(err)
			}
			// The page's own query (NeedsActionPage's), without the
			// audit entry that both ways write.
			indexed := s.q(`SELECT d.family_id, d.member_id, d.kind, d.due, d.notice, d.check_notice, d.caseworker_id, d.attorney_id,
					d.task_id, d.assignee_id FROM due_items d WHERE d.org_id = ? AND d.due <= ?
					ORDER BY d.due, d.family_id, d.member_id, d.kind, d.task_id LIMIT 201`)
			count := func(q string, args ...any) int {
				rows, err := s.db.Query(q, args...)
				if err != nil {
					b.Fatal(err)
				}
				defer rows.Close()
				n := 0
				for rows.Next() {
					n++
				}
				return n
			}
			var before, after, whole time.Duration
			for b.Loop() {
				t0 := time.Now()
				unionRows = count(union, a.org, a.org, through)
				t1 := time.Now()
				if n := count(indexed, a.org, through); n != unionRows {
					b.Fatalf("page of %d, union %d", n, unionRows)
				}
				t2 := time.Now()
				if _, err := s.NeedsAction(ctx, a, reunite.NewDate(2026, 12, 31), "", 201); err != nil {
					b.Fatal(err)
				}
				before += t1.Sub(t0)
				after += t2.Sub(t1)
				whole += time.Since(t2)
			}
			k := float64(b.N)
			b.ReportMetric(float64(before.Microseconds())/1000/k, "union-ms/op")
			b.ReportMetric(float64(after.Microseconds())/1000/k, "index-page-ms/op")
			b.ReportMetric(float64(whole.Microseconds())/1000/k, "NeedsAction-page-ms/op")
			b.ReportMetric(float64(before)/float64(after), "x-faster")
			b.ReportMetric(float64(derived), "union-rows-sorted")
			b.ReportMetric(float64(unionRows), "page-rows-read")
		})
		for _, limit := range []int{0, 201} {
			b.Run("limit"+strconv.Itoa(limit), func(b *testing.B) {
				for b.Loop() {
					if _, err := s.NeedsAction(ctx, a, reunite.NewDate(2026, 12, 31), "", limit); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}
