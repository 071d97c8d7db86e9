package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// codePage asks for the second factor's code after a right password.
type codePage struct {
	base
	Pending string
	Problem string
}

// loginCode checks the code of a pending sign-in. A code is charged to the
// login's counters before it is checked, like a password, and the page has
// the same per-address rate limit as the password's.
func (s *Server) loginCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ip := s.clientIP(r)
	if !s.limiter.allow(ip) {
		s.render(w, r, http.StatusTooManyRequests, "login", loginPage{base: s.base(r, "login.title"), Problem: "login.slow_down"})
		return
	}
	tok := r.PostFormValue("pending")
	pl, ok := s.pending.get(tok, s.now())
	if !ok {
		s.render(w, r, http.StatusUnauthorized, "login", loginPage{base: s.base(r, "login.title"), Problem: "login.code_expired"})
		return
	}
	page := codePage{base: s.base(r, "login.title"), Pending: tok}
	charge, err := s.st.ChargeSignIn(ctx, pl.login, ip, s.limits())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !charge.Allowed {
		s.auditSignIn(r, pl.userID, store.ActionSignInRefused, "locked")
		s.render(w, r, http.StatusTooManyRequests, "login", loginPage{base: s.base(r, "login.title"), Login: pl.login, Problem: "login.locked"})
		return
	}
	secret, last, has, err := s.st.TOTP(ctx, pl.userID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !has { // the second factor was turned off meanwhile: start again
		s.pending.drop(tok)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	step, good := checkTOTP(secret, r.PostFormValue("code"), s.now(), last)
	if good {
		if err := s.st.UseTOTPStep(ctx, pl.userID, step); err == nil {
			s.pending.drop(tok)
			s.signIn(w, r, pl.userID, pl.login)
			return
		}
	}
	s.auditSignIn(r, pl.userID, store.ActionSignInRefused, "code")
	if charge.Last {
		s.render(w, r, http.StatusUnauthorized, "login", loginPage{base: s.base(r, "login.title"), Login: pl.login, Problem: "login.locked"})
		return
	}
	page.Problem = "login.code_wrong"
	s.render(w, r, http.StatusUnauthorized, "login_code", page)
}
