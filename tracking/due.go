package tracking

import (
	"fmt"
	"slices"

	"github.com/reunite/reunite"
)

// DueKind is what a due date asks for.
type DueKind string

const (
	DueRFE        DueKind = "rfe_response"     // answer a request for evidence
	DueNOID       DueKind = "noid_response"    // answer a notice of intent to deny
	DueMotion     DueKind = "motion_window"    // last day for a motion after a denial
	DueAppoint    DueKind = "appointment"      // biometrics or interview
	DueVisa       DueKind = "visa_expires"     // travel before the travel document expires
	DueMedical    DueKind = "medical_expires"  // travel before the medical exam expires
	DueAdjustment DueKind = "adjustment_opens" // the green-card application may (or must) be filed
)

// Due is a date a petition's events create, with where it came from.
type Due struct {
	Kind DueKind      `json:"kind"`
	Date reunite.Date `json:"date"`
	// Notice is the day of the document that set the date; Date is never
	// before it.
	Notice reunite.Date `json:"notice"`
	Seq    int          `json:"seq"`   // the event that set it
	Event  Kind         `json:"event"` // its kind
	// Printed is true when Date is the one printed on the notice, which is
	// authoritative. CheckNotice is true for a suggested default: the person
	// must read the date on the notice and enter it.
	Printed     bool     `json:"printed,omitzero"`
	CheckNotice bool     `json:"check_notice,omitzero"`
	Rule        string   `json:"rule"` // the rule and its source
	Warnings    []string `json:"warnings,omitzero"`
}

// Dues returns the dates the petition's open steps create, soonest first.
// Only what still applies at the petition's stage is listed: an RFE already
// answered, or a visa already used, gives no date.
func (p *Petition) Dues() []Due {
	var out []Due
	if n := p.notice; n != nil && (p.Stage == StRFE || p.Stage == StNOID) {
		out = append(out, responseDue(*n))
	}
	if d := p.denial; d != nil && p.Stage == StDenied {
		ev := d.Event
		out = append(out, Due{Kind: DueMotion, Date: MotionLastDay(ev.Date, ev.Delivery), Notice: ev.Date,
			Seq: d.Seq, Event: ev.Kind, Rule: MotionSource, Warnings: []string{NoAppeal}})
	}
	for _, a := range p.appts {
		ev := a.Event
		out = append(out, Due{Kind: DueAppoint, Date: ev.Appointment, Notice: ev.Date, Seq: a.Seq, Event: ev.Kind,
			Printed: true, Rule: "the appointment notice; an unexcused absence may end the petition (8 CFR 103.2(b)(13))"})
	}
	if v := p.visa; v != nil && (p.Stage == StVisa || p.Stage == StTravel) {
		out = append(out, p.validity(*v, DueVisa, "the travel document",
			"the validity printed on the travel document (9 FAM 203.5, 203.6)"))
	}
	if m := p.medical; m != nil && (p.Stage == StConsular || p.Stage == StVisa || p.Stage == StTravel) {
		out = append(out, p.validity(*m, DueMedical, "the medical exam",
			"the validity the panel physician gave (CDC Technical Instructions; 9 FAM 203.5, 203.6)"))
	}
	if from, ok := p.adjustmentClock(); ok {
		out = append(out, Due{Kind: DueAdjustment, Date: anniversary(from), Notice: from, Seq: p.clockSeq(), Event: p.clockKind(),
			Rule: AdjustmentSource})
	}
	slices.SortStableFunc(out, func(a, b Due) int { return a.Date.Compare(b.Date) })
	return out
}

// validity is the last day of a document's validity, with a warning when
// the travel booked is later.
func (p *Petition) validity(e Entry, kind DueKind, what, rule string) Due {
	ev := e.Event
	d := Due{Kind: kind, Date: ev.ValidUntil, Notice: ev.Date, Seq: e.Seq, Event: ev.Kind, Printed: true, Rule: rule}
	if t := p.travel; t != nil && t.Event.Date.After(ev.ValidUntil) {
		d.Warnings = append(d.Warnings, fmt.Sprintf("Travel is booked for %s, after %s expires on %s.", t.Event.Date, what, ev.ValidUntil))
	}
	return d
}

// responseDue is the due date of an RFE or NOID: the printed one when it
// was entered, otherwise the suggested default marked "check the notice".
func responseDue(n Entry) Due {
	ev := n.Event
	kind := DueRFE
	if ev.Kind == NOID {
		kind = DueNOID
	}
	d := Due{Kind: kind, Notice: ev.Date, Seq: n.Seq, Event: ev.Kind}
	sug, rule, _ := SuggestResponse(ev.Kind, ev.Date, ev.Delivery)
	if !ev.Due.IsZero() {
		d.Date, d.Printed = ev.Due, true
		d.Rule = "the due date printed on the notice"
		if !IsBusinessDay(ev.Due) {
			d.Warnings = append(d.Warnings, fmt.Sprintf("The due date %s is a weekend day or a federal holiday: make sure the response arrives before it.", ev.Due))
		}
		if sug.IsZero() || ev.Due.After(sug) {
			d.Warnings = append(d.Warnings, fmt.Sprintf("The due date entered is later than the usual period (%s): check it against the notice.", sug))
		}
		return d
	}
	d.Date, d.CheckNotice, d.Rule = sug, true, rule.Source
	d.Warnings = append(d.Warnings, "Check the notice: this date is only a default. USCIS may set a shorter time (PA-2026-05), and the date printed on the notice is the one that counts.")
	return d
}

// adjustmentClock returns the day the one year before adjustment starts
// from: the arrival of a relative from abroad, the approval of a relative
// in the United States.
func (p *Petition) adjustmentClock() (reunite.Date, bool) {
	switch {
	case p.Stage == StArrived && !p.arrivedOn.IsZero():
		return p.arrivedOn, true
	case p.Stage == StApproved && p.Location == reunite.InsideUS && !p.approvedOn.IsZero():
		return p.approvedOn, true
	}
	return reunite.Date{}, false
}

func (p *Petition) clockKind() Kind {
	if p.Stage == StArrived {
		return Arrived
	}
	return Approved
}

func (p *Petition) clockSeq() int {
	k := p.clockKind()
	for i := len(p.Effective) - 1; i >= 0; i-- {
		if p.Effective[i].Event.Kind == k {
			return p.Effective[i].Seq
		}
	}
	return 0
}
