package web

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/reunite/reunite/store"
)

// The first administrator is made through a one-time link that `reunite
// serve` prints when the database has no users: whoever can read the
// server's console is trusted to set it up, and no one else can.

type setupPage struct {
	base
	Token            string
	Org, Login, Name string
	Problems         map[string]string // field → catalog key
}

// setupOpen reports whether token opens the setup page now.
func (s *Server) setupOpen(r *http.Request, token string) bool {
	if s.cfg.SetupToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.SetupToken)) != 1 {
		return false
	}
	has, err := s.st.HasUsers(r.Context())
	return err == nil && !has
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	if !s.setupOpen(r, tok) {
		s.notFound(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "setup", setupPage{base: s.base(r, "setup.title"), Token: tok})
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	s.setupMu.Lock()
	defer s.setupMu.Unlock()
	tok := r.PathValue("token")
	if !s.setupOpen(r, tok) {
		s.notFound(w, r)
		return
	}
	p := setupPage{base: s.base(r, "setup.title"), Token: tok, Problems: map[string]string{},
		Org: strings.TrimSpace(r.PostFormValue("org")), Login: strings.TrimSpace(r.PostFormValue("login")),
		Name: strings.TrimSpace(r.PostFormValue("name"))}
	password := r.PostFormValue("password")
	if p.Org == "" {
		p.Problems["org"] = "form.required"
	}
	if p.Login == "" {
		p.Problems["login"] = "form.required"
	}
	if p.Name == "" {
		p.Problems["name"] = "form.required"
	}
	for k, v := range map[string]string{"org": p.Org, "login": p.Login, "name": p.Name} {
		if problem := textProblem(v); problem != "" {
			p.Problems[k] = problem
		}
	}
	if k := passwordProblem(password); k != "" {
		p.Problems["password"] = k
	}
	if len(p.Problems) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "setup", p)
		return
	}
	hash, err := s.cfg.Argon2.hash(password)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	a, err := s.st.CreateOrg(r.Context(), p.Org, store.NewUser{Login: p.Login, Name: p.Name})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.SetOwnPassword(r.Context(), a, hash); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(w, r, a.UserID()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/users", http.StatusSeeOther)
}
