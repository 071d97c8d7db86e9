package law

import "github.com/reunite/reunite"

// childRules apply to every child, whatever the kind: born before
// status_date (or in utero on it), under 21 on the day that fixes the age,
// and unmarried since status_date (INA 101(b)(1), 207(c)(2)(B), 208(b)(3)(B);
// 8 CFR 207.7(c), 208.21(b); rules.md R3, R5, R9). The rules for each kind of
// child follow in stepchild.go, adoption.go and wedlock.go.
func childRules(out []Finding, c *caseFacts, s *subject) []Finding {
	m := s.m
	v := c.vars(s)
	if s.birth.IsZero() {
		out = append(out, c.missing(s.path+".birth_date", "missing.child_birth", v))
	} else {
		out = childTiming(out, c, s, v)
		out = childAge(out, c, s, v)
		out = childListed(out, c, s, v)
	}
	out = childMarital(out, c, s, v)

	kind := reunite.ChildKind("")
	if m.Child != nil {
		kind = m.Child.Kind
	}
	switch kind {
	case reunite.Biological:
		return wedlockRules(out, c, s, v)
	case reunite.Stepchild:
		return stepchildRules(out, c, s, v)
	case reunite.Adopted:
		return adoptionRules(out, c, s, v)
	}
	return append(out, c.missing(s.path+".child.kind", "missing.child_kind", v))
}

// childFacts returns the child object, or an empty one (which rules only
// read).
func childFacts(m *reunite.Member) *reunite.Child {
	if m.Child == nil {
		return &noChild
	}
	return m.Child
}

var noChild reunite.Child

// childTiming: a child born after status_date qualifies only if conceived
// before it (in utero). Born on status_date is not after it.
func childTiming(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	if c.p.StatusDate.IsZero() {
		return out // the petitioner's MISSING_FACT covers it
	}
	if !s.birth.After(c.p.StatusDate) {
		return append(out, c.finding(ChildAfterStatus, Pass, citeChildTiming, "child.born_before_status", v))
	}
	switch conceived, known := reunite.Known(childFacts(s.m).ConceivedBeforeStatus); {
	case !known:
		return append(out, c.missing(s.path+".child.conceived_before_status", "missing.conceived", v))
	case conceived && childFacts(s.m).Kind == reunite.Stepchild:
		// The in-utero rule speaks of the principal's own child; for a
		// stepchild conceived before status_date a person must weigh it.
		return append(out, c.finding(ChildAfterStatus, Review, citeChildTiming, "child.step_in_utero", v))
	case conceived:
		f := c.finding(ChildAfterStatus, Pass, citeChildTiming, "child.in_utero", v)
		f.Notable = true
		return append(out, f)
	default:
		return append(out, c.finding(ChildAfterStatus, Fail, citeChildTiming, "child.after_status", v))
	}
}

// childAge: under 21 on the day that fixes the age (CSPA). When that day is
// unknown it is asked for only if the child is 21 or older at filing: the
// day always comes before the filing, so a child under 21 at filing was
// under 21 then too.
func childAge(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	birth := s.birth
	turns21 := Birthday(birth, 21)
	v = v.with(day(vTurns21, turns21))
	cite := citeChildAgeUnknown
	switch c.branch {
	case branchAsylum:
		cite = citeChildAgeAsylee
	case branchRefugee:
		cite = citeChildAgeRefugee
	}
	if c.fixDay.IsZero() {
		if UnderAgeOn(birth, c.filing, 21) {
			return append(out, c.finding(ChildAge, Pass, cite, "child.under21_at_filing", v))
		}
		return append(out, c.missing(c.fixField, "missing.fix_day", v))
	}
	v = v.with(num(vAgeFix, max(AgeOn(birth, c.fixDay), 0)))
	switch {
	case !UnderAgeOn(birth, c.fixDay, 21):
		return append(out, c.finding(ChildAge, Fail, cite, "child.age_fail", v))
	case UnderAgeOn(birth, c.filing, 21):
		return append(out, c.finding(ChildAge, Pass, cite, "child.under21", v))
	default:
		f := c.finding(ChildAge, Pass, cite, "child.age_fixed", v)
		f.Notable = true
		return append(out, f)
	}
}

// childMarital: a child must be unmarried now, and, if married before, must
// have been unmarried on status_date and since (INA 101(a)(39)).
func childMarital(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	m := s.m
	switch {
	case m.MaritalStatus == "":
		return append(out, c.missing(s.path+".marital_status", "missing.child_marital", v))
	case m.MaritalStatus == reunite.Married:
		return append(out, c.finding(ChildMarried, Fail, citeChildMarried, "child.married", v))
	case m.MaritalStatus == reunite.Single:
		return append(out, c.finding(ChildMarried, Pass, citeChildMarried, "child.single", v))
	}
	// Divorced, widowed or annulled: unmarried now. The child must have
	// been unmarried on status_date: the rule fails only for a marriage in
	// force on that day (begun on or before it, ended after it). A marriage
	// begun and ended after it leaves the child unmarried on the days the
	// law tests, but whether it breaks the relationship is unsettled.
	ch := childFacts(m)
	status := c.p.StatusDate
	v = v.with(day(vChildMarried, ch.MarriageDate), day(vChildMarriageEnded, ch.MarriageEnded),
		word(vMaritalStatus, enumMarital, string(m.MaritalStatus)))
	began, ended := ch.MarriageDate, ch.MarriageEnded
	switch {
	case status.IsZero():
		// The petitioner's MISSING_FACT asks for status_date; either date
		// could still show a marriage in force on it.
		out = append(out, c.finding(ChildPreviouslyMarried, Review, citePreviouslyMarried, "child.prev_married_no_status", v))
		return childMarriageDatesMissing(out, c, s, v, began.IsZero(), ended.IsZero())
	case !began.IsZero() && !ended.IsZero() && !began.After(status) && ended.After(status):
		return append(out, c.finding(ChildPreviouslyMarried, Fail, citePreviouslyMarried, "child.prev_married_in_force", v))
	case !began.IsZero() && began.After(status):
		return append(out, c.finding(ChildPreviouslyMarried, Review, citePreviouslyMarried, "child.prev_married_since", v))
	case !ended.IsZero() && !ended.After(status):
		return append(out, c.finding(ChildPreviouslyMarried, Review, citePreviouslyMarried, "child.prev_married", v))
	}
	// A date is unknown that could still place the marriage in force on
	// status_date: the beginning (the end is after it, or unknown) or the
	// end (the beginning is on or before it, or unknown).
	out = append(out, c.finding(ChildPreviouslyMarried, Review, citePreviouslyMarried, "child.prev_married_dates", v))
	return childMarriageDatesMissing(out, c, s, v, began.IsZero(), ended.IsZero())
}

// childMarriageDatesMissing asks for the unknown dates of a child's earlier
// marriage.
func childMarriageDatesMissing(out []Finding, c *caseFacts, s *subject, v *scope, began, ended bool) []Finding {
	if began {
		out = append(out, c.missing(s.path+".child.marriage_date", "missing.child_marriage_began", v))
	}
	if ended {
		out = append(out, c.missing(s.path+".child.marriage_ended", "missing.child_marriage_ended", v))
	}
	return out
}

// childListed: a child born before the day that fixes the age who was left
// off the principal's application is an evidence point to explain, not a
// legal bar (rules.md R9).
func childListed(out []Finding, c *caseFacts, s *subject, v *scope) []Finding {
	if c.fixDay.IsZero() || !s.birth.Before(c.fixDay) {
		return out
	}
	switch listed, known := reunite.Known(s.m.ListedOnPrincipalApplication); {
	case !known:
		return append(out, c.missing(s.path+".listed_on_principal_application", "missing.listed", v))
	case !listed:
		return append(out, c.finding(ChildNotListed, Review, citeNotListed, "child.not_listed", v))
	default:
		return append(out, c.finding(ChildNotListed, Pass, citeNotListed, "child.listed", v))
	}
}
