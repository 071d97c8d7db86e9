package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// statusPage is the page shown for an error status.
type statusPage struct {
	base
	Status  int
	Message string // catalog key
}

func (s *Server) status(w http.ResponseWriter, r *http.Request, code int, msg string) {
	p := statusPage{base: s.base(r, msg), Status: code, Message: msg}
	s.render(w, r, code, "status", p)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.status(w, r, http.StatusNotFound, "error.not_found")
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.auditRefused(r)
	s.status(w, r, http.StatusForbidden, "error.forbidden")
}

// auditRefused records in the audit log that a signed-in user was refused:
// a page beyond their role, or a family the store would not show them
// (another office's, another client's). The entry holds the route and the
// family id asked for, never form values.
func (s *Server) auditRefused(r *http.Request) {
	a, ok := actorFrom(r.Context())
	if !ok {
		return
	}
	what := r.Method + " " + redactPath(r.URL.Path)
	if len(what) > 200 {
		what = what[:200]
	}
	if err := s.st.AuditRefused(r.Context(), a, r.PathValue("id"), what); err != nil {
		s.log.Error("audit of a refusal failed", slog.Any("error", err))
	}
}

// serverError logs a failure (the only place handlers' errors are logged)
// and answers 500 with no detail.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", slog.String("method", r.Method), slog.String("path", redactPath(r.URL.Path)),
		slog.Any("error", err))
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write([]byte("Internal error / خطأ داخلي\n"))
}

// storeError maps an error of the store to an answer. Families of other
// offices and other clients are "not found", as the store says. A case
// file the store refused is the request's fault, not the server's, and is
// not logged: its problems quote the values at fault (an A-Number, an SSN).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	var ve *reunite.ValidationError
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.auditRefused(r)
		s.notFound(w, r)
	case errors.Is(err, store.ErrForbidden):
		s.forbidden(w, r)
	case errors.Is(err, store.ErrConflict):
		s.status(w, r, http.StatusConflict, "error.conflict")
	case errors.As(err, &ve):
		s.status(w, r, http.StatusUnprocessableEntity, "error.bad_request")
	default:
		s.serverError(w, r, err)
	}
}
