package law

import (
	"strconv"
	"time"

	"github.com/reunite/reunite"
)

// branch is the part of the law the petition falls under: asylees (INA 208,
// 8 CFR 208.21) or refugees (INA 207, 8 CFR 207.7).
type branch int

const (
	branchUnknown branch = iota
	branchAsylum
	branchRefugee
)

// caseFacts are the facts of the whole case that every rule reads, worked
// out once per assessment.
type caseFacts struct {
	fam    *reunite.Family
	p      *reunite.Principal
	asOf   reunite.Date
	filing reunite.Date // filing_date, or the assessment day
	branch branch

	// fixDay is the day that fixes a child's age (CSPA): the I-589 receipt
	// for asylees, the refugee interview for refugees. fixField names it in
	// the case file.
	fixDay   reunite.Date
	fixField string

	statusDay reunite.Date // principal.status_date, kept as the rules saw it

	// The principal's status and days, kept as the rules saw them for the
	// petitioner's messages.
	status                reunite.Status
	naturalized, deceased reunite.Date

	fileBy  reunite.Date // zero when status_date is unknown
	late    bool
	weekend bool // fileBy is a Saturday or a Sunday
	// daysLate counts the days from fileBy to the filing day (negative
	// while it is still to come).
	daysLate int

	catalog map[string]string // the language messages are written in
	// english is true when catalog is the English one (Assess), whose
	// templates are compiled once (compiledEN).
	english bool

	arena arena // the assessment's scopes
	// root is the start of the scopes of values that are not a member's
	// (caseFacts.values), top what they share.
	root scope
	top  scopeTop
}

func newCaseFacts(c *caseFacts, f *reunite.Family, asOf reunite.Date, catalog map[string]string) {
	*c = caseFacts{fam: f, p: &f.Principal, asOf: asOf, filing: f.FilingDate, catalog: catalog,
		statusDay: f.Principal.StatusDate, status: f.Principal.Status,
		naturalized: f.Principal.NaturalizedOn, deceased: f.Principal.DeceasedOn}
	c.top = scopeTop{c: c}
	c.root = scope{top: &c.top}
	// Enough for most families in one block: about four values a member.
	c.arena.next = 4*len(f.Members) + 2
	if c.filing.IsZero() {
		c.filing = asOf
	}
	p := c.p
	switch {
	case p.Status.IsAsylum():
		c.branch = branchAsylum
	case p.Status.IsRefugee():
		c.branch = branchRefugee
	case p.Status == reunite.Citizen || p.Status == "":
		// The contract: for a citizen or an unknown status, the date that
		// is given tells the branch; both or neither leave it unknown.
		switch {
		case !p.AsylumFiled.IsZero() && p.RefugeeInterview.IsZero():
			c.branch = branchAsylum
		case p.AsylumFiled.IsZero() && !p.RefugeeInterview.IsZero():
			c.branch = branchRefugee
		}
	}
	switch c.branch {
	case branchAsylum:
		c.fixDay, c.fixField = p.AsylumFiled, "principal.asylum_filed"
	case branchRefugee:
		c.fixDay, c.fixField = p.RefugeeInterview, "principal.refugee_interview"
	default:
		c.fixField = "principal.asylum_filed or principal.refugee_interview"
	}
	if !p.StatusDate.IsZero() {
		c.fileBy = Anniversary(p.StatusDate, 2)
		c.late = c.filing.After(c.fileBy)
		c.weekend = IsWeekend(c.fileBy)
		c.daysLate = c.fileBy.DaysUntil(c.filing)
	}
}

// lookup gives the values of the case's own messages (the petitioner's,
// and those of no member): the principal's status and days, and the
// case's days.
func (c *caseFacts) lookup(n vname) (value, bool) {
	switch n {
	case vStatus:
		return word(n, enumStatus, string(c.status)), true
	case vNaturalized:
		return day(n, c.naturalized), true
	case vDeceased:
		return day(n, c.deceased), true
	}
	return c.days(n)
}

// days gives the values of the case every message can use: its days, what
// they are in words and, when status_date is known, the deadline's. They
// are read from what the assessment kept, never from the family again, and
// what is in words is written only when a message is.
func (c *caseFacts) days(n vname) (value, bool) {
	switch n {
	case vStatusDay:
		return day(n, c.statusDay), true
	case vStatusWhat:
		return str(n, c.render(statusWhatKeys[c.branch], nil)), true
	case vFixDay:
		return day(n, c.fixDay), true
	case vFixWhat:
		return str(n, c.render(fixWhatKeys[c.branch], nil)), true
	case vFiling:
		return day(n, c.filing), true
	case vFileBy, vWeekday, vDaysLate:
		switch {
		case c.fileBy.IsZero():
			return value{}, false
		case n == vFileBy:
			return day(n, c.fileBy), true
		case n == vWeekday:
			return str(n, c.render(weekdayKeys[c.fileBy.Weekday()], nil)), true
		}
		return num(n, c.daysLate), true
	}
	return value{}, false
}

// The message keys of what the case's days are, by branch, and of the days
// of the week: built once, not per message.
var (
	fixWhatKeys    = [...]string{branchUnknown: "what.fix.unknown", branchAsylum: "what.fix.asylum", branchRefugee: "what.fix.refugee"}
	statusWhatKeys = [...]string{branchUnknown: "what.status.unknown", branchAsylum: "what.status.asylum", branchRefugee: "what.status.refugee"}
	weekdayKeys    = func() (k [7]string) {
		for d := range k {
			k[d] = "weekday." + time.Weekday(d).String()
		}
		return k
	}()
)

func (b branch) String() string {
	switch b {
	case branchAsylum:
		return "asylum"
	case branchRefugee:
		return "refugee"
	}
	return "unknown"
}

// wordOf writes an enumerated value (a marriage form, a status) in the
// assessment's language; a value the catalog has no word for is written as
// it is.
func (c *caseFacts) wordOf(kind, value string) string {
	if value == "" {
		return ""
	}
	if w := c.render("enum."+kind+"."+value, nil); w != "" {
		return w
	}
	return value
}

// subject is the family member a rule is applied to.
type subject struct {
	m    *reunite.Member
	path string   // family[i], for naming facts
	name string   // how messages call them
	root scope    // the values every rule starts from; see caseFacts.vars
	top  scopeTop // what the member's scopes share

	// birth is the day of birth the rules use: the member's birth date, or
	// for a partial one its first or its last possible day (partial.go).
	birth reunite.Date
	// given is the birth date as the case file gives it, and birthText
	// how messages write a partial one.
	given     reunite.BirthDate
	birthText string
}

func newSubject(c *caseFacts, s *subject, m *reunite.Member, i int, birth reunite.Date) {
	name := m.Name.Given
	if name == "" {
		name = m.Name.Full()
	}
	if name == "" {
		name = m.ID
	}
	*s = subject{m: m, path: memberPath(i), name: name, birth: birth, given: m.BirthDate}
	s.top = scopeTop{c: c, subj: s}
	s.root = scope{top: &s.top}
	if !birth.IsZero() && m.BirthDate.Partial() {
		// A partial birth date is shown as the person gave it; values
		// worked out from it differ between its first and last days and
		// are shown as a range (partial.go).
		s.birthText = c.render("birth.partial", c.values(str(vBirthGiven, m.BirthDate.String())))
	}
}

// memberPath is family[i], from a table for the sizes of real families.
func memberPath(i int) string {
	if i < len(memberPaths) {
		return memberPaths[i]
	}
	return "family[" + strconv.Itoa(i) + "]"
}

var memberPaths = func() (p [32]string) {
	for i := range p {
		p[i] = "family[" + strconv.Itoa(i) + "]"
	}
	return p
}()

// vars returns the message values every member rule can use. Rules add
// their own with scope.with, which leaves the shared values as they are.
func (c *caseFacts) vars(s *subject) *scope { return &s.root }

// lookup gives the values every member rule can use: the member's name, the
// case's days (caseFacts.days) and, when the birth date is known, the birth
// date and age. They are read from what the assessment kept, never from the
// family again, so that a message written later says what the rules saw.
func (s *subject) lookup(n vname) (value, bool) {
	c := s.top.c
	if n == vName {
		return str(n, s.name), true
	}
	if v, ok := c.days(n); ok || s.birth.IsZero() {
		return v, ok
	}
	switch n {
	case vBirth:
		if s.given.Partial() {
			return str(n, s.birthText), true
		}
		return day(n, s.given.First()), true
	case vBirthGiven:
		if s.given.Partial() {
			return str(n, s.given.String()), true
		}
	case vAgeNow:
		return num(n, AgeOn(s.birth, c.asOf)), true
	}
	return value{}, false
}
