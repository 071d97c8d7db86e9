package forms

import (
	"bytes"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/reunite/reunite/internal/pdftest"
)

// TestNativeStampIsAppended: a form with native-script text is the plain
// blank with the fill's update appended, stamp included (the blank's bytes
// untouched), and the stamp reads back as pdfcpu's watermark drew it: the
// page's contents wrapped in q ... Q and then a form XObject in the
// optional content group the catalog declares, validated by pdfcpu.
func TestNativeStampIsAppended(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	b, err := cachedBase(blank)
	if err != nil {
		t.Fatal(err)
	}
	fl := fillCase(t, "testdata/asylee-spouse-arabic.json")[0]
	if len(fl.res.Native) == 0 {
		t.Fatal("no native-script text in the Arabic case")
	}
	if !bytes.HasPrefix(fl.res.PDF, b.pdf) {
		t.Fatal("the stamped form does not start with the plain blank")
	}
	ctx, err := openPDF(fl.res.PDF) // validated
	if err != nil {
		t.Fatal(err)
	}
	root, _ := ctx.Catalog()
	ocp, _ := ctx.DereferenceDict(root["OCProperties"])
	ocgs, _ := ctx.DereferenceArray(ocp["OCGs"])
	if len(ocgs) != 1 {
		t.Fatalf("the catalog declares %d optional content groups, want 1", len(ocgs))
	}
	page := fl.res.Native[0].Page
	pd, _, _, err := ctx.PageDict(page, false)
	if err != nil {
		t.Fatal(err)
	}
	contents, _ := ctx.DereferenceArray(pd["Contents"])
	if len(contents) < 3 {
		t.Fatalf("page %d has %d content streams, want the page's wrapped and the stamp's", page, len(contents))
	}
	first, _, _ := ctx.DereferenceStreamDict(contents[0])
	last, _, _ := ctx.DereferenceStreamDict(contents[len(contents)-1])
	first.Decode()
	last.Decode()
	if string(first.Content) != " q " || !bytes.Contains(last.Content, []byte(" Q  /Artifact")) || !bytes.Contains(last.Content, []byte(" Do Q EMC")) {
		t.Errorf("page %d contents: first %q, last %q", page, first.Content, last.Content)
	}
	res, _ := ctx.DereferenceDict(pd["Resources"])
	xobjs, _ := ctx.DereferenceDict(res["XObject"])
	form, _, err := ctx.DereferenceStreamDict(xobjs["Fm0"])
	if err != nil || form == nil {
		t.Fatalf("page %d has no form XObject Fm0: %v", page, err)
	}
	if oc, ok := form.Dict["OC"].(types.IndirectRef); !ok || oc != ocgs[0] {
		t.Errorf("the stamp's optional content group is %v, the catalog's %v", form.Dict["OC"], ocgs[0])
	}
	fres, _ := ctx.DereferenceDict(form.Dict["Resources"])
	if fonts, _ := ctx.DereferenceDict(fres["Font"]); len(fonts) == 0 {
		t.Error("the stamp carries no fonts")
	}
	if page != 1 {
		if other, _, _, _ := ctx.PageDict(1, false); other == nil {
			t.Error("no page 1")
		} else if _, ok := other["Contents"].(types.IndirectRef); !ok {
			t.Error("page 1, which has no native-script text, was changed")
		}
	}
}
