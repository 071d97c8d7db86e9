package forms

import (
	"errors"
	"reflect"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

// TestReadBackAsInspect: the packet's read-back (ReadBack, no validation
// pass) reads every fill of the case files, native-script stamps
// included, exactly as Inspect does with validation, and the file it
// returns parsed holds the form's pages.
func TestReadBackAsInspect(t *testing.T) {
	for _, path := range []string{"testdata/refugee-child-in-us-late.json", "testdata/asylee-spouse-arabic.json", "testdata/scripts-burmese-chinese-cyrillic.json"} {
		for _, fl := range fillCase(t, path) {
			want, err := Inspect(fl.res.PDF)
			if err != nil {
				t.Fatal(err)
			}
			got, ctx, err := ReadBack(fl.res.PDF)
			if err != nil {
				t.Fatalf("%s/%s: %v", path, fl.pet.Member.ID, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s: read back\n%+v\nInspect\n%+v", path, fl.pet.Member.ID, got, want)
			}
			if ctx.PageCount != 12 {
				t.Errorf("%s/%s: the parsed file has %d pages, want 12", path, fl.pet.Member.ID, ctx.PageCount)
			}
		}
	}
}

// TestReadBackReadsTheBytes: ReadBack reports what the bytes hold, not what
// the filler meant: the official blank reads back with its XFA, usage
// rights and encryption, and a cut file or another file is refused.
func TestReadBackReadsTheBytes(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	in, _, err := ReadBack(blank)
	if err != nil {
		t.Fatal(err)
	}
	if !in.XFA || !in.UsageRights || !in.Encrypted {
		t.Errorf("the official blank read back as XFA %v, usage rights %v, encrypted %v; want all true", in.XFA, in.UsageRights, in.Encrypted)
	}
	fl := fillCase(t, "testdata/refugee-child-in-us-late.json")[0]
	if _, _, err := ReadBack(fl.res.PDF[:len(fl.res.PDF)/2]); err == nil {
		t.Error("half a filled form was read back without an error")
	}
	if _, _, err := ReadBack([]byte("GIF89a not a form")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("a GIF: got %v, want ErrNotPDF", err)
	}
}
