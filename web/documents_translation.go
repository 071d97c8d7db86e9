package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/store"
)

// maxTypedTranslation bounds a translation typed in the page: a
// certificate's text is a few thousand characters.
const maxTypedTranslation = 60 << 10

// translationAdd attaches an English translation to a document: an
// uploaded file (photos or PDF, checked like every upload) or typed text,
// by a translator of the office, chosen or entered here once and reused
// on every later certification.
func (s *Server) translationAdd(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id, doc := r.PathValue("id"), r.PathValue("doc")
	release, form, ok := s.readDocUpload(w, r, a)
	if !ok {
		return
	}
	defer release()
	d, err := s.st.Document(r.Context(), a, doc)
	if err == nil && d.FamilyID != id {
		err = store.ErrNotFound
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	l := s.lang(r)
	text := strings.TrimSpace(form.Fields.Get("text"))
	if len(text) > maxTypedTranslation {
		s.renderDocuments(w, r, a, l.T("docs.err.text_too_long"), http.StatusUnprocessableEntity)
		return
	}
	if (text == "") == (len(form.Files) == 0) {
		s.renderDocuments(w, r, a, l.T("docs.err.translation_one"), http.StatusUnprocessableEntity)
		return
	}
	trID := form.Fields.Get("translator")
	if trID == "" {
		name := reunite.Name{Given: strings.TrimSpace(form.Fields.Get("tr_given")), Family: strings.TrimSpace(form.Fields.Get("tr_family"))}
		if name.Full() == "" {
			s.renderDocuments(w, r, a, l.T("docs.err.translator"), http.StatusUnprocessableEntity)
			return
		}
		tr, err := s.st.AddTranslator(r.Context(), a, store.Translator{Name: name,
			Address: strings.TrimSpace(form.Fields.Get("tr_address")), Phone: strings.TrimSpace(form.Fields.Get("tr_phone")),
			Email: strings.TrimSpace(form.Fields.Get("tr_email")), Languages: strings.Fields(form.Fields.Get("tr_languages"))})
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		trID = tr.ID
	}
	n := store.NewTranslation{DocumentID: doc, TranslatorID: trID, ContentType: "text/plain; charset=utf-8", Content: []byte(text)}
	if len(form.Files) > 0 {
		f, err := docfile.Join(form.Files)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		n.ContentType, n.Content = string(f.Type), f.Content
	}
	_, err = s.st.AddTranslation(r.Context(), a, n)
	switch {
	case errors.Is(err, store.ErrTooLarge):
		s.renderDocuments(w, r, a, l.T("docs.err.family_full", "file", l.T("docs.translation")), http.StatusRequestEntityTooLarge)
		return
	case errors.Is(err, store.ErrInvalid):
		s.renderDocuments(w, r, a, l.T("docs.err.translator"), http.StatusUnprocessableEntity)
		return
	case err != nil:
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+id+"/documents#d-"+doc, http.StatusSeeOther)
}
