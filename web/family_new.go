package web

import (
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// A family starts with the principal's name; the intake asks the rest.

type newFamilyPage struct {
	base
	Fields []field
}

func (s *Server) familyNewForm(w http.ResponseWriter, r *http.Request, a store.Actor) {
	var f reunite.Family
	s.render(w, r, http.StatusOK, "family_new", newFamilyPage{base: s.base(r, "new.title"), Fields: newFamilyFields(s, r, &f)})
}

func newFamilyFields(s *Server, r *http.Request, f *reunite.Family) []field {
	q := qb{l: s.lang(r), staff: true}
	return []field{
		q.text("given", "q.principal.given", &f.Principal.Name.Given, true),
		q.text("family", "q.principal.family", &f.Principal.Name.Family, true),
	}
}

func (s *Server) familyNew(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	f := &reunite.Family{Format: reunite.CaseFormat, Members: []reunite.Member{}}
	fields := newFamilyFields(s, r, f)
	if applyAll(nil, fields, r.PostForm) {
		s.render(w, r, http.StatusUnprocessableEntity, "family_new", newFamilyPage{base: s.base(r, "new.title"), Fields: fields})
		return
	}
	rec, err := s.st.CreateFamily(r.Context(), a, f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, step{ID: "principal"}.Path(rec.ID), http.StatusSeeOther)
}
