package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/reunite/reunite/store"
)

// loginPage is the sign-in form; Problem is a catalog key.
type loginPage struct {
	base
	Login   string
	Problem string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := actorFrom(r.Context()); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", loginPage{base: s.base(r, "login.title")})
}

// dummyHash is verified when a login is unknown, so that an unknown login
// takes as long to refuse as a wrong password and reveals nothing.
var dummyHash, _ = DefaultArgon2.hash("not a password")

// login checks a password. The order matters: the per-address rate limit
// first (cheap), then the attempt is charged to the login's counters, in
// the database and before any password is tried, so that guesses sent at
// once cannot all slip through before the lock; then the argon2id check.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	login := strings.TrimSpace(r.PostFormValue("login"))
	password := r.PostFormValue("password")
	page := loginPage{base: s.base(r, "login.title"), Login: login}
	ip := s.clientIP(r)
	if !s.limiter.allow(ip) {
		page.Problem = "login.slow_down"
		s.render(w, r, http.StatusTooManyRequests, "login", page)
		return
	}
	if len(login) > maxLogin {
		page.Login, page.Problem = "", "login.wrong"
		s.render(w, r, http.StatusUnauthorized, "login", page)
		return
	}
	userID, hash, err := s.st.PasswordHash(ctx, login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	charge, err := s.st.ChargeSignIn(ctx, login, ip, s.limits())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !charge.Allowed {
		s.auditSignIn(r, userID, store.ActionSignInRefused, "locked")
		page.Problem = "login.locked"
		s.render(w, r, http.StatusTooManyRequests, "login", page)
		return
	}
	ok := false
	if userID != "" && len(password) <= maxPassword*4 {
		ok, err = verifyPassword(hash, password)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	} else {
		verifyPassword(dummyHash, password)
	}
	if !ok {
		s.auditSignIn(r, userID, store.ActionSignInRefused, "password")
		s.log.Info("sign-in failed", slog.String("ip", ip))
		page.Problem = "login.wrong"
		if charge.Last {
			page.Problem = "login.locked"
		}
		s.render(w, r, http.StatusUnauthorized, "login", page)
		return
	}
	// With a second factor, the password alone signs no one in: the code
	// page carries a short-lived token that stands for "password was right".
	_, _, has, err := s.st.TOTP(ctx, userID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if has {
		tok := s.pending.add(userID, login, s.now())
		s.render(w, r, http.StatusOK, "login_code", codePage{base: s.base(r, "login.title"), Pending: tok})
		return
	}
	s.signIn(w, r, userID, login)
}

// limits are the sign-in lockout's limits of the configuration.
func (s *Server) limits() store.SignInLimits {
	return store.SignInLimits{PerAddress: s.cfg.LockAfter, Global: s.cfg.LockGlobal, LockFor: s.cfg.LockFor}
}

// auditSignIn records a sign-in or a refusal in the audit log. A failure to
// write it is logged, not shown: the answer the user gets does not change.
func (s *Server) auditSignIn(r *http.Request, userID, action, why string) {
	if err := s.st.AuditSignIn(r.Context(), userID, action, why); err != nil {
		s.log.Error("audit of a sign-in failed", slog.Any("error", err))
	}
}

// signIn ends a successful sign-in: the failures are forgotten and a
// session starts.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, userID, login string) {
	if err := s.st.SignInSucceeded(r.Context(), login, s.clientIP(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(w, r, userID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.auditSignIn(r, userID, store.ActionSignIn, "")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
