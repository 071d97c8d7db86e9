package law

import (
	"strconv"

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
	// the case file; fixWhat says what it is in words.
	fixDay   reunite.Date
	fixField string
	fixWhat  string

	fileBy reunite.Date // zero when status_date is unknown
	late   bool

	catalog map[string]string // the language messages are written in
}

func newCaseFacts(f *reunite.Family, asOf reunite.Date, catalog map[string]string) *caseFacts {
	c := &caseFacts{fam: f, p: &f.Principal, asOf: asOf, filing: f.FilingDate, catalog: catalog}
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
	c.fixWhat = c.render("what.fix."+c.branch.String(), nil)
	if !p.StatusDate.IsZero() {
		c.fileBy = Anniversary(p.StatusDate, 2)
		c.late = c.filing.After(c.fileBy)
	}
	return c
}

func (b branch) String() string {
	switch b {
	case branchAsylum:
		return "asylum"
	case branchRefugee:
		return "refugee"
	}
	return "unknown"
}

// statusWhat says in words what status_date is for this principal.
func (c *caseFacts) statusWhat() string { return c.render("what.status."+c.branch.String(), nil) }

// word writes an enumerated value (a marriage form, a status) in the
// assessment's language.
func (c *caseFacts) word(kind, value string) string {
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
	path string // family[i], for naming facts
	name string // how messages call them
	vars *scope // the message values every rule starts from; see caseFacts.vars

	// birth is the day of birth the rules use: the member's birth date, or
	// for a partial one its first or its last possible day (partial.go).
	birth reunite.Date
}

func newSubject(m *reunite.Member, i int, birth reunite.Date) *subject {
	name := m.Name.Given
	if name == "" {
		name = m.Name.Full()
	}
	if name == "" {
		name = m.ID
	}
	return &subject{m: m, path: "family[" + strconv.Itoa(i) + "]", name: name, birth: birth}
}

// vars returns the message values every member rule can use. Rules add
// their own with scope.with, which leaves the shared values as they are.
func (c *caseFacts) vars(s *subject) *scope {
	if s.vars != nil {
		return s.vars
	}
	v := Vars{
		"name":        s.name,
		"status_day":  c.p.StatusDate.String(),
		"status_what": c.statusWhat(),
		"fix_day":     c.fixDay.String(),
		"fix_what":    c.fixWhat,
		"filing":      c.filing.String(),
	}
	if !s.birth.IsZero() {
		// A partial birth date is shown as the person gave it; values
		// worked out from it differ between its first and last days and are
		// shown as a range (partial.go).
		v["birth"] = s.m.BirthDate.String()
		if s.m.BirthDate.Partial() {
			v["birth_given"] = v["birth"]
			v["birth"] = render(c.catalog, "birth.partial", func(string) (string, bool) { return v["birth_given"], true })
		}
		v["age_now"] = strconv.Itoa(AgeOn(s.birth, c.asOf))
	}
	s.vars = &scope{base: v}
	return s.vars
}

// scope is the values a message may use: a shared base, and the few a rule
// adds on top with with. Adding does not copy the base: a family's
// assessment writes hundreds of messages, and copying maps was most of
// the engine's cost.
type scope struct {
	parent *scope
	base   Vars
	extra  []string // name, value, name, value...
}

// values starts a scope from name, value pairs.
func values(kv ...string) *scope { return &scope{extra: kv} }

// with returns a scope with more values over s (which may be nil).
func (s *scope) with(kv ...string) *scope { return &scope{parent: s, extra: kv} }

// get looks a value up, the most recently added first.
func (s *scope) get(name string) (string, bool) {
	for p := s; p != nil; p = p.parent {
		for i := len(p.extra) - 2; i >= 0; i -= 2 {
			if p.extra[i] == name {
				return p.extra[i+1], true
			}
		}
		if v, ok := p.base[name]; ok {
			return v, true
		}
	}
	return "", false
}
