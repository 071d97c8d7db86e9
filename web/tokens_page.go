package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// The tokens page lets staff make API tokens for their scripts. A token
// acts as the user who made it, with the same access; its secret is shown
// once and only its hash is kept.

type tokensPage struct {
	base
	Tokens          []store.APIToken
	Secret          string // a token just made
	Problem         string // of the name
	PasswordProblem string
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

// tokenTTL is how long an API token works; the page says until when.
const tokenTTL = 90 * 24 * time.Hour

// tokenCreate makes a token after checking the user's password again: a
// session left open (or stolen) must not be enough to mint a credential
// that outlives it. The check is charged to the sign-in counters like a
// sign-in, so it cannot be used to guess the password either.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, a store.Actor) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len([]rune(name)) > maxText {
		s.renderTokens(w, r, a, tokensPage{Problem: "form.required"}, http.StatusUnprocessableEntity)
		return
	}
	login, hash, err := s.st.OwnPasswordHash(r.Context(), a)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	charge, err := s.st.ChargeSignIn(r.Context(), login, s.clientIP(r), s.limits())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !charge.Allowed {
		s.renderTokens(w, r, a, tokensPage{PasswordProblem: "login.locked"}, http.StatusTooManyRequests)
		return
	}
	password := r.PostFormValue("password")
	ok := false
	if len(password) <= maxPassword*4 {
		if ok, err = verifyPassword(hash, password); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !ok {
		s.auditSignIn(r, a.UserID(), store.ActionSignInRefused, "password again")
		s.renderTokens(w, r, a, tokensPage{PasswordProblem: "tokens.password_wrong"}, http.StatusUnauthorized)
		return
	}
	if err := s.st.SignInSucceeded(r.Context(), login, s.clientIP(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	secret := api.NewToken()
	if _, err := s.st.CreateAPIToken(r.Context(), a, name, api.TokenHash(secret), tokenTTL); err != nil {
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
