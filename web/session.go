package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/reunite/reunite/store"
)

const sessionCookie = "reunite_session"

// withSession puts the signed-in user, if any, into the request's context.
// A cookie for a session that has ended is removed.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		a, err := s.st.Session(r.Context(), tokenHash(c.Value), s.cfg.IdleTimeout, s.cfg.MaxSession)
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				s.serverError(w, r, err)
				return
			}
			s.clearCookie(w, sessionCookie)
			next.ServeHTTP(w, r)
			return
		}
		ctx := context.WithValue(r.Context(), actorKey, a)
		ctx = context.WithValue(ctx, sessionKey, c.Value)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// startSession signs a user in: a fresh token (never one the browser
// brought, against session fixation), its hash stored, the token in an
// HttpOnly SameSite=Lax cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID string) error {
	tok := newToken()
	if err := s.st.CreateSession(r.Context(), userID, tokenHash(tok)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
		MaxAge: int(s.cfg.MaxSession.Seconds()),
	})
	return nil
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// signedIn wraps a handler that needs a signed-in user; others are sent
// to the sign-in page.
func (s *Server) signedIn(h func(w http.ResponseWriter, r *http.Request, a store.Actor)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := actorFrom(r.Context())
		if !ok {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		h(w, r, a)
	}
}

// staffOnly wraps a handler for the office's staff; clients get 403.
func (s *Server) staffOnly(h func(w http.ResponseWriter, r *http.Request, a store.Actor)) http.HandlerFunc {
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, a store.Actor) {
		if a.Role() == store.RoleClient {
			s.forbidden(w, r)
			return
		}
		h(w, r, a)
	})
}

// adminOnly wraps a handler for administrators.
func (s *Server) adminOnly(h func(w http.ResponseWriter, r *http.Request, a store.Actor)) http.HandlerFunc {
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, a store.Actor) {
		if a.Role() != store.RoleAdmin {
			s.forbidden(w, r)
			return
		}
		h(w, r, a)
	})
}
