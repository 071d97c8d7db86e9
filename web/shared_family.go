package web

import (
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/store"
)

// sharedFamilyPage is what a partner office sees of a family shared with
// it: the relatives shared, each with the law's verdict, their timeline,
// incidents and risk (the dashboard's partial, with its forms for a write
// share), and the way to the notes and tasks. The store already cut the
// case file and the logs down to what the shares cover
// (store/share_view.go, store/relatives.go).
type sharedFamilyPage struct {
	teamHead
	Whole     bool
	Shared    []sharedRelative
	Relatives *relativesSection
}

type sharedRelative struct {
	memberOpt
	Verdict string
}

// renderSharedFamily answers with status: a refused form of the relatives'
// section shows the page again with the reason (relDone).
func (s *Server) renderSharedFamily(w http.ResponseWriter, r *http.Request, a store.Actor, rec *store.FamilyRecord, status int) {
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
		p.Shared = append(p.Shared, sharedRelative{memberOpt: m, Verdict: verdicts[m.ID]})
	}
	if p.Relatives, err = s.relativesOf(r, a, rec, h.L, reunite.DateOf(s.today())); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.render(w, r, status, "shared_family", p)
}
