package web

import (
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/store"
)

// sharedFamilyPage is what a partner office sees of a family shared with
// it: the relatives shared, each with the law's verdict, and the way to
// the notes and tasks. The store already cut the case file down to what
// the shares cover (store/share_view.go).
type sharedFamilyPage struct {
	teamHead
	Whole     bool
	Relatives []sharedRelative
}

type sharedRelative struct {
	memberOpt
	Verdict string
}

func (s *Server) renderSharedFamily(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord) {
	h, err := s.teamHeadOf(r, a, "share.family_title")
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	as := law.AssessIn(rec.Family, reunite.DateOf(s.today()), s.lawMsgs[h.L.Code])
	verdicts := map[string]string{}
	for _, pe := range as.Petitions {
		verdicts[pe.Member] = string(pe.Verdict)
	}
	p := sharedFamilyPage{teamHead: h, Whole: rec.Shared.Whole}
	for _, m := range h.Members {
		p.Relatives = append(p.Relatives, sharedRelative{memberOpt: m, Verdict: verdicts[m.ID]})
	}
	s.render(w, r, http.StatusOK, "shared_family", p)
}
