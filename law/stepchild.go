package law

// stepchildRules: the marriage that made the child a stepchild must have
// taken place before the child's 18th birthday (on the birthday is too late)
// and not after status_date (INA 101(b)(1)(B); 8 CFR 207.7(b)(3), (c),
// 208.21(b); rules.md R6(4)).
func stepchildRules(c *caseFacts, s *subject, v *scope) []Finding {
	pmd := childFacts(s.m).ParentMarriageDate
	if pmd.IsZero() {
		return []Finding{c.missing(s.path+".child.parent_marriage_date", "missing.parent_marriage", v)}
	}
	v = v.with("parent_married", pmd.String())
	var out []Finding
	if birth := s.m.BirthDate; !birth.IsZero() {
		turns18 := Birthday(birth, 18)
		v = v.with("turns18", turns18.String(), "age_at_marriage", itoa(max(AgeOn(birth, pmd), 0)))
		if UnderAgeOn(birth, pmd, 18) {
			out = append(out, c.finding(StepchildAgeAtMarriage, Pass, citeStepchildAge, "step.age_ok", v))
		} else {
			out = append(out, c.finding(StepchildAgeAtMarriage, Fail, citeStepchildAge, "step.age_fail", v))
		}
	}
	if status := c.p.StatusDate; !status.IsZero() {
		if pmd.After(status) {
			out = append(out, c.finding(StepchildMarriageAfterStatus, Fail, citeStepchildTiming, "step.after_status", v))
		} else {
			out = append(out, c.finding(StepchildMarriageAfterStatus, Pass, citeStepchildTiming, "step.before_status", v))
		}
	}
	return out
}
