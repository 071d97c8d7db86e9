package packet

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
)

type coverView struct {
	page
	Date, Relationship, PronounRel, StatusWord, StatusEvent, BirthDate, Edition string
	FromLines, To, Others, Enclosures                                           []string
	Late                                                                        bool
	LateExhibit                                                                 string
}

func (b *builder) coverData(id page, m *reunite.Member, p law.Petition, ex []Exhibit, certs []Certification, addInfo bool) coverView {
	pr := &b.fam.Principal
	e := b.edition
	v := coverView{page: id, Date: b.now.Format("January 2, 2006"), Relationship: relationshipText(m),
		PronounRel: "the petitioner's " + relationshipText(m), StatusWord: statusWord(pr.Status),
		BirthDate: longBirthDate(m.BirthDate), Edition: e.Date, To: b.addrs.Addresses[0].Lines, Late: b.late()}
	v.StatusEvent = "grant of asylum"
	if pr.Status.IsRefugee() {
		v.StatusEvent = "admission as a refugee"
	}
	if a := pr.Address; a != nil {
		line := a.Street
		if a.Unit != "" {
			line += ", " + a.Unit
		}
		v.FromLines = []string{line, strings.TrimSpace(fmt.Sprintf("%s, %s %s", a.City, a.State, a.Zip))}
	}
	for i, q := range b.a.Petitions {
		if q.Sequence != nil && q.Member != m.ID {
			v.Others = append(v.Others, fmt.Sprintf("%s (%s)", b.fam.Members[i].Name.Full(), *q.Sequence))
		}
	}
	if b.g28() {
		v.Enclosures = append(v.Enclosures, "Form G-28, Notice of Entry of Appearance as Attorney or Accredited Representative, signed by the representative and the petitioner (on top)")
	}
	v.Enclosures = append(v.Enclosures, fmt.Sprintf("Form I-730, edition %s, 12 pages, signed by the petitioner", e.Date))
	if addInfo {
		v.Enclosures = append(v.Enclosures, "Additional information sheet continuing items of the form")
	}
	v.Enclosures = append(v.Enclosures, "Exhibit index")
	for _, x := range ex {
		v.Enclosures = append(v.Enclosures, fmt.Sprintf("Exhibit %s: %s", x.Letter, x.Title))
		if strings.HasPrefix(x.Title, "Evidence for the late") {
			v.LateExhibit = x.Letter
		}
	}
	if len(certs) > 0 {
		v.Enclosures = append(v.Enclosures, fmt.Sprintf("%d translator's certification(s) with the English translations", len(certs)))
	}
	return v
}

// g28 reports whether a representative files a Form G-28 with the
// petitions (the box on page 1 of the I-730 says so).
func (b *builder) g28() bool {
	f := b.fam.Filing
	return f != nil && f.Representative != nil && f.Representative.G28
}

// g28Conflict says what contradicts a G-28 in the case file: a G-28 means
// the representation goes beyond preparing the form, so Part 8 item 7.b
// must not say it does not.
func (b *builder) g28Conflict() string {
	f := b.fam.Filing
	if !b.g28() || f.Preparer == nil || f.Preparer.ExtendsBeyond == nil || *f.Preparer.ExtendsBeyond {
		return ""
	}
	return "A Form G-28 is attached (page 1), but Part 8 item 7.b says the preparer's representation does not extend beyond preparing this petition. These contradict each other: correct one before signing."
}

func longDate(d reunite.Date) string {
	if d.IsZero() {
		return "(date of birth unknown)"
	}
	return d.Time().Format("January 2, 2006")
}

// longBirthDate writes a birth date as it is known: "born in 2004" is never
// turned into a day.
func longBirthDate(b reunite.BirthDate) string {
	switch b.Precision() {
	case reunite.YearKnown:
		return strconv.Itoa(b.Year()) + " (day and month unknown)"
	case reunite.MonthKnown:
		return b.First().Time().Format("January 2006") + " (day unknown)"
	}
	day, _ := b.Day()
	return longDate(day)
}

type addInfoEntry struct {
	Page       int
	Part, Item string
	Text       string
}

// addInfoEntries lists what the form could not hold: text that overflowed
// its field (given whole) and items beyond the form's rows.
func addInfoEntries(res *forms.Result, prep *forms.Prepared) []addInfoEntry {
	var out []addInfoEntry
	for _, o := range append(append([]forms.Overflow{}, res.Overflow...), prep.Extra...) {
		out = append(out, addInfoEntry{Page: o.Page, Part: o.Part, Item: o.Item, Text: o.Text})
	}
	return out
}

type certView struct {
	N                                 int
	Exhibit, Language, Document       string
	Translator, Address, Phone, Email string
}

// certViews writes the translator's certifications. A translator named on
// several documents is one person: an address, phone or e-mail given on any
// of the family's documents is used on all of that translator's
// certifications.
func certViews(cs []Certification, all []reunite.Document) []certView {
	known := map[string]certView{}
	for _, d := range all {
		t := d.Translator
		if t == nil || t.Name.Full() == "" {
			continue
		}
		k := known[t.Name.Full()]
		k.Address = cmp.Or(k.Address, addressLine(t.Address))
		k.Phone, k.Email = cmp.Or(k.Phone, t.Phone), cmp.Or(k.Email, t.Email)
		known[t.Name.Full()] = k
	}
	var out []certView
	for _, c := range cs {
		v := certView{N: c.N, Exhibit: c.Exhibit, Language: c.Language, Document: docTitle(c.Doc)}
		if t := c.Doc.Translator; t != nil {
			k := known[t.Name.Full()]
			v.Translator = t.Name.Full()
			v.Address = cmp.Or(addressLine(t.Address), k.Address)
			v.Phone, v.Email = cmp.Or(t.Phone, k.Phone), cmp.Or(t.Email, k.Email)
		}
		out = append(out, v)
	}
	return out
}

func addressLine(a *reunite.Address) string {
	if a == nil {
		return ""
	}
	var parts []string
	for _, s := range []string{a.Street, a.Unit, a.City, strings.TrimSpace(a.State + " " + a.Zip), a.Province, a.Postal, a.Country} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

type checklistView struct {
	page
	Warnings, Signatures, Missing, Inferred, Evidence, Mailing []string
	Notices                                                    []noticeLine
}

func (b *builder) checklist(id page, m *reunite.Member, p law.Petition, prep *forms.Prepared, res *forms.Result, ex []Exhibit, certs []Certification, warns []string) checklistView {
	v := checklistView{page: id, Warnings: warns}
	if w := b.g28Conflict(); w != "" {
		v.Warnings = append(v.Warnings, w)
	}
	pr := &b.fam.Principal
	if b.g28() {
		v.Signatures = append(v.Signatures, "The attorney or accredited representative and the petitioner sign Form G-28 (Reunite does not prepare it: the representative completes it).")
	}
	v.Signatures = append(v.Signatures, fmt.Sprintf("%s signs page 8, Part 5, item 6.a, and dates item 6.b (a petition without it is rejected).", pr.Name.Full()))
	if prep.Part6 {
		v.Signatures = append(v.Signatures, fmt.Sprintf("%s (in the United States, 14 or older) signs page 9, Part 6, item 6.a, and dates 6.b.", m.Name.Full()))
	}
	if f := b.fam.Filing; f != nil {
		if f.Interpreter != nil {
			v.Signatures = append(v.Signatures, fmt.Sprintf("The interpreter, %s, signs page 10, Part 7, item 7.a, and dates 7.b.", f.Interpreter.Name.Full()))
		}
		if f.Preparer != nil {
			v.Signatures = append(v.Signatures, fmt.Sprintf("The preparer, %s, signs page 11, Part 8, item 8.a, and dates 8.b.", f.Preparer.Name.Full()))
		}
	}
	for _, c := range certs {
		who := "The translator"
		if c.Doc.Translator != nil && c.Doc.Translator.Name.Full() != "" {
			who = c.Doc.Translator.Name.Full()
		}
		v.Signatures = append(v.Signatures, fmt.Sprintf("%s signs translator's certification %d (%s, Exhibit %s).", who, c.N, docTitle(c.Doc), c.Exhibit))
	}
	v.Signatures = append(v.Signatures, "The petitioner signs the cover letter and, if present, the additional-information sheet.")
	ns := b.noticesFor(m.ID)
	if n := tied(ns, "signature"); n != nil {
		v.Signatures = append(v.Signatures, signatureRule(n))
	}
	if n := tied(ns, "social_media"); n != nil {
		v.Missing = append(v.Missing, socialMediaRule(n, []string{personName(m.Name, m.ID), personName(pr.Name, "the petitioner")},
			[][]reunite.SocialMediaAccount{m.SocialMedia, pr.SocialMedia}))
	}
	if n := tied(ns, "sex"); n != nil {
		v.Missing = append(v.Missing, sexRule(personName(m.Name, m.ID), n))
	}
	if b.opt.Notices != nil {
		if n := tied(b.opt.Notices.Petitioner, "sex"); n != nil {
			v.Missing = append(v.Missing, sexRule(personName(pr.Name, "The petitioner"), n))
		}
	}
	v.Notices = noticeLines(personName(m.Name, m.ID), ns)
	for _, n := range append(append([]forms.Note{}, prep.Notes...), res.Notes...) {
		where := "the form"
		if n.Page > 0 {
			where = fmt.Sprintf("page %d, Part %s", n.Page, n.Part)
			if n.Item != "" {
				where += ", item " + n.Item
			}
		}
		line := fmt.Sprintf("%s: %s", where, n.Text)
		if n.Inferred {
			v.Inferred = append(v.Inferred, line)
		} else {
			v.Missing = append(v.Missing, line)
		}
	}
	for _, o := range res.Overflow {
		box := fmt.Sprintf("the box says %q", o.Shown)
		if o.Shown == "" {
			box = "the box is left empty"
		} else if strings.Contains(o.Shown, "\n") {
			box = "the box shows what fits and says it continues"
		}
		v.Inferred = append(v.Inferred, fmt.Sprintf("page %d, Part %s, item %s: the answer is too long for the box; %s, and the additional-information sheet gives it whole.", o.Page, o.Part, o.Item, box))
	}
	for _, x := range ex {
		for _, it := range x.Items {
			s := fmt.Sprintf("Exhibit %s: %s", x.Letter, it.Text)
			switch {
			case it.Upload != nil:
				s += " (uploaded: printed behind tab " + x.Letter + " in petition-to-mail.pdf)"
			case it.Doc == nil:
				s += " (not yet listed in the case file: find it and add a copy)"
			}
			switch {
			case it.Translation > 0 && it.Upload != nil && len(it.Upload.Translations) > 0:
				s += fmt.Sprintf("; its English translation and certification %d follow it", it.Translation)
			case it.Translation > 0 && it.Upload != nil:
				s += fmt.Sprintf("; NO ENGLISH TRANSLATION IS ATTACHED YET: attach one before filing, with certification %d behind it", it.Translation)
			case it.Translation > 0:
				s += fmt.Sprintf("; attach the full English translation behind it with certification %d", it.Translation)
			}
			v.Evidence = append(v.Evidence, s)
		}
	}
	v.Evidence = append(v.Evidence, "Send copies, never originals; keep the originals for the interview.")
	to := strings.Join(b.addrs.Addresses[0].Lines, ", ")
	v.Mailing = []string{
		"Print petition-to-mail.pdf single-sided; put each exhibit's copies right after its tab page.",
	}
	if b.g28() {
		v.Mailing = append(v.Mailing, "Put the signed Form G-28 on top of each petition, before Form I-730.")
	}
	v.Mailing = append(v.Mailing,
		"Do not staple the form; use a paper clip or binder clip. Use black ink for every handwritten answer.",
		"Make a complete copy of everything and keep it.",
		"Mail all the family's petitions together, in one envelope, with tracking, to: "+to+". No fee.",
		fmt.Sprintf("Confirm the filing address at %s before mailing (checked %s).", b.addrs.VerifyAt, b.addrs.Checked),
	)
	if fb := b.a.Deadline.FileBy; fb != nil && !b.late() {
		v.Mailing = append(v.Mailing, fmt.Sprintf("USCIS must receive it by %s: mail it well before.", longDate(*fb)))
	}
	return v
}
