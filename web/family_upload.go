package web

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/store"
)

// maxCaseFile bounds an uploaded case file: a family of twenty with every
// form detail is far below it.
const maxCaseFile = 1 << 20

// familyUpload replaces a family's answers with an edited case file, as a
// new version of this family (never a second family). The page's version
// is the base: if someone saved meanwhile, the upload is refused.
func (s *Server) familyUpload(w http.ResponseWriter, r *http.Request, a store.Actor) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseFile+64<<10)
	id := r.PathValue("id")
	if err := r.ParseMultipartForm(maxCaseFile); err != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	base, err := strconv.Atoi(r.PostForm.Get("version"))
	file, _, ferr := r.FormFile("file")
	if err != nil || ferr != nil {
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxCaseFile+1))
	if err != nil || len(data) > maxCaseFile {
		s.status(w, r, http.StatusRequestEntityTooLarge, "error.bad_request")
		return
	}
	head, err := s.st.Family(r.Context(), a, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if head.Version != base {
		s.status(w, r, http.StatusConflict, "error.conflict")
		return
	}
	rec, err := s.st.ImportCaseFileInto(r.Context(), a, "upload", data, id)
	var ve *reunite.ValidationError
	switch {
	case errors.As(err, &ve):
		s.status(w, r, http.StatusUnprocessableEntity, "error.bad_case_file")
		return
	case err != nil:
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+rec.ID, http.StatusSeeOther)
}

// sameANumber lists the other families of the office whose principal has
// this family's principal's A-Number: one person entered twice, which a
// caseworker must merge or correct.
type sameANumber struct{ ID, Name string }

func (s *Server) sameANumber(r *http.Request, a store.Actor, rec *store.FamilyRecord) []sameANumber {
	an := rec.Family.Principal.ANumber
	if an == "" {
		return nil
	}
	ids, err := s.st.OfficeSearch(r.Context(), a, an)
	if err != nil {
		return nil // a warning only: the dashboard shows without it
	}
	var others []string
	for id := range ids {
		if id != rec.ID {
			others = append(others, id)
		}
	}
	if len(others) == 0 {
		return nil
	}
	labels, err := s.st.FamilyLabels(r.Context(), a, others)
	if err != nil {
		return nil
	}
	slices.Sort(others)
	var out []sameANumber
	for _, id := range others {
		out = append(out, sameANumber{ID: id, Name: labels[id]})
	}
	return out
}
