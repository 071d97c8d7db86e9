package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/reunite/reunite/store"
)

// linkTTL is how long an invitation or reset link works.
const linkTTL = 7 * 24 * time.Hour

type usersPage struct {
	base
	Users    []store.User
	Roles    []store.Role
	Link     string // a link just made, shown once for the admin to pass on
	LinkFor  string
	Problems map[string]string
	Login    string
	Name     string
}

// staffRoles are the roles an admin invites from this page; clients are
// invited from their family's page.
var staffRoles = []store.Role{store.RoleCaseworker, store.RoleRepresentative, store.RoleAdmin}

func (s *Server) userList(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderUsers(w, r, a, usersPage{}, http.StatusOK)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, a store.Actor, p usersPage, status int) {
	users, err := s.st.Users(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p.base, p.Users, p.Roles = s.base(r, "users.title"), users, staffRoles
	s.render(w, r, status, "users", p)
}

// userInvite creates a staff user and a one-time link to choose a password.
func (s *Server) userInvite(w http.ResponseWriter, r *http.Request, a store.Actor) {
	p := usersPage{Problems: map[string]string{}, Login: strings.TrimSpace(r.PostFormValue("login")),
		Name: strings.TrimSpace(r.PostFormValue("name"))}
	role := store.Role(r.PostFormValue("role"))
	if p.Login == "" {
		p.Problems["login"] = "form.required"
	}
	if p.Name == "" {
		p.Problems["name"] = "form.required"
	}
	for k, v := range map[string]string{"login": p.Login, "name": p.Name} {
		if problem := textProblem(v); problem != "" {
			p.Problems[k] = problem
		}
	}
	okRole := false
	for _, sr := range staffRoles {
		okRole = okRole || sr == role
	}
	if !okRole {
		p.Problems["role"] = "form.choose"
	}
	if len(p.Problems) > 0 {
		s.renderUsers(w, r, a, p, http.StatusUnprocessableEntity)
		return
	}
	id, err := s.st.CreateUser(r.Context(), a, store.NewUser{Login: p.Login, Name: p.Name, Role: role})
	if err != nil {
		if isConflict(err) {
			p.Problems["login"] = "users.login_taken"
			s.renderUsers(w, r, a, p, http.StatusConflict)
			return
		}
		s.storeError(w, r, err)
		return
	}
	link, err := s.newLink(r, a, id, store.LinkInvite)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderUsers(w, r, a, usersPage{Link: link, LinkFor: p.Login}, http.StatusOK)
}

// userReset makes a password reset link for a user of the office.
func (s *Server) userReset(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id := r.PathValue("user")
	login, err := s.st.UserLogin(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	link, err := s.newLink(r, a, id, store.LinkReset)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderUsers(w, r, a, usersPage{Link: link, LinkFor: login}, http.StatusOK)
}

// newLink records a one-time link and returns it as an absolute URL under
// the configured base URL, never the request's Host header: a forged Host
// would make an admin hand out a link to someone else's site, and the
// secret with it.
func (s *Server) newLink(r *http.Request, a store.Actor, userID, purpose string) (string, error) {
	tok := newToken()
	if err := s.st.CreateLink(r.Context(), a, userID, purpose, tokenHash(tok), linkTTL); err != nil {
		return "", err
	}
	return s.cfg.BaseURL + "/link/" + tok, nil
}

// userDisable stops a user of the office from signing in; their sessions
// and API tokens stop working at once. Users are never deleted, so the
// audit log keeps naming them.
func (s *Server) userDisable(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id := r.PathValue("user")
	if id == a.UserID() {
		s.status(w, r, http.StatusUnprocessableEntity, "users.not_yourself")
		return
	}
	if err := s.st.DisableUser(r.Context(), a, id); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}

// userUnlock lifts every sign-in lock of a user of the office, from every
// address: the way back in for someone locked out by guesses made in their
// name (a reset link works too, and also signs them in).
func (s *Server) userUnlock(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.UnlockSignIn(r.Context(), a, r.PathValue("user")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}
