package web

import (
	"net/http"
	"strings"

	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// The tokens page lets staff make API tokens for their scripts. A token
// acts as the user who made it, with the same access; its secret is shown
// once and only its hash is kept.

type tokensPage struct {
	base
	Tokens  []store.APIToken
	Secret  string // a token just made
	Problem string
}

func (s *Server) tokenList(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderTokens(w, r, a, tokensPage{}, http.StatusOK)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, a store.Actor, p tokensPage, status int) {
	toks, err := s.st.APITokens(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p.base, p.Tokens = s.base(r, "tokens.title"), toks
	s.render(w, r, status, "tokens", p)
}

func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, a store.Actor) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len([]rune(name)) > maxText {
		s.renderTokens(w, r, a, tokensPage{Problem: "form.required"}, http.StatusUnprocessableEntity)
		return
	}
	secret := api.NewToken()
	if _, err := s.st.CreateAPIToken(r.Context(), a, name, api.TokenHash(secret)); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderTokens(w, r, a, tokensPage{Secret: secret}, http.StatusOK)
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.RevokeAPIToken(r.Context(), a, r.PathValue("token")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/tokens", http.StatusSeeOther)
}
