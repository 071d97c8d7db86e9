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
	ID     string // principal, status, dates, contact, ..., relatives, relative, ties, bars, ..., filing, helpers
	Member string // the relative's id, for the pages about a relative
}

// intakePrefix is the start of the path of every intake page of a family.
func intakePrefix(familyID string) string { return "/families/" + familyID + "/intake/" }

// Path is the step's page of the family's intake.
func (s step) Path(familyID string) string {
	p := intakePrefix(familyID) + s.ID
	if s.Member != "" {
		p += "/" + s.Member
	}
	return p
}

// The intake's sections, in order. Progress is shown by section, whose
// number never changes, and by page within the section: adding a relative
// adds pages to the relatives' section only, so the bar never goes back.
var sections = []string{"you", "relatives", "filing"}

// section returns the section of a step.
func (s step) section() string {
	switch {
	case s.ID == "relatives" || s.Member != "":
		return "relatives"
	case s.ID == "principal" || s.ID == "status" || s.ID == "dates":
		return "you"
	}
	return "filing" // the form's details about the principal, the filing, the helpers
}

// petitionable reports whether a petition may be filed for the relative
// as far as the answers go: a spouse whose marriage has not ended, or a
// child who is not married now. Other relatives are listed (the engine
// explains why they cannot be petitioned for) but asked nothing more.
func petitionable(m *reunite.Member) bool {
	switch m.Relationship {
	case reunite.Spouse:
		return !m.MaritalStatus.Ended()
	case reunite.ChildOf:
		return m.MaritalStatus != reunite.Married
	}
	return false
}

// anyPetition reports whether some relative may be petitioned for: only
// then are the form's own details asked.
func anyPetition(f *reunite.Family) bool {
	for i := range f.Members {
		if petitionable(&f.Members[i]) {
			return true
		}
	}
	return false
}

// steps lists the intake's pages for a family as it stands: the principal,
// then each relative (ties for spouses and children; bars and the form's
// details only for those who may be petitioned for), then the principal's
// details for the form and the filing.
// A married child, a parent or a sibling is asked nothing the outcome
// cannot use.
func steps(f *reunite.Family) []step {
	// Room for the most pages a family can have, so that the list is
	// allocated once.
	return appendSteps(make([]step, 0, mostFamilySteps+mostRelativeSteps*len(f.Members)), f)
}

// The most steps appendSteps writes: mostFamilySteps for the principal
// and the filing (4, 7 of the form's details, filing and helpers), and
// mostRelativeSteps for each relative (relative, ties, bars, and 8 of the
// form's details). A bound for sizing lists, not a limit: more only costs
// a larger list.
const (
	mostFamilySteps   = 13
	mostRelativeSteps = 11
)

// appendSteps appends the steps of f to out. The dashboard, which needs
// only the step to resume with, appends them into an array on its stack
// (keptIntakeState): a list allocated for each page was about half the
// cost of reading its intake's state back.
func appendSteps(out []step, f *reunite.Family) []step {
	out = append(out, step{ID: "principal"}, step{ID: "status"}, step{ID: "dates"}, step{ID: "relatives"})
	form := anyPetition(f)
	for i := range f.Members {
		m := &f.Members[i]
		out = append(out, step{"relative", m.ID})
		if m.Relationship == reunite.Spouse || m.Relationship == reunite.ChildOf && m.MaritalStatus != reunite.Married {
			out = append(out, step{"ties", m.ID})
		}
		if petitionable(m) {
			out = append(out, step{"bars", m.ID})
			out = appendMemberDetailSteps(out, m)
		}
	}
	// The principal's own details for the form come once the relatives
	// are known: only then is it clear that a form will be filed.
	if form {
		out = appendPrincipalDetailSteps(out, f)
	}
	out = append(out, step{ID: "filing"})
	if form {
		out = append(out, step{ID: "helpers"})
	}
	return out
}

// qb builds questions in one language, about one person.
type qb struct {
	l     *i18n.Lang
	name  string      // the relative's name, for questions about them
	sex   reunite.Sex // theirs, so that a catalog can choose its grammar ({sex, select, …})
	staff bool        // staff fill the intake in for the principal
	who   string      // "principal", a member's id, or "" for the family
	// bare builds the questions without their words (labels, help,
	// choices' labels all ""): the dashboard only counts the answers
	// (answerStateIn), and the words were most of the questions' cost.
	// Which questions there are never depends on their words.
	// The choices of yes/no questions and enumerated facts are left out
	// too.
	bare bool
	// scratch, when set, is where the builders take their lists of
	// questions from (fields, list) instead of the heap: the answers'
	// state builds every step's questions on every dashboard, and their
	// lists were 40% of the bytes a dashboard allocated (intake_scratch.go).
	scratch *fieldScratch
}

// t is the language's text of key, "" for bare questions.
func (q qb) t(key string, pairs ...any) string {
	if q.bare {
		return ""
	}
	return q.l.T(key, pairs...)
}

// h is the language's HTML of key, "" for bare questions.
func (q qb) h(key string, pairs ...any) template.HTML {
	if q.bare {
		return ""
	}
	return q.l.H(key, pairs...)
}

// label returns a question's words, names isolated; staff filling the
// intake in for the principal get the catalog's ".staff" wording ("The
// principal's first name") where there is one.
//
// Questions shared by the principal and a relative (an address, other
// names) take the ".member" wording when they are about a relative.
func (q qb) label(key string) template.HTML {
	switch {
	case q.bare:
		return ""
	case q.who != "principal" && q.who != "" && q.l.Has(key+".member"):
		key += ".member"
	case q.staff && q.l.Has(key+".staff"):
		key += ".staff"
	}
	return q.l.H(key, "name", q.name, "sex", q.sex)
}

// plain is label as text, for a choice among others.
func (q qb) plain(key string) string {
	if q.bare {
		return ""
	}
	if q.staff && q.l.Has(key+".staff") {
		key += ".staff"
	}
	return q.l.T(key, "name", q.name, "sex", q.sex)
}

func (q qb) text(name, key string, v *string, required bool) field {
	return field{Name: name, Kind: "text", Label: q.label(key), text: v, Required: required}
}

// helped adds a help text to a question.
func (q qb) helped(f field, key string) field {
	f.Help = q.t(key)
	return f
}

func (q qb) date(name, key string, v *reunite.Date, unknown bool) field {
	return field{Name: name, Kind: "date", Label: q.label(key), Help: q.t("form.date_help"), date: v,
		Unknown: unknown, Required: true}
}

// birth asks for a birth date: a day, or a month and year, or a year.
func (q qb) birth(name, key string, v *reunite.BirthDate) field {
	return field{Name: name, Kind: "date", Label: q.label(key), Help: q.t("form.birth_date_help"), birth: v,
		Unknown: true, Required: true}
}

func (q qb) yesno(name, key string, v **bool) field {
	f := field{Name: name, Kind: "yesno", Label: q.label(key), flag: v, Unknown: true, Required: true}
	if !q.bare { // the choices are words too: an answer is read from its fact (load)
		f.Choices = []choice{{"yes", q.t("form.yes")}, {"no", q.t("form.no")}, {"unknown", q.t("form.unknown")}}
	}
	return f
}

// yesnoOnly asks a yes/no question whose answer the person always knows
// (did someone interpret for you?).
func (q qb) yesnoOnly(name, key string, v **bool) field {
	f := field{Name: name, Kind: "yesno", Label: q.label(key), flag: v, Required: true}
	if !q.bare {
		f.Choices = []choice{{"yes", q.t("form.yes")}, {"no", q.t("form.no")}}
	}
	return f
}

func (q qb) number(name, key string, v **int) field {
	return field{Name: name, Kind: "number", Label: q.label(key), num: v, Unknown: true, Required: true}
}

// choose asks for one of the values of an enumerated fact; prefix+value is
// each choice's catalog key.
func choose[T ~string](q qb, name, key, prefix string, v *T, values []T, unknown bool) field {
	f := field{Name: name, Kind: "choice", Label: q.label(key), Unknown: unknown, Required: true,
		getChoice: func() string { return string(*v) }, setChoice: func(s string) { *v = T(s) }}
	if q.bare {
		return f
	}
	for _, val := range values {
		f.Choices = append(f.Choices, choice{string(val), q.t(prefix+string(val), "sex", q.sex)})
	}
	if unknown {
		f.Choices = append(f.Choices, choice{"unknown", q.t("form.unknown")})
	}
	return f
}

// questionsFor returns the fields of a step, worded for staff or for the
// principal, each bound to its fact for "I don't know".
func questionsFor(l *i18n.Lang, f *reunite.Family, st step, staff bool) []field {
	return questionsWith(qb{l: l, staff: staff}, f, st)
}

// bareQuestions are a step's questions without their words (qb.bare),
// for counting the answers. With a scratch, their list lives in it until
// its next reset.
func bareQuestions(l *i18n.Lang, f *reunite.Family, st step, staff bool, scratch *fieldScratch) []field {
	return questionsWith(qb{l: l, staff: staff, bare: true, scratch: scratch}, f, st)
}

// questionsWith builds a step's questions with q's language, wording for
// staff and words or none.
func questionsWith(q qb, f *reunite.Family, st step) []field {
	staff := q.staff
	q.who = "principal"
	if staff {
		q.name = f.Principal.Name.Full()
	}
	if st.Member != "" {
		q.who = st.Member
	} else if st.ID == "filing" || st.ID == "helpers" {
		q.who = ""
	}
	out := stepQuestions(q, f, st)
	for i := range out {
		if fact, ok := factPath[out[i].Name]; ok {
			out[i].Ref = reunite.FactRef{Member: q.who, Fact: fact}
		}
	}
	return out
}

// questions returns the fields of a step as the principal reads them.
func questions(l *i18n.Lang, f *reunite.Family, st step) []field {
	return questionsFor(l, f, st, false)
}

// stepQuestions builds the questions of a step. It may allocate the
// marriage or child part of a relative so that questions can bind to it;
// tidy removes them again if they stay empty.
func stepQuestions(q qb, f *reunite.Family, st step) []field {
	p := &f.Principal
	switch st.ID {
	case "principal":
		return q.list(
			q.text("given", "q.principal.given", &p.Name.Given, true),
			q.text("middle", "q.principal.middle", &p.Name.Middle, false),
			q.text("family", "q.principal.family", &p.Name.Family, true),
			q.birth("birth", "q.principal.birth", &p.BirthDate),
			choose(q, "sex", "q.principal.sex", "sex.", &p.Sex, []reunite.Sex{reunite.Female, reunite.Male, reunite.SexX}, true),
			q.helped(q.text("a_number", "q.principal.a_number", &p.ANumber, false), "q.principal.a_number.help"),
		)
	case "status":
		return q.list(choose(q, "status", "q.status", "status.", &p.Status, []reunite.Status{
			reunite.Asylee, reunite.Refugee, reunite.LPRFormerAsylee, reunite.LPRFormerRefugee,
			reunite.DerivativeAsylee, reunite.DerivativeRefugee, reunite.LPRFormerDerivative,
			reunite.Citizen, reunite.NoStatus}, true))
	case "dates":
		switch {
		case p.Status.IsAsylum():
			return q.list(q.date("asylum_filed", "q.asylum_filed", &p.AsylumFiled, true),
				q.date("status_date", "q.status_date.asylum", &p.StatusDate, true))
		case p.Status.IsRefugee():
			// A refugee's child's age is fixed at the refugee interview;
			// the I-589 date means nothing for them and is not asked.
			return q.list(q.date("refugee_interview", "q.refugee_interview", &p.RefugeeInterview, true),
				q.date("status_date", "q.status_date.refugee", &p.StatusDate, true))
		case p.Status == reunite.Citizen:
			return q.list(q.date("naturalized_on", "q.naturalized_on", &p.NaturalizedOn, true),
				q.date("status_date", "q.status_date.any", &p.StatusDate, true),
				q.date("asylum_filed", "q.asylum_filed", &p.AsylumFiled, true),
				q.date("refugee_interview", "q.refugee_interview", &p.RefugeeInterview, true))
		default:
			return q.list(q.date("status_date", "q.status_date.any", &p.StatusDate, true))
		}
	case "filing":
		return filingQuestions(q, f)
	case "helpers":
		return helperQuestions(q, f)
	case "contact", "mailing", "birth", "names", "marriages", "social", "grant":
		if st.Member == "" {
			return principalDetails(q, f, st.ID)
		}
	}
	m := f.Member(st.Member)
	if m == nil {
		return nil
	}
	q.name, q.sex = m.Name.Full(), m.Sex
	if q.name == "" {
		q.name = q.t("q.this_relative")
	}
	switch st.ID {
	case "relative":
		return q.list(
			choose(q, "relationship", "q.relationship", "rel.", &m.Relationship, []reunite.Relationship{
				reunite.Spouse, reunite.ChildOf, reunite.Parent, reunite.Sibling, reunite.OtherRelative}, false),
			q.text("given", "q.member.given", &m.Name.Given, true),
			q.text("family", "q.member.family", &m.Name.Family, false),
			q.birth("birth", "q.member.birth", &m.BirthDate),
			choose(q, "sex", "q.member.sex", "sex.", &m.Sex, []reunite.Sex{reunite.Female, reunite.Male, reunite.SexX}, true),
			choose(q, "marital", "q.member.marital", "marital.", &m.MaritalStatus, []reunite.MaritalStatus{
				reunite.Single, reunite.Married, reunite.Divorced, reunite.Widowed, reunite.Annulled}, true),
			choose(q, "location", "q.member.location", "loc.", &m.Location, []reunite.Location{reunite.OutsideUS, reunite.InsideUS}, true),
		)
	case "ties":
		return tieQuestions(q, f, m)
	case "bars":
		// Yes, No or I don't know for each: an unticked box used to mean
		// "no", and the relative then read "every rule is met".
		out := q.list(
			q.yesno("persecutor", "q.persecutor", &m.Persecutor),
			q.yesno("other_bars", "q.bars.other", &m.OtherBars),
			q.yesno("removal", "q.bars.removal", &m.RemovalProceedings),
			q.yesno("protected", "q.bars.protected", &m.AlreadyProtected),
		)
		if m.Relationship == reunite.Spouse {
			out = append(out, q.yesno("fraud", "q.bars.fraud", &m.MarriageFraudFinding))
		}
		return out
	default:
		return memberDetails(q, f, m, st.ID)
	}
}

// tieQuestions asks what makes the relative a spouse or a child in law:
// for a spouse the marriage; for a child its kind, and then only what
// that kind needs (a stepchild: the day of the parent's marriage; an
// adopted child: the adoption and custody).
func tieQuestions(q qb, f *reunite.Family, m *reunite.Member) []field {
	out := q.fields(10) // the most a child's ties ask, with room for a stepchild's marriage
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
		if m.MaritalStatus.Ended() {
			out = append(out, q.date("marriage_ended", "q.marriage.ended", &mar.Ended, true))
		} else if anyPetition(f) {
			// Where the marriage took place: Part 1 item 14 and Part 2
			// item 14 of the form.
			if mar.Place == nil {
				mar.Place = &reunite.Place{}
			}
			out = append(out, placeFields(q, "marriage_place", "q.marriage.place", mar.Place, false)...)
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
		out = append(out, stepchildQuestions(q, f, m)...)
	case reunite.Adopted:
		out = append(out, q.date("adoption_date", "q.child.adoption_date", &c.AdoptionDate, true),
			q.number("custody", "q.child.custody", &c.CustodyYears),
			q.yesno("sibling16", "q.child.sibling16.q", &c.SiblingAdoptedUnder16),
			q.yesno("battered", "q.child.battered.q", &c.BatteredByAdoptiveFamily))
	}
	if sd := f.Principal.StatusDate; !sd.IsZero() && !m.BirthDate.IsZero() && m.BirthDate.Last().After(sd) {
		out = append(out, q.yesno("conceived", "q.child.conceived", &c.ConceivedBeforeStatus))
	}
	if m.MaritalStatus.Ended() {
		out = append(out, q.date("child_married", "q.child.marriage_date", &c.MarriageDate, true),
			q.date("child_marriage_ended", "q.child.marriage_ended", &c.MarriageEnded, true))
	}
	out = append(out, q.yesno("listed", "q.child.listed", &m.ListedOnPrincipalApplication))
	return out
}

// stepchildQuestions asks which marriage made the child a stepchild. When
// the child's parent is a spouse already listed, "child of <spouse>" links
// them (child.parent_member): that marriage is asked once, on the
// spouse's page, and a doubt about it reaches the stepchild's verdict.
// Otherwise the marriage's day, form and validity are asked here.
func stepchildQuestions(q qb, f *reunite.Family, m *reunite.Member) []field {
	c := m.Child
	out := q.fields(2)
	var spouses []*reunite.Member
	for i := range f.Members {
		if s := &f.Members[i]; s.Relationship == reunite.Spouse && s.ID != m.ID {
			spouses = append(spouses, s)
		}
	}
	dateRef := reunite.FactRef{Member: m.ID, Fact: "child.parent_marriage_date"}
	if len(spouses) > 0 {
		parent := field{Name: "parent", Kind: "choice", Label: q.label("q.child.parent"), Required: true,
			getChoice: func() string {
				switch {
				case c.ParentMember != "":
					return c.ParentMember
				case !c.ParentMarriageDate.IsZero() || c.ParentMarriageForm != "" || f.UnknownAnswer(dateRef):
					return "other"
				}
				return ""
			},
			setChoice: func(v string) {
				if v == "other" {
					v = ""
				}
				c.ParentMember = v
			}}
		for _, s := range spouses {
			name := s.Name.Full()
			if name == "" {
				name = q.t("q.this_relative")
			}
			parent.Choices = append(parent.Choices, choice{s.ID, q.t("q.child.parent_of", "spouse", name)})
		}
		parent.Choices = append(parent.Choices, choice{"other", q.plain("q.child.parent_other")})
		out = append(out, parent)
		if c.ParentMember != "" && f.Member(c.ParentMember) != nil {
			return append(out, field{commit: func() string {
				if c.ParentMember != "" {
					// The spouse's marriage stands for these.
					c.ParentMarriageDate, c.ParentMarriageForm, c.ParentMarriageValidWhereCelebrated = reunite.Date{}, "", nil
				}
				return ""
			}})
		}
	}
	unlinked := func() bool { return c.ParentMember == "" }
	own := q.list(q.date("parent_marriage", "q.child.parent_marriage", &c.ParentMarriageDate, true),
		choose(q, "parent_marriage_form", "q.child.parent_marriage_form", "mform.", &c.ParentMarriageForm, []reunite.MarriageForm{
			reunite.CivilMarriage, reunite.ReligiousMarriage, reunite.CustomaryMarriage,
			reunite.ProxyMarriage, reunite.InformalMarriage}, true))
	switch c.ParentMarriageForm {
	case reunite.InformalMarriage, reunite.ReligiousMarriage, reunite.CustomaryMarriage:
		own = append(own, q.yesno("parent_valid", "q.marriage.valid", &c.ParentMarriageValidWhereCelebrated))
	}
	for i := range own {
		own[i].onlyIf = unlinked
	}
	out = append(out, own...)
	return append(out, field{commit: func() string {
		if c.ParentMember != "" {
			c.ParentMarriageDate, c.ParentMarriageForm, c.ParentMarriageValidWhereCelebrated = reunite.Date{}, "", nil
		}
		return ""
	}})
}

// tidy removes parts of a relative that do not apply (after a change of
// relationship) or that hold nothing, so the case file stays minimal, and
// forgets "I don't know" answers about relatives who were removed.
func tidy(f *reunite.Family) {
	for i := range f.Members {
		m := &f.Members[i]
		if m.Marriage != nil && m.Marriage.Place != nil && *m.Marriage.Place == (reunite.Place{}) {
			m.Marriage.Place = nil
		}
		if m.Marriage != nil && (m.Relationship != reunite.Spouse || *m.Marriage == (reunite.Marriage{})) {
			m.Marriage = nil
		}
		if c := m.Child; c != nil && c.ParentMember != "" {
			// A link to a spouse who was removed, or is no longer a spouse,
			// would make the file invalid.
			if s := f.Member(c.ParentMember); s == nil || s.Relationship != reunite.Spouse || c.Kind != reunite.Stepchild {
				c.ParentMember = ""
			}
		}
		if m.Child != nil && (m.Relationship != reunite.ChildOf || *m.Child == (reunite.Child{})) {
			m.Child = nil
		}
		tidyMemberDetails(m)
	}
	tidyPrincipalDetails(&f.Principal)
	tidyFiling(f)
	if f.Intake != nil {
		for _, r := range append([]reunite.FactRef(nil), f.Intake.Unknown...) {
			if r.Member != "principal" && r.Member != "" && f.Member(r.Member) == nil {
				f.SetUnknownAnswer(r, false)
			}
		}
	}
}

// copyFamily is a copy of f through its case file, or false.
func copyFamily(f *reunite.Family) (*reunite.Family, bool) {
	data, err := casefile.Encode(f)
	if err != nil {
		return nil, false
	}
	c, err := casefile.Decode(data)
	return c, err == nil
}

// cloneFamily copies a family through its case file, so that questions may
// allocate parts of it without touching the original.
func cloneFamily(f *reunite.Family) *reunite.Family {
	if c, ok := copyFamily(f); ok {
		return c
	}
	return f
}
