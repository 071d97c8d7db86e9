package law

import "github.com/reunite/reunite"

// petitionerRules decide whether the principal may file at all (I-730
// instructions, Who may file / Who may not file; rules.md R1).
func petitionerRules(c *caseFacts) []Finding {
	p := c.p
	v := values("status", c.word("status", string(p.Status)), "filing", c.filing.String(),
		"naturalized", p.NaturalizedOn.String(), "deceased", p.DeceasedOn.String())
	var out []Finding
	switch {
	case p.Status == "":
		out = append(out, c.missing("principal.status", "missing.status", nil))
	case p.Status.IsDerivative():
		out = append(out, c.finding(PetitionerDerivative, Fail, citeDerivative, "petitioner.derivative", v))
	case p.Status == reunite.NoStatus:
		out = append(out, c.finding(PetitionerStatus, Fail, citeWhoMayFile, "petitioner.none", v))
	case p.Status == reunite.Citizen && !p.NaturalizedOn.IsZero() && c.filing.Before(p.NaturalizedOn):
		out = append(out, c.finding(PetitionerNaturalizedAfterFiling, Review, citeNaturalized, "petitioner.naturalized_after", v))
	case p.Status == reunite.Citizen && p.NaturalizedOn.IsZero():
		out = append(out, c.finding(PetitionerStatus, Fail, citeNaturalized, "petitioner.citizen_unknown_day", v))
	case p.Status == reunite.Citizen:
		out = append(out, c.finding(PetitionerStatus, Fail, citeNaturalized, "petitioner.citizen", v))
	default:
		out = append(out, c.finding(PetitionerStatus, Pass, citeWhoMayFile, "petitioner.ok", v))
	}
	if reunite.True(p.StatusTerminated) {
		out = append(out, c.finding(PetitionerStatus, Fail, citeTerminated, "petitioner.terminated", v))
	}
	if !p.DeceasedOn.IsZero() {
		out = append(out, c.finding(PetitionerDeceased, Review, citeDeceased, "petitioner.deceased", v))
	}
	if p.StatusDate.IsZero() && p.Status != reunite.NoStatus && !p.Status.IsDerivative() {
		out = append(out, c.missing("principal.status_date", "missing.status_date", values("status_what", c.statusWhat())))
	}
	return out
}

// canFile is false exactly when a PETITIONER_* finding fails.
func canFile(findings []Finding) bool {
	for _, f := range findings {
		if f.Outcome == Fail && isPetitionerCode(f.Code) {
			return false
		}
	}
	return true
}

func isPetitionerCode(c Code) bool {
	switch c {
	case PetitionerDerivative, PetitionerStatus, PetitionerNaturalizedAfterFiling, PetitionerDeceased:
		return true
	}
	return false
}
