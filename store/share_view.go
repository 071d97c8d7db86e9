package store

import (
	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// What a partner sees of a case file and its assessment through shares
// limited to some relatives (see shares.go for why these facts).

// family cuts a case file down to what the grant covers. A whole-family
// grant sees the file as it is.
func (g *grant) family(f *reunite.Family) *reunite.Family {
	if g == nil || g.whole {
		return f
	}
	p := f.Principal
	out := &reunite.Family{
		Format:     f.Format,
		FilingDate: f.FilingDate,
		// The principal's filing facts: who petitions, and the status and
		// dates that decide eligibility and the deadline.
		Principal: reunite.Principal{
			Name: p.Name, Sex: p.Sex, ANumber: p.ANumber, Status: p.Status,
			AsylumFiled: p.AsylumFiled, RefugeeInterview: p.RefugeeInterview, StatusDate: p.StatusDate,
			StatusTerminated: p.StatusTerminated, NaturalizedOn: p.NaturalizedOn, DeceasedOn: p.DeceasedOn,
		},
		Members: []reunite.Member{},
	}
	for _, m := range f.Members {
		if g.members[m.ID] {
			out.Members = append(out.Members, m)
		}
	}
	return out
}

// assessment keeps the petitions of the relatives the grant covers.
func (g *grant) assessment(as *law.Assessment) *law.Assessment {
	if g == nil || g.whole {
		return as
	}
	out := *as
	out.Petitions = nil
	for _, p := range as.Petitions {
		if g.members[p.Member] {
			out.Petitions = append(out.Petitions, p)
		}
	}
	return &out
}
