package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// The account page turns the TOTP second factor on and off. Turning it on
// shows a new secret (as a QR code and as text for typing in) and asks for
// a code from the app, so that no one is locked out by a secret their app
// never received.

type accountPage struct {
	base
	Enabled bool
	Setup   bool
	Secret  string
	QR      string // an SVG path, built from the secret's otpauth URL
	QRSize  int
	Problem string
	Done    string
}

func (s *Server) account(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderAccount(w, r, a, accountPage{}, http.StatusOK)
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, a store.Actor, p accountPage, status int) {
	_, _, has, err := s.st.TOTP(r.Context(), a.UserID())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.base, p.Enabled = s.base(r, "account.title"), has
	s.render(w, r, status, "account", p)
}

func (s *Server) totpStart(w http.ResponseWriter, r *http.Request, a store.Actor) {
	key, err := newTOTPKey("Reunite", a.UserID())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderSetup(w, r, a, key.Secret(), key.URL(), "", http.StatusOK)
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, a store.Actor, secret, url, problem string, status int) {
	d, size, err := qrPath(url)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// d holds only "M", "h", "v", "z", digits and spaces, built above.
	s.renderAccount(w, r, a, accountPage{Setup: true, Secret: secret, QR: d, QRSize: size, Problem: problem}, status)
}

func (s *Server) totpEnable(w http.ResponseWriter, r *http.Request, a store.Actor) {
	secret := r.PostFormValue("secret")
	step, ok := checkTOTP(secret, r.PostFormValue("code"), s.now(), 0)
	if !ok || len(secret) < 16 || len(secret) > 64 {
		key, err := newTOTPKeyFromSecret(secret, a.UserID())
		if err != nil {
			s.status(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		s.renderSetup(w, r, a, secret, key, "login.code_wrong", http.StatusUnprocessableEntity)
		return
	}
	// Replacing a second factor needs a code of the one in place, as
	// turning it off does: a session alone must not move it to an app
	// someone else holds.
	cur, last, has, err := s.st.TOTP(r.Context(), a.UserID())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if has {
		curStep, ok := checkTOTP(cur, r.PostFormValue("current"), s.now(), last)
		if !ok || s.st.UseTOTPStep(r.Context(), a.UserID(), curStep) != nil {
			key, err := newTOTPKeyFromSecret(secret, a.UserID())
			if err != nil {
				s.status(w, r, http.StatusBadRequest, "error.bad_request")
				return
			}
			s.renderSetup(w, r, a, secret, key, "account.current_code_wrong", http.StatusUnprocessableEntity)
			return
		}
	}
	if err := s.st.SetTOTP(r.Context(), a, secret, step); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderAccount(w, r, a, accountPage{Done: "account.totp_on"}, http.StatusOK)
}

func (s *Server) totpDisable(w http.ResponseWriter, r *http.Request, a store.Actor) {
	secret, last, has, err := s.st.TOTP(r.Context(), a.UserID())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !has {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	if _, ok := checkTOTP(secret, r.PostFormValue("code"), s.now(), last); !ok {
		s.renderAccount(w, r, a, accountPage{Problem: "login.code_wrong"}, http.StatusUnprocessableEntity)
		return
	}
	if err := s.st.DisableTOTP(r.Context(), a); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderAccount(w, r, a, accountPage{Done: "account.totp_off"}, http.StatusOK)
}
