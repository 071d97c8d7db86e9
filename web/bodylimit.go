package web

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"github.com/reunite/reunite/web/api"
)

// maxBody bounds every request body of the pages: the largest form (an
// intake step) is a dozen short fields. The JSON API takes case files, and
// has its own bound (api.MaxBody). Go's defaults (10 MB of form, 32 MB of
// multipart) were read before the sign-in limits, so that a few concurrent
// large posts made the server hold hundreds of megabytes.
const maxBody = 64 << 10

// maxForm is what handlers that cap their own form apply: the same bound,
// already enforced by limitBodies.
const maxForm = maxBody

// limitBodies caps the body of every request before any handler reads it,
// and parses forms here, so that a form too large is refused (413) rather
// than read as an empty one. Multipart bodies are refused outright except
// on the one page that takes a file (a case file uploaded to update a
// family), which has the case file's own bound.
func (s *Server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		if strings.HasPrefix(r.URL.Path, "/api/") {
			limit = api.MaxBody
		}
		upload := r.Method == http.MethodPost && isCaseFileUpload(r.URL.Path)
		if upload {
			limit = maxCaseFile + 64<<10
		}
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		// Evidence (documents_upload.go): a document's pages, and
		// translations, as multipart with their own bound, read part by
		// part; the API's upload is the file itself.
		if r.Method == http.MethodPost && isDocumentUpload(r.URL.Path) {
			upload = true
			if mt == "multipart/form-data" {
				limit = maxDocRequest
			}
		}
		if api.IsDocumentUpload(r.Method, r.URL.Path) {
			limit = maxDocRequest
		}
		if r.ContentLength > limit {
			s.tooLarge(w, r)
			return
		}
		if strings.HasPrefix(mt, "multipart/") && !upload {
			s.status(w, r, http.StatusUnsupportedMediaType, "error.bad_request")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if mt == "application/x-www-form-urlencoded" && r.Method != http.MethodGet {
			if err := r.ParseForm(); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					s.tooLarge(w, r)
					return
				}
				s.status(w, r, http.StatusBadRequest, "error.bad_request")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// tooLarge answers 413 and closes the connection, so that the rest of a
// large body is not read.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "close")
	s.status(w, r, http.StatusRequestEntityTooLarge, "error.bad_request")
}

// isCaseFileUpload reports whether path is /families/{id}/case.json, the
// page that takes an uploaded case file.
func isCaseFileUpload(path string) bool {
	rest, ok := strings.CutPrefix(path, "/families/")
	if !ok {
		return false
	}
	id, file, ok := strings.Cut(rest, "/")
	return ok && id != "" && file == "case.json"
}
