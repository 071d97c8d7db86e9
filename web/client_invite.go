package web

import (
	"errors"
	"net/http"

	"github.com/reunite/reunite/store"
)

// clientInvite lets a caseworker invite the principal of a family as a
// client, who will see only that family. The link is shown once on the
// family's dashboard, to be passed on by hand or message.
func (s *Server) clientInvite(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id := r.PathValue("id")
	rec, err := s.st.Family(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	// The login is generated, never typed by the caseworker: see
	// newClientLogin. A clash with an existing login is retried.
	var uid, login string
	for range 3 {
		login = newClientLogin()
		uid, err = s.st.CreateClient(r.Context(), a, id, login, rec.Family.Principal.Name.Full())
		if !isConflict(err) {
			break
		}
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	link, err := s.newLink(r, a, uid, store.LinkInvite)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderDashboard(w, r, a, rec, &invite{Link: link, Login: login})
}

func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }
