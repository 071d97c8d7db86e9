package api

import (
	"net/http"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// Sharing a family with a partner office, and the team's notes: the same
// store methods as the pages (store/shares.go, notes.go), so the same
// rules. A note's text travels in the body only, never in a URL.

func (a *API) partnerRoutes() {
	a.handle("GET /api/v1/families/{id}/shares", a.shares)
	a.handle("POST /api/v1/families/{id}/shares", a.share)
	a.handle("POST /api/v1/shares/{share}/revoke", a.revokeShare)
	a.handle("GET /api/v1/shared", a.sharedWithUs)
	a.handle("GET /api/v1/families/{id}/notes", a.notes)
	a.handle("POST /api/v1/families/{id}/notes", a.addNote)
}

// shareDoc is a share as the API shows it. Members is empty for the whole
// family; Until is the last day of access (UTC).
type shareDoc struct {
	ID             string       `json:"id"`
	FamilyID       string       `json:"family_id"`
	OfficeID       string       `json:"office_id"`
	PartnerID      string       `json:"partner_office_id"`
	PartnerName    string       `json:"partner_office"`
	Members        []string     `json:"members"`
	Access         store.Access `json:"access"`
	Until          reunite.Date `json:"until"`
	Active         bool         `json:"active"`
	CreatedAt      time.Time    `json:"created_at"`
	CreatedBy      string       `json:"created_by"`
	RevokedAt      *time.Time   `json:"revoked_at,omitempty"`
	PrincipalLabel string       `json:"principal,omitempty"`
}

func (a *API) shareDocOf(sh store.Share) shareDoc {
	d := shareDoc{ID: sh.ID, FamilyID: sh.FamilyID, OfficeID: sh.OrgID, PartnerID: sh.PartnerOrgID, PartnerName: sh.PartnerName,
		Members: sh.Members, Access: sh.Access, Until: reunite.DateOf(sh.ExpiresAt.Add(-time.Second)),
		Active: sh.ActiveAt(a.now()), CreatedAt: sh.CreatedAt, CreatedBy: sh.CreatedBy}
	if d.Members == nil {
		d.Members = []string{}
	}
	if !sh.RevokedAt.IsZero() {
		t := sh.RevokedAt
		d.RevokedAt = &t
	}
	return d
}

func (a *API) shares(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	list, err := a.st.Shares(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := make([]shareDoc, 0, len(list))
	for _, sh := range list {
		out = append(out, a.shareDocOf(sh))
	}
	writeJSON(w, http.StatusOK, map[string]any{"shares": out})
}

type newShareDoc struct {
	PartnerID string       `json:"partner_office_id"`
	Members   []string     `json:"members"`
	Access    store.Access `json:"access"`
	Until     reunite.Date `json:"until"`
}

func (a *API) share(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body newShareDoc
	if err := decodeStrict(w, r, &body); err != nil {
		writeError(w, http.StatusBadRequest, `the body must be {"partner_office_id": "...", "members": [...], "access": "read", "until": "YYYY-MM-DD"}: `+err.Error())
		return
	}
	if body.Until.IsZero() {
		writeError(w, http.StatusUnprocessableEntity, "until: the last day of access is needed")
		return
	}
	// Access lasts through the last day, as on the sharing page.
	sh, err := a.st.ShareFamily(r.Context(), actor, store.NewShare{FamilyID: r.PathValue("id"), PartnerOrgID: body.PartnerID,
		Members: body.Members, Access: body.Access, ExpiresAt: body.Until.Time().AddDate(0, 0, 1)})
	if err != nil {
		a.eventError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a.shareDocOf(*sh))
}

func (a *API) revokeShare(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	if err := a.st.RevokeShare(r.Context(), actor, r.PathValue("share")); err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": r.PathValue("share"), "revoked": true})
}

func (a *API) sharedWithUs(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	list, err := a.st.SharedWithUs(r.Context(), actor)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := make([]shareDoc, 0, len(list))
	for _, f := range list {
		d := a.shareDocOf(f.Share)
		d.PrincipalLabel = f.Label
		out = append(out, d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"office_id": actor.OrgID(), "shared": out})
}

// noteDoc is a note. Member is "" for the family's own thread.
type noteDoc struct {
	ID         string    `json:"id"`
	Member     string    `json:"member_id"`
	AuthorID   string    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	AuthorOrg  string    `json:"author_office_id"`
	Text       string    `json:"text"`
	Mentions   []string  `json:"mentions"`
	CreatedAt  time.Time `json:"created_at"`
}

func noteDocOf(n store.Note) noteDoc {
	d := noteDoc{n.ID, n.MemberID, n.AuthorID, n.AuthorName, n.AuthorOrg, n.Body, n.Mentions, n.CreatedAt}
	if d.Mentions == nil {
		d.Mentions = []string{}
	}
	return d
}

func (a *API) notes(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	list, err := a.st.Notes(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := make([]noteDoc, 0, len(list))
	for _, n := range list {
		out = append(out, noteDocOf(n))
	}
	writeJSON(w, http.StatusOK, map[string]any{"notes": out})
}

func (a *API) addNote(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body struct {
		Member string `json:"member_id"`
		Text   string `json:"text"`
	}
	if err := decodeStrict(w, r, &body); err != nil {
		writeError(w, http.StatusBadRequest, `the body must be {"member_id": "...", "text": "..."}: `+err.Error())
		return
	}
	n, err := a.st.AddNote(r.Context(), actor, r.PathValue("id"), body.Member, body.Text)
	if err != nil {
		a.eventError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, noteDocOf(*n))
}
