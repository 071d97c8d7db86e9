package forms

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// TestUnaskedLeftBlankAndListed: a family whose intake never asked other
// names or earlier marriages (the case file has no such lists) gets those
// items blank on the written PDF, not "None", and each is on the list of
// answers to write by hand; an empty list (asked, none) is "None".
func TestUnaskedLeftBlankAndListed(t *testing.T) {
	fl := fillCase(t, "testdata/intake-skipped-names.json")[0]
	in, err := Inspect(fl.res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	blank := []string{"p1.other1.family", "p1.other1.given", "p1.other2.family", "p1.prior1.family", "p1.prior1.ended",
		"p1.prior2.family", "p1.prior2.city", "p2.other1.family", "p2.other2.given", "p2.prior1.family", "p2.prior2.ended"}
	for _, k := range blank {
		if got := in.Values[k]; got != "" {
			t.Errorf("%s reads %q from the PDF, want blank", k, got)
		}
	}
	listed := map[string]string{}
	for _, n := range fl.prep.Notes {
		if !n.Inferred {
			listed[n.Key] = n.Text
		}
	}
	for _, k := range []string{"p1.other1.family", "p1.prior1.family", "p2.other1.family", "p2.prior1.family"} {
		if !strings.Contains(listed[k], "never asked") {
			t.Errorf("%s is not listed to write by hand: notes %q", k, listed[k])
		}
	}

	// Asked, and there are none: "None", which USCIS asks for.
	f := fl.pet.Family
	f.Principal.OtherNames = []reunite.Name{}
	f.Principal.PriorMarriages = []reunite.PriorMarriage{}
	e, _ := Current()
	prep, err := BuildValues(e, fl.pet)
	if err != nil {
		t.Fatal(err)
	}
	if prep.Values["p1.other1.family"] != "None" || prep.Values["p1.prior1.family"] != "None" {
		t.Errorf("answered none: other names %q, prior marriages %q", prep.Values["p1.other1.family"], prep.Values["p1.prior1.family"])
	}
}
