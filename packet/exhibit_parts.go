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
// idx is the index's sheet: its table, then one tab page per exhibit.
func (b *builder) exhibitParts(pl *plan, id page, idx *sheet, ex []Exhibit, certs []certView) ([]mailPart, error) {
	// The table's length is known once the index is printed.
	table := func(n int) (int, error) {
		if n-len(ex) < 1 {
			return 0, fmt.Errorf("the exhibit index has %d pages for %d tabs", n, len(ex))
		}
		return n - len(ex), nil
	}
	parts := []mailPart{{sheet: idx, pick: func(n int) (int, int, error) {
		t, err := table(n)
		return 1, t, err
	}}}
	inline := map[int]bool{}
	for k, x := range ex {
		parts = append(parts, mailPart{sheet: idx, pick: func(n int) (int, int, error) {
			t, err := table(n)
			return t + k + 1, t + k + 1, err
		}})
		for _, it := range x.Items {
			if it.Upload == nil {
				continue
			}
			doc, err := uploadPDF(it.Upload.ContentType, it.Upload.Content)
			if err != nil {
				return nil, fmt.Errorf("exhibit %s, %s: %w", x.Letter, it.Text, err)
			}
			parts = append(parts, mailPart{pdf: doc})
			for _, tr := range it.Upload.Translations {
				pt, err := translationPart(pl, id, x.Letter, it, tr)
				if err != nil {
					return nil, fmt.Errorf("exhibit %s, translation of %s: %w", x.Letter, it.Text, err)
				}
				parts = append(parts, pt)
			}
			if c := it.Translation; c > 0 && c <= len(certs) {
				parts = append(parts, mailPart{sheet: pl.sheet("certs", struct {
					page
					Certs []certView
				}{id, certs[c-1 : c]})})
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
		parts = append(parts, mailPart{sheet: pl.sheet("certs", struct {
			page
			Certs []certView
		}{id, rest})})
	}
	return parts, nil
}

// translationPart is a translation as PDF pages: an uploaded file as it is,
// typed text printed under a heading that names the document.
func translationPart(pl *plan, id page, letter string, it Item, tr UploadTranslation) (mailPart, error) {
	if tr.ContentType != "" && !isText(tr.ContentType) {
		pdf, err := uploadPDF(tr.ContentType, tr.Content)
		return mailPart{pdf: pdf}, err
	}
	return mailPart{sheet: pl.sheet("translation", typedTranslation(id, letter, it, tr))}, nil
}

// translationPDF is translationPart printed at once (the dossier's way).
func translationPDF(ctx context.Context, p Printer, id page, letter string, it Item, tr UploadTranslation) ([]byte, error) {
	if tr.ContentType != "" && !isText(tr.ContentType) {
		return uploadPDF(tr.ContentType, tr.Content)
	}
	return render(ctx, p, "translation", typedTranslation(id, letter, it, tr))
}

type typedTranslationView struct {
	page
	Exhibit, Document, Language, Text string
}

func typedTranslation(id page, letter string, it Item, tr UploadTranslation) typedTranslationView {
	return typedTranslationView{id, letter, docTitle(it.Doc), it.Doc.Language, string(tr.Content)}
}

func isText(contentType string) bool {
	return len(contentType) >= 10 && contentType[:10] == "text/plain"
}
