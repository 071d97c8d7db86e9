package law

import "github.com/reunite/reunite"

// petitionerRules decide whether the principal may file at all (I-730
// instructions, Who may file / Who may not file; rules.md R1).
func petitionerRules(out []Finding, c *caseFacts) []Finding {
	p := c.p
	v := c.values() // the principal's status and days (caseFacts.lookup)
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
	switch {
	case p.DeceasedOn.IsZero():
	case p.DeceasedOn.Before(c.filing):
		// No one can file for a principal who died before filing.
		out = append(out, c.finding(PetitionerDeceased, Fail, citeDeceased, "petitioner.deceased_before_filing", v))
	default:
		out = append(out, c.finding(PetitionerDeceased, Review, citeDeceased, "petitioner.deceased", v))
	}
	if p.StatusDate.IsZero() && p.Status != reunite.NoStatus && !p.Status.IsDerivative() {
		out = append(out, c.missing("principal.status_date", "missing.status_date", v))
	}
	return out
}

// survivorRules: when the principal died on or after the filing day,
// survivor relief (INA 204(l)) covers only a relative who resided in the
// United States at the death.
func survivorRules(out []Finding, c *caseFacts, s *subject) []Finding {
	d := c.p.DeceasedOn
	if d.IsZero() || d.Before(c.filing) {
		return out // alive, or PETITIONER_DECEASED fails for every petition
	}
	v := c.vars(s).with(day(vDeceased, d))
	switch s.m.Location {
	case reunite.InsideUS:
		return append(out, c.finding(SurvivorAbroad, Pass, citeSurvivor, "survivor.in_us", v))
	case reunite.OutsideUS:
		return append(out, c.finding(SurvivorAbroad, Fail, citeSurvivor, "survivor.abroad", v))
	}
	return append(out, c.missing(s.path+".location", "missing.location_survivor", v))
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
