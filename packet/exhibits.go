package packet

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/editdist"
)

// Exhibit is one tab of a petition's evidence.
type Exhibit struct {
	Letter string
	Title  string
	Items  []Item
}

// Item is one document behind a tab: either one the case file lists or
// the family uploaded (Doc set), or one USCIS expects that nobody has
// listed yet.
type Item struct {
	Text string
	Doc  *reunite.Document
	// Upload is the uploaded file of the document, nil when the case file
	// only names it.
	Upload *Upload
	// Kind is the evidence kind that would satisfy an expected document
	// (the first the tab accepts), or the document's own.
	Kind reunite.EvidenceKind
	// Translation is the number of the translator's certification page
	// for a document not in English, 0 if none is needed.
	Translation int
}

// Certification is a translator's certificate for one document.
type Certification struct {
	N        int
	Doc      *reunite.Document
	Upload   *Upload // the uploaded document it certifies the translation of, if any
	Exhibit  string
	Language string
}

// expected is a document USCIS expects behind a tab. It is listed until a
// document of one of its kinds is; an empty kinds list is always listed.
type expected struct {
	text  string
	kinds []string
}

// evDoc is one piece of evidence of the family: a document the case file
// lists, one the family uploaded, or both (an upload of the kind and for a
// relative the case file names completes that entry).
type evDoc struct {
	doc     *reunite.Document // as the index shows it
	members []string          // whom it serves
	up      *Upload
}

// evidenceList merges the case file's list of documents with the uploads.
// An upload takes the first entry of the case file of its kind, for one of
// its relatives, that no upload has taken; otherwise it is an entry of its
// own. A case file's entry keeps its title, language and translator; an
// upload brings what the entry lacks.
func evidenceList(f *reunite.Family, uploads []Upload) []evDoc {
	var out []evDoc
	if f.Filing != nil {
		for i := range f.Filing.Evidence {
			d := f.Filing.Evidence[i]
			out = append(out, evDoc{doc: &d, members: []string{d.Member}})
		}
	}
	for i := range uploads {
		u := &uploads[i]
		members := u.Members
		if len(members) == 0 {
			members = []string{"principal"}
		}
		j := slices.IndexFunc(out, func(e evDoc) bool {
			return e.up == nil && e.doc.Kind == u.Kind && slices.Contains(members, e.doc.Member)
		})
		if j < 0 {
			out = append(out, evDoc{doc: &reunite.Document{Member: members[0], Kind: u.Kind}, members: members})
			j = len(out) - 1
		}
		e := &out[j]
		e.up = u
		e.doc.Title = cmp.Or(e.doc.Title, u.Title)
		e.doc.Language = cmp.Or(e.doc.Language, u.Language)
		if e.doc.Translator == nil {
			e.doc.Translator = u.translator()
		}
	}
	return out
}

// planExhibits lists the tabs for one relative's petition from the
// relationship and the documents the case file names or the family
// uploaded. The expected documents follow USCIS's I-730 checklist
// (shared/design/domain/process.md section 2); each one no document
// answers yet is printed under its tab, also when other documents are
// listed there.
func planExhibits(f *reunite.Family, m *reunite.Member, late bool, uploads ...Upload) ([]Exhibit, []Certification) {
	docs := evidenceList(f, uploads)
	used := map[int]bool{}
	take := func(who []string, kinds ...string) []*evDoc {
		var out []*evDoc
		for i := range docs {
			d := &docs[i]
			if used[i] || !slices.ContainsFunc(d.members, func(s string) bool { return contains(who, s) }) || !contains(kinds, string(d.doc.Kind)) {
				continue
			}
			used[i] = true
			out = append(out, d)
		}
		return out
	}
	name := m.Name.Full()
	var ex []Exhibit
	add := func(title string, want []expected, who []string, kinds ...string) {
		found := take(who, kinds...)
		e := Exhibit{Title: title}
		for _, d := range found {
			e.Items = append(e.Items, Item{Text: docTitle(d.doc), Doc: d.doc, Upload: d.up, Kind: d.doc.Kind})
		}
		for _, w := range want {
			if !slices.ContainsFunc(found, func(d *evDoc) bool { return contains(w.kinds, string(d.doc.Kind)) }) {
				it := Item{Text: w.text}
				if len(w.kinds) > 0 {
					it.Kind = reunite.EvidenceKind(w.kinds[0])
				}
				e.Items = append(e.Items, it)
			}
		}
		if len(e.Items) > 0 {
			ex = append(ex, e)
		}
	}
	me := []string{m.ID}
	both := []string{m.ID, "principal"}
	add("Proof of the petitioner's status as a principal "+statusWord(f.Principal.Status),
		[]expected{{"Copy of the petitioner's Form I-94 showing " + statusWord(f.Principal.Status) + " status, or the asylum office approval letter or immigration judge's order", []string{"status_proof"}}},
		both, "status_proof")
	switch m.Relationship {
	case reunite.Spouse:
		want := []expected{{"Copy of the marriage certificate of the petitioner and " + name, []string{"marriage_certificate"}}}
		want = append(want, priorMarriagesEnded(&f.Principal, m, "the petitioner", name))
		add("Proof of the marriage", want, both, "marriage_certificate", "relationship", "prior_marriage_end")
	default:
		want, who := childEvidence(f, m, name)
		add("Proof that "+name+" is the petitioner's child", want, who,
			"birth_certificate", "relationship", "marriage_certificate", "prior_marriage_end", "adoption_decree")
	}
	add("Photograph of "+name, []expected{{"One passport-style photo of " + name + " (name and A-Number, if any, in pencil on the back)", []string{"photo"}}}, me, "photo")
	if m.Location == reunite.InsideUS || len(m.Entries) > 0 {
		add("Form I-94 of "+name, entryEvidence(m, name), me, "i94")
	}
	if late {
		add("Evidence for the late filing (Part 3)", []expected{{"Evidence of the humanitarian reasons explained in Part 3 (letters, records, declarations)", []string{"late_evidence"}}}, both, "late_evidence")
	}
	if namesDiffer(m.Name, m.OtherNames) || namesDiffer(f.Principal.Name, f.Principal.OtherNames) {
		add("Evidence of name changes", []expected{{"Documents showing each legal name change (marriage certificate, court order) for names that differ between documents", []string{"name_change"}}}, both, "name_change")
	}
	// Whatever this relative's or the petitioner's documents no tab above
	// took (kind other, or a kind this petition does not ask for) is still
	// listed: a document the case file names is never silently left out.
	add("Other evidence", nil, both, reunite.EvidenceKind("").Allowed()...)
	var certs []Certification
	for i := range ex {
		ex[i].Letter = string(rune('A' + i))
		for j := range ex[i].Items {
			it := &ex[i].Items[j]
			if it.Doc != nil && needsTranslation(it.Doc.Language) {
				certs = append(certs, Certification{N: len(certs) + 1, Doc: it.Doc, Upload: it.Upload, Exhibit: ex[i].Letter, Language: it.Doc.Language})
				it.Translation = len(certs)
			}
		}
	}
	return ex, certs
}

// childEvidence is what proves a child's relationship, by kind of child,
// and whose documents count: a stepchild's parent's marriage certificate is
// often recorded under the spouse who is the child's parent.
func childEvidence(f *reunite.Family, m *reunite.Member, name string) ([]expected, []string) {
	who := []string{m.ID, "principal"}
	birth := expected{"Copy of " + name + "'s birth certificate naming the petitioner as parent", []string{"birth_certificate"}}
	if m.Child == nil {
		return []expected{birth}, who
	}
	switch m.Child.Kind {
	case reunite.Stepchild:
		parent := "the child's parent"
		var sp *reunite.Member
		if id := m.Child.ParentMember; id != "" {
			if sp = f.Member(id); sp != nil {
				who = append(who, sp.ID)
				parent = sp.Name.Full()
			}
		}
		want := []expected{
			{"Copy of " + name + "'s birth certificate naming " + parent + " as parent", []string{"birth_certificate"}},
			{"Copy of the marriage certificate of the petitioner and " + parent + ", showing the marriage before " + name + "'s 18th birthday", []string{"marriage_certificate"}},
		}
		if sp != nil {
			want = append(want, priorMarriagesEnded(&f.Principal, sp, "the petitioner", parent))
		} else {
			want = append(want, expected{"If the petitioner or the child's parent was married before: proof that each prior marriage ended", []string{"prior_marriage_end"}})
		}
		return want, who
	case reunite.Adopted:
		return []expected{
			{"Copy of " + name + "'s birth certificate", []string{"birth_certificate"}},
			{"Certified copy of the adoption decree showing the adoption before " + name + "'s 16th birthday", []string{"adoption_decree"}},
			{"Proof of two years of legal custody and of living together (school, medical or tenancy records, a statement of the dates and places the petitioner and " + name + " lived together)", []string{"relationship"}},
		}, who
	}
	want := []expected{birth}
	if f.Principal.Sex == reunite.Male {
		want = append(want, expected{"Copy of the parents' marriage certificate (or, for a child born out of wedlock, evidence of legitimation or of a bona fide parent-child relationship)", []string{"marriage_certificate", "relationship"}})
	}
	return want, who
}

// priorMarriagesEnded asks for proof that earlier marriages ended: plainly
// when the case file records one for either person, as a condition when it
// records none (prior marriages are optional facts, so none recorded may
// mean none asked).
func priorMarriagesEnded(p *reunite.Principal, m *reunite.Member, first, second string) expected {
	kinds := []string{"prior_marriage_end"}
	if len(p.PriorMarriages) > 0 || len(m.PriorMarriages) > 0 {
		return expected{"Proof that each earlier marriage of " + first + " and " + second + " ended (divorce decree, death certificate or annulment)", kinds}
	}
	return expected{"If " + first + " or " + second + " was married before: proof that each earlier marriage ended (divorce decree, death certificate or annulment)", kinds}
}

// entryEvidence asks for the I-94 of each entry into the United States the
// case file records, newest first, or of the one entry it implies; until
// the case file lists an I-94 document.
func entryEvidence(m *reunite.Member, name string) []expected {
	var out []expected
	for _, e := range m.EntriesNewestFirst() {
		text := "Copy of both sides of " + name + "'s Form I-94"
		if e.I94 != "" {
			text += " number " + e.I94
		}
		if !e.Date.IsZero() {
			text += " (entry of " + longDate(e.Date) + ")"
		}
		out = append(out, expected{text, []string{"i94"}})
	}
	if len(out) == 0 {
		out = []expected{{"Copy of both sides of " + name + "'s Form I-94 arrival-departure record", []string{"i94"}}}
	}
	return out
}

// namesDiffer reports whether any other name differs from the name by more
// than a spelling variant. Transliterations of one name (Tesfay and
// Tesfaye, Mohammad and Muhammad) need no name-change evidence; a different
// family name or given name does.
func namesDiffer(n reunite.Name, others []reunite.Name) bool {
	for _, o := range others {
		if !sameSpelling(n.Family, o.Family) || !sameSpelling(n.Given, o.Given) {
			return true
		}
	}
	return false
}

// sameSpelling: equal, one unknown, or at most two letters apart once case,
// accents and punctuation are set aside, for names of four letters or more.
func sameSpelling(a, b string) bool {
	a, b = letters(a), letters(b)
	if a == "" || b == "" || a == b {
		return true
	}
	return min(len([]rune(a)), len([]rune(b))) >= 4 && editdist.Distance(a, b) <= 2
}

func letters(s string) string {
	var out []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return string(out)
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
