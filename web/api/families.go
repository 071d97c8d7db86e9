package api

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/store"
)

// MaxBody bounds every request body of the API (the web application
// applies it before the API sees the request); the largest is a case
// file, and a large family is a few KB.
const MaxBody = 1 << 20

type me struct {
	User   string     `json:"user"`
	Org    string     `json:"org"`
	Role   store.Role `json:"role"`
	Family string     `json:"family,omitempty"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	writeJSON(w, http.StatusOK, me{User: actor.UserID(), Org: actor.OrgID(), Role: actor.Role(), Family: actor.FamilyID()})
}

// familySummary is a family in a list.
type familySummary struct {
	ID         string        `json:"id"`
	Label      string        `json:"label"`
	Version    int           `json:"version"`
	FileBy     *reunite.Date `json:"file_by"`
	Eligible   int           `json:"eligible"`
	Review     int           `json:"review"`
	Ineligible int           `json:"ineligible"`
}

// families lists the families the token's user may see.
func (a *API) families(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	a.listFamilies(w, r, actor, "")
}

// searchFamilies finds families by name or A-number through the store's
// blind index. The words come in the body, never in the URL, which proxies
// log.
func (a *API) searchFamilies(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body struct {
		Q string `json:"q"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&body); err != nil || strings.TrimSpace(body.Q) == "" {
		writeError(w, http.StatusBadRequest, `the body must be {"q": "words to search"}`)
		return
	}
	a.listFamilies(w, r, actor, strings.TrimSpace(body.Q))
}

func (a *API) listFamilies(w http.ResponseWriter, r *http.Request, actor store.Actor, q string) {
	rows, err := a.st.OfficeFamilies(r.Context(), actor)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	// A search opens the names of the families it found, not of all.
	var ids []string
	if q != "" {
		keep, err := a.st.OfficeSearch(r.Context(), actor, q)
		if err != nil {
			a.storeError(w, r, err)
			return
		}
		rows = slices.DeleteFunc(rows, func(f store.OfficeFamily) bool { return !keep[f.ID] })
		ids = make([]string, 0, len(rows))
		for _, f := range rows {
			ids = append(ids, f.ID)
		}
	}
	labels, err := a.st.FamilyLabels(r.Context(), actor, ids)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := []familySummary{}
	for _, f := range rows {
		s := familySummary{ID: f.ID, Label: labels[f.ID], Version: f.Version, Eligible: f.Eligible, Review: f.Review, Ineligible: f.Ineligible}
		if !f.FileBy.IsZero() {
			d := f.FileBy
			s.FileBy = &d
		}
		out = append(out, s)
	}
	writeJSON(w, http.StatusOK, map[string]any{"families": out})
}

// familyDoc is one version of a family: its id, version and case file.
type familyDoc struct {
	ID      string          `json:"id"`
	Version int             `json:"version"`
	Case    *reunite.Family `json:"case"`
}

func (a *API) family(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	rec, err := a.st.Family(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, familyDoc{ID: rec.ID, Version: rec.Version, Case: rec.Family})
}

// readCaseFile reads a case file (reunite.case/v1) from the body with the
// contract's strict reader, so an API client gets the same field errors as
// `reunite check`.
func (a *API) readCaseFile(w http.ResponseWriter, r *http.Request) (*reunite.Family, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, "the case file is too large")
		return nil, false
	}
	f, err := casefile.Decode(data)
	if err != nil {
		a.storeError(w, r, err)
		return nil, false
	}
	return f, true
}

func (a *API) createFamily(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	f, ok := a.readCaseFile(w, r)
	if !ok {
		return
	}
	rec, err := a.st.CreateFamily(r.Context(), actor, f)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/families/"+rec.ID)
	writeJSON(w, http.StatusCreated, familyDoc{ID: rec.ID, Version: rec.Version, Case: rec.Family})
}

// updateFamily saves a new version. If-Match names the version the change
// was made from; a newer version saved meanwhile answers 409.
func (a *API) updateFamily(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	base, err := strconv.Atoi(strings.Trim(r.Header.Get("If-Match"), `" `))
	if err != nil || base < 1 {
		writeError(w, http.StatusPreconditionRequired, "If-Match must name the version the change was made from")
		return
	}
	f, ok := a.readCaseFile(w, r)
	if !ok {
		return
	}
	var rec *store.FamilyRecord
	if actor.Role() == store.RoleClient {
		rec, err = a.st.UpdateOwnFamily(r.Context(), actor, r.PathValue("id"), base, f)
	} else {
		rec, err = a.st.UpdateFamily(r.Context(), actor, r.PathValue("id"), base, f)
	}
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, familyDoc{ID: rec.ID, Version: rec.Version, Case: rec.Family})
}

// assessment assesses the latest version as of a day (default today), with
// messages in a language of law/messages (default English).
func (a *API) assessment(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	asOf := a.today()
	if s := r.URL.Query().Get("as_of"); s != "" {
		d, err := reunite.ParseDate(s)
		if err != nil {
			writeError(w, http.StatusBadRequest, "as_of: "+err.Error())
			return
		}
		asOf = d
	}
	rec, err := a.st.Family(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, law.AssessIn(rec.Family, asOf, a.catalog(r.URL.Query().Get("lang"))))
}
