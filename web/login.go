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

// login checks a password. The order matters: the per-address limit first
// (cheap), then the login's lockout (before any password is tried, so a
// locked login cannot be probed), then the argon2id check.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	login := strings.TrimSpace(r.PostFormValue("login"))
	password := r.PostFormValue("password")
	page := loginPage{base: s.base(r, "login.title"), Login: login}
	if !s.limiter.allow(s.clientIP(r)) {
		page.Problem = "login.slow_down"
		s.render(w, r, http.StatusTooManyRequests, "login", page)
		return
	}
	lh := s.st.LoginHash(login)
	until, err := s.st.LockedUntil(ctx, lh)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !until.IsZero() {
		page.Problem = "login.locked"
		s.render(w, r, http.StatusTooManyRequests, "login", page)
		return
	}
	userID, hash, err := s.st.PasswordHash(ctx, login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	ok := false
	if err == nil && len(password) <= maxPassword*4 {
		ok, err = verifyPassword(hash, password)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	} else {
		verifyPassword(dummyHash, password)
	}
	if !ok {
		if err := s.st.LoginFailed(ctx, lh, s.cfg.LockAfter, s.cfg.LockFor); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.log.Info("sign-in failed", slog.String("ip", s.clientIP(r)))
		page.Problem = "login.wrong"
		if u, _ := s.st.LockedUntil(ctx, lh); !u.IsZero() {
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
	s.signIn(w, r, userID, lh)
}

// signIn ends a successful sign-in: the failures are forgotten and a
// session starts.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, userID string, lh []byte) {
	if err := s.st.LoginSucceeded(r.Context(), lh); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(w, r, userID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
