package packet

import (
	"strings"

	"github.com/reunite/reunite"
)

// Exhibit is one tab of a petition's evidence.
type Exhibit struct {
	Letter string
	Title  string
	Items  []Item
}

// Item is one document behind a tab: either one the case file lists
// (Doc set) or one USCIS expects that nobody has listed yet.
type Item struct {
	Text string
	Doc  *reunite.Document
	// Translation is the number of the translator's certification page
	// for a document not in English, 0 if none is needed.
	Translation int
}

// Certification is a translator's certificate for one document.
type Certification struct {
	N        int
	Doc      *reunite.Document
	Exhibit  string
	Language string
}

// planExhibits lists the tabs for one relative's petition from the
// relationship and the documents the case file names. The expected
// documents follow USCIS's I-730 checklist (shared/design/domain/process.md
// section 2).
func planExhibits(f *reunite.Family, m *reunite.Member, late bool) ([]Exhibit, []Certification) {
	docs := []reunite.Document{}
	if f.Filing != nil {
		docs = f.Filing.Evidence
	}
	used := map[int]bool{}
	take := func(who []string, kinds ...string) []*reunite.Document {
		var out []*reunite.Document
		for i := range docs {
			d := &docs[i]
			if used[i] || !contains(who, d.Member) || !contains(kinds, string(d.Kind)) {
				continue
			}
			used[i] = true
			out = append(out, d)
		}
		return out
	}
	name := m.Name.Full()
	var ex []Exhibit
	add := func(title string, expected []string, found []*reunite.Document) {
		e := Exhibit{Title: title}
		for _, d := range found {
			e.Items = append(e.Items, Item{Text: docTitle(d), Doc: d})
		}
		if len(found) == 0 {
			for _, s := range expected {
				e.Items = append(e.Items, Item{Text: s})
			}
		}
		ex = append(ex, e)
	}
	me := []string{m.ID}
	both := []string{m.ID, "principal"}
	add("Proof of the petitioner's status as a principal "+statusWord(f.Principal.Status),
		[]string{"Copy of the petitioner's Form I-94 showing " + statusWord(f.Principal.Status) + " status, or the asylum office approval letter or immigration judge's order"},
		take([]string{"principal", m.ID}, "status_proof"))
	switch m.Relationship {
	case reunite.Spouse:
		add("Proof of the marriage",
			[]string{"Copy of the marriage certificate of the petitioner and " + name,
				"If either spouse was married before: proof that each prior marriage ended (divorce decree, death certificate or annulment)"},
			take(both, "marriage_certificate", "relationship", "prior_marriage_end"))
	default:
		exp := []string{"Copy of " + name + "'s birth certificate naming the petitioner as parent"}
		if m.Child != nil {
			switch m.Child.Kind {
			case reunite.Stepchild:
				exp = []string{"Copy of " + name + "'s birth certificate naming the child's parent",
					"Copy of the marriage certificate of the petitioner and the child's parent, showing the marriage before the child's 18th birthday",
					"Proof that any prior marriage of the petitioner or the child's parent ended"}
			case reunite.Adopted:
				exp = []string{"Certified copy of the adoption decree showing the adoption before " + name + "'s 16th birthday",
					"A statement of the dates and places the petitioner and " + name + " lived together (two years of legal custody and residence)"}
			default:
				if f.Principal.Sex == reunite.Male {
					exp = append(exp, "Copy of the parents' marriage certificate (or, for a child born out of wedlock, evidence of legitimation or of a bona fide parent-child relationship)")
				}
			}
		}
		add("Proof that "+name+" is the petitioner's child", exp, take(both, "birth_certificate", "relationship", "marriage_certificate", "adoption_decree"))
	}
	add("Photograph of "+name, []string{"One passport-style photo of " + name + " (name and A-Number, if any, in pencil on the back)"}, take(me, "photo"))
	if m.Location == reunite.InsideUS {
		add("Form I-94 of "+name, []string{"Copy of both sides of " + name + "'s Form I-94 arrival-departure record"}, take(me, "i94"))
	}
	if late {
		add("Evidence for the late filing (Part 3)", []string{"Evidence of the humanitarian reasons explained in Part 3 (letters, records, declarations)"}, take(both, "late_evidence"))
	}
	if len(m.OtherNames) > 0 || len(f.Principal.OtherNames) > 0 {
		add("Evidence of name changes", []string{"Documents showing each legal name change (marriage certificate, court order) for names that differ between documents"}, take(both, "name_change"))
	}
	// Whatever this relative's or the petitioner's documents no tab above
	// took (kind other, or a kind this petition does not ask for) is still
	// listed: a document the case file names is never silently left out.
	if rest := take(both, reunite.EvidenceKind("").Allowed()...); len(rest) > 0 {
		add("Other evidence", nil, rest)
	}
	var certs []Certification
	for i := range ex {
		ex[i].Letter = string(rune('A' + i))
		for j := range ex[i].Items {
			it := &ex[i].Items[j]
			if it.Doc != nil && needsTranslation(it.Doc.Language) {
				certs = append(certs, Certification{N: len(certs) + 1, Doc: it.Doc, Exhibit: ex[i].Letter, Language: it.Doc.Language})
				it.Translation = len(certs)
			}
		}
	}
	return ex, certs
}

func needsTranslation(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l != "" && l != "en" && l != "english"
}

func docTitle(d *reunite.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return strings.ReplaceAll(string(d.Kind), "_", " ")
}

func statusWord(s reunite.Status) string {
	if s.IsRefugee() {
		return "refugee"
	}
	return "asylee"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
