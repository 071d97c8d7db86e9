package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// home sends each user where their work is: a client to their family, the
// office's staff to the office view.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		s.notFound(w, r)
		return
	}
	a, ok := actorFrom(r.Context())
	switch {
	case !ok:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case a.Role() == store.RoleClient:
		http.Redirect(w, r, "/families/"+a.FamilyID(), http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/families", http.StatusSeeOther)
	}
}
