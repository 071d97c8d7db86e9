package tracking

import (
	"testing"

	"github.com/reunite/reunite"
)

func TestSpansFollowTheEventsInForce(t *testing.T) {
	p := replay(t, reunite.OutsideUS,
		ev(Mailed, "2026-01-05"),
		Event{Kind: ReceiptNotice, Date: day("2026-01-20"), Receipt: "IOE0912345678"},
		ev(Biometrics, "2026-02-01"),
		ev(Approved, "2026-06-01"),
		Event{Kind: Approved, Date: day("2026-05-01"), Corrects: 4}, // the approval was dated wrong
	)
	sp := p.Spans()
	if len(sp) != 3 || sp[0].Stage != StMailed || sp[1].Stage != StPending || sp[2].Stage != StApproved {
		t.Fatalf("spans = %+v", sp)
	}
	if n, ok := sp[1].Days(); !ok || n != 101 {
		t.Errorf("pending lasted %d days (%v), want 101 (to the corrected approval)", n, ok)
	}
	if _, ok := sp[2].Days(); ok {
		t.Error("the approved stage is still open")
	}
}
