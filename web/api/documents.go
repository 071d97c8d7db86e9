package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/store"
)

// A family's evidence through the API: the same store methods as the
// documents page, under the same rules. An upload is one file (a page
// photo or a PDF) as the request body, with what it proves in the query;
// it is checked by content (package docfile) like every upload.

func (a *API) documentRoutes() {
	a.handle("GET /api/v1/families/{id}/documents", a.documents)
	a.handle("POST /api/v1/families/{id}/documents", a.addDocument)
	a.handle("PUT /api/v1/families/{id}/documents/{doc}/status", a.documentStatus)
	a.handle("GET /api/v1/families/{id}/checklist", a.checklist)
}

// IsDocumentUpload reports whether path takes an uploaded file (with its
// own, larger bound than MaxBody).
func IsDocumentUpload(method, path string) bool {
	return method == http.MethodPost && len(path) > len("/api/v1/families//documents") &&
		path[:len("/api/v1/families/")] == "/api/v1/families/" && path[len(path)-len("/documents"):] == "/documents"
}

type documentDoc struct {
	ID           string               `json:"id"`
	Name         string               `json:"name"`
	ContentType  string               `json:"content_type"`
	Size         int64                `json:"size"`
	Pages        int                  `json:"pages"`
	Kind         reunite.EvidenceKind `json:"kind"`
	Members      []string             `json:"members"`
	Language     string               `json:"language"`
	Title        string               `json:"title"`
	Status       store.DocStatus      `json:"status"`
	CheckedBy    string               `json:"checked_by"`
	CheckedAt    *time.Time           `json:"checked_at"`
	Preview      bool                 `json:"preview"`
	CreatedAt    time.Time            `json:"created_at"`
	Translations []translationDoc     `json:"translations"`
}

type translationDoc struct {
	ID           string `json:"id"`
	TranslatorID string `json:"translator_id"`
	ContentType  string `json:"content_type"`
	Size         int64  `json:"size"`
}

func docOf(d *store.Document) documentDoc {
	out := documentDoc{ID: d.ID, Name: d.Name, ContentType: d.ContentType, Size: d.Size, Pages: d.Pages, Kind: d.Kind,
		Members: d.Members, Language: d.Language, Title: d.Title, Status: d.Status, CheckedBy: d.CheckedBy,
		Preview: d.Thumb, CreatedAt: d.CreatedAt, Translations: []translationDoc{}}
	if out.Members == nil {
		out.Members = []string{}
	}
	if !d.CheckedAt.IsZero() {
		out.CheckedAt = &d.CheckedAt
	}
	for _, t := range d.Translations {
		out.Translations = append(out.Translations, translationDoc{ID: t.ID, TranslatorID: t.TranslatorID, ContentType: t.ContentType, Size: t.Size})
	}
	return out
}

func (a *API) documents(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	docs, err := a.st.Documents(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	out := []documentDoc{}
	for i := range docs {
		out = append(out, docOf(&docs[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": out})
}

// addDocument stores the request's body as a document of a relative.
func (a *API) addDocument(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	q := r.URL.Query()
	rec, err := a.st.Family(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	member, kind := q.Get("member"), reunite.EvidenceKind(q.Get("kind"))
	if member != "principal" && rec.Family.Member(member) == nil {
		writeError(w, http.StatusUnprocessableEntity, "member: the family has no relative "+member)
		return
	}
	if kind == "" || !slices.Contains(kind.Allowed(), string(kind)) {
		writeError(w, http.StatusUnprocessableEntity, "kind: want one of the evidence kinds")
		return
	}
	name := q.Get("name")
	if name == "" {
		name = "document"
	}
	f, err := docfile.Read(r.Context(), name, r.Body, docfile.DefaultLimits)
	var de *docfile.Error
	switch {
	case errors.As(err, &de) && de.Code == docfile.CodeTooLarge:
		writeError(w, http.StatusRequestEntityTooLarge, de.Error())
		return
	case errors.As(err, &de):
		writeError(w, http.StatusUnprocessableEntity, de.Error())
		return
	case err != nil:
		a.serverError(w, r, err)
		return
	}
	d, err := a.st.AddEvidence(r.Context(), actor, store.NewDocument{FamilyID: rec.ID, Name: f.Name, ContentType: string(f.Type),
		Content: f.Content, Thumb: f.Thumb, Pages: f.Pages, Kind: kind, Members: packet.Serves(rec.Family, kind, member),
		Language: q.Get("language"), Title: q.Get("title")})
	if errors.Is(err, store.ErrTooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, f.Name+": the family's documents would be over their space limit")
		return
	}
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, docOf(d))
}

// documentStatus records how far the office has got with a document.
func (a *API) documentStatus(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	var body struct {
		Status store.DocStatus `json:"status"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&body); err != nil || !slices.Contains(store.DocStatuses(), body.Status) {
		writeError(w, http.StatusUnprocessableEntity, "status: want needed, requested, received or checked")
		return
	}
	d, err := a.st.Document(r.Context(), actor, r.PathValue("doc"))
	if err == nil && d.FamilyID != r.PathValue("id") {
		err = store.ErrNotFound
	}
	if err == nil {
		err = a.st.SetDocumentStatus(r.Context(), actor, d.ID, body.Status)
	}
	if err == nil {
		d, err = a.st.Document(r.Context(), actor, d.ID)
	}
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, docOf(d))
}

// checklist is each relative's documents checklist, from the latest
// version assessed today and the uploaded documents.
func (a *API) checklist(w http.ResponseWriter, r *http.Request, actor store.Actor) {
	rec, err := a.st.Family(r.Context(), actor, r.PathValue("id"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	docs, err := a.st.Documents(r.Context(), actor, rec.ID)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	type item struct {
		Exhibit    string `json:"exhibit"`
		Text       string `json:"text"`
		Kind       string `json:"kind"`
		DocumentID string `json:"document_id"`
		Translate  bool   `json:"needs_translation"`
		Translated bool   `json:"translated"`
	}
	type relative struct {
		Member string `json:"member"`
		Have   int    `json:"have"`
		Total  int    `json:"total"`
		Items  []item `json:"items"`
	}
	out := []relative{}
	for _, c := range packet.Checklist(rec.Family, law.Assess(rec.Family, a.today()), UploadsOf(docs)) {
		rel := relative{Member: c.Member, Have: c.Have, Total: c.Total, Items: []item{}}
		for _, it := range c.Items {
			rel.Items = append(rel.Items, item{it.Exhibit, it.Text, string(it.Kind), it.UploadID, it.Translate, it.Translated})
		}
		out = append(out, rel)
	}
	writeJSON(w, http.StatusOK, map[string]any{"relatives": out})
}

// UploadsOf turns stored documents into the packet's uploads, without
// their files (enough for the checklist; the packet reads the files).
func UploadsOf(docs []store.Document) []packet.Upload {
	var out []packet.Upload
	for _, d := range docs {
		u := packet.Upload{ID: d.ID, Kind: d.Kind, Members: d.Members, Title: d.Title, Language: d.Language, ContentType: d.ContentType}
		for _, t := range d.Translations {
			u.Translations = append(u.Translations, packet.UploadTranslation{ContentType: t.ContentType})
		}
		out = append(out, u)
	}
	return out
}
