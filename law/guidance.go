package law

import (
	"slices"

	"github.com/reunite/reunite"
)

// keyDates lists the days that matter for one petition, oldest first, so
// that a timeline can draw the cut-offs.
func keyDates(c *caseFacts, s *subject) []KeyDate {
	out := make([]KeyDate, 0, 8) // at most 8 kinds apply to one member
	v := c.vars(s)
	add := func(kind string, d reunite.Date) {
		if !d.IsZero() {
			out = append(out, KeyDate{Kind: kind, Date: d, Label: c.render("date."+kind, v)})
		}
	}
	m := s.m
	if m.Relationship == reunite.Spouse && m.Marriage != nil {
		add("marriage", m.Marriage.Date)
		add("marriage_ended", m.Marriage.Ended)
	}
	// Days worked out from a partial birth date would be invented days:
	// only a full birth date gives the birthdays.
	if birth, ok := m.BirthDate.Day(); m.Relationship == reunite.ChildOf && ok {
		add("birth", birth)
		add("age_fixed", c.fixDay)
		ch := childFacts(m)
		switch ch.Kind {
		case reunite.Stepchild:
			add("turns_18", Birthday(birth, 18))
			add("parent_marriage", parentMarriageOf(c, s).date)
		case reunite.Adopted:
			add("turns_16", Birthday(birth, 16))
			add("adoption", ch.AdoptionDate)
		}
		add("turns_21", Birthday(birth, 21))
	} else if m.Relationship == reunite.ChildOf && m.BirthDate.Partial() {
		add("age_fixed", c.fixDay)
	}
	add("status", c.p.StatusDate)
	add("file_by", c.fileBy)
	if len(out) == 0 {
		return nil // no key_dates in the JSON, as before
	}
	sortKeyDates(out)
	return out
}

func sortKeyDates(k []KeyDate) {
	slices.SortStableFunc(k, func(a, b KeyDate) int { return a.Date.Compare(b.Date) })
}

// hints say what single fact or event would change the verdict of a
// petition that is not ineligible.
func hints(c *caseFacts, s *subject, p *Petition) []Hint {
	if p.Verdict == Ineligible {
		return nil
	}
	var out []Hint
	m := s.m
	v := c.vars(s)
	if !c.fileBy.IsZero() && !c.late {
		d := c.fileBy
		out = append(out, Hint{Kind: "deadline", Date: &d,
			Message: c.render("hint.deadline", v.with("file_by", d.String()))})
	}
	switch m.Relationship {
	case reunite.ChildOf:
		if m.MaritalStatus != reunite.Married {
			out = append(out, Hint{Kind: "child_marriage", Message: c.render("hint.child_marriage", v)})
		}
		// With a partial birth date, the earliest possible 21st birthday:
		// the last day that is safe whatever the day of birth.
		if birth := m.BirthDate.First(); !birth.IsZero() && c.fixDay.IsZero() && UnderAgeOn(birth, c.filing, 21) {
			d, key := Birthday(birth, 21), "hint.turns21_unknown_fix"
			if m.BirthDate.Partial() {
				key = "hint.turns21_unknown_fix_partial"
			}
			out = append(out, Hint{Kind: "turns_21", Date: &d, Message: c.render(key, v.with("turns21", d.String()))})
		}
	case reunite.Spouse:
		out = append(out, Hint{Kind: "marriage_ends", Message: c.render("hint.marriage_ends", v)})
	}
	return out
}

// nextSteps say what to do next for one petition.
func nextSteps(c *caseFacts, s *subject, p *Petition) []string {
	v := c.vars(s)
	if p.Sequence != nil {
		v = v.with("sequence", *p.Sequence)
	}
	keys := make([]string, 0, 5)
	switch p.Verdict {
	case Eligible:
		keys = append(keys, "next.prepare", "next.evidence."+evidenceKind(s.m))
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
		keys = append(keys, "next.prepare", "next.evidence."+evidenceKind(s.m))
	case Ineligible:
		if s.m.Relationship == reunite.Parent || s.m.Relationship == reunite.Sibling {
			keys = append(keys, "next.other_routes_parent")
		} else {
			keys = append(keys, "next.other_routes")
		}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = c.render(k, v)
	}
	return out
}

func evidenceKind(m *reunite.Member) string {
	if m.Relationship == reunite.Spouse {
		return "spouse"
	}
	if m.Child != nil {
		switch m.Child.Kind {
		case reunite.Stepchild:
			return "stepchild"
		case reunite.Adopted:
			return "adopted"
		}
	}
	return "child"
}
