package tracking

import (
	"fmt"
	"strings"

	"github.com/reunite/reunite"
)

// Stage is where a petition stands.
type Stage string

const (
	NotStarted  Stage = "not_started"
	StPrepared  Stage = "prepared"
	StMailed    Stage = "mailed"
	StRejected  Stage = "rejected_at_intake"
	StPending   Stage = "pending" // receipted, with USCIS
	StRFE       Stage = "rfe_issued"
	StNOID      Stage = "noid_issued"
	StResponded Stage = "response_sent"
	StApproved  Stage = "approved"
	StDenied    Stage = "denied"
	StMotion    Stage = "motion_filed"
	StConsular  Stage = "consular_processing" // at NVC, the embassy or a USCIS office abroad
	StVisa      Stage = "visa_issued"
	StTravel    Stage = "travel_booked"
	StArrived   Stage = "arrived"
	StAdjusting Stage = "adjustment_filed"
	StWithdrawn Stage = "withdrawn"
)

// Stages in the order of the road, for overviews.
var Stages = []Stage{NotStarted, StPrepared, StMailed, StRejected, StPending, StRFE, StNOID, StResponded,
	StApproved, StDenied, StMotion, StConsular, StVisa, StTravel, StArrived, StAdjusting, StWithdrawn}

// stay marks an event that is recorded without changing the stage (a
// biometrics notice while the petition is pending).
const stay Stage = ""

// transitions says, for each stage, which events it accepts and the stage
// they lead to. Anything else is refused. Withdrawn is accepted from every
// stage but the last ones (see allowed).
var transitions = map[Stage]map[Kind]Stage{
	NotStarted: {Prepared: StPrepared, Mailed: StMailed},
	StPrepared: {Mailed: StMailed},
	StMailed:   {ReceiptNotice: StPending, Rejected: StRejected},
	StRejected: {Prepared: StPrepared, Mailed: StMailed},
	StPending: {Biometrics: stay, Interview: stay, RFE: StRFE, NOID: StNOID,
		Approved: StApproved, Denied: StDenied, SentToNVC: stay},
	// An unanswered RFE or NOID ends in a denial; an approval needs the
	// response recorded first.
	StRFE:       {ResponseSent: StResponded, Denied: StDenied, Biometrics: stay, Interview: stay},
	StNOID:      {ResponseSent: StResponded, Denied: StDenied, Biometrics: stay, Interview: stay},
	StResponded: {Biometrics: stay, Interview: stay, RFE: StRFE, NOID: StNOID, Approved: StApproved, Denied: StDenied},
	// A denial leaves a motion, or a new petition (prepared again).
	StDenied: {MotionFiled: StMotion, Prepared: StPrepared, Mailed: StMailed},
	StMotion: {Approved: StApproved, Denied: StDenied, RFE: StRFE, NOID: StNOID},
	// After approval the road forks: abroad to the consulate, in the
	// United States to the green card (approval confers status).
	StApproved: {SentToNVC: StConsular, ConsularInterview: StConsular, Medical: StConsular,
		VisaIssued: StVisa, AdjustmentFiled: StAdjusting},
	StConsular: {ConsularInterview: stay, Medical: stay, VisaIssued: StVisa},
	StVisa:     {Travel: StTravel, Arrived: StArrived, Medical: stay, VisaIssued: StVisa},
	StTravel:   {Travel: StTravel, Arrived: StArrived, VisaIssued: StVisa},
	StArrived:  {AdjustmentFiled: StAdjusting},
}

// abroadOnly are the events of a relative outside the United States.
var abroadOnly = map[Kind]bool{SentToNVC: true, ConsularInterview: true, Medical: true, VisaIssued: true, Travel: true, Arrived: true}

// Petition is the state of one relative's petition, folded from its
// history.
type Petition struct {
	Location reunite.Location // of the relative; "" when unknown (both roads open)
	Stage    Stage
	Since    reunite.Date // the day of the event that made the stage
	Receipt  Receipt
	History  []Entry // every event as entered, corrections included
	// Effective are the events in force, in order, after corrections and
	// retractions.
	Effective []Entry

	approvedOn reunite.Date
	arrivedOn  reunite.Date
	notice     *Entry // the RFE or NOID awaiting a response
	denial     *Entry
	visa       *Entry
	medical    *Entry
	travel     *Entry
	appts      []Entry
}

// Entry is an event with its place in the history.
type Entry struct {
	Seq   int // 1-based position in the history
	Event Event
	// CorrectedBy is the sequence number of the later event that replaced
	// or retracted this one; 0 while it is in force.
	CorrectedBy int
}

// Error is a refused event: its position, the stage it met and why.
type Error struct {
	Seq    int
	Kind   Kind
	Stage  Stage
	Reason string
}

func (e *Error) Error() string {
	return fmt.Sprintf("event %d (%s): %s", e.Seq, e.Kind, e.Reason)
}

// Replay folds a petition's history in order and returns its state, or the
// first event that cannot stand, with a message that names the stage and the
// event. loc is where the relative is.
func Replay(loc reunite.Location, history []Event) (*Petition, error) {
	// History is allocated once: eff points into it.
	p := &Petition{Location: loc, Stage: NotStarted, History: make([]Entry, 0, len(history))}
	eff := make([]*Entry, len(history)) // by position; nil when retracted
	for i, ev := range history {
		e := Entry{Seq: i + 1, Event: ev}
		p.History = append(p.History, e)
		if err := checkFields(e); err != nil {
			return nil, err
		}
		if ev.Corrects == 0 {
			if ev.Kind == Retracted {
				return nil, &Error{e.Seq, ev.Kind, "", "a retraction must name the event it retracts"}
			}
			eff[i] = &p.History[i]
			continue
		}
		n := ev.Corrects
		if n < 1 || n > i {
			return nil, &Error{e.Seq, ev.Kind, "", fmt.Sprintf("corrects event %d, which is not an earlier event", n)}
		}
		orig := &p.History[n-1]
		if orig.Event.Corrects != 0 || orig.Event.Kind == Retracted {
			return nil, &Error{e.Seq, ev.Kind, "", fmt.Sprintf("event %d is itself a correction: correct event %d instead", n, orig.Event.Corrects)}
		}
		if eff[n-1] == nil {
			return nil, &Error{e.Seq, ev.Kind, "", fmt.Sprintf("event %d was retracted", n)}
		}
		if ev.Kind != Retracted && ev.Kind != orig.Event.Kind {
			return nil, &Error{e.Seq, ev.Kind, "", fmt.Sprintf("a correction of event %d must be a %s event (retract it to remove it)", n, orig.Event.Kind)}
		}
		// The latest correction stands; the one it replaces is marked.
		eff[n-1].CorrectedBy = e.Seq
		orig.CorrectedBy = e.Seq
		if ev.Kind == Retracted {
			eff[n-1] = nil
		} else {
			eff[n-1] = &p.History[i]
		}
	}
	for _, e := range eff {
		if e == nil {
			continue
		}
		// A correction takes the place of the event it corrects.
		cur := *e
		cur.CorrectedBy = 0
		if err := p.apply(cur); err != nil {
			return nil, err
		}
		p.Effective = append(p.Effective, cur)
	}
	return p, nil
}

// Check tells whether ev may be added to history, with the refusal message.
func Check(loc reunite.Location, history []Event, ev Event) error {
	_, err := Replay(loc, append(history[:len(history):len(history)], ev))
	return err
}

// allowed returns the stage ev leads to from the current stage, or why it
// is refused.
func (p *Petition) allowed(ev Event) (Stage, string) {
	if ev.Kind == Withdrawn {
		switch p.Stage {
		case StWithdrawn, StArrived, StAdjusting:
			return "", fmt.Sprintf("a petition %s cannot be withdrawn", stageWords(p.Stage))
		}
		return StWithdrawn, ""
	}
	if abroadOnly[ev.Kind] && p.Location == reunite.InsideUS {
		return "", fmt.Sprintf("%s is for a relative abroad, and this relative is in the United States (the petition is %s)", kindWords(ev.Kind), stageWords(p.Stage))
	}
	if ev.Kind == AdjustmentFiled && p.Stage == StApproved && p.Location == reunite.OutsideUS {
		return "", "the petition is approved, and a relative abroad applies for a green card only after arriving: record the arrival first"
	}
	next, ok := transitions[p.Stage][ev.Kind]
	if !ok {
		return "", fmt.Sprintf("%s cannot follow: the petition is %s (%s)", kindWords(ev.Kind), stageWords(p.Stage), expected(p.Stage))
	}
	if next == stay {
		next = p.Stage
	}
	return next, ""
}

func (p *Petition) apply(e Entry) error {
	ev := e.Event
	next, why := p.allowed(ev)
	if why != "" {
		return &Error{e.Seq, ev.Kind, p.Stage, why}
	}
	if why := p.datedAfter(ev); why != "" {
		return &Error{e.Seq, ev.Kind, p.Stage, why}
	}
	switch ev.Kind {
	case ReceiptNotice:
		p.Receipt = ev.Receipt
	case RFE, NOID:
		p.notice = &e
	case ResponseSent:
		p.notice = nil
	case Approved:
		p.approvedOn, p.denial, p.appts = ev.Date, nil, nil
	case Denied:
		p.denial, p.notice, p.appts = &e, nil, nil
	case MotionFiled:
		p.denial = nil
	case VisaIssued:
		p.visa = &e
	case Medical:
		if !ev.ValidUntil.IsZero() {
			p.medical = &e
		}
	case Travel:
		p.travel = &e
	case Arrived:
		p.arrivedOn, p.visa, p.medical, p.travel, p.appts = ev.Date, nil, nil, nil, nil
	case Withdrawn:
		p.notice, p.denial, p.appts = nil, nil, nil
	case Biometrics, Interview, ConsularInterview:
		if !ev.Appointment.IsZero() {
			p.appts = append(p.appts, e)
		}
	case Prepared, Mailed:
		// A new petition after a rejection or a denial starts afresh.
		p.Receipt, p.notice, p.denial, p.approvedOn = "", nil, nil, reunite.Date{}
	}
	if next != p.Stage || ev.Kind == VisaIssued || ev.Kind == Travel {
		p.Since = ev.Date
	}
	p.Stage = next
	return nil
}

// datedAfter refuses an event dated before the one it answers: a receipt
// before the mailing, a response before the notice, a motion before the
// denial, an arrival before the visa.
func (p *Petition) datedAfter(ev Event) string {
	var anchor reunite.Date
	var what string
	switch ev.Kind {
	case ReceiptNotice, Rejected:
		anchor, what = p.Since, "the mailing"
	case ResponseSent:
		if p.notice != nil {
			anchor, what = p.notice.Event.Date, "the notice it answers"
		}
	case MotionFiled:
		if p.denial != nil {
			anchor, what = p.denial.Event.Date, "the denial"
		}
	case Approved, Denied:
		anchor, what = p.Since, "the previous step"
	case Arrived, Travel:
		if p.visa != nil {
			anchor, what = p.visa.Event.Date, "the visa"
		}
	case VisaIssued, SentToNVC:
		anchor, what = p.approvedOn, "the approval"
	case AdjustmentFiled:
		anchor, what = p.Since, "the arrival or approval"
	}
	if !anchor.IsZero() && ev.Date.Before(anchor) {
		return fmt.Sprintf("dated %s, before %s on %s", ev.Date, what, anchor)
	}
	return ""
}

// checkFields refuses an event whose own fields are missing or do not agree:
// every event needs a day, a due date or validity cannot come before the
// document that sets it.
func checkFields(e Entry) error {
	ev := e.Event
	bad := func(format string, args ...any) error {
		return &Error{e.Seq, ev.Kind, "", fmt.Sprintf(format, args...)}
	}
	if !ev.Kind.Valid() {
		return bad("unknown kind of event %q (expected one of %s)", string(ev.Kind), kindList())
	}
	if ev.Date.IsZero() {
		return bad("date: the day of the %s is needed", kindWords(ev.Kind))
	}
	switch ev.Delivery {
	case "", ByMail, ByMailAbroad, InPerson:
	default:
		return bad("delivery: %q is not mail, mail_abroad or in_person", string(ev.Delivery))
	}
	if ev.Kind == ReceiptNotice {
		if _, err := ParseReceipt(string(ev.Receipt)); err != nil {
			return bad("receipt: %v", err)
		}
	}
	if !ev.Due.IsZero() && ev.Due.Before(ev.Date) {
		return bad("due: %s is before the notice date %s", ev.Due, ev.Date)
	}
	if !ev.Appointment.IsZero() && ev.Appointment.Before(ev.Date) {
		return bad("appointment: %s is before the notice date %s", ev.Appointment, ev.Date)
	}
	if !ev.ValidUntil.IsZero() && ev.ValidUntil.Before(ev.Date) {
		return bad("valid_until: %s is before the day of issue %s", ev.ValidUntil, ev.Date)
	}
	if ev.Kind == VisaIssued {
		if ev.VisaClass != "V92" && ev.VisaClass != "V93" {
			return bad("visa_class: %q is not V92 (an asylee's relative) or V93 (a refugee's)", ev.VisaClass)
		}
		if ev.ValidUntil.IsZero() {
			return bad("valid_until: the last day the travel document is valid is needed")
		}
	}
	return nil
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// expected lists what a stage accepts, for refusal messages.
func expected(s Stage) string {
	var ks []string
	for _, k := range Kinds {
		if _, ok := transitions[s][k]; ok {
			ks = append(ks, string(k))
		}
	}
	if s != StWithdrawn && s != StArrived && s != StAdjusting {
		ks = append(ks, string(Withdrawn))
	}
	if len(ks) == 0 {
		return "no further event is expected"
	}
	return "expected: " + strings.Join(ks, ", ")
}
