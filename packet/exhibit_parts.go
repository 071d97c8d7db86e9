package packet

import (
	"context"
	"fmt"
)

// hasUploads reports whether any exhibit holds an uploaded document.
func hasUploads(ex []Exhibit) bool {
	for _, x := range ex {
		for _, it := range x.Items {
			if it.Upload != nil {
				return true
			}
		}
	}
	return false
}

// exhibitParts lays out the evidence of the merged PDF when documents are
// uploaded: the index's table, then each exhibit's tab followed by its
// documents, each document followed by its English translations and the
// translator's certification. Certifications of documents not uploaded
// (named in the case file only) come after the last exhibit, as the
// checklist tells where to put them.
//
// idx is the rendered index: its table, then one tab page per exhibit.
func (b *builder) exhibitParts(id page, idx []byte, ex []Exhibit, certs []certView) ([][]byte, error) {
	n, err := pageCount(idx)
	if err != nil {
		return nil, fmt.Errorf("reading the exhibit index: %w", err)
	}
	table := n - len(ex)
	if table < 1 {
		return nil, fmt.Errorf("the exhibit index has %d pages for %d tabs", n, len(ex))
	}
	head, err := pagesOf(idx, 1, table)
	if err != nil {
		return nil, err
	}
	parts := [][]byte{head}
	inline := map[int]bool{}
	for k, x := range ex {
		tab, err := pagesOf(idx, table+k+1, table+k+1)
		if err != nil {
			return nil, err
		}
		parts = append(parts, tab)
		for _, it := range x.Items {
			if it.Upload == nil {
				continue
			}
			doc, err := uploadPDF(it.Upload.ContentType, it.Upload.Content)
			if err != nil {
				return nil, fmt.Errorf("exhibit %s, %s: %w", x.Letter, it.Text, err)
			}
			parts = append(parts, doc)
			for _, tr := range it.Upload.Translations {
				pdf, err := translationPDF(b.ctx, b.opt.Printer, id, x.Letter, it, tr)
				if err != nil {
					return nil, fmt.Errorf("exhibit %s, translation of %s: %w", x.Letter, it.Text, err)
				}
				parts = append(parts, pdf)
			}
			if c := it.Translation; c > 0 && c <= len(certs) {
				pdf, err := render(b.ctx, b.opt.Printer, "certs", struct {
					page
					Certs []certView
				}{id, certs[c-1 : c]})
				if err != nil {
					return nil, err
				}
				parts = append(parts, pdf)
				inline[c] = true
			}
		}
	}
	var rest []certView
	for _, c := range certs {
		if !inline[c.N] {
			rest = append(rest, c)
		}
	}
	if len(rest) > 0 {
		pdf, err := render(b.ctx, b.opt.Printer, "certs", struct {
			page
			Certs []certView
		}{id, rest})
		if err != nil {
			return nil, err
		}
		parts = append(parts, pdf)
	}
	return parts, nil
}

// translationPDF is a translation as PDF pages: an uploaded file as it is,
// typed text printed under a heading that names the document.
func translationPDF(ctx context.Context, p Printer, id page, letter string, it Item, tr UploadTranslation) ([]byte, error) {
	if tr.ContentType != "" && !isText(tr.ContentType) {
		return uploadPDF(tr.ContentType, tr.Content)
	}
	return render(ctx, p, "translation", struct {
		page
		Exhibit, Document, Language, Text string
	}{id, letter, docTitle(it.Doc), it.Doc.Language, string(tr.Content)})
}

func isText(contentType string) bool {
	return len(contentType) >= 10 && contentType[:10] == "text/plain"
}
