package forms

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

// renderGray renders one page with pdftoppm at 72 dpi, so that one pixel is
// one point, and returns the grey levels row by row.
func renderGray(t *testing.T, pdf []byte, page int) (w, h int, px []byte) {
	t.Helper()
	bin := pdftest.Tool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	p := strconv.Itoa(page)
	out, err := exec.Command(bin, "-r", "72", "-gray", "-f", p, "-l", p, "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	// poppler repairs a broken cross-reference table silently except for
	// these messages; Adobe Reader would complain or refuse.
	if bytes.Contains(out, []byte("Error")) {
		t.Fatalf("pdftoppm reports problems in the filled form: %s", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "page.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	var maxv int
	r := bytes.NewReader(data)
	if _, err := fmt.Fscanf(r, "P5\n%d %d\n%d\n", &w, &h, &maxv); err != nil {
		t.Fatalf("pgm header: %v", err)
	}
	px = data[len(data)-w*h:]
	return w, h, px
}

// ink counts dark pixels inside a field rectangle (PDF points, origin at
// the bottom left), a little inside the border so the box itself is not
// counted.
func ink(w, h int, px []byte, r [4]float64) int {
	n := 0
	for y := int(float64(h)-r[3]) + 3; y < int(float64(h)-r[1])-2; y++ {
		for x := int(r[0]) + 3; x < int(r[2])-2; x++ {
			if x >= 0 && y >= 0 && x < w && y < h && px[y*w+x] < 128 {
				n++
			}
		}
	}
	return n
}

// TestRender draws filled pages with poppler and checks that text,
// checkmarks, combo boxes and the native-script overlay put ink where the
// values are, and that fields left blank stay blank.
func TestRender(t *testing.T) {
	fl := fillCase(t, "testdata/asylee-spouse-arabic.json")[0]
	e := fl.res.Edition
	pages := map[int][]byte{}
	for _, key := range []string{"p1.name.family", "p1.res.state", "start.status=asylee", "p1.anumber",
		"p2.native.name.family", "p2.native.street", "p2.native.city", "p2.where=outside",
		"p5.statement=english", "p1.sex=M"} {
		f := e.Map.ByKey(key)
		if f == nil {
			t.Fatalf("no field %s", key)
		}
		if pages[f.Page] == nil {
			w, h, px := renderGray(t, fl.res.PDF, f.Page)
			if w != 612 || h != 792 {
				t.Fatalf("page %d rendered %dx%d, want 612x792", f.Page, w, h)
			}
			pages[f.Page] = px
		}
		if n := ink(612, 792, pages[f.Page], f.Rect); n < 5 {
			t.Errorf("%s on page %d: %d dark pixels, the value is not drawn", key, f.Page, n)
		}
	}
	for _, key := range []string{"start.status=refugee", "p5.signature", "p7.name.family", "p1.sex=F", "p2.anumber"} {
		f := e.Map.ByKey(key)
		if pages[f.Page] == nil {
			_, _, pages[f.Page] = renderGray(t, fl.res.PDF, f.Page)
		}
		if n := ink(612, 792, pages[f.Page], f.Rect); n > 0 {
			t.Errorf("%s on page %d should be blank, has %d dark pixels", key, f.Page, n)
		}
	}
}

// TestRenderScripts draws item 22 in Burmese, Chinese, Cyrillic and Dari
// and checks every native value puts ink in its own box, and that the
// scripts whose extraction is stable come back as the same text (not
// .notdef boxes or reversed letters).
func TestRenderScripts(t *testing.T) {
	pdftotext := pdftest.Tool(t, "pdftotext", "poppler-utils")
	for _, fl := range fillCase(t, "testdata/scripts-burmese-chinese-cyrillic.json") {
		if len(fl.res.Native) == 0 {
			t.Errorf("%s: no native-script text drawn", fl.pet.Member.ID)
			continue
		}
		w, h, px := renderGray(t, fl.res.PDF, 5)
		for _, n := range fl.res.Native {
			if got := ink(w, h, px, n.Rect); got < 5 {
				t.Errorf("%s: %s %q left no ink (%d pixels)", fl.pet.Member.ID, n.Key, n.Text, got)
			}
		}
		dir := t.TempDir()
		in := filepath.Join(dir, "f.pdf")
		os.WriteFile(in, fl.res.PDF, 0o644)
		out, err := exec.Command(pdftotext, "-f", "5", "-l", "5", "-enc", "UTF-8", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range map[string][]string{"stepson": {"朝阳区建国路88号", "北京"}, "adopted": {"Петрова", "Анна"}, "son": {"کابل"}}[fl.pet.Member.ID] {
			if !bytes.Contains(out, []byte(want)) {
				t.Errorf("%s: page 5 text lacks %q", fl.pet.Member.ID, want)
			}
		}
	}
}
