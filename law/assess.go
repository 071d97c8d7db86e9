package law

import (
	"fmt"
	"strconv"

	"github.com/reunite/reunite"
)

// Assess applies every rule to the family as of the given day, with the
// messages in English. It does no I/O and reads no clock, so the same family
// and day always give the same assessment. The family should have passed
// validation (casefile.Decode).
func Assess(f *reunite.Family, asOf reunite.Date) *Assessment {
	return AssessIn(f, asOf, messagesEN)
}

// AssessIn is Assess with the messages written from another language's
// catalog (see Catalog); a key the catalog lacks falls back to English.
func AssessIn(f *reunite.Family, asOf reunite.Date, catalog map[string]string) *Assessment {
	c := newCaseFacts(f, asOf, catalog)
	a := &Assessment{
		Format:     reunite.AssessmentFormat,
		AsOf:       asOf,
		FilingDate: c.filing,
		Petitions:  make([]Petition, 0, len(f.Members)),
	}

	checks := petitionerRules(c)
	a.Petitioner = Petitioner{CanFile: canFile(checks), Findings: listed(checks), Checks: checks}
	if !c.fileBy.IsZero() {
		fileBy, late, left := c.fileBy, c.late, asOf.DaysUntil(c.fileBy)
		a.Deadline = Deadline{FileBy: &fileBy, Late: &late, DaysLeft: &left, OnWeekend: IsWeekend(fileBy)}
	}

	// What the petitioner's findings bring to every petition: all of them
	// that fail or need review when the principal cannot file, else the
	// review ones.
	var inherited []Finding
	for _, fd := range a.Petitioner.Findings {
		if fd.Outcome == Review || (!a.Petitioner.CanFile && fd.Outcome == Fail) {
			inherited = append(inherited, fd)
		}
	}

	subjects := make([]*subject, len(f.Members))
	for i := range f.Members {
		s, last := birthRange(&f.Members[i], i)
		subjects[i] = s
		p := Petition{Member: s.m.ID}
		switch {
		case !a.Petitioner.CanFile:
		case last != nil:
			p.Checks = partialBirthRules(c, s, last)
		default:
			p.Checks = memberRules(c, s)
		}
		p.Findings = append(append([]Finding{}, inherited...), listed(p.Checks)...)
		p.Verdict = verdictOf(p.Findings)
		if !a.Petitioner.CanFile {
			p.Verdict = Ineligible
		}
		a.Petitions = append(a.Petitions, p)
	}

	numberPetitions(a.Petitions)
	for i, s := range subjects {
		p := &a.Petitions[i]
		p.KeyDates = keyDates(c, s)
		if a.Petitioner.CanFile {
			p.Hints = hints(c, s, p)
		}
		p.Next = nextSteps(c, s, p)
	}
	return a
}

// memberRules are every rule that applies to one member, in the order a
// person would check them: who they are to the principal, then what that
// relationship requires, then bars, then the deadline. Parents, siblings and
// others never qualify, but their bars and the deadline are still reported:
// the contract lists every rule that did not simply pass, in every petition.
func memberRules(c *caseFacts, s *subject) []Finding {
	var out []Finding
	switch s.m.Relationship {
	case reunite.Spouse:
		out = spouseRules(c, s)
	case reunite.ChildOf:
		out = childRules(c, s)
	case "":
		out = []Finding{c.missing(s.path+".relationship", "missing.relationship", c.vars(s))}
	default:
		v := c.vars(s).with("relationship", c.word("relationship", string(s.m.Relationship)))
		out = []Finding{c.finding(RelationshipNotQualifying, Fail, citeRelationship, "relationship.not_qualifying", v)}
	}
	out = append(out, barRules(c, s)...)
	out = append(out, survivorRules(c, s)...)
	return append(out, deadlineRules(c, s)...)
}

// listed keeps the findings the contract lists: every rule that did not
// simply pass.
func listed(checks []Finding) []Finding {
	out := make([]Finding, 0, len(checks))
	for _, f := range checks {
		if f.Outcome != Pass {
			out = append(out, f)
		}
	}
	return out
}

// numberPetitions writes "k of N" over the petitions to prepare: every
// member whose verdict is not ineligible, in file order.
func numberPetitions(ps []Petition) {
	n := 0
	for _, p := range ps {
		if p.Verdict != Ineligible {
			n++
		}
	}
	k := 0
	for i := range ps {
		if ps[i].Verdict == Ineligible {
			continue
		}
		k++
		seq := fmt.Sprintf("%d of %d", k, n)
		ps[i].Sequence = &seq
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
