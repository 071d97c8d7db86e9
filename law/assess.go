package law

import (
	"strconv"

	"github.com/reunite/reunite"
)

// Assess applies every rule to the family as of the given day, with the
// messages in English. It does no I/O and reads no clock, so the same family
// and day always give the same assessment. The family should have passed
// validation (casefile.Decode).
func Assess(f *reunite.Family, asOf reunite.Date) *Assessment {
	return assessWith(f, asOf, messagesEN, true)
}

// AssessIn is Assess with the messages written from another language's
// catalog (see Catalog); a key the catalog lacks falls back to English.
func AssessIn(f *reunite.Family, asOf reunite.Date, catalog map[string]string) *Assessment {
	return assessWith(f, asOf, catalog, false)
}

// work is everything one assessment allocates that lives as long as the
// assessment does, in one allocation: the assessment, the case facts its
// findings write their messages from, and the deadline's values.
type work struct {
	a        Assessment
	c        caseFacts
	fileBy   reunite.Date
	late     bool
	daysLeft int
}

// slabs hold the lists of every petition of an assessment back to back,
// each petition's list a slice of them whose capacity ends where the next
// begins (an append to one copies it instead of overwriting the next).
// Sized for a family's usual lists, they grow like any slice when a family
// needs more.
type slabs struct {
	checks, findings []Finding
	keyDates         []KeyDate
	hints            []Hint
	hintDates        []reunite.Date
	next             []Text
	sequences        []string
}

func newSlabs(members int) *slabs {
	// A member has about six rules, five key dates, one or two hints and
	// next steps; most petitions list no finding. The checks and the
	// findings are one block: the findings start where the checks' room
	// ends.
	nc, nf := 6*members+4, members+2
	both := make([]Finding, 0, nc+nf)
	return &slabs{
		checks:    both[:0:nc],
		findings:  both[nc : nc : nc+nf],
		keyDates:  make([]KeyDate, 0, 5*members),
		hints:     make([]Hint, 0, members+2),
		hintDates: make([]reunite.Date, 0, members),
		next:      make([]Text, 0, 2*members),
		sequences: make([]string, members),
	}
}

// cut returns the part of list from start, with no room to append in place;
// nil when it is empty.
func cut[T any](list []T, start int) []T {
	if len(list) == start {
		return nil
	}
	return list[start:len(list):len(list)]
}

func assessWith(f *reunite.Family, asOf reunite.Date, catalog map[string]string, english bool) *Assessment {
	w := &work{}
	c := &w.c
	newCaseFacts(c, f, asOf, catalog)
	c.english = english
	sl := newSlabs(len(f.Members))
	a := &w.a
	*a = Assessment{
		Format:     reunite.AssessmentFormat,
		AsOf:       asOf,
		FilingDate: c.filing,
		Petitions:  make([]Petition, 0, len(f.Members)),
	}

	sl.checks = petitionerRules(sl.checks, c)
	checks := cut(sl.checks, 0)
	sl.findings = appendListed(sl.findings, checks)
	a.Petitioner = Petitioner{CanFile: canFile(checks), Findings: sl.findings[:len(sl.findings):len(sl.findings)], Checks: checks}
	if !c.fileBy.IsZero() {
		w.fileBy, w.late, w.daysLeft = c.fileBy, c.late, asOf.DaysUntil(c.fileBy)
		a.Deadline = Deadline{FileBy: &w.fileBy, Late: &w.late, DaysLeft: &w.daysLeft, OnWeekend: c.weekend}
	}

	// What the petitioner's findings bring to every petition: all of them
	// that fail or need review when the principal cannot file, else the
	// review ones.
	var inherited []Finding
	for _, fd := range a.Petitioner.Findings {
		if fd.Outcome == Review || (!a.Petitioner.CanFile && fd.Outcome == Fail) {
			inherited = append(inherited, fd)
		}
	}

	subjects := make([]subject, len(f.Members))
	for i := range f.Members {
		s := &subjects[i]
		last := birthRange(c, s, &f.Members[i], i)
		p := Petition{Member: s.m.ID}
		start := len(sl.checks)
		switch {
		case !a.Petitioner.CanFile:
		case last != nil:
			p.Checks = partialBirthRules(c, s, last)
		default:
			sl.checks = memberRules(sl.checks, c, s)
			p.Checks = cut(sl.checks, start)
		}
		start = len(sl.findings)
		sl.findings = append(sl.findings, inherited...)
		sl.findings = appendListed(sl.findings, p.Checks)
		p.Findings = sl.findings[start:len(sl.findings):len(sl.findings)]
		p.Verdict = verdictOf(p.Findings)
		if !a.Petitioner.CanFile {
			p.Verdict = Ineligible
		}
		a.Petitions = append(a.Petitions, p)
	}

	numberPetitions(a.Petitions, sl.sequences)
	for i := range subjects {
		s, p := &subjects[i], &a.Petitions[i]
		start := len(sl.keyDates)
		sl.keyDates = keyDates(sl.keyDates, c, s)
		p.KeyDates = cut(sl.keyDates, start)
		if a.Petitioner.CanFile {
			start := len(sl.hints)
			sl.hints = hints(sl.hints, sl, c, s, p)
			p.Hints = cut(sl.hints, start)
		}
		start = len(sl.next)
		sl.next = nextSteps(sl.next, c, s, p)
		p.Next = sl.next[start:len(sl.next):len(sl.next)]
	}
	return a
}

// memberRules are every rule that applies to one member, in the order a
// person would check them: who they are to the principal, then what that
// relationship requires, then bars, then the deadline. Parents, siblings and
// others never qualify, but their bars and the deadline are still reported:
// the contract lists every rule that did not simply pass, in every petition.
func memberRules(out []Finding, c *caseFacts, s *subject) []Finding {
	switch s.m.Relationship {
	case reunite.Spouse:
		out = spouseRules(out, c, s)
	case reunite.ChildOf:
		out = childRules(out, c, s)
	case "":
		out = append(out, c.missing(s.path+".relationship", "missing.relationship", c.vars(s)))
	default:
		v := c.vars(s).with(word(vRelationship, enumRelationship, string(s.m.Relationship)))
		out = append(out, c.finding(RelationshipNotQualifying, Fail, citeRelationship, "relationship.not_qualifying", v))
	}
	out = barRules(out, c, s)
	out = survivorRules(out, c, s)
	return deadlineRules(out, c, s)
}

// appendListed appends the findings the contract lists: every rule that
// did not simply pass.
func appendListed(out, checks []Finding) []Finding {
	for _, f := range checks {
		if f.Outcome != Pass {
			out = append(out, f)
		}
	}
	return out
}

// listed keeps the findings the contract lists.
func listed(checks []Finding) []Finding { return appendListed(make([]Finding, 0, len(checks)), checks) }

// numberPetitions writes "k of N" over the petitions to prepare: every
// member whose verdict is not ineligible, in file order. seq holds the
// strings the petitions point to, one per petition.
func numberPetitions(ps []Petition, seq []string) {
	n := 0
	for _, p := range ps {
		if p.Verdict != Ineligible {
			n++
		}
	}
	k := 0
	for i := range ps {
		if ps[i].Verdict == Ineligible {
			continue
		}
		k++
		seq[i] = sequence(k, n)
		ps[i].Sequence = &seq[i]
	}
}

// sequence writes "k of n", from a table for families of up to 16.
func sequence(k, n int) string {
	if n < len(sequences) {
		return sequences[n][k]
	}
	return strconv.Itoa(k) + " of " + strconv.Itoa(n)
}

var sequences = func() (t [17][]string) {
	for n := range t {
		t[n] = make([]string, n+1)
		for k := 1; k <= n; k++ {
			t[n][k] = strconv.Itoa(k) + " of " + strconv.Itoa(n)
		}
	}
	return t
}()
