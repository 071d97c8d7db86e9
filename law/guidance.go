package law

import "github.com/reunite/reunite"

// keyDates appends the days that matter for one petition, oldest first, so
// that a timeline can draw the cut-offs.
func keyDates(out []KeyDate, c *caseFacts, s *subject) []KeyDate {
	start := len(out)
	v := c.vars(s)
	add := func(kind, key string, d reunite.Date) {
		if !d.IsZero() {
			out = append(out, KeyDate{Kind: kind, Date: d, Label: c.text(key, v)})
		}
	}
	m := s.m
	if m.Relationship == reunite.Spouse && m.Marriage != nil {
		add("marriage", "date.marriage", m.Marriage.Date)
		add("marriage_ended", "date.marriage_ended", m.Marriage.Ended)
	}
	// Days worked out from a partial birth date would be invented days:
	// only a full birth date gives the birthdays.
	if birth, ok := m.BirthDate.Day(); m.Relationship == reunite.ChildOf && ok {
		add("birth", "date.birth", birth)
		add("age_fixed", "date.age_fixed", c.fixDay)
		ch := childFacts(m)
		switch ch.Kind {
		case reunite.Stepchild:
			add("turns_18", "date.turns_18", Birthday(birth, 18))
			add("parent_marriage", "date.parent_marriage", parentMarriageOf(c, s).date)
		case reunite.Adopted:
			add("turns_16", "date.turns_16", Birthday(birth, 16))
			add("adoption", "date.adoption", ch.AdoptionDate)
		}
		add("turns_21", "date.turns_21", Birthday(birth, 21))
	} else if m.Relationship == reunite.ChildOf && m.BirthDate.Partial() {
		add("age_fixed", "date.age_fixed", c.fixDay)
	}
	add("status", "date.status", c.p.StatusDate)
	add("file_by", "date.file_by", c.fileBy)
	sortKeyDates(out[start:])
	return out
}

// sortKeyDates puts key dates in order of their days, those of the same day
// in the order they were added (an insertion sort: a petition has at most
// eight).
func sortKeyDates(k []KeyDate) {
	for i := 1; i < len(k); i++ {
		for j := i; j > 0 && k[j].Date.Before(k[j-1].Date); j-- {
			k[j], k[j-1] = k[j-1], k[j]
		}
	}
}

// hints append what single fact or event would change the verdict of a
// petition that is not ineligible. Their days are kept in sl.
func hints(out []Hint, sl *slabs, c *caseFacts, s *subject, p *Petition) []Hint {
	if p.Verdict == Ineligible {
		return out
	}
	dated := func(d reunite.Date) *reunite.Date {
		sl.hintDates = append(sl.hintDates, d)
		return &sl.hintDates[len(sl.hintDates)-1]
	}
	m := s.m
	v := c.vars(s)
	if !c.fileBy.IsZero() && !c.late {
		out = append(out, Hint{Kind: "deadline", Date: dated(c.fileBy),
			Message: c.text("hint.deadline", v)})
	}
	switch m.Relationship {
	case reunite.ChildOf:
		if m.MaritalStatus != reunite.Married {
			out = append(out, Hint{Kind: "child_marriage", Message: c.text("hint.child_marriage", v)})
		}
		// With a partial birth date, the earliest possible 21st birthday:
		// the last day that is safe whatever the day of birth.
		if birth := m.BirthDate.First(); !birth.IsZero() && c.fixDay.IsZero() && UnderAgeOn(birth, c.filing, 21) {
			d, key := Birthday(birth, 21), "hint.turns21_unknown_fix"
			if m.BirthDate.Partial() {
				key = "hint.turns21_unknown_fix_partial"
			}
			out = append(out, Hint{Kind: "turns_21", Date: dated(d), Message: c.text(key, v.with(day(vTurns21, d)))})
		}
	case reunite.Spouse:
		out = append(out, Hint{Kind: "marriage_ends", Message: c.text("hint.marriage_ends", v)})
	}
	return out
}

// nextSteps append what to do next for one petition.
func nextSteps(out []Text, c *caseFacts, s *subject, p *Petition) []Text {
	v := c.vars(s)
	if p.Sequence != nil {
		v = v.with(str(vSequence, *p.Sequence))
	}
	var buf [5]string
	keys := buf[:0]
	switch p.Verdict {
	case Eligible:
		keys = append(keys, "next.prepare", evidenceKey(s.m))
	case NeedsReview:
		keys = append(keys, "next.review")
		for _, f := range p.Findings {
			if f.Code == MissingFact {
				keys = append(keys, "next.find_fact")
				break
			}
		}
		for _, f := range p.Findings {
			if f.Code == FilingLate {
				keys = append(keys, "next.late")
				break
			}
		}
		keys = append(keys, "next.prepare", evidenceKey(s.m))
	case Ineligible:
		if s.m.Relationship == reunite.Parent || s.m.Relationship == reunite.Sibling {
			keys = append(keys, "next.other_routes_parent")
		} else {
			keys = append(keys, "next.other_routes")
		}
	}
	for _, k := range keys {
		out = append(out, c.text(k, v))
	}
	return out
}

// evidenceKey is the message key of the evidence a petition needs.
func evidenceKey(m *reunite.Member) string {
	if m.Relationship == reunite.Spouse {
		return "next.evidence.spouse"
	}
	if m.Child != nil {
		switch m.Child.Kind {
		case reunite.Stepchild:
			return "next.evidence.stepchild"
		case reunite.Adopted:
			return "next.evidence.adopted"
		}
	}
	return "next.evidence.child"
}
