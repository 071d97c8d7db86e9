package web

import (
	"html/template"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/i18n"
)

// step is one page of the intake: one topic, about the principal or about
// one relative.
type step struct {
	ID     string // principal, status, dates, relatives, relative, ties, bars, filing
	Member string // the relative's id, for relative, ties and bars
}

func (s step) Path(familyID string) string {
	p := "/families/" + familyID + "/intake/" + s.ID
	if s.Member != "" {
		p += "/" + s.Member
	}
	return p
}

// steps lists the intake's pages for a family as it stands: the principal,
// then each relative (ties only for spouses and children), then filing.
func steps(f *reunite.Family) []step {
	out := []step{{ID: "principal"}, {ID: "status"}, {ID: "dates"}, {ID: "relatives"}}
	for _, m := range f.Members {
		out = append(out, step{"relative", m.ID})
		if m.Relationship == reunite.Spouse || m.Relationship == reunite.ChildOf {
			out = append(out, step{"ties", m.ID})
		}
		out = append(out, step{"bars", m.ID})
	}
	return append(out, step{ID: "filing"})
}

// qb builds questions in one language, about one person.
type qb struct {
	l    *i18n.Lang
	name string      // the relative's name, for questions about them
	sex  reunite.Sex // theirs, so that a catalog can choose its grammar ({sex, select, …})
}

func (q qb) label(key string) template.HTML { return q.l.H(key, "name", q.name, "sex", q.sex) }

func (q qb) text(name, key string, v *string, required bool) field {
	return field{Name: name, Kind: "text", Label: q.label(key), text: v, Required: required}
}

// helped adds a help text to a question.
func (q qb) helped(f field, key string) field {
	f.Help = q.l.T(key)
	return f
}

func (q qb) date(name, key string, v *reunite.Date, unknown bool) field {
	return field{Name: name, Kind: "date", Label: q.label(key), Help: q.l.T("form.date_help"), date: v,
		Unknown: unknown, Required: true}
}

// birth asks for a birth date: a day, or a month and year, or a year.
func (q qb) birth(name, key string, v *reunite.BirthDate) field {
	return field{Name: name, Kind: "date", Label: q.label(key), Help: q.l.T("form.birth_date_help"), birth: v,
		Unknown: true, Required: true}
}

func (q qb) yesno(name, key string, v **bool) field {
	return field{Name: name, Kind: "yesno", Label: q.label(key), flag: v, Unknown: true, Required: true,
		Choices: []choice{{"yes", q.l.T("form.yes")}, {"no", q.l.T("form.no")}, {"unknown", q.l.T("form.unknown")}}}
}

func (q qb) check(name, key string, v **bool) field {
	return field{Name: name, Kind: "check", Label: q.label(key), Help: q.l.T(key + ".help"), flag: v}
}

func (q qb) number(name, key string, v **int) field {
	return field{Name: name, Kind: "number", Label: q.label(key), num: v, Unknown: true, Required: true}
}

// choose asks for one of the values of an enumerated fact; prefix+value is
// each choice's catalog key.
func choose[T ~string](q qb, name, key, prefix string, v *T, values []T, unknown bool) field {
	f := field{Name: name, Kind: "choice", Label: q.label(key), Unknown: unknown, Required: true,
		getChoice: func() string { return string(*v) }, setChoice: func(s string) { *v = T(s) }}
	for _, val := range values {
		f.Choices = append(f.Choices, choice{string(val), q.l.T(prefix+string(val), "sex", q.sex)})
	}
	if unknown {
		f.Choices = append(f.Choices, choice{"unknown", q.l.T("form.unknown")})
	}
	return f
}

// questions returns the fields of a step. It may allocate the marriage or
// child part of a relative so that questions can bind to it; tidy removes
// them again if they stay empty.
func questions(l *i18n.Lang, f *reunite.Family, st step) []field {
	q := qb{l: l}
	p := &f.Principal
	switch st.ID {
	case "principal":
		return []field{
			q.text("given", "q.principal.given", &p.Name.Given, true),
			q.text("middle", "q.principal.middle", &p.Name.Middle, false),
			q.text("family", "q.principal.family", &p.Name.Family, true),
			q.birth("birth", "q.principal.birth", &p.BirthDate),
			choose(q, "sex", "q.principal.sex", "sex.", &p.Sex, []reunite.Sex{reunite.Female, reunite.Male, reunite.SexX}, true),
			q.helped(q.text("a_number", "q.principal.a_number", &p.ANumber, false), "q.principal.a_number.help"),
		}
	case "status":
		return []field{choose(q, "status", "q.status", "status.", &p.Status, []reunite.Status{
			reunite.Asylee, reunite.Refugee, reunite.LPRFormerAsylee, reunite.LPRFormerRefugee,
			reunite.DerivativeAsylee, reunite.DerivativeRefugee, reunite.LPRFormerDerivative,
			reunite.Citizen, reunite.NoStatus}, true)}
	case "dates":
		switch {
		case p.Status.IsAsylum():
			return []field{q.date("asylum_filed", "q.asylum_filed", &p.AsylumFiled, true),
				q.date("status_date", "q.status_date.asylum", &p.StatusDate, true)}
		case p.Status.IsRefugee():
			// A refugee's child's age is fixed at the refugee interview;
			// the I-589 date means nothing for them and is not asked.
			return []field{q.date("refugee_interview", "q.refugee_interview", &p.RefugeeInterview, true),
				q.date("status_date", "q.status_date.refugee", &p.StatusDate, true)}
		case p.Status == reunite.Citizen:
			return []field{q.date("naturalized_on", "q.naturalized_on", &p.NaturalizedOn, true),
				q.date("status_date", "q.status_date.any", &p.StatusDate, true),
				q.date("asylum_filed", "q.asylum_filed", &p.AsylumFiled, true),
				q.date("refugee_interview", "q.refugee_interview", &p.RefugeeInterview, true)}
		default:
			return []field{q.date("status_date", "q.status_date.any", &p.StatusDate, true)}
		}
	case "filing":
		fd := q.date("filing_date", "q.filing_date", &f.FilingDate, false)
		fd.Required, fd.Help = false, l.T("q.filing_date.help")
		return []field{fd}
	}
	m := f.Member(st.Member)
	if m == nil {
		return nil
	}
	q.name, q.sex = m.Name.Full(), m.Sex
	if q.name == "" {
		q.name = l.T("q.this_relative")
	}
	switch st.ID {
	case "relative":
		return []field{
			choose(q, "relationship", "q.relationship", "rel.", &m.Relationship, []reunite.Relationship{
				reunite.Spouse, reunite.ChildOf, reunite.Parent, reunite.Sibling, reunite.OtherRelative}, false),
			q.text("given", "q.member.given", &m.Name.Given, true),
			q.text("family", "q.member.family", &m.Name.Family, false),
			q.birth("birth", "q.member.birth", &m.BirthDate),
			choose(q, "sex", "q.member.sex", "sex.", &m.Sex, []reunite.Sex{reunite.Female, reunite.Male, reunite.SexX}, true),
			choose(q, "marital", "q.member.marital", "marital.", &m.MaritalStatus, []reunite.MaritalStatus{
				reunite.Single, reunite.Married, reunite.Divorced, reunite.Widowed, reunite.Annulled}, true),
			choose(q, "location", "q.member.location", "loc.", &m.Location, []reunite.Location{reunite.OutsideUS, reunite.InsideUS}, true),
		}
	case "ties":
		return tieQuestions(q, f, m)
	case "bars":
		out := []field{
			q.yesno("persecutor", "q.persecutor", &m.Persecutor),
			q.check("other_bars", "q.other_bars", &m.OtherBars),
			q.check("removal", "q.removal", &m.RemovalProceedings),
			q.check("protected", "q.already_protected", &m.AlreadyProtected),
		}
		if m.Relationship == reunite.Spouse {
			out = append(out, q.check("fraud", "q.marriage_fraud", &m.MarriageFraudFinding))
		}
		return out
	}
	return nil
}

// ended reports whether a marital status says a marriage is over.
func ended(s reunite.MaritalStatus) bool {
	return s == reunite.Divorced || s == reunite.Widowed || s == reunite.Annulled
}

// tieQuestions asks what makes the relative a spouse or a child in law:
// for a spouse the marriage; for a child its kind, and then only what
// that kind needs (a stepchild: the day of the parent's marriage; an
// adopted child: the adoption and custody).
func tieQuestions(q qb, f *reunite.Family, m *reunite.Member) []field {
	var out []field
	if m.Relationship == reunite.Spouse {
		if m.Marriage == nil {
			m.Marriage = &reunite.Marriage{}
		}
		mar := m.Marriage
		out = append(out, q.date("marriage_date", "q.marriage.date", &mar.Date, true),
			choose(q, "marriage_form", "q.marriage.form", "mform.", &mar.Form, []reunite.MarriageForm{
				reunite.CivilMarriage, reunite.ReligiousMarriage, reunite.CustomaryMarriage,
				reunite.ProxyMarriage, reunite.InformalMarriage}, true))
		switch mar.Form {
		case reunite.InformalMarriage, reunite.ReligiousMarriage, reunite.CustomaryMarriage:
			out = append(out, q.yesno("valid", "q.marriage.valid", &mar.ValidWhereCelebrated))
		case reunite.ProxyMarriage:
			out = append(out, q.yesno("consummated", "q.marriage.consummated", &mar.Consummated))
		}
		if ended(m.MaritalStatus) {
			out = append(out, q.date("marriage_ended", "q.marriage.ended", &mar.Ended, true))
		}
		return out
	}
	if m.Child == nil {
		m.Child = &reunite.Child{}
	}
	c := m.Child
	out = append(out, choose(q, "kind", "q.child.kind", "kind.", &c.Kind,
		[]reunite.ChildKind{reunite.Biological, reunite.Stepchild, reunite.Adopted}, true))
	switch c.Kind {
	case reunite.Biological:
		out = append(out, q.yesno("wedlock", "q.child.wedlock", &c.BornInWedlock))
		if v, known := reunite.Known(c.BornInWedlock); known && !v && f.Principal.Sex != reunite.Female {
			out = append(out, q.yesno("legitimated", "q.child.legitimated", &c.Legitimated),
				q.yesno("bona_fide", "q.child.bona_fide", &c.BonaFideRelationship))
		}
	case reunite.Stepchild:
		out = append(out, q.date("parent_marriage", "q.child.parent_marriage", &c.ParentMarriageDate, true))
	case reunite.Adopted:
		out = append(out, q.date("adoption_date", "q.child.adoption_date", &c.AdoptionDate, true),
			q.number("custody", "q.child.custody", &c.CustodyYears),
			q.check("sibling16", "q.child.sibling16", &c.SiblingAdoptedUnder16),
			q.check("battered", "q.child.battered", &c.BatteredByAdoptiveFamily))
	}
	if sd := f.Principal.StatusDate; !sd.IsZero() && !m.BirthDate.IsZero() && m.BirthDate.Last().After(sd) {
		out = append(out, q.yesno("conceived", "q.child.conceived", &c.ConceivedBeforeStatus))
	}
	if ended(m.MaritalStatus) {
		out = append(out, q.date("child_married", "q.child.marriage_date", &c.MarriageDate, true),
			q.date("child_marriage_ended", "q.child.marriage_ended", &c.MarriageEnded, true))
	}
	out = append(out, q.yesno("listed", "q.child.listed", &m.ListedOnPrincipalApplication))
	return out
}

// tidy removes parts of a relative that do not apply (after a change of
// relationship) or that hold nothing, so the case file stays minimal.
func tidy(f *reunite.Family) {
	for i := range f.Members {
		m := &f.Members[i]
		if m.Marriage != nil && (m.Relationship != reunite.Spouse || *m.Marriage == (reunite.Marriage{})) {
			m.Marriage = nil
		}
		if m.Child != nil && (m.Relationship != reunite.ChildOf || *m.Child == (reunite.Child{})) {
			m.Child = nil
		}
	}
}

// resumeStep is where to continue the intake: the first step with a
// question that has no answer yet (a fact left unknown counts as
// unanswered, as the case file cannot tell the two apart), or nil.
func resumeStep(l *i18n.Lang, f *reunite.Family) *step {
	probe := cloneFamily(f)
	for _, st := range steps(probe) {
		for _, q := range questions(l, probe, st) {
			q.load()
			if !q.Required {
				continue
			}
			empty := q.Value == ""
			if q.Kind == "date" {
				empty = q.Year == ""
			}
			if empty {
				return &st
			}
		}
	}
	return nil
}

// cloneFamily copies a family through its case file, so that questions may
// allocate parts of it without touching the original.
func cloneFamily(f *reunite.Family) *reunite.Family {
	data, err := casefile.Encode(f)
	if err != nil {
		return f
	}
	c, err := casefile.Decode(data)
	if err != nil {
		return f
	}
	return c
}
