package packet

import (
	"fmt"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
)

// relative builds one relative's folder: the filled form, and plans the
// documents around it and the merged PDF to print and mail (written once
// the plan's sheets are printed). part6 reports whether the relative signs
// Part 6 (in the United States and 14 or older). The form's native-script
// text is drawn by native; filled is called once the form is filled.
func (b *builder) relative(i int, pl *plan, native forms.NativeRenderer, filled func()) (entry RelativeEntry, warns []string, part6 bool, err error) {
	p := b.a.Petitions[i]
	m := &b.fam.Members[i]
	seq := *p.Sequence
	k, _, _ := strings.Cut(seq, " of ")
	folder := fmt.Sprintf("%02s-%s", k, safeName(m.ID))
	entry = RelativeEntry{Member: m.ID, Name: m.Name.Full(), Verdict: string(p.Verdict), Sequence: p.Sequence, Folder: folder}

	if p.Verdict == law.NeedsReview {
		w := fmt.Sprintf("REVIEW NEEDED for %s (%s): a person must decide before this petition is filed. %s",
			m.Name.Full(), m.ID, messages(p.Findings, law.Review))
		warns = append(warns, w)
	}

	e := b.edition
	pet := forms.Petition{Family: b.fam, Member: m, Sequence: seq, Late: b.late(), On: b.a.FilingDate}
	prep, err := forms.BuildValues(e, pet)
	if err != nil {
		return entry, nil, false, err
	}
	res, err := forms.Fill(b.ctx, b.opt.Blank, prep.Values, native)
	filled()
	if err != nil {
		return entry, nil, false, err
	}
	// Verify the written file before anyone relies on it. The parsed file
	// is merged into the petition to mail (mergeParts): read once.
	in, parsed, err := forms.ReadBack(res.PDF)
	if err != nil {
		return entry, nil, false, fmt.Errorf("reading the filled form back: %w", err)
	}
	if in.XFA || in.UsageRights || in.Encrypted || len(in.NoAppearance) > 0 {
		return entry, nil, false, fmt.Errorf("the filled form failed its own check (XFA %v, usage rights %v, encrypted %v, no appearance %v)",
			in.XFA, in.UsageRights, in.Encrypted, in.NoAppearance)
	}

	id := b.ident(m, seq)
	exhibits, certs := planExhibits(b.fam, m, b.late(), b.opt.Uploads...)
	var mailOrder []mailPart

	cover := pl.sheet("cover", b.coverData(id, m, p, exhibits, certs, len(res.Overflow)+len(prep.Extra) > 0))
	pl.save(folder+"/cover-letter.pdf", cover)
	if err := b.write(folder+"/i-730.pdf", res.PDF); err != nil {
		return entry, nil, false, err
	}
	mailOrder = append(mailOrder, mailPart{sheet: cover}, mailPart{pdf: res.PDF, parsed: parsed})

	if entries := addInfoEntries(res, prep); len(entries) > 0 {
		add := pl.sheet("addinfo", struct {
			page
			Edition string
			Entries []addInfoEntry
		}{id, e.Date, entries})
		pl.save(folder+"/additional-information.pdf", add)
		mailOrder = append(mailOrder, mailPart{sheet: add})
	}

	idx := pl.sheet("index", struct {
		page
		Relationship string
		Exhibits     []Exhibit
	}{id, relationshipText(m), exhibits})
	pl.save(folder+"/exhibit-index.pdf", idx)
	var certViewsAll []certView
	if len(certs) > 0 {
		certViewsAll = certViews(certs, b.evidence())
		cs := pl.sheet("certs", struct {
			page
			Certs []certView
		}{id, certViewsAll})
		pl.save(folder+"/translator-certifications.pdf", cs)
		if !hasUploads(exhibits) {
			mailOrder = append(mailOrder, mailPart{sheet: idx}, mailPart{sheet: cs})
		}
	} else if !hasUploads(exhibits) {
		mailOrder = append(mailOrder, mailPart{sheet: idx})
	}
	if hasUploads(exhibits) {
		parts, err := b.exhibitParts(pl, id, idx, exhibits, certViewsAll)
		if err != nil {
			return entry, nil, false, err
		}
		mailOrder = append(mailOrder, parts...)
	}

	check := pl.sheet("checklist", b.checklist(id, m, p, prep, res, exhibits, certs, warns))
	pl.save(folder+"/checklist.pdf", check)
	pl.merge(folder+"/petition-to-mail.pdf", mailOrder)
	return entry, warns, prep.Part6, nil
}

func (b *builder) ident(m *reunite.Member, seq string) page {
	pr := &b.fam.Principal
	return page{Lang: "en", Dir: "ltr", Title: "Form I-730 for " + m.Name.Full(),
		Petitioner: pr.Name.Full(), ANumber: formatANumber(pr.ANumber), Beneficiary: m.Name.Full(), Sequence: seq}
}

// formatANumber writes an A-Number as USCIS prints it: A followed by nine
// digits.
func formatANumber(s string) string {
	if d := forms.ANumber(s); d != "" {
		return "A" + d
	}
	return ""
}

func relationshipText(m *reunite.Member) string {
	switch m.Relationship {
	case reunite.Spouse:
		return "spouse"
	case reunite.ChildOf:
		if m.Child != nil && m.Child.Kind == reunite.Stepchild {
			return "stepchild"
		}
		if m.Child != nil && m.Child.Kind == reunite.Adopted {
			return "adopted child"
		}
		return "child"
	}
	return string(m.Relationship)
}

func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	return b.String()
}

// evidence is every document the case file lists or the family uploaded.
func (b *builder) evidence() []reunite.Document {
	var out []reunite.Document
	for _, e := range evidenceList(b.fam, b.opt.Uploads) {
		out = append(out, *e.doc)
	}
	return out
}
