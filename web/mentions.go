package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// mentionsPage lists the notes that mention the user (@login), newest
// first, of the families the user still reaches, with the way to the
// thread. The notes' text stays on the notes page.
type mentionsPage struct {
	base
	Mentions []mentionRow
}

type mentionRow struct {
	store.Mention
	Label string
}

func (s *Server) mentions(w http.ResponseWriter, r *http.Request, a store.Actor) {
	ms, err := s.st.Mentioned(r.Context(), a, 100)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	var own []string
	for _, m := range ms {
		own = append(own, m.FamilyID)
	}
	labels, err := s.st.FamilyLabels(r.Context(), a, own)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if len(labels) < len(own) { // some are shared with the office
		shared, err := s.st.SharedWithUs(r.Context(), a)
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		for _, f := range shared {
			labels[f.FamilyID] = f.Label
		}
	}
	p := mentionsPage{base: s.base(r, "team.mentions")}
	for _, m := range ms {
		p.Mentions = append(p.Mentions, mentionRow{Mention: m, Label: labels[m.FamilyID]})
	}
	s.render(w, r, http.StatusOK, "mentions", p)
}
