package packet

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
)

type summaryRow struct {
	Name, Relationship, Verdict, Sequence, Folder string
}

// family plans the pages for the whole family: the summary and the
// instruction sheet in English and, when a catalog exists, in the family's
// language.
func (b *builder) family(m *Manifest, pl *plan) error {
	pr := &b.fam.Principal
	id := page{Lang: "en", Dir: "ltr", Title: "Family summary", Petitioner: pr.Name.Full(), ANumber: formatANumber(pr.ANumber)}
	var rows []summaryRow
	var notBuilt, names []string
	for _, r := range m.Relatives {
		mem := b.fam.Member(r.Member)
		seq := "none"
		if r.Sequence != nil {
			seq = *r.Sequence
		}
		folder := r.Folder
		if folder == "" {
			folder = "-"
			notBuilt = append(notBuilt, fmt.Sprintf("%s: %s", r.Name, r.Reason))
		} else {
			names = append(names, r.Name)
		}
		rows = append(rows, summaryRow{r.Name, relationshipText(mem), r.Verdict, seq, folder})
	}
	deadline := "The two-year filing deadline is unknown."
	if fb := b.a.Deadline.FileBy; fb != nil {
		deadline = fmt.Sprintf("USCIS must receive the petitions by %s.", longDate(*fb))
		if b.late() {
			deadline = fmt.Sprintf("The two-year period ended on %s: each petition explains the delay in Part 3.", longDate(*fb))
		}
	}
	warns := append([]string{}, m.Warnings...)
	var notices []noticeLine
	if b.opt.Notices != nil {
		notices = noticeLines(personName(pr.Name, "The petitioner"), b.opt.Notices.Petitioner)
		for _, r := range m.Relatives {
			notices = append(notices, noticeLines(r.Name, b.opt.Notices.Petitions[r.Member])...)
		}
	}
	pl.save("family-summary.pdf", pl.sheet("summary", struct {
		page
		Date, DeadlineText, AddressChecked, VerifyAt string
		Warnings, NotBuilt, To                       []string
		Rows                                         []summaryRow
		Notices                                      []noticeLine
	}{id, b.now.Format("January 2, 2006"), deadline, b.addrs.Checked, b.addrs.VerifyAt, warns, notBuilt, b.addrs.Addresses[0].Lines, rows, notices}))

	langs, warning, err := instructionLanguages(b.fam)
	if err != nil {
		return err
	}
	if warning != "" {
		m.Warnings = append(m.Warnings, warning)
	}
	helpers := b.fam.Filing != nil && (b.fam.Filing.Interpreter != nil || b.fam.Filing.Preparer != nil || len(b.fam.Filing.Evidence) > 0)
	for _, l := range langs {
		c, _, err := LoadCatalog(l)
		if err != nil {
			return err
		}
		fileBy := ""
		if fb := b.a.Deadline.FileBy; fb != nil {
			fileBy = forms.USDate(*fb)
		}
		pl.save("instructions-"+c.Lang+".pdf", pl.sheet("instructions", struct {
			page
			C       *Catalog
			Intro   template.HTML
			Late    bool
			FileBy  string
			InUS    []signer
			Helpers bool
			To      []string
		}{page{Lang: c.Lang, Dir: c.Dir, Title: c.T("title")}, c, c.H("intro", "names", c.List(names)),
			b.late(), fileBy, b.inUS14, helpers, b.addrs.Addresses[0].Lines}))
	}
	return nil
}

// signer is a relative who signs Part 6, with their sex for the grammar of
// the instruction sheet ("" when not known: the catalog's neutral form).
type signer struct{ Name, Sex string }

// instructionLanguages lists the languages of the family's instruction
// sheets: always English (the one a helper reads with them), and the
// family's own when Reunite has a catalog for it; otherwise a warning says
// that a translator is needed.
func instructionLanguages(fam *reunite.Family) (langs []string, warning string, err error) {
	langs = []string{"en"}
	f := fam.Filing
	if f == nil || f.Language == "" {
		return langs, "", nil
	}
	c, ok, err := LoadCatalog(f.Language)
	if err != nil {
		return nil, "", err
	}
	if !ok {
		return langs, fmt.Sprintf("No instruction sheet in %q yet (Reunite has %s): the family gets the English one; ask a translator to go through it with them.",
			f.Language, strings.Join(Languages(), ", ")), nil
	}
	if c.Lang != "en" {
		langs = append(langs, c.Lang)
	}
	return langs, "", nil
}
