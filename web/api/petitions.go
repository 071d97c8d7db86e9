package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
)

// Petitions after filing: each relative's events, the office's due dates,
// and who is responsible for a family.

func (a *API) petitionRoutes() {
	a.handle("GET /api/v1/families/{id}/petitions", a.petitions)
	a.handle("POST /api/v1/families/{id}/petitions/{member}/events", a.addEvent)
	a.handle("POST /api/v1/events", a.addEvents)
	a.handle("GET /api/v1/due", a.due)
	a.handle("GET /api/v1/families/{id}/assignment", a.assignment)
	a.handle("PUT /api/v1/families/{id}/assignment", a.assign)
}

// maxEvents bounds one request's body: a mailing of a few dozen petitions.
const maxEvents = 256 << 10

// asOf reads the as_of query parameter (default today); false when it has
// answered 400.
func (a *API) asOf(w http.ResponseWriter, r *http.Request) (reunite.Date, bool) {
	s := r.URL.Query().Get("as_of")
	if s == "" {
		return a.today(), true
	}
	d, err := reunite.ParseDate(s)
	if err != nil {
		writeError(w, http.StatusBadRequest, "as_of: "+err.Error())
		return d, false
	}
	return d, true
}

// petitions answers every relative's petition: history, stage, due dates
// and what is next.
func (a *API) petitions(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	asOf, ok := a.asOf(w, r)
	if !ok {
		return
	}
	views, err := PetitionViews(r.Context(), a.st, actor, r.PathValue("id"), asOf)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"petitions": views})
}

// PetitionViews folds the stored events of every relative of a family, in
// the order of the case file, as of a day; the web pages and the command
// line use it too.
func PetitionViews(ctx context.Context, st *store.Store, actor store.Actor, id string, asOf reunite.Date) ([]tracking.View, error) {
	rec, err := st.Family(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return PetitionViewsOf(ctx, st, actor, rec, asOf)
}

// PetitionViewsOf is PetitionViews for a family already read (the
// dashboard has it: reading and decoding it again cost a query and a
// case-file decode per page).
func PetitionViewsOf(ctx context.Context, st *store.Store, actor store.Actor, rec *store.FamilyRecord, asOf reunite.Date) ([]tracking.View, error) {
	stored, err := st.PetitionEvents(ctx, actor, rec.ID)
	if err != nil {
		return nil, err
	}
	views := make([]tracking.View, 0, len(rec.Family.Members))
	for _, m := range rec.Family.Members {
		pes := stored[m.ID]
		evs := make([]tracking.Event, len(pes))
		for i, pe := range pes {
			evs[i] = pe.Event
		}
		v := tracking.NewView(m.ID, m.Location, evs, asOf)
		for i := range v.History {
			v.History[i].By, v.History[i].At = pes[i].CreatedBy, pes[i].CreatedAt
		}
		views = append(views, v)
	}
	return views, nil
}

// decodeStrict reads JSON into v, refusing unknown keys so that a typo is
// never silently dropped from an event.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) error {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxEvents))
	if err != nil {
		return errors.New("the body is too large")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value in the body")
	}
	return nil
}

type recorded struct {
	FamilyID string         `json:"family_id"`
	MemberID string         `json:"member_id"`
	Seq      int            `json:"seq"`
	Event    tracking.Event `json:"event"`
}

func recordedOf(pes []store.PetitionEvent) []recorded {
	out := make([]recorded, len(pes))
	for i, pe := range pes {
		out[i] = recorded{pe.FamilyID, pe.MemberID, pe.Seq, pe.Event}
	}
	return out
}

// eventError answers a refused event with the reason (the stage and the
// event, or the field at fault), which the store's ErrInvalid carries.
func (a *API) eventError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrInvalid) {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if errors.Is(err, store.ErrConflict) {
		writeError(w, http.StatusConflict, err.Error())
		return
	}
	a.storeError(w, r, err)
}

func (a *API) addEvent(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var ev tracking.Event
	if err := decodeStrict(w, r, &ev); err != nil {
		writeError(w, http.StatusBadRequest, "the body must be one event: "+err.Error())
		return
	}
	out, err := a.st.AddPetitionEvents(r.Context(), actor, []store.NewPetitionEvent{{FamilyID: r.PathValue("id"), MemberID: r.PathValue("member"), Event: ev}})
	if err != nil {
		a.eventError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, recordedOf(out)[0])
}

// addEvents records events of several relatives, of one or several
// families, all or none: one mailing's receipts in one request.
func (a *API) addEvents(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body struct {
		Events []struct {
			FamilyID string         `json:"family_id"`
			MemberID string         `json:"member_id"`
			Event    tracking.Event `json:"event"`
		} `json:"events"`
	}
	if err := decodeStrict(w, r, &body); err != nil || len(body.Events) == 0 {
		msg := "the body must be {\"events\": [{\"family_id\", \"member_id\", \"event\"}, ...]}"
		if err != nil {
			msg += ": " + err.Error()
		}
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	in := make([]store.NewPetitionEvent, len(body.Events))
	for i, e := range body.Events {
		in[i] = store.NewPetitionEvent{FamilyID: e.FamilyID, MemberID: e.MemberID, Event: e.Event}
	}
	out, err := a.st.AddPetitionEvents(r.Context(), actor, in)
	if err != nil {
		a.eventError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"events": recordedOf(out)})
}

type dueItem struct {
	Due          reunite.Date `json:"due"`
	Kind         string       `json:"kind"`
	FamilyID     string       `json:"family_id"`
	MemberID     string       `json:"member_id,omitzero"`
	Notice       reunite.Date `json:"notice,omitzero"`
	CheckNotice  bool         `json:"check_notice"`
	Overdue      bool         `json:"overdue"`
	CaseworkerID string       `json:"caseworker_id,omitzero"`
	AttorneyID   string       `json:"attorney_id,omitzero"`
}

// due lists what is due across the families the user may see within days
// of as_of, overdue included, without names (a script can fetch them).
func (a *API) due(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	asOf, ok := a.asOf(w, r)
	if !ok {
		return
	}
	days := 30
	if s := r.URL.Query().Get("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 3660 {
			writeError(w, http.StatusBadRequest, "days: expected a whole number from 0 to 3660")
			return
		}
		days = n
	}
	items, err := a.st.NeedsAction(r.Context(), actor, asOf.AddDays(days), r.URL.Query().Get("assignee"), 0)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := make([]dueItem, 0, len(items))
	for _, it := range items {
		out = append(out, dueItem{it.Due, it.Kind, it.FamilyID, it.MemberID, it.Notice, it.CheckNotice,
			it.Due.Before(asOf), it.CaseworkerID, it.AttorneyID})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

type assignmentDoc struct {
	CaseworkerID string `json:"caseworker_id"`
	AttorneyID   string `json:"attorney_id"`
}

func (a *API) assignment(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	g, err := a.st.AssignmentOf(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, assignmentDoc{g.CaseworkerID, g.AttorneyID})
}

func (a *API) assign(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body assignmentDoc
	if err := decodeStrict(w, r, &body); err != nil {
		writeError(w, http.StatusBadRequest, `the body must be {"caseworker_id": "...", "attorney_id": "..."}: `+err.Error())
		return
	}
	if err := a.st.Assign(r.Context(), actor, r.PathValue("id"), body.CaseworkerID, body.AttorneyID); err != nil {
		a.eventError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}
