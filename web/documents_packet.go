package web

import (
	"net/http"

	"github.com/reunite/reunite"
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
