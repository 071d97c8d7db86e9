package web

import (
	"net/http"
)

// codePage asks for the second factor's code after a right password.
type codePage struct {
	base
	Pending string
	Problem string
}

// loginCode checks the code of a pending sign-in. A wrong code counts as a
// failed sign-in of the login, so the lockout covers codes too.
func (s *Server) loginCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	tok := r.PostFormValue("pending")
	pl, ok := s.pending.get(tok, s.now())
	if !ok {
		s.render(w, r, http.StatusUnauthorized, "login", loginPage{base: s.base(r, "login.title"), Problem: "login.code_expired"})
		return
	}
	lh := s.st.LoginHash(pl.login)
	page := codePage{base: s.base(r, "login.title"), Pending: tok}
	if until, err := s.st.LockedUntil(ctx, lh); err != nil || !until.IsZero() {
		s.pending.drop(tok)
		s.render(w, r, http.StatusTooManyRequests, "login", loginPage{base: s.base(r, "login.title"), Login: pl.login, Problem: "login.locked"})
		return
	}
	secret, last, has, err := s.st.TOTP(ctx, pl.userID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	step, good := checkTOTP(secret, r.PostFormValue("code"), s.now(), last)
	if has && good {
		if err := s.st.UseTOTPStep(ctx, pl.userID, step); err == nil {
			s.pending.drop(tok)
			s.signIn(w, r, pl.userID, lh)
			return
		}
	}
	if !has { // the second factor was turned off meanwhile: start again
		s.pending.drop(tok)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	if err := s.st.LoginFailed(ctx, lh, s.cfg.LockAfter, s.cfg.LockFor); err != nil {
		s.serverError(w, r, err)
		return
	}
	page.Problem = "login.code_wrong"
	s.render(w, r, http.StatusUnauthorized, "login_code", page)
}
