package web

import (
	"errors"
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/tracking"
	"github.com/reunite/reunite/web/api"
)

// The client's status page: in their language and plain words, for each
// relative what has been done and what is next (from the petition's
// tracking stage, and before filing the law engine's next steps), what the
// team needs from them (the questions not answered yet), and the messages
// with the team, with a form to write one. The team sees the same page, as
// the client does, and may answer.

type clientStatusPage struct {
	base
	ID, Principal string
	Relatives     []csRelative
	Missing       int
	Resume        string
	Unknowns      []unknownAnswer
	Messages      []store.Note
	Text          string // a refused message, to correct
	Problem       string // catalog key
	Staff         bool
}

type csRelative struct {
	Name string
	Done string
	Next []string
}

// csStage is the plain-language step of a petition's stage: a client needs
// to know where things stand, not the name of every notice.
func csStage(st tracking.Stage) string {
	switch st {
	case tracking.NotStarted, tracking.StPrepared:
		return "preparing"
	case tracking.StMailed:
		return "mailed"
	case tracking.StRejected:
		return "rejected"
	case tracking.StPending, tracking.StResponded:
		return "uscis"
	case tracking.StRFE, tracking.StNOID:
		return "evidence"
	case tracking.StApproved:
		return "approved"
	case tracking.StConsular:
		return "consular"
	case tracking.StVisa, tracking.StTravel:
		return "visa"
	case tracking.StArrived, tracking.StAdjusting:
		return "arrived"
	case tracking.StDenied, tracking.StMotion:
		return "denied"
	case tracking.StWithdrawn:
		return "withdrawn"
	}
	return "preparing"
}

func (s *Server) clientStatus(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderClientStatus(w, r, a, "", "", http.StatusOK)
}

func (s *Server) renderClientStatus(w http.ResponseWriter, r *http.Request, a store.Actor, text, problem string, status int) {
	ctx := r.Context()
	rec, err := s.st.Family(ctx, a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if rec.Shared != nil {
		s.notFound(w, r) // the family's own office and client only
		return
	}
	b := s.base(r, "cs.title")
	today := reunite.DateOf(s.today())
	as := law.AssessIn(rec.Family, today, s.lawMsgs[b.L.Code])
	views, err := api.PetitionViews(ctx, s.st, a, rec.ID, today)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	stages := map[string]tracking.Stage{}
	for _, v := range views {
		stages[v.Member] = v.Stage
	}
	msgs, err := s.st.Messages(ctx, a, rec.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p := clientStatusPage{base: b, ID: rec.ID, Principal: rec.Family.Principal.Name.Full(), Messages: msgs,
		Text: text, Problem: problem, Staff: a.Role() != store.RoleClient}
	for _, pe := range as.Petitions {
		name := pe.Member
		if m := rec.Family.Member(pe.Member); m != nil && m.Name.Full() != "" {
			name = m.Name.Full()
		}
		rel := csRelative{Name: name}
		if pe.Verdict == law.Ineligible {
			rel.Done = b.L.T("cs.done.ineligible", "name", name)
			p.Relatives = append(p.Relatives, rel)
			continue
		}
		step := csStage(stages[pe.Member])
		rel.Done = b.L.T("cs.done."+step, "name", name)
		if step == "preparing" {
			rel.Next = append(rel.Next, law.Strings(pe.Next)...)
		}
		rel.Next = append(rel.Next, b.L.T("cs.next."+step, "name", name))
		p.Relatives = append(p.Relatives, rel)
	}
	p.Resume, p.Missing, p.Unknowns = answerState(b.L, rec.Family, p.Staff, rec.ID)
	s.render(w, r, status, "client_status", p)
}

// messageSend writes to the team (a client) or answers the client (the
// team). The text is in the form's body and is never logged.
func (s *Server) messageSend(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if !s.parseTeamForm(w, r) {
		return
	}
	text := r.PostForm.Get("text")
	_, err := s.st.SendMessage(r.Context(), a, r.PathValue("id"), text)
	if errors.Is(err, store.ErrInvalid) {
		s.renderClientStatus(w, r, a, text, "cs.msg.invalid", http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+r.PathValue("id")+"/status#messages", http.StatusSeeOther)
}
