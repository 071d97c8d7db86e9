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
// RFE waiting, on both engines. The first call records every family's
// filing deadline from its stored assessment (once); the loop measures the
// calls after it, the ones a caseworker makes every morning.
// Run with: go test ./store -run '^$' -bench NeedsAction -benchtime 20x
func BenchmarkNeedsAction10000Families(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	for _, e := range engineList {
		b.Run(string(e), func(b *testing.B) {
			if e == Postgres && pg == nil {
				b.Skip("PostgreSQL not installed")
			}
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
}
