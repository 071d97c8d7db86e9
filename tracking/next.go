package tracking

import (
	"fmt"

	"github.com/reunite/reunite"
)

// Step is what the family or the office should do next, in plain English,
// with a code the web pages can translate.
type Step struct {
	Code string       `json:"code"`
	Text string       `json:"text"`
	By   reunite.Date `json:"by,omitzero"` // zero when there is no date to keep
}

// Next returns what comes next for the petition on day asOf: the open due
// dates first (overdue ones said so), then the step the stage waits for.
func (p *Petition) Next(asOf reunite.Date) []Step {
	var out []Step
	for _, d := range p.Dues() {
		out = append(out, dueStep(d, asOf))
	}
	if s, ok := stageStep[p.Stage]; ok {
		if p.Stage == StApproved && p.Location == reunite.InsideUS {
			s = Step{"status_conferred", "The approval gave the relative status in the United States (8 CFR 207.7(f)(1), 208.21(c)); they may work incident to that status.", reunite.Date{}}
		}
		out = append(out, s)
	}
	return out
}

func dueStep(d Due, asOf reunite.Date) Step {
	var text string
	switch d.Kind {
	case DueRFE:
		text = "Send the response to the request for evidence so that it arrives by " + d.Date.String()
	case DueNOID:
		text = "Send the response to the notice of intent to deny so that it arrives by " + d.Date.String()
	case DueMotion:
		text = "A motion to reopen or reconsider (Form I-290B) must be filed by " + d.Date.String() + ". " + NoAppeal
	case DueAppoint:
		text = "Attend the " + kindWords(d.Event) + " on " + d.Date.String()
	case DueVisa:
		text = "Travel before the travel document expires on " + d.Date.String()
	case DueMedical:
		text = "Travel before the medical exam expires on " + d.Date.String()
	case DueAdjustment:
		text = "From " + d.Date.String() + " the relative can apply for a green card (Form I-485); a refugee's relative must."
	}
	if d.CheckNotice {
		text += " (a default: check the notice and enter the date printed on it)"
	}
	if d.Kind != DueAdjustment && d.Date.Before(asOf) {
		text = fmt.Sprintf("Overdue since %s. %s", d.Date, text)
	}
	return Step{string(d.Kind), text, d.Date}
}

// stageStep is what each stage waits for when no date is open.
var stageStep = map[Stage]Step{
	NotStarted:  {"prepare", "Prepare the petition packet and have the petitioner sign it.", reunite.Date{}},
	StPrepared:  {"mail", "Mail the signed packet to the USCIS Texas Service Center with a tracked carrier and record the tracking number.", reunite.Date{}},
	StMailed:    {"await_receipt", "Wait for the receipt notice (Form I-797C) and enter its receipt number.", reunite.Date{}},
	StRejected:  {"refile", "Correct what the rejection notice names and mail the petition again.", reunite.Date{}},
	StPending:   {"await_decision", "Wait for USCIS: record any biometrics or interview notice, request for evidence, or decision.", reunite.Date{}},
	StResponded: {"await_decision", "Wait for USCIS: record any biometrics or interview notice, request for evidence, or decision.", reunite.Date{}},
	StMotion:    {"await_motion", "Wait for the decision on the motion.", reunite.Date{}},
	StApproved:  {"consular", "The approval goes to the National Visa Center and the embassy: record the transfer, the interview and the medical exam.", reunite.Date{}},
	StConsular:  {"consular", "Record the consular interview, the medical exam and the travel document when it is issued.", reunite.Date{}},
	StVisa:      {"travel", "Book the travel before the travel document expires.", reunite.Date{}},
	StTravel:    {"arrive", "Record the arrival and the I-94 admission number.", reunite.Date{}},
}
