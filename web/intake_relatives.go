package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
)

// The relatives step lists the relatives and adds or removes one at a time.

func newRelativeFields(l *i18n.Lang, m *reunite.Member, staff bool) []field {
	q := qb{l: l, staff: staff}
	return []field{
		choose(q, "relationship", "q.relationship.new", "rel.", &m.Relationship, []reunite.Relationship{
			reunite.Spouse, reunite.ChildOf, reunite.Parent, reunite.Sibling, reunite.OtherRelative}, false),
		q.text("given", "q.member.given", &m.Name.Given, true),
		q.text("family", "q.member.family", &m.Name.Family, false),
	}
}

// relativesAction applies the button pressed on the relatives step. It
// returns where to go after saving, or the add fields with their problems
// when the new relative's answers need fixing (done false).
//
// Removing a relative takes two steps: "Remove" opens a confirmation
// (GET ?remove=ID) and only its button removes. The removal is a new
// version, so the version history can bring the relative back.
func relativesAction(l *i18n.Lang, f *reunite.Family, form url.Values, familyID string, staff bool) (next string, add []field, done bool) {
	here := step{ID: "relatives"}.Path(familyID)
	switch {
	case form.Get("remove") != "":
		id := form.Get("remove")
		if form.Get("confirm") != "1" {
			return here + "?remove=" + url.QueryEscape(id), nil, true
		}
		f.Members = slices.DeleteFunc(f.Members, func(m reunite.Member) bool { return m.ID == id })
		return here, nil, true
	case form.Get("add") != "":
		m := reunite.Member{ID: newMemberID(f)}
		fields := newRelativeFields(l, &m, staff)
		if applyAll(nil, fields, form) {
			return "", fields, false
		}
		f.Members = append(f.Members, m)
		return here, nil, true
	}
	return "", nil, true // continue: the next step
}

// newMemberID picks an id no relative has: r1, r2...
func newMemberID(f *reunite.Family) string {
	for n := len(f.Members) + 1; ; n++ {
		id := "r" + strconv.Itoa(n)
		if f.Member(id) == nil {
			return id
		}
	}
}
