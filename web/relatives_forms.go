package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
)

// The forms of the dashboard's "relatives abroad" section. A refused form
// shows the dashboard again with the reason, naming the field; nothing is
// stored.

// relativeEntry adds an entry to a relative's timeline.
func (s *Server) relativeEntry(w http.ResponseWriter, r *http.Request, a store.Actor) {
	f, ok := s.relForm(w, r)
	if !ok {
		return
	}
	e := risk.Entry{Kind: risk.EntryKind(f.Get("kind")), Country: f.Get("country"), Place: f.Get("place"),
		Camp: f.Get("camp") != "", Status: risk.StatusKind(f.Get("status")), Custodian: f.Get("custodian"), Note: f.Get("note")}
	if e.Kind != risk.Status {
		e.Status = ""
	}
	problem := parseApprox(f.Get("when"), "when", &e.When)
	if problem == "" && e.Kind == risk.Status {
		problem = parseDay(f.Get("expires"), "expires", &e.Expires)
	}
	s.relSave(w, r, a, problem, func() error {
		_, err := s.st.AddTimelineEntry(r.Context(), a, r.PathValue("id"), f.Get("member"), e)
		return err
	})
}

// relativeIncident records an incident with its sources: the family's
// documents ticked, a report, and a document uploaded with it (for the
// relative; how a partner office with a write share brings its evidence,
// since it does not see the family's other documents).
func (s *Server) relativeIncident(w http.ResponseWriter, r *http.Request, a store.Actor) {
	release, ok := takeUploadSlot(r.Context())
	if !ok {
		s.status(w, r, http.StatusServiceUnavailable, "error.bad_request")
		return
	}
	defer release()
	form, err := readUpload(r.Context(), r, docfile.DefaultLimits)
	var de *docfile.Error
	if errors.As(err, &de) {
		s.relDone(w, r, a, docErrorText(s.lang(r), de))
		return
	}
	if err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	r.PostForm = form.Fields
	f := formValues(form.Fields)
	in := risk.Incident{Kind: risk.IncidentKind(f.Get("kind")), Description: f.Get("description")}
	problem := parseApprox(f.Get("when"), "when", &in.When)
	if n, err := strconv.Atoi(f.Get("severity")); err == nil {
		in.Severity = risk.Severity(n)
	}
	for _, d := range r.PostForm["document"] {
		in.Sources = append(in.Sources, risk.Source{DocumentID: d})
	}
	if title := f.Get("report_title"); title != "" || f.Get("report_link") != "" {
		src := risk.Source{Title: title, Publisher: f.Get("report_publisher"), Link: f.Get("report_link")}
		if problem == "" {
			problem = parseDay(f.Get("report_date"), "report_date", &src.Date)
		}
		in.Sources = append(in.Sources, src)
	}
	if problem == "" && len(form.Files) > 0 && len(in.Validate()) == 0 {
		// The file first, once the incident is known to be valid: the
		// incident cites it.
		doc, err := docfile.Join(form.Files)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d, err := s.st.AddEvidence(r.Context(), a, store.NewDocument{FamilyID: r.PathValue("id"), Name: doc.Name,
			ContentType: string(doc.Type), Content: doc.Content, Thumb: doc.Thumb, Pages: doc.Pages,
			Members: []string{f.Get("member")}, Title: f.Get("document_title")})
		if problem = s.eventProblem(w, r, err); problem == "" && err != nil {
			return // answered by eventProblem
		}
		if d != nil {
			in.Sources = append(in.Sources, risk.Source{DocumentID: d.ID})
		}
	}
	s.relSave(w, r, a, problem, func() error {
		_, err := s.st.AddIncident(r.Context(), a, r.PathValue("id"), f.Get("member"), in)
		return err
	})
}

// relativeRisk sets a relative's risk level; raising it notifies the team.
func (s *Server) relativeRisk(w http.ResponseWriter, r *http.Request, a store.Actor) {
	f, ok := s.relForm(w, r)
	if !ok {
		return
	}
	s.relSave(w, r, a, "", func() error {
		_, err := s.st.SetRiskLevel(r.Context(), a, r.PathValue("id"), f.Get("member"), risk.Level(f.Get("level")), f.Get("reason"))
		return err
	})
}

// relSave saves a form's value unless the form was already refused, and
// goes back to the section or shows why the store refused it.
func (s *Server) relSave(w http.ResponseWriter, r *http.Request, a store.Actor, problem string, save func() error) {
	if problem == "" {
		err := save()
		if problem = s.eventProblem(w, r, err); problem == "" && err != nil {
			return // answered by eventProblem
		}
	}
	s.relDone(w, r, a, problem)
}

// formValues are a form's fields, trimmed.
type formValues map[string][]string

func (f formValues) Get(k string) string {
	if v := f[k]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// relForm parses a section's form; the relative must be chosen.
func (s *Server) relForm(w http.ResponseWriter, r *http.Request) (formValues, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return nil, false
	}
	return formValues(r.PostForm), true
}

// relDone goes back to the section, or shows why the form was refused.
func (s *Server) relDone(w http.ResponseWriter, r *http.Request, a store.Actor, problem string) {
	if problem == "" {
		http.Redirect(w, r, "/families/"+r.PathValue("id")+"#relatives", http.StatusSeeOther)
		return
	}
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if rec.Shared != nil { // a partner's write share
		s.renderSharedFamily(w, withRelProblem(r, problem), a, rec, http.StatusUnprocessableEntity)
		return
	}
	s.renderDashboardStatus(w, withRelProblem(r, problem), a, rec, nil, "", http.StatusUnprocessableEntity)
}

// parseApprox reads a day that may be a month or a year; "" is left zero
// for the value's own check to name.
func parseApprox(v, field string, to *risk.Approx) string {
	if v == "" {
		return ""
	}
	a, err := risk.ParseApprox(v)
	if err != nil {
		return field + ": " + err.Error()
	}
	*to = a
	return ""
}

// parseDay reads an optional full day.
func parseDay(v, field string, to *reunite.Date) string {
	if v == "" {
		return ""
	}
	d, err := reunite.ParseDate(v)
	if err != nil {
		return field + ": " + err.Error()
	}
	*to = d
	return ""
}
