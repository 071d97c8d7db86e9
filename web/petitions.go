package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
	"github.com/reunite/reunite/web/api"
)

// The dashboard's "after filing" section: each relative's petition (stage,
// due dates, what is next, history), the form that records an event, the
// receipts of one mailing at once, and who is responsible for the family.

type afterFiling struct {
	Petitions []trkPetition
	Kinds     []trkOption
	Staff     []store.StaffMember
	Attorneys []store.StaffMember
	Assigned  store.Assignment
	Mailed    []trkPetition // waiting for their receipt: the bulk form
	Problem   string        // why the last event was not recorded
}

type trkOption struct{ Value, Label string }

type trkPetition struct {
	Member, Name string
	Stage        string
	stage        tracking.Stage
	Started      bool
	Next         []trkStep
	Due          []trkDue
	History      []trkEntry
	Error        string
}

type trkStep struct {
	Text    string
	By      reunite.Date
	Overdue bool
}

type trkDue struct {
	Label       string
	Date        reunite.Date
	Printed     bool
	CheckNotice bool
	Overdue     bool
	Rule        string
	Warnings    []string
}

type trkEntry struct {
	Seq         int
	Date        reunite.Date
	Kind        string
	Detail      string
	CorrectedBy int
	Corrects    int
}

// afterFilingOf builds the section for a family as of the server's day;
// staff are the office's staff (nil for a client).
func (s *Server) afterFilingOf(r *http.Request, a store.Actor, rec *store.FamilyRecord, l *i18n.Lang, staff []store.StaffMember) (*afterFiling, error) {
	today := reunite.DateOf(s.today())
	views, err := api.PetitionViewsOf(r.Context(), s.st, a, rec, today)
	if err != nil {
		return nil, err
	}
	// The lists are allocated once, at their size, not grown.
	out := &afterFiling{Petitions: make([]trkPetition, 0, len(views))}
	for _, v := range views {
		p := trkPetition{Member: v.Member, Name: v.Member, Stage: l.T("trk.stage." + string(v.Stage)), stage: v.Stage,
			Started: len(v.History) > 0, Error: v.Error}
		if m := rec.Family.Member(v.Member); m != nil && m.Name.Full() != "" {
			p.Name = m.Name.Full()
		}
		for _, d := range v.Due {
			p.Due = append(p.Due, trkDue{Label: l.T("trk.due." + string(d.Kind)), Date: d.Date, Printed: d.Printed,
				CheckNotice: d.CheckNotice, Overdue: d.Date.Before(today) && d.Kind != tracking.DueAdjustment,
				Rule: d.Rule, Warnings: d.Warnings})
		}
		for _, n := range v.Next {
			if strings.HasSuffix(n.Code, "_response") || n.Code == string(tracking.DueMotion) || n.Code == string(tracking.DueAppoint) ||
				n.Code == string(tracking.DueVisa) || n.Code == string(tracking.DueMedical) || n.Code == string(tracking.DueAdjustment) {
				continue // shown as due dates
			}
			p.Next = append(p.Next, trkStep{Text: l.T("trk.next." + n.Code)})
		}
		for _, h := range v.History {
			p.History = append(p.History, trkEntry{Seq: h.Seq, Date: h.Event.Date, Kind: l.T("trk.kind." + string(h.Event.Kind)),
				Detail: eventDetail(h.Event), CorrectedBy: h.CorrectedBy, Corrects: h.Event.Corrects})
		}
		if v.Stage == tracking.StMailed {
			out.Mailed = append(out.Mailed, p)
		}
		out.Petitions = append(out.Petitions, p)
	}
	if a.Role() != store.RoleClient {
		out.Kinds = make([]trkOption, 0, len(tracking.Kinds))
		for _, k := range tracking.Kinds {
			out.Kinds = append(out.Kinds, trkOption{string(k), l.T("trk.kind." + string(k))})
		}
		out.Staff = staff
		for _, m := range out.Staff {
			if m.Role == store.RoleRepresentative || m.Role == store.RoleAdmin {
				out.Attorneys = append(out.Attorneys, m)
			}
		}
		if out.Assigned, err = s.st.AssignmentOf(r.Context(), a, rec.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// filed reports whether member's petition has gone to USCIS (mailed or
// further, and not rejected back).
func (af *afterFiling) filed(member string) bool {
	for _, p := range af.Petitions {
		if p.Member == member {
			switch p.stage {
			case tracking.NotStarted, tracking.StPrepared, tracking.StRejected, "":
				return false
			}
			return true
		}
	}
	return false
}

// eventDetail is what an event carries besides its kind and day, in the
// words of the documents (numbers are not translated).
func eventDetail(e tracking.Event) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+" "+v)
		}
	}
	add("", string(e.Receipt))
	add("", strings.TrimSpace(e.Carrier+" "+e.Tracking))
	add("due", e.Due.String())
	add("appointment", e.Appointment.String())
	add("", e.VisaClass)
	add("valid until", e.ValidUntil.String())
	add("I-94", e.I94)
	if e.Delivery != "" {
		add("", string(e.Delivery))
	}
	add("", e.Note)
	return strings.TrimSpace(strings.Join(parts, " · "))
}

// timelineMore are the petitions' events and open due dates for the
// dashboard's timeline, which continues past the filing.
func timelineMore(af *afterFiling) []tlMore {
	if af == nil {
		return nil
	}
	var out []tlMore
	for _, p := range af.Petitions {
		for _, h := range p.History {
			if h.CorrectedBy == 0 && h.Corrects == 0 {
				out = append(out, tlMore{Date: h.Date, Label: h.Kind + " (" + p.Name + ")"})
			}
		}
		for _, d := range p.Due {
			out = append(out, tlMore{Date: d.Date, Label: d.Label + " (" + p.Name + ")", Cutoff: true})
		}
	}
	// Corrections show the corrected event at its own day.
	for _, p := range af.Petitions {
		for _, h := range p.History {
			if h.Corrects != 0 && h.CorrectedBy == 0 {
				out = append(out, tlMore{Date: h.Date, Label: h.Kind + " (" + p.Name + ")"})
			}
		}
	}
	return out
}

// eventFromForm reads an event from the form; a bad day names its field.
func eventFromForm(r *http.Request) (tracking.Event, string) {
	f := r.PostForm
	ev := tracking.Event{Kind: tracking.Kind(f.Get("kind")), Carrier: strings.TrimSpace(f.Get("carrier")),
		Tracking: strings.TrimSpace(f.Get("tracking")), Receipt: tracking.Receipt(strings.TrimSpace(f.Get("receipt"))),
		Delivery: tracking.Delivery(f.Get("delivery")), VisaClass: f.Get("visa_class"), I94: strings.TrimSpace(f.Get("i94")),
		Note: strings.TrimSpace(f.Get("note"))}
	for _, d := range []struct {
		name string
		to   *reunite.Date
	}{{"date", &ev.Date}, {"due", &ev.Due}, {"appointment", &ev.Appointment}, {"valid_until", &ev.ValidUntil}} {
		v := strings.TrimSpace(f.Get(d.name))
		if v == "" {
			continue
		}
		day, err := reunite.ParseDate(v)
		if err != nil {
			return ev, d.name + ": " + err.Error()
		}
		*d.to = day
	}
	if c := strings.TrimSpace(f.Get("corrects")); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 1 {
			return ev, "corrects: " + strconv.Quote(c) + " is not the number of an event"
		}
		ev.Corrects = n
	}
	return ev, ""
}

// petitionEvent records one event of a relative's petition from the
// dashboard's form.
func (s *Server) petitionEvent(w http.ResponseWriter, r *http.Request, a store.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	ev, problem := eventFromForm(r)
	if r.PostForm.Get("member") == "" {
		problem = "member: choose the relative"
	}
	if problem == "" {
		_, err := s.st.AddPetitionEvents(r.Context(), a, []store.NewPetitionEvent{{FamilyID: r.PathValue("id"), MemberID: r.FormValue("member"), Event: ev}})
		problem = s.eventProblem(w, r, err)
		if problem == "" {
			if err == nil {
				http.Redirect(w, r, "/families/"+r.PathValue("id")+"#after-filing", http.StatusSeeOther)
			}
			return
		}
	}
	s.dashboardProblem(w, r, a, problem)
}

// receipts records the receipt notices of one mailing: one notice date and
// a receipt number per relative, all or none.
func (s *Server) receipts(w http.ResponseWriter, r *http.Request, a store.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	id := r.PathValue("id")
	day, err := reunite.ParseDate(strings.TrimSpace(r.PostForm.Get("date")))
	if err != nil {
		s.dashboardProblem(w, r, a, "date: "+err.Error())
		return
	}
	var evs []store.NewPetitionEvent
	for _, m := range r.PostForm["member"] {
		rc := strings.TrimSpace(r.PostForm.Get("receipt." + m))
		if rc == "" {
			continue
		}
		evs = append(evs, store.NewPetitionEvent{FamilyID: id, MemberID: m,
			Event: tracking.Event{Kind: tracking.ReceiptNotice, Date: day, Receipt: tracking.Receipt(rc)}})
	}
	if len(evs) == 0 {
		s.dashboardProblem(w, r, a, "receipt: no receipt number was entered")
		return
	}
	_, err = s.st.AddPetitionEvents(r.Context(), a, evs)
	if problem := s.eventProblem(w, r, err); problem != "" {
		s.dashboardProblem(w, r, a, problem)
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, "/families/"+id+"#after-filing", http.StatusSeeOther)
}

// assign saves who is responsible for the family.
func (s *Server) assign(w http.ResponseWriter, r *http.Request, a store.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	err := s.st.Assign(r.Context(), a, r.PathValue("id"), r.PostForm.Get("caseworker"), r.PostForm.Get("attorney"))
	if problem := s.eventProblem(w, r, err); problem != "" {
		s.dashboardProblem(w, r, a, problem)
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, "/families/"+r.PathValue("id")+"#after-filing", http.StatusSeeOther)
}

// eventProblem turns a refusal of the store into the message for the form
// (the store's reason, without its place); other errors are answered here
// and give "".
func (s *Server) eventProblem(w http.ResponseWriter, r *http.Request, err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrInvalid), errors.Is(err, store.ErrConflict):
		msg := err.Error()
		if i := strings.Index(msg, "invalid: "); i >= 0 {
			msg = msg[i+len("invalid: "):]
		}
		return msg
	}
	s.storeError(w, r, err)
	return ""
}

// dashboardProblem shows the dashboard again with why the form was refused.
func (s *Server) dashboardProblem(w http.ResponseWriter, r *http.Request, a store.Actor, problem string) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderDashboardStatus(w, r, a, rec, nil, problem, http.StatusUnprocessableEntity)
}
