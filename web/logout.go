package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// logout ends this session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if tok, ok := r.Context().Value(sessionKey).(string); ok {
		if err := s.st.DeleteSession(r.Context(), tokenHash(tok)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// logoutAll ends every session of the user, on every device.
func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.DeleteSessions(r.Context(), a); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
