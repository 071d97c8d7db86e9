package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// notesPage is the team's threads about a family: the family's own and one
// per relative, with @mentions of users.
type notesPage struct {
	teamHead
	Threads []noteThread
	Text    string // the text of a refused note, to correct
	Member  string
}

type noteThread struct {
	Member, Name string
	Notes        []store.Note
}

func (s *Server) notes(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderNotes(w, r, a, "", "", "", http.StatusOK)
}

func (s *Server) renderNotes(w http.ResponseWriter, r *http.Request, a store.Actor, problem, text, member string, status int) {
	h, err := s.teamHeadOf(r, a, "team.notes")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	notes, err := s.st.Notes(r.Context(), a, h.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	h.Problem = problem
	p := notesPage{teamHead: h, Text: text, Member: member}
	if h.Family {
		p.Threads = append(p.Threads, noteThread{Name: h.memberName("")})
	}
	for _, m := range h.Members {
		p.Threads = append(p.Threads, noteThread{Member: m.ID, Name: m.Name})
	}
	for _, n := range notes {
		for i := range p.Threads {
			if p.Threads[i].Member == n.MemberID {
				p.Threads[i].Notes = append(p.Threads[i].Notes, n)
			}
		}
	}
	s.render(w, r, status, "notes", p)
}

// noteAdd adds a note. Its text comes in the form's body, never the URL,
// and is not logged.
func (s *Server) noteAdd(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if !s.parseTeamForm(w, r) {
		return
	}
	text, member := r.PostForm.Get("text"), r.PostForm.Get("member")
	_, err := s.st.AddNote(r.Context(), a, r.PathValue("id"), member, text)
	if problem := s.eventProblem(w, r, err); problem != "" {
		s.renderNotes(w, r, a, problem, text, member, http.StatusUnprocessableEntity)
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, "/families/"+r.PathValue("id")+"/notes#thread-"+member, http.StatusSeeOther)
}
