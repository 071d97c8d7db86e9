package risk

// StepKind names a proposed next step.
type StepKind string

const (
	StepExpedite    StepKind = "expedite"     // ask USCIS to expedite the petition
	StepNewEvidence StepKind = "new_evidence" // add documents that corroborate the incidents
	StepContact     StepKind = "contact"      // get back in touch with the relative
	StepRenewStatus StepKind = "renew_status" // renew or replace the status in the host country
	StepTellTeam    StepKind = "tell_team"    // the assigned team hears of the change
)

// Step is a proposed next step. Incidents are the indexes, in the log
// given, of the incidents it rests on; Criteria the codes of the USCIS
// expedite criteria it may meet.
type Step struct {
	Kind      StepKind
	Incidents []int
	Criteria  []string
}

// NextSteps proposes what to do for a relative at level l, from the
// timeline, the incident log and the warnings of the day. A person
// decides: nothing here is filed or sent.
func NextSteps(l Level, es []Entry, log []Incident, warnings []Warning) []Step {
	var out []Step
	if l.Urgent() {
		out = append(out, Step{Kind: StepTellTeam})
		var serious []int
		for i, in := range log {
			if in.Severity >= Serious {
				serious = append(serious, i)
			}
		}
		out = append(out, Step{Kind: StepExpedite, Incidents: serious, Criteria: []string{Humanitarian}})
	}
	var bare []int
	for i, in := range log {
		if len(in.Sources) == 0 {
			bare = append(bare, i)
		}
	}
	if len(bare) > 0 {
		out = append(out, Step{Kind: StepNewEvidence, Incidents: bare})
	}
	for _, w := range warnings {
		switch w.Kind {
		case NoContactYet, NotHeardFrom:
			out = append(out, Step{Kind: StepContact})
		case StatusExpiring, StatusExpired:
			out = append(out, Step{Kind: StepRenewStatus})
		}
	}
	return out
}
