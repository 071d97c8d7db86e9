package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// The team's pages of a family (notes, tasks, activity, sharing) share a
// heading: the family, its relatives the user may see, and what the user
// may do there. A partner office's staff reach the notes and tasks of what
// was shared with them (store/shares.go); the activity and the sharing are
// the family's own office's.

type teamHead struct {
	base
	ID        string
	Principal string
	Members   []memberOpt
	Own       bool // staff of the family's office, not a partner
	Write     bool // may add notes and tasks
	Family    bool // the family-wide thread and tasks are within reach
	CanShare  bool
	UserOrg   string // the user's office: notes of another one are a partner's
	Problem   string // why the last form was refused
}

type memberOpt struct{ ID, Name, Relationship string }

// teamHeadOf reads the family as the user may see it.
func (s *Server) teamHeadOf(r *http.Request, a store.Actor, title string) (teamHead, error) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return teamHead{}, err
	}
	h := teamHead{base: s.base(r, title), ID: rec.ID, Principal: rec.Family.Principal.Name.Full(),
		Own: rec.Shared == nil, Write: rec.Shared == nil || rec.Shared.Write, Family: rec.Shared.Covers(""),
		CanShare: rec.Shared == nil && (a.Role() == store.RoleAdmin || a.Role() == store.RoleRepresentative), UserOrg: a.OrgID()}
	for _, m := range rec.Family.Members {
		name := m.Name.Full()
		if name == "" {
			name = m.ID
		}
		h.Members = append(h.Members, memberOpt{ID: m.ID, Name: name, Relationship: h.L.T("rel." + string(m.Relationship))})
	}
	return h, nil
}

// memberName names a relative of the heading, or the family for "".
func (h teamHead) memberName(id string) string {
	if id == "" {
		return h.L.T("team.whole_family")
	}
	for _, m := range h.Members {
		if m.ID == id {
			return m.Name
		}
	}
	return id
}

// parseTeamForm bounds and parses a posted form; false when it answered.
func (s *Server) parseTeamForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return false
	}
	return true
}

// memberSelect is what the "member_select" template receives.
type memberSelect struct {
	H        teamHead
	Name     string // the select's id
	Selected string
}

// MemberSelect is the choice of the family or a relative, for a form.
func (h teamHead) MemberSelect(name, selected string) memberSelect {
	return memberSelect{H: h, Name: name, Selected: selected}
}
