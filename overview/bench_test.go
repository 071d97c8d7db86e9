package overview

import (
	"testing"

	"github.com/reunite/reunite/tracking"
)

// BenchmarkBuild: the figures of an office of 10,000 petitions, each with
// a mailing, a receipt, an RFE, a response and a decision, and 5,000 open
// due dates (the store's reading is measured apart).
func BenchmarkBuild(b *testing.B) {
	input := Input{Today: today, Stages: map[tracking.Stage]int{tracking.StApproved: 10000}}
	for i := range 10000 {
		m := day("2025-01-01").AddDays(i % 200)
		input.Histories = append(input.Histories, []tracking.Event{
			{Kind: tracking.Mailed, Date: m},
			{Kind: tracking.ReceiptNotice, Date: m.AddDays(14), Receipt: "IOE0912345678"},
			{Kind: tracking.RFE, Date: m.AddDays(90), Due: m.AddDays(177)},
			{Kind: tracking.ResponseSent, Date: m.AddDays(150)},
			{Kind: tracking.Approved, Date: m.AddDays(300 + i%50)},
		})
	}
	for i := range 5000 {
		input.Due = append(input.Due, in("rfe_response", i%120-10))
	}
	b.ReportAllocs()
	for b.Loop() {
		Build(input)
	}
}
