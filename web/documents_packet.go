package web

import (
	"net/http"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// packetUploads reads a family's documents with their files and
// translations, for the packet. A client building their packet reads
// their own documents; the translators' records are the office's (staff
// only), so a client's packet certifications name no translator unless
// staff build it.
func (s *Server) packetUploads(r *http.Request, a store.Actor, familyID string) ([]packet.Upload, error) {
	ctx := r.Context()
	docs, err := s.st.Documents(ctx, a, familyID)
	if err != nil {
		return nil, err
	}
	translators := map[string]*reunite.Helper{}
	if a.Role() != store.RoleClient {
		trs, err := s.st.Translators(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, t := range trs {
			h := &reunite.Helper{Name: t.Name, Phone: t.Phone, Email: t.Email}
			if t.Address != "" {
				h.Address = &reunite.Address{Street: t.Address}
			}
			translators[t.ID] = h
		}
	}
	ups := api.UploadsOf(docs)
	for i, d := range docs {
		_, content, err := s.st.DocumentContent(ctx, a, d.ID)
		if err != nil {
			return nil, err
		}
		ups[i].Content = content
		for j, t := range d.Translations {
			_, c, err := s.st.TranslationContent(ctx, a, t.ID)
			if err != nil {
				return nil, err
			}
			ups[i].Translations[j].Content, ups[i].Translations[j].Translator = c, translators[t.TranslatorID]
		}
	}
	return ups, nil
}

// printableFamily reads the family of the request and its uploaded
// documents for the packet or the dossier, or answers the request itself
// (ok false): 404 when the printer is not configured or for a partner office
// (one office prepares what is filed and keeps its legal file).
func (s *Server) printableFamily(w http.ResponseWriter, r *http.Request, a store.Actor, configured bool) (rec *store.FamilyRecord, uploads []packet.Upload, ok bool) {
	if !configured {
		s.notFound(w, r)
		return nil, nil, false
	}
	rec, err := s.st.Family(r.Context(), a, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return nil, nil, false
	}
	if rec.Shared != nil {
		s.notFound(w, r)
		return nil, nil, false
	}
	if uploads, err = s.packetUploads(r, a, rec.ID); err != nil {
		s.storeError(w, r, err)
		return nil, nil, false
	}
	return rec, uploads, true
}

// familyDossier prints the family's dossier for the legal team: staff
// only, as a download never kept on the server.
func (s *Server) familyDossier(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, uploads, ok := s.printableFamily(w, r, a, s.cfg.Dossier != nil)
	if !ok {
		return
	}
	pdf, err := s.cfg.Dossier(r.Context(), rec.Family, law.Assess(rec.Family, reunite.DateOf(s.today())), uploads)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="dossier-`+rec.ID+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(pdf)
}
