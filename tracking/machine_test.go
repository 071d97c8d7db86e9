package tracking

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// accepted lists, written out by hand from process.md section 7 and 4.1,
// every event each stage accepts and the stage it leads to (for a relative
// abroad; the United States road is tested below). Every other pair must be
// refused.
var accepted = map[Stage]map[Kind]Stage{
	NotStarted:  {Prepared: StPrepared, Mailed: StMailed, Withdrawn: StWithdrawn},
	StPrepared:  {Mailed: StMailed, Withdrawn: StWithdrawn},
	StMailed:    {ReceiptNotice: StPending, Rejected: StRejected, Withdrawn: StWithdrawn},
	StRejected:  {Prepared: StPrepared, Mailed: StMailed, Withdrawn: StWithdrawn},
	StPending:   {Biometrics: StPending, Interview: StPending, RFE: StRFE, NOID: StNOID, Approved: StApproved, Denied: StDenied, SentToNVC: StPending, Withdrawn: StWithdrawn},
	StRFE:       {ResponseSent: StResponded, Denied: StDenied, Biometrics: StRFE, Interview: StRFE, Withdrawn: StWithdrawn},
	StNOID:      {ResponseSent: StResponded, Denied: StDenied, Biometrics: StNOID, Interview: StNOID, Withdrawn: StWithdrawn},
	StResponded: {Biometrics: StResponded, Interview: StResponded, RFE: StRFE, NOID: StNOID, Approved: StApproved, Denied: StDenied, Withdrawn: StWithdrawn},
	StApproved:  {SentToNVC: StConsular, ConsularInterview: StConsular, Medical: StConsular, VisaIssued: StVisa, Withdrawn: StWithdrawn},
	StDenied:    {MotionFiled: StMotion, Prepared: StPrepared, Mailed: StMailed, Withdrawn: StWithdrawn},
	StMotion:    {Approved: StApproved, Denied: StDenied, RFE: StRFE, NOID: StNOID, Withdrawn: StWithdrawn},
	StConsular:  {ConsularInterview: StConsular, Medical: StConsular, VisaIssued: StVisa, Withdrawn: StWithdrawn},
	StVisa:      {Travel: StTravel, Arrived: StArrived, Medical: StVisa, VisaIssued: StVisa, Withdrawn: StWithdrawn},
	StTravel:    {Travel: StTravel, Arrived: StArrived, VisaIssued: StVisa, Withdrawn: StWithdrawn},
	StArrived:   {AdjustmentFiled: StAdjusting},
	StAdjusting: {},
	StWithdrawn: {},
}

func TestEveryTransition(t *testing.T) {
	for _, s := range Stages {
		loc, h := road(s)
		p := replay(t, loc, h...)
		if p.Stage != s {
			t.Fatalf("road(%s) reaches %s", s, p.Stage)
		}
		for _, k := range Kinds {
			if k == Retracted {
				continue // tested with corrections
			}
			e := sample(k, "2028-06-01")
			got, err := Replay(loc, append(slices.Clone(h), e))
			want, ok := accepted[s][k]
			switch {
			case ok && err != nil:
				t.Errorf("%s + %s: refused: %v", s, k, err)
			case ok && got.Stage != want:
				t.Errorf("%s + %s: stage %s, want %s", s, k, got.Stage, want)
			case !ok && err == nil:
				t.Errorf("%s + %s: accepted (stage %s), want refused", s, k, got.Stage)
			case !ok:
				var te *Error
				if !errors.As(err, &te) || te.Stage != s || te.Kind != k {
					t.Errorf("%s + %s: error %#v does not name the stage and event", s, k, err)
				}
				if !strings.Contains(err.Error(), string(k)) || !strings.Contains(err.Error(), stageWords(s)) {
					t.Errorf("%s + %s: message %q names neither", s, k, err)
				}
			}
		}
	}
}

func TestUnitedStatesRoad(t *testing.T) {
	loc := reunite.InsideUS
	_, h := road(StApproved)
	p := replay(t, loc, h...)
	if steps := p.Next(day("2026-05-05")); len(steps) == 0 || steps[len(steps)-1].Code != "status_conferred" {
		t.Errorf("next after approval in the US = %+v, want status_conferred last", steps)
	}
	for _, k := range []Kind{SentToNVC, ConsularInterview, Medical, VisaIssued, Travel, Arrived} {
		err := Check(loc, h, sample(k, "2026-06-01"))
		if err == nil || !strings.Contains(err.Error(), "in the United States") {
			t.Errorf("%s for a relative in the US: %v, want refused", k, err)
		}
	}
	if err := Check(loc, h, ev(AdjustmentFiled, "2027-05-04")); err != nil {
		t.Errorf("I-485 after approval in the US: %v", err)
	}
	if err := Check(reunite.OutsideUS, h, ev(AdjustmentFiled, "2027-05-04")); err == nil {
		t.Error("I-485 of a relative abroad before arrival accepted")
	}
}

func TestDatesInOrder(t *testing.T) {
	_, h := road(StMailed) // mailed 2026-01-06
	for _, tc := range []struct {
		date string
		ok   bool
	}{{"2026-01-05", false}, {"2026-01-06", true}, {"2026-01-07", true}} {
		err := Check(reunite.OutsideUS, h, sample(ReceiptNotice, tc.date))
		if (err == nil) != tc.ok {
			t.Errorf("receipt dated %s after mailing on 2026-01-06: %v", tc.date, err)
		}
	}
	_, h = road(StRFE) // RFE 2026-03-02
	if err := Check(reunite.OutsideUS, h, ev(ResponseSent, "2026-03-01")); err == nil || !strings.Contains(err.Error(), "before the notice") {
		t.Errorf("response before the RFE: %v", err)
	}
	_, h = road(StDenied)
	if err := Check(reunite.OutsideUS, h, ev(MotionFiled, "2026-05-03")); err == nil {
		t.Error("motion before the denial accepted")
	}
	_, h = road(StVisa) // visa 2026-09-01
	if err := Check(reunite.OutsideUS, h, ev(Arrived, "2026-08-31")); err == nil {
		t.Error("arrival before the visa accepted")
	}
}

func TestFieldChecks(t *testing.T) {
	_, h := road(StPending)
	for name, tc := range map[string]struct {
		e    Event
		want string
	}{
		"no date":            {Event{Kind: RFE}, "date:"},
		"unknown kind":       {Event{Kind: "appeal", Date: day("2026-03-01")}, `unknown kind of event "appeal"`},
		"due before notice":  {Event{Kind: RFE, Date: day("2026-03-02"), Due: day("2026-03-01")}, "due: 2026-03-01 is before the notice date 2026-03-02"},
		"appointment before": {Event{Kind: Biometrics, Date: day("2026-03-02"), Appointment: day("2026-03-01")}, "appointment:"},
		"bad delivery":       {Event{Kind: RFE, Date: day("2026-03-02"), Delivery: "pigeon"}, "delivery:"},
	} {
		err := Check(reunite.OutsideUS, h, tc.e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	_, h = road(StMailed)
	if err := Check(reunite.OutsideUS, h, Event{Kind: ReceiptNotice, Date: day("2026-02-01"), Receipt: "ABC2612345678"}); err == nil || !strings.Contains(err.Error(), "receipt:") {
		t.Errorf("unknown center: %v", err)
	}
	_, h = road(StApproved)
	if err := Check(reunite.OutsideUS, h, Event{Kind: VisaIssued, Date: day("2026-09-01"), VisaClass: "V95", ValidUntil: day("2027-01-01")}); err == nil || !strings.Contains(err.Error(), "visa_class") {
		t.Errorf("V95: %v", err)
	}
	if err := Check(reunite.OutsideUS, h, Event{Kind: VisaIssued, Date: day("2026-09-01"), VisaClass: "V92", ValidUntil: day("2026-08-01")}); err == nil || !strings.Contains(err.Error(), "valid_until") {
		t.Errorf("validity before issue: %v", err)
	}
}

func TestCorrectionsKeepHistory(t *testing.T) {
	_, h := road(StPending)
	rfe := Event{Kind: RFE, Date: day("2026-03-02"), Due: day("2026-05-20")}
	h = append(h, rfe)
	fixed := rfe
	fixed.Due, fixed.Corrects = day("2026-05-25"), 4
	p := replay(t, reunite.OutsideUS, append(h, fixed)...)
	if len(p.History) != 5 || p.History[3].CorrectedBy != 5 || p.History[3].Event.Due != day("2026-05-20") {
		t.Errorf("history after a correction: %+v", p.History)
	}
	if d := p.Dues(); len(d) != 1 || d[0].Date != day("2026-05-25") || !d[0].Printed || d[0].Seq != 5 {
		t.Errorf("dues after the correction: %+v", d)
	}
	// A retraction removes the RFE; the petition is pending again.
	p = replay(t, reunite.OutsideUS, append(h, fixed, Event{Kind: Retracted, Date: day("2026-03-05"), Corrects: 4})...)
	if p.Stage != StPending || len(p.Dues()) != 0 || len(p.History) != 6 {
		t.Errorf("after retraction: stage %s, dues %v, %d entries", p.Stage, p.Dues(), len(p.History))
	}
	for name, tc := range map[string]struct {
		e    Event
		want string
	}{
		"later event":          {Event{Kind: RFE, Date: day("2026-03-02"), Corrects: 9}, "not an earlier event"},
		"other kind":           {Event{Kind: NOID, Date: day("2026-03-02"), Corrects: 4}, "must be a rfe event"},
		"correction of a fix":  {Event{Kind: RFE, Date: day("2026-03-02"), Corrects: 5}, "itself a correction"},
		"retraction with none": {Event{Kind: Retracted, Date: day("2026-03-02")}, "must name the event"},
	} {
		_, err := Replay(reunite.OutsideUS, append(slices.Clone(h), fixed, tc.e))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	// Retracting the receipt leaves a response with nothing to answer: the
	// retraction is refused, and the message says which event fails.
	_, err := Replay(reunite.OutsideUS, append(slices.Clone(h), Event{Kind: Retracted, Date: day("2026-03-05"), Corrects: 3}))
	if err == nil || !strings.Contains(err.Error(), "event 4 (rfe)") {
		t.Errorf("retracting the receipt under an RFE: %v", err)
	}
}
