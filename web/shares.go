package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// Sharing a family with a partner office: the list of its shares (active,
// expired, revoked), the form that makes one and the button that revokes
// one at once. Making and revoking are for administrators and
// representatives (the store refuses the others).

type sharesPage struct {
	teamHead
	Shares  []shareRow
	Form    shareForm
	Default reunite.Date // the expiry the form proposes
}

type shareRow struct {
	store.Share
	Scope  string
	State  string // "active", "expired", "revoked"
	Until  reunite.Date
	Active bool
}

// shareForm is what was typed, to show again with a refusal.
type shareForm struct {
	Partner, Scope, Access, Expires string
	Members                         []string
}

// Has reports whether the relative was ticked.
func (f shareForm) Has(member string) bool { return slices.Contains(f.Members, member) }

// shareDefaultDays is the life the form proposes for a share.
const shareDefaultDays = 90

func (s *Server) shares(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderShares(w, r, a, shareForm{Scope: "members", Access: string(store.AccessRead)}, "", http.StatusOK)
}

func (s *Server) renderShares(w http.ResponseWriter, r *http.Request, a store.Actor, f shareForm, problem string, status int) {
	h, err := s.teamHeadOf(r, a, "share.title")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if !h.Own {
		s.notFound(w, r) // a partner does not see the family's other shares
		return
	}
	h.Problem = problem
	list, err := s.st.Shares(r.Context(), a, h.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	now := s.now()
	p := sharesPage{teamHead: h, Form: f, Default: reunite.DateOf(s.today()).AddDays(shareDefaultDays)}
	for _, sh := range list {
		row := shareRow{Share: sh, Until: reunite.DateOf(sh.ExpiresAt.Add(-time.Second)), Active: sh.ActiveAt(now)}
		switch {
		case !sh.RevokedAt.IsZero():
			row.State = "revoked"
		case !row.Active:
			row.State = "expired"
		default:
			row.State = "active"
		}
		if sh.Whole() {
			row.Scope = h.memberName("")
		} else {
			names := make([]string, len(sh.Members))
			for i, m := range sh.Members {
				names[i] = h.memberName(m)
			}
			row.Scope = strings.Join(names, ", ")
		}
		p.Shares = append(p.Shares, row)
	}
	s.render(w, r, status, "shares", p)
}

func (s *Server) shareCreate(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if a.Role() != store.RoleAdmin && a.Role() != store.RoleRepresentative {
		s.forbidden(w, r) // the store refuses too; this says so before the form is read
		return
	}
	if !s.parseTeamForm(w, r) {
		return
	}
	f := shareForm{Partner: strings.TrimSpace(r.PostForm.Get("partner")), Scope: r.PostForm.Get("scope"),
		Access: r.PostForm.Get("access"), Expires: strings.TrimSpace(r.PostForm.Get("expires")), Members: r.PostForm["member"]}
	n := store.NewShare{FamilyID: r.PathValue("id"), PartnerOrgID: f.Partner, Access: store.Access(f.Access)}
	switch f.Scope {
	case "family":
	case "members":
		if len(f.Members) == 0 {
			s.renderShares(w, r, a, f, "members: choose at least one relative, or the whole family", http.StatusUnprocessableEntity)
			return
		}
		n.Members = f.Members
	default:
		s.renderShares(w, r, a, f, "scope: choose the whole family or some relatives", http.StatusUnprocessableEntity)
		return
	}
	day, err := reunite.ParseDate(f.Expires)
	if err != nil {
		s.renderShares(w, r, a, f, "expires: "+err.Error(), http.StatusUnprocessableEntity)
		return
	}
	// A share lasts through the day it ends, in UTC like every stored time.
	n.ExpiresAt = day.Time().AddDate(0, 0, 1)
	_, err = s.st.ShareFamily(r.Context(), a, n)
	if problem := s.eventProblem(w, r, err); problem != "" {
		s.renderShares(w, r, a, f, problem, http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, "/families/"+n.FamilyID+"/shares", http.StatusSeeOther)
}

func (s *Server) shareRevoke(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.RevokeShare(r.Context(), a, r.PathValue("share")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+r.PathValue("id")+"/shares", http.StatusSeeOther)
}

// sharedPage lists the families other offices share with the user's, and
// the office's id that a family's office needs to share with it.
type sharedPage struct {
	base
	OrgID    string
	Families []sharedRow
}

type sharedRow struct {
	store.SharedFamily
	Until reunite.Date
}

func (s *Server) shared(w http.ResponseWriter, r *http.Request, a store.Actor) {
	list, err := s.st.SharedWithUs(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p := sharedPage{base: s.base(r, "share.with_us"), OrgID: a.OrgID()}
	for _, f := range list {
		p.Families = append(p.Families, sharedRow{SharedFamily: f, Until: reunite.DateOf(f.ExpiresAt.Add(-time.Second))})
	}
	s.render(w, r, http.StatusOK, "shared", p)
}
