package law

import "github.com/reunite/reunite"

// adoptionRules: adopted before the 16th birthday (the 18th for the natural
// sibling of a child the same parent adopted under 16), after at least two
// years of legal custody and shared residence (waived for a child battered
// by the adoptive family), and not after status_date (INA 101(b)(1)(E);
// 8 CFR 207.7(b)(2), (c), 208.21(b); rules.md R6(5)).
func adoptionRules(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	ch := childFacts(s.m)
	adopted := ch.AdoptionDate
	if adopted.IsZero() {
		out = append(out, c.missing(s.path+".child.adoption_date", "missing.adoption_date", v))
	} else {
		v = v.with(day(vAdopted, adopted))
		if birth := s.birth; !birth.IsZero() {
			limit, okKey, failKey := 16, "adopt.age_ok", "adopt.age_fail"
			if reunite.True(ch.SiblingAdoptedUnder16) {
				limit, okKey, failKey = 18, "adopt.age_sibling_ok", "adopt.age_sibling_fail"
			}
			v = v.with(num(vLimit, limit), day(vLimitDay, Birthday(birth, limit)),
				num(vAgeAtAdoption, AgeOn(birth, adopted)))
			if UnderAgeOn(birth, adopted, limit) {
				out = append(out, c.finding(AdoptedAfter16, Pass, citeAdoptionAge, okKey, v))
			} else {
				out = append(out, c.finding(AdoptedAfter16, Fail, citeAdoptionAge, failKey, v))
			}
		}
		if status := c.p.StatusDate; !status.IsZero() {
			if adopted.After(status) {
				out = append(out, c.finding(AdoptionAfterStatus, Fail, citeAdoptionTiming, "adopt.after_status", v))
			} else {
				out = append(out, c.finding(AdoptionAfterStatus, Pass, citeAdoptionTiming, "adopt.before_status", v))
			}
		}
	}
	switch {
	case reunite.True(ch.BatteredByAdoptiveFamily):
		out = append(out, c.finding(AdoptionCustody, Pass, citeAdoptionCustody, "adopt.custody_waived", v))
	case ch.CustodyYears == nil:
		out = append(out, c.missing(s.path+".child.custody_years", "missing.custody", v))
	case *ch.CustodyYears < 2:
		out = append(out, c.finding(AdoptionCustody, Fail, citeAdoptionCustody, "adopt.custody_fail", v.with(num(vCustody, *ch.CustodyYears))))
	default:
		out = append(out, c.finding(AdoptionCustody, Pass, citeAdoptionCustody, "adopt.custody_ok", v.with(num(vCustody, *ch.CustodyYears))))
	}
	return out
}
