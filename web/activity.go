package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// activityPage is who changed what in a family, newest first, from the
// audit log (store/activity.go): the family's own office only.
type activityPage struct {
	teamHead
	Entries []activityRow
}

type activityRow struct {
	store.ActivityEntry
	What    string
	Partner bool // done by a partner office through a share
}

func (s *Server) activity(w http.ResponseWriter, r *http.Request, a store.Actor) {
	h, err := s.teamHeadOf(r, a, "team.activity")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	entries, err := s.st.Activity(r.Context(), a, h.ID, 200)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	p := activityPage{teamHead: h}
	for _, e := range entries {
		what := "act." + e.Action
		if !h.L.Has(what) {
			what = "act.other"
		}
		p.Entries = append(p.Entries, activityRow{ActivityEntry: e, What: h.L.T(what, "action", e.Action),
			Partner: e.ActorOrg != "" && e.ActorOrg != a.OrgID()})
	}
	s.render(w, r, http.StatusOK, "activity", p)
}
