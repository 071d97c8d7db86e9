package packet

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reunite/reunite/docfile"
)

// samePacket builds a family's packet twice, every document printed on its
// own (as before) and all of them in one print, and requires every PDF of
// the two packets to match: the same files, page counts, text page by page
// (pdftotext) and pixels (pdftoppm). Any difference of page size, margin,
// header, page break, font or script shows in one of them.
func samePacket(t *testing.T, path string, uploads func(*testing.T) []Upload) {
	t.Helper()
	f, a := load(t, path)
	if Check(f, a, t.TempDir(), "") != nil {
		t.Skipf("%s: no packet is built", path)
	}
	dirs := map[bool]string{}
	files := map[bool]*Manifest{}
	for _, each := range []bool{true, false} {
		opt := Options{Blank: blank(t), Printer: printer(t), Now: fixedNow, PrintEach: each}
		if uploads != nil {
			opt.Uploads = uploads(t)
		}
		dirs[each] = filepath.Join(t.TempDir(), "packet")
		m, err := Build(context.Background(), f, a, dirs[each], opt)
		if err != nil {
			t.Fatalf("%s (each %v): %v", path, each, err)
		}
		files[each] = m
	}
	before, after := files[true].Files, files[false].Files
	if len(before) != len(after) {
		t.Fatalf("%s: %d files printed one by one, %d in one print", path, len(before), len(after))
	}
	for i, fe := range before {
		if after[i].Path != fe.Path {
			t.Fatalf("%s: file %d is %s, was %s", path, i, after[i].Path, fe.Path)
		}
		if !strings.HasSuffix(fe.Path, ".pdf") {
			continue
		}
		old := filepath.Join(dirs[true], fe.Path)
		now := filepath.Join(dirs[false], fe.Path)
		if po, pn := pagesOfFile(t, old), pagesOfFile(t, now); po != pn {
			t.Errorf("%s %s: %d pages, was %d", path, fe.Path, pn, po)
			continue
		}
		if to, tn := textOfFile(t, old), textOfFile(t, now); to != tn {
			t.Errorf("%s %s: the text differs:\n--- one print per document\n%s\n--- one print\n%s", path, fe.Path, to, tn)
		}
		// The merged petition is made of the other files (compared
		// pixel by pixel); its pages and text show its order.
		if strings.HasSuffix(fe.Path, "petition-to-mail.pdf") {
			continue
		}
		if d := pixelsDiffer(t, old, now); d != "" {
			t.Errorf("%s %s: %s", path, fe.Path, d)
		}
	}
}

func pagesOfFile(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return pages(t, data)
}

func textOfFile(t *testing.T, path string) string {
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// pixelsDiffer renders both files' pages in gray at 100 dpi and names the
// first page whose pixels differ.
func pixelsDiffer(t *testing.T, a, b string) string {
	render := func(path string) []string {
		dir := t.TempDir()
		if out, err := exec.Command(tool(t, "pdftoppm"), "-r", "100", "-gray", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm %s: %v\n%s", path, err, out)
		}
		pgs, err := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
		if err != nil {
			t.Fatal(err)
		}
		return pgs
	}
	pa, pb := render(a), render(b)
	if len(pa) != len(pb) {
		return "rendered page counts differ"
	}
	for i := range pa {
		x, err := os.ReadFile(pa[i])
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(pb[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			n := 0
			for k := range min(len(x), len(y)) {
				if x[k] != y[k] {
					n++
				}
			}
			return "page " + filepath.Base(pa[i]) + " renders differently (" + strconv.Itoa(n) + " pixels)"
		}
	}
	return ""
}

// TestOnePrintAsBefore: the packet printed in one Chromium print is the
// packet printed document by document, for the family of six (Tigrinya
// native names drawn on the forms, five petitions), an Arabic family with
// uploads, typed translations and a right-to-left instruction sheet, a
// family with a Dari instruction sheet, and one with Burmese, Chinese and
// Cyrillic names.
func TestOnePrintAsBefore(t *testing.T) {
	t.Run("family-of-six", func(t *testing.T) { samePacket(t, "testdata/family-of-six.json", nil) })
	t.Run("arabic-uploads", func(t *testing.T) { samePacket(t, "../forms/testdata/asylee-spouse-arabic.json", testUploads) })
	t.Run("dari", func(t *testing.T) { samePacket(t, "../forms/testdata/refugee-child-in-us-late.json", nil) })
	t.Run("scripts", func(t *testing.T) { samePacket(t, "../forms/testdata/scripts-burmese-chinese-cyrillic.json", nil) })
}

// TestOnePrintAsBeforeAllCases compares the two ways on every case file of
// testdata/cases that gives a packet. It takes long (two builds per case),
// so it runs only when REUNITE_COMPARE_ALL is set.
func TestOnePrintAsBeforeAllCases(t *testing.T) {
	if os.Getenv("REUNITE_COMPARE_ALL") == "" {
		t.Skip("set REUNITE_COMPARE_ALL=1 to compare every case file's packet")
	}
	cases, err := filepath.Glob("../testdata/cases/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(filepath.Base(c), func(t *testing.T) { samePacket(t, c, nil) })
	}
}

// TestSplitRefusesAPrintWithoutStarts: a print whose documents cannot be
// found (no named destinations) is refused with a clear error instead of
// being cut at a guess.
func TestSplitRefusesAPrintWithoutStarts(t *testing.T) {
	_, _, err := splitAtSheets(docfile.JPEGPages([][]byte{grayJPEG(t), grayJPEG(t)}), []page{{Title: "a"}, {Title: "b"}})
	if err == nil || !strings.Contains(err.Error(), "no named destinations") {
		t.Fatalf("got %v, want a refusal naming the missing destinations", err)
	}
}
