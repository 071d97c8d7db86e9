package packet

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/law"
)

// Upload is a document the family or the office uploaded (a photo or a
// PDF, checked by package docfile), with what it proves and for whom, and
// its English translations. The packet puts it behind its exhibit's tab.
type Upload struct {
	ID       string
	Kind     reunite.EvidenceKind
	Members  []string // member ids, or "principal"
	Title    string
	Language string
	// ContentType is image/jpeg or application/pdf (docfile.Type).
	ContentType  string
	Content      []byte
	Translations []UploadTranslation
}

// UploadTranslation is an English translation of an upload: a file (JPEG
// or PDF) or typed text (text/plain), with the translator who certifies it.
type UploadTranslation struct {
	ContentType string
	Content     []byte
	Translator  *reunite.Helper
}

// translator is the translator of the upload's first translation.
func (u *Upload) translator() *reunite.Helper {
	for _, t := range u.Translations {
		if t.Translator != nil {
			return t.Translator
		}
	}
	return nil
}

// ChecklistItem is one line of a relative's documents checklist.
type ChecklistItem struct {
	Exhibit string // the tab's letter
	Tab     string // the tab's title
	Text    string
	Kind    reunite.EvidenceKind
	// UploadID is the uploaded document that answers the line, "" when
	// none does yet; Listed says the case file names a document for it.
	UploadID string
	Listed   bool
	// Translate says the document is not in English; Translated that a
	// translation is attached.
	Translate, Translated bool
}

// RelativeChecklist is what one relative's petition needs, and how many of
// those documents are uploaded ("6 of 9 documents").
type RelativeChecklist struct {
	Member      string
	Items       []ChecklistItem
	Have, Total int
}

// Checklist derives, for each relative a petition can be prepared for, the
// documents the petition needs (the exhibits of the packet: the same
// derivation, from the facts and the law engine's verdicts) and which of
// them are uploaded.
func Checklist(f *reunite.Family, a *law.Assessment, uploads []Upload) []RelativeChecklist {
	late := a.Deadline.Late != nil && *a.Deadline.Late
	var out []RelativeChecklist
	for i, p := range a.Petitions {
		if p.Verdict == law.Ineligible || i >= len(f.Members) {
			continue
		}
		m := &f.Members[i]
		ex, _ := planExhibits(f, m, late, uploads...)
		rc := RelativeChecklist{Member: m.ID}
		for _, x := range ex {
			for _, it := range x.Items {
				ci := ChecklistItem{Exhibit: x.Letter, Tab: x.Title, Text: it.Text, Kind: it.Kind, Listed: it.Doc != nil,
					Translate: it.Translation > 0}
				if it.Upload != nil {
					ci.UploadID, ci.Translated = it.Upload.ID, len(it.Upload.Translations) > 0
					rc.Have++
				}
				rc.Items = append(rc.Items, ci)
			}
		}
		rc.Total = len(rc.Items)
		out = append(out, rc)
	}
	return out
}

// uploadPDF is an upload's file as PDF pages: a photo becomes a page, a
// PDF is itself.
func uploadPDF(contentType string, content []byte) ([]byte, error) {
	switch {
	case strings.HasPrefix(contentType, string(docfile.PDF)):
		return content, nil
	case strings.HasPrefix(contentType, string(docfile.JPEG)):
		return docfile.JPEGPages([][]byte{content}), nil
	}
	return nil, fmt.Errorf("an uploaded document of type %q cannot be put in the packet (JPEG or PDF only)", contentType)
}

// pagesOf keeps pages from..thru (from 1) of a PDF.
func pagesOf(pdf []byte, from, thru int) ([]byte, error) {
	var out bytes.Buffer
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if err := api.Trim(bytes.NewReader(pdf), &out, []string{fmt.Sprintf("%d-%d", from, thru)}, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// pageCount counts a PDF's pages.
func pageCount(pdf []byte) (int, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return api.PageCount(bytes.NewReader(pdf), conf)
}

// Serves lists whom a document of a kind, uploaded for one member, proves
// something for: the member, and for a marriage certificate of the
// petitioner's marriage also the other side of that marriage: a spouse's
// serves each stepchild whose parent that spouse is, and a stepchild's
// serves the parent spouse and the parent's other children. The proof of
// the petitioner's status and the evidence for a late filing are the
// petitioner's, for every petition, whoever they were uploaded under.
// Other kinds serve the member alone.
func Serves(f *reunite.Family, kind reunite.EvidenceKind, member string) []string {
	if kind == "status_proof" || kind == "late_evidence" {
		return []string{"principal"}
	}
	out := []string{member}
	if kind != "marriage_certificate" {
		return out
	}
	spouse := member
	if m := f.Member(member); m != nil && m.Child != nil && m.Child.Kind == reunite.Stepchild && m.Child.ParentMember != "" {
		spouse = m.Child.ParentMember
	}
	if sp := f.Member(spouse); sp == nil || sp.Relationship != reunite.Spouse {
		return out
	}
	if spouse != member {
		out = append(out, spouse)
	}
	for _, c := range f.Members {
		if c.Child != nil && c.Child.Kind == reunite.Stepchild && c.Child.ParentMember == spouse && !contains(out, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}
