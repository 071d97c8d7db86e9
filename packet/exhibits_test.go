package packet

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
)

// itemsOf lists every line of a petition's exhibit index, documents and
// expected documents alike.
func itemsOf(ex []Exhibit) string {
	var b strings.Builder
	for _, x := range ex {
		b.WriteString(x.Letter + " " + x.Title + "\n")
		for _, it := range x.Items {
			b.WriteString("  " + it.Text + "\n")
		}
	}
	return b.String()
}

func exhibitFamily() *reunite.Family {
	return &reunite.Family{
		Principal: reunite.Principal{Name: reunite.Name{Given: "Carlos", Family: "Alvarez"}, Sex: reunite.Male, Status: reunite.Asylee},
		Members: []reunite.Member{
			{ID: "wife", Relationship: reunite.Spouse, Name: reunite.Name{Given: "Daniela", Family: "Rojas"}},
			{ID: "step", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Sofia", Family: "Rojas"},
				Child: &reunite.Child{Kind: reunite.Stepchild, ParentMember: "wife"}},
			{ID: "adopted", Relationship: reunite.ChildOf, Name: reunite.Name{Given: "Ana", Family: "Alvarez"},
				Child: &reunite.Child{Kind: reunite.Adopted}},
		},
		Filing: &reunite.FilingFacts{Evidence: []reunite.Document{
			{Member: "wife", Kind: "marriage_certificate", Title: "Marriage certificate, Caracas 2020"},
		}},
	}
}

// A stepchild's petition uses the marriage certificate recorded under the
// spouse who is the child's parent, and still asks for the birth
// certificate naming her.
func TestStepchildEvidenceFromLinkedSpouse(t *testing.T) {
	f := exhibitFamily()
	got := itemsOf(mustPlan(f, "step"))
	for _, want := range []string{"Marriage certificate, Caracas 2020", "birth certificate naming Daniela Rojas as parent",
		"earlier marriage ended"} {
		if !strings.Contains(got, want) {
			t.Errorf("stepchild's index lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Copy of the marriage certificate of the petitioner") {
		t.Errorf("the marriage certificate is asked for although the spouse's copy is listed:\n%s", got)
	}
}

// An adopted child's petition asks for the birth certificate and proof of
// two years' custody and residence, not only the decree.
func TestAdoptedEvidence(t *testing.T) {
	got := itemsOf(mustPlan(exhibitFamily(), "adopted"))
	for _, want := range []string{"Ana Alvarez's birth certificate", "adoption decree", "two years of legal custody"} {
		if !strings.Contains(got, want) {
			t.Errorf("adopted child's index lacks %q:\n%s", want, got)
		}
	}
}

// A spouse's tab lists what is still expected even when one document is
// listed: the marriage certificate does not stand for proof that an earlier
// marriage ended.
func TestSpouseEvidenceKeepsExpected(t *testing.T) {
	f := exhibitFamily()
	f.Members[0].PriorMarriages = []reunite.PriorMarriage{{Spouse: reunite.Name{Given: "Pedro", Family: "Gil"}}}
	got := itemsOf(mustPlan(f, "wife"))
	if !strings.Contains(got, "Marriage certificate, Caracas 2020") || !strings.Contains(got, "Proof that each earlier marriage of the petitioner and Daniela Rojas ended") {
		t.Errorf("spouse's index:\n%s", got)
	}
}

// Name-change evidence is asked for only when a name really differs, not
// for a spelling variant of the same name.
func TestNameChangeOnlyWhenNamesDiffer(t *testing.T) {
	f := exhibitFamily()
	f.Members[0].OtherNames = []reunite.Name{{Given: "Daniella", Family: "Rojas"}}
	if got := itemsOf(mustPlan(f, "wife")); strings.Contains(got, "name change") {
		t.Errorf("a spelling variant asks for name-change evidence:\n%s", got)
	}
	f.Members[0].OtherNames = []reunite.Name{{Given: "Daniela", Family: "Gil"}}
	if got := itemsOf(mustPlan(f, "wife")); !strings.Contains(got, "name change") {
		t.Errorf("a different family name asks for no name-change evidence:\n%s", got)
	}
}

// Every entry into the United States gets its I-94, newest first, also for
// a relative now abroad.
func TestEntryEvidenceNewestFirst(t *testing.T) {
	f := exhibitFamily()
	f.Members[0].Location = reunite.OutsideUS
	f.Members[0].Entries = []reunite.Entry{
		{Date: reunite.NewDate(2019, 3, 1), I94: "12345678901"},
		{Date: reunite.NewDate(2023, 7, 9), I94: "98765432109"},
	}
	got := itemsOf(mustPlan(f, "wife"))
	newer, older := strings.Index(got, "98765432109"), strings.Index(got, "12345678901")
	if newer < 0 || older < 0 || newer > older {
		t.Errorf("I-94s not listed newest first:\n%s", got)
	}
}

func mustPlan(f *reunite.Family, id string) []Exhibit {
	ex, _ := planExhibits(f, f.Member(id), false)
	return ex
}

// A G-28 is named in the cover letter's enclosures (first), in the
// signatures and the mailing order; a G-28 with Part 8 saying the
// representation ends with the form is a contradiction the checklist says.
func TestG28InEveryPacketFile(t *testing.T) {
	f := exhibitFamily()
	no := false
	f.Filing.Representative = &reunite.Representative{G28: true}
	f.Filing.Preparer = &reunite.Helper{Name: reunite.Name{Given: "Ines", Family: "Mora"}, Attorney: reunite.Bool(true), ExtendsBeyond: &no}
	a := law.Assess(f, reunite.NewDate(2026, 11, 23))
	b := &builder{fam: f, a: a, addrs: &FilingAddresses{Addresses: []Address{{Lines: []string{"USCIS", "Dallas"}}}},
		edition: &forms.Edition{Date: "01/20/25"}}
	m := f.Member("wife")
	cover := b.coverData(page{}, m, a.Petitions[0], nil, nil, false)
	if len(cover.Enclosures) == 0 || !strings.HasPrefix(cover.Enclosures[0], "Form G-28") {
		t.Errorf("cover letter enclosures do not start with the G-28: %q", cover.Enclosures)
	}
	check := b.checklist(page{}, m, a.Petitions[0], &forms.Prepared{}, &forms.Result{}, nil, nil, nil)
	all := strings.Join(check.Signatures, "\n") + "\n" + strings.Join(check.Mailing, "\n")
	if !strings.Contains(all, "sign Form G-28") || !strings.Contains(all, "Form G-28 on top") {
		t.Errorf("checklist does not say who signs the G-28 and where it goes:\n%s", all)
	}
	if !strings.Contains(strings.Join(check.Warnings, "\n"), "contradict") {
		t.Errorf("G-28 with a representation limited to this form is not flagged: %q", check.Warnings)
	}
	f.Filing.Representative = nil
	cover = b.coverData(page{}, m, a.Petitions[0], nil, nil, false)
	if strings.Contains(strings.Join(cover.Enclosures, "\n"), "G-28") {
		t.Errorf("no G-28 on file, but the cover letter encloses one: %q", cover.Enclosures)
	}
}

// One translator is one person: the address given on one document's
// translator is on every certification that translator signs.
func TestTranslatorReusedAcrossCertifications(t *testing.T) {
	amina := func(addr *reunite.Address) *reunite.Helper {
		return &reunite.Helper{Name: reunite.Name{Given: "Amina", Family: "Yusuf"}, Address: addr, Email: ""}
	}
	docs := []reunite.Document{
		{Member: "wife", Kind: "marriage_certificate", Language: "es", Translator: amina(&reunite.Address{Street: "5 Oak St", City: "Miami", State: "FL", Zip: "33125"})},
		{Member: "step", Kind: "birth_certificate", Language: "es", Translator: amina(nil)},
	}
	views := certViews([]Certification{{N: 1, Doc: &docs[1], Exhibit: "B", Language: "es"}}, docs)
	if len(views) != 1 || !strings.Contains(views[0].Address, "5 Oak St") {
		t.Errorf("certification of the second document: %+v, want the translator's address from the first", views)
	}
}
