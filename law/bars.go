package law

import "github.com/reunite/reunite"

// barRules apply to every spouse and child: earlier protection in their own
// right, the persecutor bar, other bars and inadmissibility, and the risk of
// removal proceedings (8 CFR 207.7(b)(1); INA 101(a)(42), 207(c)(3),
// 208(b)(2)(A); rules.md R8, R10).
func barRules(out []Finding, c *caseFacts, s *subject) []Finding {
	m := s.m
	v := c.vars(s)
	if reunite.True(m.AlreadyProtected) {
		out = append(out, c.finding(MemberAlreadyProtected, Fail, citeAlreadyProtected, "bar.already_protected", v))
	}
	if citizenByBirth(m.BirthCountry) {
		out = append(out, c.finding(MemberUSCitizen, Fail, citeUSCitizen, "bar.us_citizen", v.with(str(vCountry, countryName(m.BirthCountry)))))
	}
	if reunite.True(m.MarriageFraudFinding) {
		out = append(out, marriageFraud(c, s, v))
	}
	switch p, known := reunite.Known(m.Persecutor); {
	case !known:
		out = append(out, c.missing(s.path+".persecutor", "missing.persecutor", v))
	case p:
		out = append(out, c.finding(PersecutorBar, Fail, citePersecutor, "bar.persecutor", v))
	default:
		out = append(out, c.finding(PersecutorBar, Pass, citePersecutor, "bar.not_persecutor", v))
	}
	if reunite.True(m.OtherBars) {
		cite := citeOtherBarUnknown
		switch c.branch {
		case branchAsylum:
			cite = citeOtherBarAsylee
		case branchRefugee:
			cite = citeOtherBarRefugee
		}
		out = append(out, c.finding(OtherBar, Review, cite, "bar.other", v))
	}
	if reunite.True(m.RemovalProceedings) {
		switch m.Location {
		case reunite.InsideUS:
			out = append(out, c.finding(RemovalProceedings, Warn, citeRemoval, "bar.removal_inside", v))
		case reunite.OutsideUS:
			// Abroad, a removal history matters only for a refugee's
			// relative: admissibility (212(a)(9)), waivable under 207(c)(3).
			switch c.branch {
			case branchRefugee:
				out = append(out, c.finding(OtherBar, Review, citeRemovalRefugee, "bar.removal_refugee", v))
			case branchUnknown:
				out = append(out, c.missing("principal.status", "missing.status_for_removal", v))
			}
		default:
			out = append(out, c.missing(s.path+".location", "missing.location_removal", v))
		}
	}
	return out
}

// citizenByBirth reports whether a birth in the country (or territory)
// makes a United States citizen: the states, Puerto Rico, Guam, the US
// Virgin Islands and the Northern Mariana Islands (INA 301-307).
func citizenByBirth(country string) bool {
	switch country {
	case "US", "PR", "GU", "VI", "MP":
		return true
	}
	return false
}

// marriageFraud: 8 CFR 207.7(b)(5) bars a refugee's husband or wife with a
// marriage-fraud finding. For an asylee's spouse, an unknown branch or a
// child the regulation names no such bar, and a person must weigh it.
func marriageFraud(c *caseFacts, s *subject, v *scope) Finding {
	refugee := c.p.Status == reunite.Refugee || c.p.Status == reunite.LPRFormerRefugee ||
		(c.p.Status == reunite.Citizen && c.branch == branchRefugee)
	if s.m.Relationship == reunite.Spouse && refugee {
		return c.finding(MarriageFraud, Fail, citeMarriageFraud, "spouse.fraud", v)
	}
	return c.finding(MarriageFraud, Review, citeMarriageFraud, "bar.fraud_review", v)
}

// countryName is a country's English name, or its code when not known.
func countryName(code string) string {
	if n, ok := reunite.CountryName(code); ok {
		return n
	}
	return code
}
