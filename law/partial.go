package law

import (
	"strconv"

	"github.com/reunite/reunite"
)

// A partial birth date (YYYY or YYYY-MM) is a range of days. Every rule about
// a birth date is a threshold (an age on a day, born before a day), so when
// the first and the last possible day give the same answer, every day in
// between does too. The contract ("Partial birth dates"): a petition's
// findings are those both days give; where the two days disagree, only the
// findings both give are kept and MISSING_FACT asks for the full date.

// partialBirthRules applies the member rules to the last possible day of a
// partial birth date and reconciles them with first, the rules as applied
// to the first possible day.
func partialBirthRules(c *caseFacts, first, last *subject) []Finding {
	a, b := memberRules(nil, c, first), memberRules(nil, c, last)
	agree := verdictOf(listed(a)) == verdictOf(listed(b)) && sameFindings(listed(a), listed(b))
	used := make([]bool, len(b))
	out := make([]Finding, 0, len(a)+1)
	for _, fa := range a {
		j := unusedMatch(fa, b, used)
		if j < 0 {
			continue // only one end gives it: not a finding of the petition
		}
		used[j] = true
		out = append(out, c.bothEnds(fa, b[j]))
	}
	if agree {
		return out
	}
	m := first.m
	v := c.vars(first).with(day(vFirst, m.BirthDate.First()), day(vLast, m.BirthDate.Last()))
	return append(out, c.missing(first.path+".birth_date", "missing.birth_day_decides", v))
}

// sameFinding: the same rule came to the same result (for MISSING_FACT,
// about the same fact).
func sameFinding(a, b Finding) bool {
	return a.Code == b.Code && a.Outcome == b.Outcome && a.Fact == b.Fact
}

// unusedMatch returns the index of the first finding of b not used yet that
// is the same as f, or -1.
func unusedMatch(f Finding, b []Finding, used []bool) int {
	for j, fb := range b {
		if !used[j] && sameFinding(f, fb) {
			return j
		}
	}
	return -1
}

// sameFindings reports whether two lists hold the same findings, in any
// order.
func sameFindings(a, b []Finding) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, fa := range a {
		j := unusedMatch(fa, b, used)
		if j < 0 {
			return false
		}
		used[j] = true
	}
	return true
}

// bothEnds writes one finding that both ends of the range gave. Written
// from the same template, its message shows every value that differs
// between the two days as a range ("20 to 21"), so that no invented day or
// age appears.
func (c *caseFacts) bothEnds(a, b Finding) Finding {
	if a.Key != b.Key {
		return a // the same result for different reasons: either says it
	}
	av, bv := a.Vars(), b.Vars()
	differs := false
	for k, va := range av {
		if bv[k] != va {
			differs = true
			break
		}
	}
	if !differs {
		return a
	}
	merged := make(Vars, len(av))
	for k, va := range av {
		if vb := bv[k]; vb != va && vb != "" {
			lo, hi := ordered(va, vb)
			va = c.render("range", c.values(str(vFrom, lo), str(vTo, hi)))
		}
		merged[k] = va
	}
	out := a
	out.values = &scope{top: &scopeTop{c: c, vars: merged}}
	return out
}

// ordered puts two values of a range in order: numbers by value, dates
// (YYYY-MM-DD) by their text, which is the same.
func ordered(a, b string) (string, string) {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if (errA == nil && errB == nil && y < x) || ((errA != nil || errB != nil) && b < a) {
		return b, a
	}
	return a, b
}

// birthRange sets first to the subject to apply the rules to: for a full
// or unknown birth date the only one, for a partial one its first possible
// day, and then returns a second subject for the last possible day.
func birthRange(c *caseFacts, first *subject, m *reunite.Member, i int) (last *subject) {
	newSubject(c, first, m, i, m.BirthDate.First())
	if m.BirthDate.Partial() {
		last = new(subject)
		newSubject(c, last, m, i, m.BirthDate.Last())
	}
	return last
}
