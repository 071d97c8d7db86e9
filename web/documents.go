package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// The documents page of a family: for each relative a petition can be
// prepared for, the checklist of the documents it needs (the packet's
// exhibits, package packet) with what is uploaded, the uploaded documents
// with their previews, status and translations, and a form to upload more
// (a phone's camera or a PDF). Staff check documents and attach
// translations; a client uploads and sees what is still needed, in their
// language.

// docsPage is the documents page.
type docsPage struct {
	base
	ID          string
	Staff       bool
	Relatives   []docRelative
	Others      []docView // documents for no relative the checklist shows
	Translators []store.Translator
	Kinds       []string
	Statuses    []store.DocStatus
	Problem     string // why the last upload was refused, naming the file
	MaxMB       int64  // the limit of one file
	Needed      []neededDoc
}

// neededDoc is a document no upload answers yet, once for all the
// relatives whose petitions ask for the same one (the petitioner's proof
// of status is asked in every petition).
type neededDoc struct {
	Kind         reunite.EvidenceKind
	Text, Member string // the first relative's line and id
	Names        []string
}

// docRelative is one relative's part of the page.
type docRelative struct {
	ID, Name    string
	Have, Total int
	Items       []docItem
	Docs        []docView
}

// docItem is one line of the checklist.
type docItem struct {
	packet.ChecklistItem
	Have bool
}

// docView is an uploaded document.
type docView struct {
	store.Document
	NeedsTranslation bool
	CheckedByName    string
	Translations     []trView
}

type trView struct {
	store.Translation
	Translator string
}

// documentsPage shows the family's documents.
func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.renderDocuments(w, r, a, "", http.StatusOK)
}

func (s *Server) renderDocuments(w http.ResponseWriter, r *http.Request, a store.Actor, problem string, status int) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	docs, err := s.st.Documents(r.Context(), a, rec.ID)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	b := s.base(r, "docs.title")
	p := docsPage{base: b, ID: rec.ID, Staff: a.Role() != store.RoleClient, Problem: problem,
		Kinds: reunite.EvidenceKind("").Allowed(), Statuses: store.DocStatuses(), MaxMB: docfile.DefaultLimits.MaxBytes >> 20}
	names := map[string]string{}
	if p.Staff {
		if p.Translators, err = s.st.Translators(r.Context(), a); err != nil {
			s.storeError(w, r, err)
			return
		}
		if staff, err := s.st.StaffMembers(r.Context(), a); err == nil {
			for _, m := range staff {
				names[m.ID] = m.Name
			}
		}
	}
	trNames := map[string]string{}
	for _, t := range p.Translators {
		trNames[t.ID] = t.Name.Full()
	}
	views := map[string]docView{}
	for _, d := range docs {
		v := docView{Document: d, NeedsTranslation: needsTranslation(d.Language) && len(d.Translations) == 0, CheckedByName: names[d.CheckedBy]}
		for _, t := range d.Translations {
			v.Translations = append(v.Translations, trView{Translation: t, Translator: trNames[t.TranslatorID]})
		}
		views[d.ID] = v
	}
	as := law.Assess(rec.Family, reunite.DateOf(s.today()))
	shown := map[string]bool{}
	for _, c := range packet.Checklist(rec.Family, as, api.UploadsOf(docs)) {
		m := rec.Family.Member(c.Member)
		rel := docRelative{ID: c.Member, Have: c.Have, Total: c.Total}
		if m != nil {
			rel.Name = m.Name.Full()
		}
		for _, it := range c.Items {
			rel.Items = append(rel.Items, docItem{ChecklistItem: it, Have: it.UploadID != ""})
			if it.UploadID == "" {
				p.Needed = addNeeded(p.Needed, it, c.Member, rel.Name)
			}
		}
		for _, d := range docs {
			if d.Serves(c.Member) {
				rel.Docs = append(rel.Docs, views[d.ID])
				shown[d.ID] = true
			}
		}
		p.Relatives = append(p.Relatives, rel)
	}
	for _, d := range docs {
		if !shown[d.ID] {
			p.Others = append(p.Others, views[d.ID])
		}
	}
	s.render(w, r, status, "documents", p)
}

func needsTranslation(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l != "" && l != "en" && l != "english"
}

// documentUpload stores a document of one or more pages for a relative.
// Every file is checked before anything is stored: one refused file
// refuses the upload, with a message naming it.
func (s *Server) documentUpload(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	release, form, ok := s.readDocUpload(w, r, a)
	if !ok {
		return
	}
	defer release()
	l := s.lang(r)
	member, kind := form.Fields.Get("member"), reunite.EvidenceKind(form.Fields.Get("kind"))
	if kind == "" {
		kind = "other"
	}
	if member != "principal" && rec.Family.Member(member) == nil || !slices.Contains(kind.Allowed(), string(kind)) {
		s.renderDocuments(w, r, a, l.T("docs.err.form"), http.StatusUnprocessableEntity)
		return
	}
	if len(form.Files) == 0 {
		s.renderDocuments(w, r, a, l.T("docs.err.no_file"), http.StatusUnprocessableEntity)
		return
	}
	doc, err := docfile.Join(form.Files)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, err = s.st.AddEvidence(r.Context(), a, store.NewDocument{FamilyID: rec.ID, Name: doc.Name, ContentType: string(doc.Type),
		Content: doc.Content, Thumb: doc.Thumb, Pages: doc.Pages, Kind: kind, Members: packet.Serves(rec.Family, kind, member),
		Language: strings.TrimSpace(form.Fields.Get("language")), Title: strings.TrimSpace(form.Fields.Get("title"))})
	if errors.Is(err, store.ErrTooLarge) {
		s.renderDocuments(w, r, a, l.T("docs.err.family_full", "file", doc.Name), http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+rec.ID+"/documents#m-"+member, http.StatusSeeOther)
}

// uploadRefused answers an upload whose files were refused or could not be
// read, naming the file in the reader's language.
func (s *Server) uploadRefused(w http.ResponseWriter, r *http.Request, a store.Actor, err error) {
	l := s.lang(r)
	var de *docfile.Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &de):
		code := http.StatusUnprocessableEntity
		if de.Code == docfile.CodeTooLarge {
			code = http.StatusRequestEntityTooLarge
		}
		s.renderDocuments(w, r, a, docErrorText(l, de), code)
	case errors.As(err, &mbe):
		w.Header().Set("Connection", "close")
		s.renderDocuments(w, r, a, l.T("docs.err.request_too_large", "mb", maxDocRequest>>20), http.StatusRequestEntityTooLarge)
	case errors.Is(err, errTooManyFiles):
		s.renderDocuments(w, r, a, l.T("docs.err.too_many", "n", maxDocPages), http.StatusUnprocessableEntity)
	case errors.Is(err, docfile.ErrNoPoppler):
		s.serverError(w, r, err)
	default:
		s.status(w, r, http.StatusBadRequest, "error.bad_request")
	}
}

// docErrorText is a refusal in the reader's language, naming the file; the
// English message (with its numbers) is the fallback of a code the
// catalog lacks.
func docErrorText(l *i18n.Lang, e *docfile.Error) string {
	key := "docs.err." + e.Code
	if !l.Has(key) {
		return e.Error()
	}
	return l.T(key, "file", e.File, "mb", docfile.DefaultLimits.MaxBytes>>20, "pages", docfile.DefaultLimits.MaxPages)
}

// documentStatus records how far the office has got with a document.
func (s *Server) documentStatus(w http.ResponseWriter, r *http.Request, a store.Actor) {
	id, doc := r.PathValue("id"), r.PathValue("doc")
	d, err := s.st.Document(r.Context(), a, doc)
	if err == nil && d.FamilyID != id {
		err = store.ErrNotFound
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	st := store.DocStatus(r.PostForm.Get("status"))
	if !slices.Contains(store.DocStatuses(), st) {
		s.renderDocuments(w, r, a, s.lang(r).T("docs.err.form"), http.StatusUnprocessableEntity)
		return
	}
	if err := s.st.SetDocumentStatus(r.Context(), a, doc, st); err != nil {
		s.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+id+"/documents#d-"+doc, http.StatusSeeOther)
}

// documentFile sends a document, its preview or a translation, to be
// shown in the browser (never guessed: the type stored is the type the
// content was checked to be).
func (s *Server) documentFile(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.sendDocument(w, r, a, false)
}

func (s *Server) documentThumb(w http.ResponseWriter, r *http.Request, a store.Actor) {
	s.sendDocument(w, r, a, true)
}

func (s *Server) sendDocument(w http.ResponseWriter, r *http.Request, a store.Actor, thumb bool) {
	id, doc := r.PathValue("id"), r.PathValue("doc")
	var d *store.Document
	var content []byte
	var err error
	ctype := ""
	if thumb {
		d, content, err = s.st.DocumentThumb(r.Context(), a, doc)
		ctype = string(docfile.JPEG)
	} else {
		d, content, err = s.st.DocumentContent(r.Context(), a, doc)
	}
	if err == nil && d.FamilyID != id {
		err = store.ErrNotFound
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if ctype == "" {
		ctype = d.ContentType
	}
	sendFile(w, ctype, d.Name, d.CreatedAt, content)
}

// translationFile sends a translation's file or typed text.
func (s *Server) translationFile(w http.ResponseWriter, r *http.Request, a store.Actor) {
	tr, content, err := s.st.TranslationContent(r.Context(), a, r.PathValue("tr"))
	if err == nil {
		var d *store.Document
		if d, err = s.st.Document(r.Context(), a, tr.DocumentID); err == nil && d.FamilyID != r.PathValue("id") {
			err = store.ErrNotFound
		}
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	sendFile(w, tr.ContentType, "translation-"+tr.ID, tr.CreatedAt, content)
}

func sendFile(w http.ResponseWriter, ctype, name string, at time.Time, content []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Disposition", mimeDisposition(name))
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	w.Write(content)
}

// mimeDisposition shows a file inline, with its name for saving it.
func mimeDisposition(name string) string {
	return "inline; filename*=UTF-8''" + strings.ReplaceAll(url.PathEscape(name), "'", "%27")
}

// docListArgs is what the "doclist" template receives.
type docListArgs struct {
	P    docsPage
	Docs []docView
}

// firstMissing is the kind of the first document of a checklist not yet
// uploaded: the upload form offers it first.
func firstMissing(items []docItem) string {
	for _, it := range items {
		if !it.Have && it.Kind != "" {
			return string(it.Kind)
		}
	}
	return "other"
}

// docsProgress is each relative's checklist for the dashboard.
func docsProgress(rec *store.FamilyRecord, as *law.Assessment, docs []store.Document) map[string]packet.RelativeChecklist {
	out := map[string]packet.RelativeChecklist{}
	for _, c := range packet.Checklist(rec.Family, as, api.UploadsOf(docs)) {
		out[c.Member] = c
	}
	return out
}

// addNeeded adds a missing document to the list, or the relative's name
// to the same document already listed (same kind and, for the
// petitioner's own documents, the same line).
func addNeeded(list []neededDoc, it packet.ChecklistItem, member, name string) []neededDoc {
	for i := range list {
		if list[i].Kind == it.Kind && list[i].Text == it.Text {
			list[i].Names = append(list[i].Names, name)
			return list
		}
	}
	return append(list, neededDoc{Kind: it.Kind, Text: it.Text, Member: member, Names: []string{name}})
}
