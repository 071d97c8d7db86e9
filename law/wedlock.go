package law

import "github.com/reunite/reunite"

// wedlockRules: a biological child born in wedlock qualifies; born out of
// wedlock, through the mother always, through the father only if legitimated
// before 18 in his custody or if he has or had a bona fide parent-child
// relationship (INA 101(b)(1)(A), (C), (D); rules.md R6).
func wedlockRules(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	ch := childFacts(s.m)
	inWedlock, known := reunite.Known(ch.BornInWedlock)
	if known && inWedlock {
		return append(out, c.finding(ChildOutOfWedlockFather, Pass, citeOutOfWedlock, "wedlock.in", v))
	}
	if reunite.True(ch.Legitimated) || reunite.True(ch.BonaFideRelationship) {
		return append(out, c.finding(ChildOutOfWedlockFather, Pass, citeOutOfWedlock, "wedlock.father_ok", v))
	}
	if c.p.Sex == reunite.Female {
		return append(out, c.finding(ChildOutOfWedlockFather, Pass, citeOutOfWedlock, "wedlock.mother", v))
	}
	if !known {
		out = append(out, c.missing(s.path+".child.born_in_wedlock", "missing.born_in_wedlock", v))
		if c.p.Sex != reunite.Male {
			out = append(out, c.missing("principal.sex", "missing.principal_sex", v))
		}
		return out
	}
	if c.p.Sex != reunite.Male {
		return append(out, c.missing("principal.sex", "missing.principal_sex", v))
	}
	// The principal is the father and neither ground is established.
	n := len(out)
	if ch.Legitimated == nil {
		out = append(out, c.missing(s.path+".child.legitimated", "missing.legitimated", v))
	}
	if ch.BonaFideRelationship == nil {
		out = append(out, c.missing(s.path+".child.bona_fide_relationship", "missing.bona_fide", v))
	}
	if len(out) > n {
		return out
	}
	return append(out, c.finding(ChildOutOfWedlockFather, Fail, citeOutOfWedlock, "wedlock.father_fail", v))
}
