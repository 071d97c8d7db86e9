package web

import (
	"net/http"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// The version history: every saved version of a family, and a button
// that makes an older one current again (as a new version, so nothing is
// lost: a relative removed by mistake comes back this way).

type versionsPage struct {
	base
	ID       string
	Current  int
	Versions []versionRow
}

type versionRow struct {
	Version   int
	At        string
	Relatives int
	Names     string
}

func (s *Server) versionList(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id := r.PathValue("id")
	vs, err := s.st.FamilyVersions(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	b := s.base(r, "versions.title")
	p := versionsPage{base: b, ID: id}
	// Newest first; each row says who the relatives were, which is what
	// a person looks for when undoing a removal.
	for i := len(vs) - 1; i >= 0; i-- {
		rec, err := s.st.FamilyVersion(r.Context(), a, id, vs[i].Version)
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		row := versionRow{Version: vs[i].Version, At: b.L.Date(reunite.DateOf(vs[i].At)) + " " + vs[i].At.Format("15:04") + " UTC",
			Relatives: len(rec.Family.Members)}
		for j, m := range rec.Family.Members {
			if j > 0 {
				row.Names += ", "
			}
			row.Names += m.Name.Full()
		}
		p.Versions = append(p.Versions, row)
		if p.Current == 0 {
			p.Current = vs[i].Version
		}
	}
	s.render(w, r, http.StatusOK, "versions", p)
}

func (s *Server) versionRestore(w http.ResponseWriter, r *http.Request, a store.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	id := r.PathValue("id")
	v, err1 := strconv.Atoi(r.PathValue("version"))
	base, err2 := strconv.Atoi(r.PostForm.Get("current"))
	if err1 != nil || err2 != nil {
		s.notFound(w, r)
		return
	}
	old, err := s.st.FamilyVersion(r.Context(), a, id, v)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if _, err := s.st.UpdateFamily(r.Context(), a, id, base, old.Family); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+id, http.StatusSeeOther)
}
