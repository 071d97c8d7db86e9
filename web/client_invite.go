package web

import (
	"errors"
	"net/http"
	"strings"

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
	login := strings.TrimSpace(r.PostFormValue("login"))
	if login == "" {
		s.status(w, r, http.StatusUnprocessableEntity, "invite.need_login")
		return
	}
	uid, err := s.st.CreateClient(r.Context(), a, id, login, rec.Family.Principal.Name.Full())
	if err != nil {
		if isConflict(err) {
			s.status(w, r, http.StatusConflict, "users.login_taken")
			return
		}
		s.storeError(w, r, err)
		return
	}
	link, err := s.newLink(r, a, uid, store.LinkInvite)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.renderDashboard(w, r, a, rec, link)
}

func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }
