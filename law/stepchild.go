package law

import "github.com/reunite/reunite"

// stepchildRules: the marriage that made the child a stepchild must have
// taken place before the child's 18th birthday (on the birthday is too late)
// and not after status_date, and must itself be a marriage that counts
// (INA 101(b)(1)(B); 8 CFR 207.7(b)(3), (c), 208.21(b); rules.md R6(4)).
func stepchildRules(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	pm := parentMarriageOf(c, s)
	if pm.date.IsZero() {
		out = append(out, c.missing(pm.datePath(s), "missing.parent_marriage", v))
	} else {
		v = v.with(day(vParentMarried, pm.date))
		if birth := s.birth; !birth.IsZero() {
			turns18 := Birthday(birth, 18)
			v = v.with(day(vTurns18, turns18), num(vAgeAtMarriage, max(AgeOn(birth, pm.date), 0)))
			if UnderAgeOn(birth, pm.date, 18) {
				out = append(out, c.finding(StepchildAgeAtMarriage, Pass, citeStepchildAge, "step.age_ok", v))
			} else {
				out = append(out, c.finding(StepchildAgeAtMarriage, Fail, citeStepchildAge, "step.age_fail", v))
			}
		}
		if status := c.p.StatusDate; !status.IsZero() {
			if pm.date.After(status) {
				out = append(out, c.finding(StepchildMarriageAfterStatus, Fail, citeStepchildTiming, "step.after_status", v))
			} else {
				out = append(out, c.finding(StepchildMarriageAfterStatus, Pass, citeStepchildTiming, "step.before_status", v))
			}
		}
	}
	return append(out, stepParentMarriage(c, pm, v))
}

// parentMarriage is the principal's marriage to a stepchild's parent, as
// the case file tells it: on the spouse entry named by child.parent_member,
// or on the child itself.
type parentMarriage struct {
	date reunite.Date
	// spouse is the index of the linked spouse entry in the family, -1
	// when there is none.
	spouse int
	form   reunite.MarriageForm
	valid  *bool
	// consummated is known only from a linked spouse entry: a child's own
	// facts do not say it.
	consummated *bool
	ended       bool // the linked spouse's marriage has ended
}

func parentMarriageOf(c *caseFacts, s *subject) parentMarriage {
	ch := childFacts(s.m)
	pm := parentMarriage{date: ch.ParentMarriageDate, spouse: -1,
		form: ch.ParentMarriageForm, valid: ch.ParentMarriageValidWhereCelebrated}
	if ch.ParentMember == "" {
		return pm
	}
	for j := range c.fam.Members {
		sp := &c.fam.Members[j]
		if sp.ID != ch.ParentMember || sp.Relationship != reunite.Spouse {
			continue
		}
		mar := sp.Marriage
		if mar == nil {
			mar = &noMarriage
		}
		pm.spouse = j
		if !mar.Date.IsZero() {
			pm.date = mar.Date // validation made a given parent_marriage_date equal to it
		}
		pm.form, pm.valid, pm.consummated = mar.Form, mar.ValidWhereCelebrated, mar.Consummated
		pm.ended = !mar.Ended.IsZero() || sp.MaritalStatus.Ended()
		break
	}
	return pm
}

// datePath is where a missing date of the marriage is asked for: on the
// linked spouse entry, else on the child.
func (pm parentMarriage) datePath(s *subject) string {
	if pm.spouse >= 0 {
		return memberPath(pm.spouse) + ".marriage.date"
	}
	return s.path + ".child.parent_marriage_date"
}

// stepParentMarriage: a marriage that does not count creates no step
// relationship (INA 101(b)(1)(B), 101(a)(35); PA-2025-11), and one that has
// ended keeps it only if a family relationship continues (Matter of
// Mowrer). One finding, the worst that applies.
func stepParentMarriage(c *caseFacts, pm parentMarriage, v *scope) Finding {
	v = v.with(word(vForm, enumForm, string(pm.form)))
	valid, validKnown := reunite.Known(pm.valid)
	done, doneKnown := reunite.Known(pm.consummated)
	key, outcome := "step.parent_marriage_ok", Pass
	switch {
	case validKnown && !valid:
		key, outcome = "step.parent_marriage_invalid", Fail
	case pm.form == reunite.ProxyMarriage && doneKnown && !done:
		key, outcome = "step.parent_marriage_unconsummated", Fail
	case informalForm(pm.form) && !validKnown:
		key, outcome = "step.parent_marriage_validity_unknown", Review
	case pm.form == reunite.ProxyMarriage && !doneKnown:
		key, outcome = "step.parent_marriage_proxy", Review
	case pm.spouse >= 0 && pm.ended:
		key, outcome = "step.parent_marriage_ended", Review
	}
	return c.finding(StepchildParentMarriage, outcome, citeStepchildParentMarriage, key, v)
}
