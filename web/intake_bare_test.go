package web

import (
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/i18n"
)

// TestBareQuestionsAsWorded: a step's questions built without their words
// (bareQuestions) are the same questions, in the same order, bound to the
// same facts, with the same answers, as those built with them, for every
// step of every case file, staff or not, in every language; only the
// words are empty (the choices of yes/no questions and enumerated facts
// left out or unlabelled). The bare ones are taken from one scratch reset
// at each step, as answerStateIn does.
func TestBareQuestionsAsWorded(t *testing.T) {
	langs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	fams := caseFamilies(t)
	fams["sample"] = sampleFamily("Tesfaye", "Selam")
	unk := sampleFamily("Okonkwo", "Ada")
	unk.Principal.AsylumFiled, unk.Members[0].Marriage.Form, unk.Members[1].Child.BornInWedlock = reunite.Date{}, "", nil
	for _, r := range []reunite.FactRef{{Member: "principal", Fact: "asylum_filed"},
		{Member: "husband", Fact: "marriage.form"}, {Member: "daughter", Fact: "child.born_in_wedlock"}} {
		unk.SetUnknownAnswer(r, true)
	}
	fams["unknowns"] = unk
	compared := 0
	scratch := getScratch()
	defer scratch.release()
	for name, fam := range fams {
		for _, code := range i18n.Codes {
			if code != "en" && code != "ar" && name != "sample" && name != "unknowns" {
				continue
			}
			for _, staff := range []bool{false, true} {
				f := cloneFamily(fam)
				for _, st := range steps(f) {
					scratch.reset()
					bare, worded := bareQuestions(langs[code], f, st, staff, scratch), questionsFor(langs[code], f, st, staff)
					if len(bare) != len(worded) {
						t.Fatalf("%s, %s, staff %v, step %s: %d bare questions, %d worded", name, code, staff, st.ID, len(bare), len(worded))
					}
					for i := range bare {
						b, w := &bare[i], &worded[i]
						b.load(f)
						w.load(f)
						if b.Name != w.Name || b.Kind != w.Kind || b.Required != w.Required || b.Unknown != w.Unknown ||
							b.Ref != w.Ref || b.Value != w.Value || b.IsUnknown != w.IsUnknown || b.Year != w.Year ||
							b.answered() != w.answered() {
							t.Errorf("%s, %s, staff %v, step %s, question %d: bare %+v, worded %+v", name, code, staff, st.ID, i, *b, *w)
						}
						if b.Label != "" || b.Help != "" {
							t.Errorf("%s, step %s, %s: a bare question has words", name, st.ID, b.Name)
						}
						compared++
					}
				}
			}
		}
	}
	t.Logf("%d questions compared", compared)
}
