package policy

import (
	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// Assessment is the contract's assessment (law.Assessment) with the
// notices added: "notices" on the petitioner and on every petition. The
// fields and their order are the contract's; the notices never change a
// verdict, a finding or a sequence (docs/assessment.md).
type Assessment struct {
	Format     string       `json:"format"`
	AsOf       reunite.Date `json:"as_of"`
	FilingDate reunite.Date `json:"filing_date"`
	Petitioner Petitioner   `json:"petitioner"`
	Deadline   law.Deadline `json:"deadline"`
	Petitions  []Petition   `json:"petitions"`
}

// Petitioner is law.Petitioner with the principal's own notices (their
// status at risk, their own requests on hold).
type Petitioner struct {
	law.Petitioner
	Notices []Shown `json:"notices"`
}

// Petition is law.Petition with the notices that reach that relative.
type Petition struct {
	law.Petition
	Notices []Shown `json:"notices"`
}

// Annotate adds r's notices to a. Every petition gets a list, empty when
// no notice reaches it, so that a reader can tell "none" from "not
// looked at".
func Annotate(a *law.Assessment, r Result) *Assessment {
	out := &Assessment{Format: a.Format, AsOf: a.AsOf, FilingDate: a.FilingDate,
		Petitioner: Petitioner{Petitioner: a.Petitioner, Notices: nonNil(r.Petitioner)},
		Deadline:   a.Deadline}
	for _, p := range a.Petitions {
		out.Petitions = append(out.Petitions, Petition{Petition: p, Notices: nonNil(r.Petitions[p.Member])})
	}
	if out.Petitions == nil {
		out.Petitions = []Petition{}
	}
	return out
}

func nonNil(s []Shown) []Shown {
	if s == nil {
		return []Shown{}
	}
	return s
}
