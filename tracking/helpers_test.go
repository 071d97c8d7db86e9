package tracking

import (
	"testing"

	"github.com/reunite/reunite"
)

func day(s string) reunite.Date {
	d, err := reunite.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ev(k Kind, date string) Event { return Event{Kind: k, Date: day(date)} }

func replay(t *testing.T, loc reunite.Location, evs ...Event) *Petition {
	t.Helper()
	p, err := Replay(loc, evs)
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	return p
}

// road is a history that reaches each stage, for a relative abroad unless
// the stage belongs to the United States road.
func road(s Stage) (reunite.Location, []Event) {
	rcpt := Event{Kind: ReceiptNotice, Date: day("2026-02-10"), Receipt: "SRC2612345678"}
	base := []Event{ev(Prepared, "2026-01-05"), ev(Mailed, "2026-01-06"), rcpt}
	abroad := reunite.OutsideUS
	switch s {
	case NotStarted:
		return abroad, nil
	case StPrepared:
		return abroad, base[:1]
	case StMailed:
		return abroad, base[:2]
	case StRejected:
		return abroad, append(base[:2:2], ev(Rejected, "2026-01-20"))
	case StPending:
		return abroad, base
	case StRFE:
		return abroad, append(base, ev(RFE, "2026-03-02"))
	case StNOID:
		return abroad, append(base, ev(NOID, "2026-03-02"))
	case StResponded:
		return abroad, append(base, ev(RFE, "2026-03-02"), ev(ResponseSent, "2026-04-01"))
	case StApproved:
		return abroad, append(base, ev(Approved, "2026-05-04"))
	case StDenied:
		return abroad, append(base, ev(Denied, "2026-05-04"))
	case StMotion:
		return abroad, append(base, ev(Denied, "2026-05-04"), ev(MotionFiled, "2026-05-20"))
	case StConsular:
		return abroad, append(base, ev(Approved, "2026-05-04"), ev(SentToNVC, "2026-06-01"))
	case StVisa:
		return abroad, append(base, ev(Approved, "2026-05-04"), ev(SentToNVC, "2026-06-01"), visa("2026-09-01", "2027-02-28"))
	case StTravel:
		return abroad, append(base, ev(Approved, "2026-05-04"), ev(SentToNVC, "2026-06-01"), visa("2026-09-01", "2027-02-28"), ev(Travel, "2026-10-01"))
	case StArrived:
		return abroad, append(base, ev(Approved, "2026-05-04"), ev(SentToNVC, "2026-06-01"), visa("2026-09-01", "2027-02-28"), ev(Arrived, "2026-10-02"))
	case StAdjusting:
		return reunite.InsideUS, append(base, ev(Approved, "2026-05-04"), ev(AdjustmentFiled, "2027-05-04"))
	case StWithdrawn:
		return abroad, append(base, ev(Withdrawn, "2026-03-01"))
	}
	panic("no road to " + string(s))
}

func visa(issued, until string) Event {
	return Event{Kind: VisaIssued, Date: day(issued), VisaClass: "V92", ValidUntil: day(until)}
}

// sample returns a valid event of kind k dated on or after the road's
// last event, with the fields its kind needs.
func sample(k Kind, date string) Event {
	e := ev(k, date)
	switch k {
	case ReceiptNotice:
		e.Receipt = "SRC2612345678"
	case VisaIssued:
		e.VisaClass, e.ValidUntil = "V93", day("2029-01-01")
	}
	return e
}
