package packet

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/forms"
)

// TestMergeAsMergeRaw: the packet's merge, which reuses the filled form's
// read-back parse, makes the petition docfile.MergePDF (pdfcpu's MergeRaw)
// made: the same pages, text and pixels, for forms with native-script text
// stamped (the family of six's Tigrinya) and without (a Latin-only family).
func TestMergeAsMergeRaw(t *testing.T) {
	p := printer(t)
	sheet, err := p.PrintHTML(context.Background(), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cover</title></head><body><h1>Cover letter</h1><p>Enclosed: Form I-730.</p></body></html>`, 8.5, 11)
	if err != nil {
		t.Fatal(err)
	}
	e, err := forms.Current()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"testdata/family-of-six.json", "../testdata/cases/100-deadline-filed-on-last-day.json"} {
		f, a := load(t, path)
		pet := a.Petitions[0]
		prep, err := forms.BuildValues(e, forms.Petition{Family: f, Member: &f.Members[0], Sequence: *pet.Sequence,
			Late: a.Deadline.Late != nil && *a.Deadline.Late, On: a.FilingDate})
		if err != nil {
			t.Fatal(err)
		}
		res, err := forms.Fill(context.Background(), blank(t), prep.Values, p)
		if err != nil {
			t.Fatal(err)
		}
		_, parsed, err := forms.ReadBack(res.PDF)
		if err != nil {
			t.Fatal(err)
		}
		before, err := docfile.MergePDF([][]byte{sheet, res.PDF, sheet})
		if err != nil {
			t.Fatal(err)
		}
		after, err := mergeParts([]mergeSource{{pdf: sheet}, {pdf: res.PDF, parsed: parsed}, {pdf: sheet}})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		dir := t.TempDir()
		old, now := filepath.Join(dir, "before.pdf"), filepath.Join(dir, "after.pdf")
		if err := os.WriteFile(old, before, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(now, after, 0o600); err != nil {
			t.Fatal(err)
		}
		if po, pn := pagesOfFile(t, old), pagesOfFile(t, now); po != pn || pn != 14 {
			t.Fatalf("%s: %d pages, MergePDF %d, want 14", path, pn, po)
		}
		if to, tn := textOfFile(t, old), textOfFile(t, now); to != tn {
			t.Errorf("%s: the text differs from MergePDF's", path)
		}
		if d := pixelsDiffer(t, old, now); d != "" {
			t.Errorf("%s: %s", path, d)
		}
		if len(res.Native) == 0 && path == "testdata/family-of-six.json" {
			t.Errorf("%s: no native-script text stamped: the test lost its stamped case", path)
		}
	}
}
