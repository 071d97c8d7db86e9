package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// statusWriter remembers the status code for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logRequests writes one line per request: method, path (with one-time
// tokens redacted), status and duration. Never the query string, form
// values or cookies: they can hold names and secrets.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.Info("request", slog.String("method", r.Method), slog.String("path", redactPath(r.URL.Path)),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)))
	})
}

// redactPath hides the secret part of one-time link paths.
func redactPath(p string) string {
	for _, prefix := range []string{"/setup/", "/link/"} {
		if strings.HasPrefix(p, prefix) {
			return prefix + "REDACTED"
		}
	}
	return p
}
