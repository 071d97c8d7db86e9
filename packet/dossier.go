package packet

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/reunite/reunite"
	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/law"
)

// The dossier is one PDF per family for the legal team, not for mailing:
// a summary of the family and the assessment, a timeline of the days that
// matter, a table of contents with page numbers, then each relative's
// documents (the petitioner's first), each followed by its translations,
// in the order of the petition's exhibits. Its outline (bookmarks) has an
// entry per section, relative and document.

// dossierPart is one piece of the dossier: its PDF, the outline entry it
// starts, and where it lies once merged.
type dossierPart struct {
	pdf   []byte
	title string
	level int // 0 a section or relative, 1 a document
	pages int
	first int
}

type dossierDoc struct {
	Title, Kind, Language string
	Page                  int
	Translations          int
	SeeAlso               string // the relative under whom a shared document is filed
}

type dossierRelative struct {
	Name, Relationship, Verdict string
	Page                        int
	Have, Total                 int
	Missing                     []string
	Docs                        []dossierDoc
}

type timelineRow struct {
	Date  reunite.Date
	Label string
}

type dossierView struct {
	page
	Created             string
	Status, FileBy      string
	Late                bool
	Relatives           []dossierRelative
	Timeline            []timelineRow
	SummaryPage, TLPage int
}

// Dossier builds the legal team's PDF of a family.
func Dossier(ctx context.Context, f *reunite.Family, a *law.Assessment, uploads []Upload, p Printer, now time.Time) ([]byte, error) {
	v := dossierView{page: page{Lang: "en", Dir: "ltr", Title: "Dossier of " + f.Principal.Name.Full(), Petitioner: f.Principal.Name.Full(),
		ANumber: formatANumber(f.Principal.ANumber)}, Created: now.UTC().Format("January 2, 2006 15:04 UTC"),
		Status: statusWord(f.Principal.Status), Timeline: timelineOf(f, a)}
	if fb := a.Deadline.FileBy; fb != nil {
		v.FileBy = longDate(*fb)
	}
	v.Late = a.Deadline.Late != nil && *a.Deadline.Late

	// Who comes in which order, and under whom each document is filed: the
	// petitioner, then the relatives in the case file's order; a document
	// serving several is filed under the first.
	type who struct {
		id, name, rel, verdict string
	}
	people := []who{{"principal", f.Principal.Name.Full(), "petitioner", ""}}
	for i, m := range f.Members {
		verdict := ""
		if i < len(a.Petitions) {
			verdict = string(a.Petitions[i].Verdict)
		}
		people = append(people, who{m.ID, m.Name.Full(), relationshipText(&f.Members[i]), verdict})
	}
	filedUnder := map[string]string{}
	for _, u := range uploads {
		for _, pw := range people {
			if slices.Contains(u.Members, pw.id) {
				filedUnder[u.ID] = pw.id
				break
			}
		}
	}
	checklists := map[string]RelativeChecklist{}
	for _, c := range Checklist(f, a, uploads) {
		checklists[c.Member] = c
	}
	var parts []*dossierPart
	var docParts [][]*dossierPart // per relative: its section page, then its documents
	for _, pw := range people {
		rel := dossierRelative{Name: pw.name, Relationship: pw.rel, Verdict: pw.verdict}
		if c, ok := checklists[pw.id]; ok {
			rel.Have, rel.Total = c.Have, c.Total
			for _, it := range c.Items {
				if it.UploadID == "" {
					rel.Missing = append(rel.Missing, "Exhibit "+it.Exhibit+": "+it.Text)
				}
			}
		}
		var mine []*dossierPart
		for i := range uploads {
			u := &uploads[i]
			if !slices.Contains(u.Members, pw.id) {
				continue
			}
			d := dossierDoc{Title: uploadTitle(u), Kind: string(u.Kind), Language: u.Language, Translations: len(u.Translations)}
			if filedUnder[u.ID] != pw.id {
				d.SeeAlso = nameOf(f, filedUnder[u.ID])
				rel.Docs = append(rel.Docs, d)
				continue
			}
			pdfs := [][]byte{}
			body, err := uploadPDF(u.ContentType, u.Content)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.Title, err)
			}
			pdfs = append(pdfs, body)
			for _, tr := range u.Translations {
				it := Item{Doc: &reunite.Document{Kind: u.Kind, Title: u.Title, Language: u.Language}}
				t, err := translationPDF(ctx, p, v.page, "", it, tr)
				if err != nil {
					return nil, err
				}
				pdfs = append(pdfs, t)
			}
			merged, err := mergeOrOne(pdfs)
			if err != nil {
				return nil, err
			}
			mine = append(mine, &dossierPart{pdf: merged, title: d.Title, level: 1})
			rel.Docs = append(rel.Docs, d)
		}
		v.Relatives = append(v.Relatives, rel)
		docParts = append(docParts, mine)
	}

	// The front matter is printed twice: once to count its pages, then
	// with the page numbers that count gives.
	front := func() ([]*dossierPart, error) {
		var out []*dossierPart
		for _, s := range []struct{ tmpl, title string }{{"dossier-summary", "Summary"}, {"dossier-timeline", "Timeline"}, {"dossier-contents", "Contents"}} {
			pdf, err := render(ctx, p, s.tmpl, v)
			if err != nil {
				return nil, err
			}
			out = append(out, &dossierPart{pdf: pdf, title: s.title})
		}
		for i := range v.Relatives {
			pdf, err := render(ctx, p, "dossier-relative", struct {
				dossierView
				R dossierRelative
			}{v, v.Relatives[i]})
			if err != nil {
				return nil, err
			}
			out = append(out, &dossierPart{pdf: pdf, title: v.Relatives[i].Name + " (" + v.Relatives[i].Relationship + ")"})
		}
		return out, nil
	}
	for pass := 0; pass < 3; pass++ {
		heads, err := front()
		if err != nil {
			return nil, err
		}
		parts = append(parts[:0], heads[:3]...)
		for i := range v.Relatives {
			parts = append(parts, heads[3+i])
			parts = append(parts, docParts[i]...)
		}
		changed := false
		n := 1
		for _, pt := range parts {
			if pt.pages, err = pageCount(pt.pdf); err != nil {
				return nil, err
			}
			pt.first, n = n, n+pt.pages
		}
		// Write the numbers into the view; print again if any moved.
		set := func(dst *int, val int) {
			if *dst != val {
				*dst, changed = val, true
			}
		}
		set(&v.SummaryPage, parts[0].first)
		set(&v.TLPage, parts[1].first)
		k := 3
		for i := range v.Relatives {
			set(&v.Relatives[i].Page, parts[k].first)
			k++
			j := 0
			for di := range v.Relatives[i].Docs {
				if v.Relatives[i].Docs[di].SeeAlso != "" {
					continue
				}
				set(&v.Relatives[i].Docs[di].Page, docParts[i][j].first)
				j++
			}
			k += len(docParts[i])
		}
		if !changed {
			break
		}
	}
	var pdfs [][]byte
	for _, pt := range parts {
		pdfs = append(pdfs, pt.pdf)
	}
	merged, err := mergeOrOne(pdfs)
	if err != nil {
		return nil, err
	}
	return withOutline(merged, parts)
}

// withOutline adds the bookmarks: sections and relatives at the top,
// each relative's documents under them.
func withOutline(pdf []byte, parts []*dossierPart) ([]byte, error) {
	var bms []pdfcpu.Bookmark
	for _, pt := range parts {
		bm := pdfcpu.Bookmark{Title: pt.title, PageFrom: pt.first}
		if pt.level == 1 && len(bms) > 0 {
			last := &bms[len(bms)-1]
			last.Kids = append(last.Kids, bm)
			continue
		}
		bms = append(bms, bm)
	}
	var out bytes.Buffer
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if err := api.AddBookmarks(bytes.NewReader(pdf), &out, bms, true, conf); err != nil {
		return nil, fmt.Errorf("the dossier's outline: %w", err)
	}
	return out.Bytes(), nil
}

func mergeOrOne(pdfs [][]byte) ([]byte, error) {
	if len(pdfs) == 1 {
		return pdfs[0], nil
	}
	return docfile.MergePDF(pdfs)
}

func uploadTitle(u *Upload) string {
	if u.Title != "" {
		return u.Title
	}
	return docTitle(&reunite.Document{Kind: u.Kind})
}

func nameOf(f *reunite.Family, id string) string {
	if id == "principal" {
		return f.Principal.Name.Full()
	}
	if m := f.Member(id); m != nil {
		return m.Name.Full()
	}
	return id
}

// timelineOf lists the days that matter, oldest first: the application,
// the grant, each relative's key dates (marriages, ages that cut off), the
// filing deadline.
func timelineOf(f *reunite.Family, a *law.Assessment) []timelineRow {
	var rows []timelineRow
	seen := map[string]bool{}
	add := func(d reunite.Date, label string) {
		if d.IsZero() || seen[d.String()+label] {
			return
		}
		seen[d.String()+label] = true
		rows = append(rows, timelineRow{d, label})
	}
	p := f.Principal
	add(p.AsylumFiled, "Asylum application (Form I-589) received")
	add(p.RefugeeInterview, "Refugee interview")
	add(p.StatusDate, "Petitioner's "+statusWord(p.Status)+" status")
	for i, pe := range a.Petitions {
		name := pe.Member
		if i < len(f.Members) {
			name = f.Members[i].Name.Full()
		}
		for _, kd := range pe.KeyDates {
			if kd.Kind == "status" || kd.Kind == "file_by" {
				continue
			}
			add(kd.Date, name+": "+kd.Label.String())
		}
	}
	if fb := a.Deadline.FileBy; fb != nil {
		add(*fb, "Last day to file the petitions (two years after the grant or admission)")
	}
	slices.SortStableFunc(rows, func(x, y timelineRow) int { return x.Date.Compare(y.Date) })
	return rows
}
