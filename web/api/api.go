// Package api is Reunite's JSON API (version 1) for office scripts and
// integrations: the same operations as the web pages, on the same store
// methods and so under the same access rules, authenticated by API tokens
// (Authorization: Bearer ...) that users create on the web application's
// tokens page. Cookies are not accepted here, so a browser session cannot
// be used across sites against the API. The routes are documented in
// web/openapi.yaml, which a test checks against Routes.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// API serves /api/v1.
type API struct {
	st      *store.Store
	now     func() time.Time
	log     *slog.Logger
	catalog func(lang string) map[string]string
	routes  []string
	mux     *http.ServeMux
}

// New builds the API. catalog returns the law engine's messages for a
// language (nil for English).
func New(st *store.Store, now func() time.Time, log *slog.Logger, catalog func(string) map[string]string) *API {
	a := &API{st: st, now: now, log: log, catalog: catalog, mux: http.NewServeMux()}
	a.handle("GET /api/v1/me", a.me)
	a.handle("GET /api/v1/families", a.families)
	a.handle("POST /api/v1/families", a.createFamily)
	a.handle("POST /api/v1/families/search", a.searchFamilies)
	a.handle("GET /api/v1/families/{id}", a.family)
	a.handle("PUT /api/v1/families/{id}", a.updateFamily)
	a.handle("GET /api/v1/families/{id}/assessment", a.assessment)
	a.petitionRoutes() // petitions.go
	a.partnerRoutes()  // shares.go
	a.documentRoutes() // documents.go
	return a
}

// Routes lists the API's method and path patterns.
func (a *API) Routes() []string { return a.routes }

// ServeHTTP authenticates the token and dispatches.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || tok == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="reunite"`)
		writeError(w, http.StatusUnauthorized, "an API token is needed: Authorization: Bearer TOKEN")
		return
	}
	actor, err := a.st.APITokenActor(r.Context(), TokenHash(tok))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			writeError(w, http.StatusUnauthorized, "the API token is not valid")
			return
		}
		a.serverError(w, r, err)
		return
	}
	a.mux.ServeHTTP(w, r.WithContext(withActor(r.Context(), actor)))
}

type handler func(w http.ResponseWriter, r *http.Request, actor store.Actor)

func (a *API) handle(pattern string, h handler) {
	a.routes = append(a.routes, pattern)
	a.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		h(w, r, actorOf(r.Context()))
	})
}

// today is the server's calendar day, in UTC like the store.
func (a *API) today() reunite.Date { return reunite.DateOf(a.now().UTC()) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// apiError is every error answer: a message, and for a refused case file
// the fields at fault.
type apiError struct {
	Error  string               `json:"error"`
	Fields []reunite.FieldError `json:"fields,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// storeError maps the store's errors to statuses, as the pages do.
func (a *API) storeError(w http.ResponseWriter, r *http.Request, err error) {
	var ve *reunite.ValidationError
	switch {
	case errors.As(err, &ve):
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "not a valid case file", Fields: ve.Fields})
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case errors.Is(err, store.ErrForbidden):
		writeError(w, http.StatusForbidden, "not allowed for this user")
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, "conflict: the family was saved since the version this change was made from")
	case errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusUnprocessableEntity, "invalid")
	default:
		a.serverError(w, r, err)
	}
}

func (a *API) serverError(w http.ResponseWriter, r *http.Request, err error) {
	a.log.Error("api request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", err))
	writeError(w, http.StatusInternalServerError, "internal error")
}
