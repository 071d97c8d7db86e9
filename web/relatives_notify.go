package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// riskNote is a raised risk on the "needs action" page: the relative, the
// level, who raised it. The page, not an e-mail, is where it is read; a
// mailer can read the same store rows (store.RiskNotifications).
type riskNote struct {
	store.RiskNotification
	Label   string // the family's principal
	Name    string // the relative
	Level   string
	By      string
	ForTeam bool
}

// riskNotes lists the actor's notifications for the "needs action" page.
func (s *Server) riskNotes(r *http.Request, a store.Actor, p *needsPage) error {
	ns, err := s.st.RiskNotifications(r.Context(), a)
	if err != nil || len(ns) == 0 {
		return err
	}
	ids := make([]string, 0, len(ns))
	for _, n := range ns {
		ids = append(ids, n.FamilyID)
	}
	labels, err := s.st.FamilyLabels(r.Context(), a, ids)
	if err != nil {
		return err
	}
	names := staffNames(p.Staff)
	for _, n := range ns {
		p.Risk = append(p.Risk, riskNote{RiskNotification: n, Label: labels[n.FamilyID], Name: n.MemberID,
			Level: p.L.T("rsk.level." + string(n.Level)), By: names[n.By], ForTeam: n.ToOffice})
	}
	return nil
}

// riskDismiss marks a notification read.
func (s *Server) riskDismiss(w http.ResponseWriter, r *http.Request, a store.Actor) {
	if err := s.st.DismissRiskNotification(r.Context(), a, r.PathValue("notification")); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/due", http.StatusSeeOther)
}
