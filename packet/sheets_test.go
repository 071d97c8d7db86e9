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
// own (as before) and all of them in one print, and requires the two
// packets to match (see comparePackets).
func samePacket(t *testing.T, path string, uploads func(*testing.T) []Upload) {
	t.Helper()
	comparePackets(t, path, uploads,
		way{"one print per document", func(o *Options) { o.Printer = printer(t); o.PrintEach = true }},
		way{"one print", func(o *Options) { o.Printer = printer(t) }})
}

// way is one way of building a packet: its name in messages, and what it
// sets in the options.
type way struct {
	name string
	set  func(*Options)
}

// comparePackets builds a family's packet in two ways and requires every
// PDF of the two packets to match: the same files, page counts, text page
// by page (pdftotext) and pixels (pdftoppm). Any difference of page size,
// margin, header, page break, font or script shows in one of them.
func comparePackets(t *testing.T, path string, uploads func(*testing.T) []Upload, before, after way) {
	t.Helper()
	f, a := load(t, path)
	if Check(f, a, t.TempDir(), "") != nil {
		t.Skipf("%s: no packet is built", path)
	}
	var dirs [2]string
	var files [2]*Manifest
	for i, w := range []way{before, after} {
		opt := Options{Blank: blank(t), Now: fixedNow}
		w.set(&opt)
		if uploads != nil {
			opt.Uploads = uploads(t)
		}
		dirs[i] = filepath.Join(t.TempDir(), "packet")
		m, err := Build(context.Background(), f, a, dirs[i], opt)
		if err != nil {
			t.Fatalf("%s (%s): %v", path, w.name, err)
		}
		files[i] = m
	}
	old, now := files[0].Files, files[1].Files
	if len(old) != len(now) {
		t.Fatalf("%s: %d files by %s, %d by %s", path, len(old), before.name, len(now), after.name)
	}
	for i, fe := range old {
		if now[i].Path != fe.Path {
			t.Fatalf("%s: file %d is %s by %s, %s by %s", path, i, now[i].Path, after.name, fe.Path, before.name)
		}
		if !strings.HasSuffix(fe.Path, ".pdf") {
			continue
		}
		a := filepath.Join(dirs[0], fe.Path)
		b := filepath.Join(dirs[1], fe.Path)
		if pa, pb := pagesOfFile(t, a), pagesOfFile(t, b); pa != pb {
			t.Errorf("%s %s: %d pages by %s, %d by %s", path, fe.Path, pb, after.name, pa, before.name)
			continue
		}
		if ta, tb := textOfFile(t, a), textOfFile(t, b); ta != tb {
			t.Errorf("%s %s: the text differs:\n--- %s\n%s\n--- %s\n%s", path, fe.Path, before.name, ta, after.name, tb)
		}
		// The merged petition is made of the other files (compared
		// pixel by pixel); its pages and text show its order.
		if strings.HasSuffix(fe.Path, "petition-to-mail.pdf") {
			continue
		}
		if d := pixelsDiffer(t, a, b); d != "" {
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
