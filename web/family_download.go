package web

import (
	"net/http"

	"github.com/reunite/reunite/store"
)

// familyDownload sends the latest case file (reunite.case/v1) as a file;
// it names its origin, so that uploading or importing it again, edited,
// updates this family.
// The name is the family's id, never a person's name.
func (s *Server) familyDownload(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	data, err := store.ExportCaseFile(rec)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rec.ID+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
