package law

import "github.com/reunite/reunite"

// spouseRules: a spouse qualifies when the marriage existed on status_date,
// still exists, is legally valid where it was celebrated, and is not an
// unconsummated proxy marriage (INA 101(a)(35); 8 CFR 207.7(b)(4), (5), (c),
// 208.21(b); PA-2025-11; rules.md R3, R4).
func spouseRules(out []Finding, c *caseFacts, s *subject) []Finding {
	m := s.m
	mar := m.Marriage
	if mar == nil {
		mar = &noMarriage
	}
	v := c.vars(s).with(day(vMarried, mar.Date), day(vEnded, mar.Ended),
		word(vForm, enumForm, string(mar.Form)), word(vMaritalStatus, enumMarital, string(m.MaritalStatus)))

	// The marriage must have existed on status_date; the same day is not after.
	switch {
	case mar.Date.IsZero():
		out = append(out, c.missing(s.path+".marriage.date", "missing.marriage_date", v))
	case c.p.StatusDate.IsZero():
		// The petitioner's MISSING_FACT for status_date covers it.
	case mar.Date.After(c.p.StatusDate):
		out = append(out, c.finding(MarriageAfterStatus, Fail, citeSpouseTiming, "spouse.after_status", v))
	default:
		out = append(out, c.finding(MarriageAfterStatus, Pass, citeSpouseTiming, "spouse.before_status", v))
	}

	// The marriage must still exist.
	switch {
	case !mar.Ended.IsZero():
		out = append(out, c.finding(MarriageEnded, Fail, citeSpouseContinuity, "spouse.ended_on", v))
	case m.MaritalStatus.Ended():
		out = append(out, c.finding(MarriageEnded, Fail, citeSpouseContinuity, "spouse.ended_status", v))
	case m.MaritalStatus == reunite.Single:
		out = append(out, c.missing(s.path+".marital_status", "missing.spouse_single", v))
	default:
		out = append(out, c.finding(MarriageEnded, Pass, citeSpouseContinuity, "spouse.continues", v))
	}

	// Every marriage must be valid where it was celebrated; for the
	// informal, religious and customary forms MARRIAGE_INFORMAL says so.
	switch valid, known := reunite.Known(mar.ValidWhereCelebrated); {
	case !known || informalForm(mar.Form):
	case !valid:
		out = append(out, c.finding(MarriageNotValid, Fail, citeMarriageNotValid, "spouse.not_valid", v))
	default:
		out = append(out, c.finding(MarriageNotValid, Pass, citeMarriageNotValid, "spouse.valid", v))
	}

	// The form of the marriage decides which validity rule applies.
	switch mar.Form {
	case "":
		out = append(out, c.missing(s.path+".marriage.form", "missing.marriage_form", v))
	case reunite.ProxyMarriage:
		switch done, known := reunite.Known(mar.Consummated); {
		case !known:
			out = append(out, c.missing(s.path+".marriage.consummated", "missing.consummated", v))
		case !done:
			out = append(out, c.finding(MarriageProxyUnconsummated, Fail, citeProxy, "spouse.proxy_unconsummated", v))
		default:
			out = append(out, c.finding(MarriageProxyUnconsummated, Pass, citeProxy, "spouse.proxy_consummated", v))
		}
	case reunite.InformalMarriage, reunite.ReligiousMarriage, reunite.CustomaryMarriage:
		switch valid, known := reunite.Known(mar.ValidWhereCelebrated); {
		case !known:
			out = append(out, c.finding(MarriageInformal, Review, citeInformal, "spouse.informal_unknown", v))
		case !valid:
			out = append(out, c.finding(MarriageInformal, Fail, citeInformal, "spouse.informal_invalid", v))
		default:
			out = append(out, c.finding(MarriageInformal, Pass, citeInformal, "spouse.informal_valid", v))
		}
	}

	if others := otherLiveSpouses(c.fam, m); others > 0 {
		out = append(out, c.finding(SpouseMultiple, Review, citePolygamy, "spouse.multiple", v.with(num(vOthers, others))))
	}
	return out
}

// noMarriage stands for a marriage the case file does not describe; rules
// only read it.
var noMarriage reunite.Marriage

// informalForm reports whether a marriage form is one whose validity
// MARRIAGE_INFORMAL judges (PA-2025-11).
func informalForm(f reunite.MarriageForm) bool {
	return f == reunite.InformalMarriage || f == reunite.ReligiousMarriage || f == reunite.CustomaryMarriage
}

// liveSpouse reports whether m is a spouse whose marriage has not ended.
func liveSpouse(m *reunite.Member) bool {
	if m.Relationship != reunite.Spouse || m.MaritalStatus.Ended() {
		return false
	}
	return m.Marriage == nil || m.Marriage.Ended.IsZero()
}

// otherLiveSpouses counts the spouses besides m whose marriage has not
// ended, when m's has not ended either (polygamous marriages: at most one
// spouse can qualify).
func otherLiveSpouses(f *reunite.Family, m *reunite.Member) int {
	if !liveSpouse(m) {
		return 0
	}
	n := 0
	for i := range f.Members {
		if o := &f.Members[i]; o != m && liveSpouse(o) {
			n++
		}
	}
	return n
}
