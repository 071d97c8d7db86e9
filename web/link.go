package web

import (
	"errors"
	"net/http"

	"github.com/reunite/reunite/store"
)

// A one-time link (an invitation or a password reset) opens a form to
// choose a password. Using it signs the user in and ends their other
// sessions.

type linkPage struct {
	base
	Token, Login, Purpose string
	Problem               string
}

func (s *Server) linkForm(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	login, purpose, err := s.st.Link(r.Context(), tokenHash(tok))
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "link", linkPage{base: s.base(r, "link.title"), Token: tok, Login: login, Purpose: purpose})
}

func (s *Server) redeemLink(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	login, purpose, err := s.st.Link(r.Context(), tokenHash(tok))
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	password := r.PostFormValue("password")
	if k := passwordProblem(password); k != "" {
		s.render(w, r, http.StatusUnprocessableEntity, "link",
			linkPage{base: s.base(r, "link.title"), Token: tok, Login: login, Purpose: purpose, Problem: k})
		return
	}
	hash, err := s.cfg.Argon2.hash(password)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	a, err := s.st.RedeemLink(r.Context(), tokenHash(tok), hash)
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	if err := s.startSession(w, r, a.UserID()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) linkError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		s.status(w, r, http.StatusNotFound, "link.dead")
		return
	}
	s.serverError(w, r, err)
}
