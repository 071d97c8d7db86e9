package risk

import (
	"slices"

	"github.com/reunite/reunite"
)

// Rules are the office's settings for the warnings.
type Rules struct {
	// ContactDays: with no contact recorded for this many days, the team
	// is warned that it has not heard from the relative.
	ContactDays int
	// ExpiryDays: a status that ends within this many days is flagged.
	ExpiryDays int
}

// DefaultRules: a month without news of someone in danger is long, and a
// visa or registration takes weeks to renew in most host countries.
var DefaultRules = Rules{ContactDays: 30, ExpiryDays: 60}

// WarningKind says what a warning is about.
type WarningKind string

const (
	NoContactYet   WarningKind = "no_contact_recorded" // no contact entry at all
	NotHeardFrom   WarningKind = "not_heard_from"      // the last contact is too old
	StatusExpiring WarningKind = "status_expiring"     // the current status ends soon
	StatusExpired  WarningKind = "status_expired"      // it has ended
)

// Warning is something the team should look at, with the day it is about
// (the last contact, the expiry) and the number of days it measures.
type Warning struct {
	Kind WarningKind
	Day  reunite.Date
	Days int
}

// Sorted returns the entries in time order (stable for equal days).
func Sorted(es []Entry) []Entry {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b Entry) int { return a.When.Compare(b.When) })
	return out
}

// LastHeard returns the day of the latest contact, and false when none is
// recorded. A partial day counts from its first possible day: an
// approximate "March" warns early rather than late.
func LastHeard(es []Entry) (reunite.Date, bool) {
	var last reunite.Date
	for _, e := range es {
		if e.Kind == Contact && e.When.First().After(last) {
			last = e.When.First()
		}
	}
	return last, !last.IsZero()
}

// Current returns the latest entry of a kind, and false when there is none.
func Current(es []Entry, k EntryKind) (Entry, bool) {
	var out Entry
	found := false
	for _, e := range Sorted(es) {
		if e.Kind == k {
			out, found = e, true
		}
	}
	return out, found
}

// Warnings returns what needs the team's attention about one relative on
// day asOf.
func Warnings(es []Entry, asOf reunite.Date, r Rules) []Warning {
	var out []Warning
	if last, ok := LastHeard(es); !ok {
		out = append(out, Warning{Kind: NoContactYet})
	} else if n := last.DaysUntil(asOf); n > r.ContactDays {
		out = append(out, Warning{Kind: NotHeardFrom, Day: last, Days: n})
	}
	if st, ok := Current(es, Status); ok && !st.Expires.IsZero() {
		switch n := asOf.DaysUntil(st.Expires); {
		case n < 0:
			out = append(out, Warning{Kind: StatusExpired, Day: st.Expires, Days: -n})
		case n <= r.ExpiryDays:
			out = append(out, Warning{Kind: StatusExpiring, Day: st.Expires, Days: n})
		}
	}
	return out
}

// Kinds of the office's "needs action" items that come from the risk log.
const (
	DueContact = "risk_no_contact"     // the day the "not heard from" warning starts
	DueStatus  = "risk_status_expires" // the current status's expiry
	DueUrgent  = "risk_urgent"         // the day the level became high or critical
)

// Due is a dated item for the office's "needs action" list.
type Due struct {
	Kind string
	Date reunite.Date
}

// Change is one step of a relative's risk level history.
type Change struct {
	Level Level
	Day   reunite.Date
}

// Dues returns the dated items of one relative: when the team should have
// heard from them again, when their status ends, and, while the level is
// high or critical, the day it became so. They do not depend on the day
// asked, so the store can keep them and the list can range over them.
func Dues(es []Entry, history []Change, r Rules) []Due {
	var out []Due
	if last, ok := LastHeard(es); ok {
		out = append(out, Due{DueContact, last.AddDays(r.ContactDays + 1)})
	}
	if st, ok := Current(es, Status); ok && !st.Expires.IsZero() {
		out = append(out, Due{DueStatus, st.Expires})
	}
	if n := len(history); n > 0 && history[n-1].Level.Urgent() {
		since := history[n-1].Day
		for i := n - 2; i >= 0 && history[i].Level.Urgent(); i-- {
			since = history[i].Day
		}
		out = append(out, Due{DueUrgent, since})
	}
	return out
}
