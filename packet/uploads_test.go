package packet

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/reunite/reunite"
)

// textPDF prints a one-page PDF holding text, standing for a scan.
func textPDF(t *testing.T, text string) []byte {
	t.Helper()
	pdf, err := printer(t).PrintHTML(context.Background(), "<!DOCTYPE html><html><body><h1>"+text+"</h1></body></html>", 8.5, 11)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func grayJPEG(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 300, 400))
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	img.Set(0, 0, color.Gray{})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testUploads(t *testing.T) []Upload {
	sara := &reunite.Helper{Name: reunite.Name{Family: "Khoury", Given: "Sara"}, Address: &reunite.Address{Street: "9 Translator Lane, Oakland, CA 94607"}, Email: "sara@example.org"}
	return []Upload{
		{ID: "d1", Kind: "status_proof", Members: []string{"principal"}, Title: "I-94 of the petitioner",
			ContentType: "application/pdf", Content: textPDF(t, "UPLOADED I94 OF THE PETITIONER")},
		{ID: "d2", Kind: "marriage_certificate", Members: []string{"wife", "principal"}, Title: "Marriage certificate", Language: "ar",
			ContentType: "application/pdf", Content: textPDF(t, "UPLOADED MARRIAGE CERTIFICATE"),
			Translations: []UploadTranslation{{ContentType: "text/plain; charset=utf-8", Content: []byte("TYPED TRANSLATION of the marriage certificate of Omar and Layla"), Translator: sara}}},
		{ID: "d3", Kind: "photo", Members: []string{"wife"}, ContentType: "image/jpeg", Content: grayJPEG(t)},
	}
}

// TestPacketWithUploads: each uploaded document is in the merged PDF
// behind its exhibit's tab, in the index's order, and a document's typed
// translation and its translator's certification come right behind it.
func TestPacketWithUploads(t *testing.T) {
	f, a := load(t, "../forms/testdata/asylee-spouse-arabic.json")
	out := filepath.Join(t.TempDir(), "packet")
	m, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: printer(t), Now: fixedNow, Uploads: testUploads(t)})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := os.ReadFile(filepath.Join(out, m.Relatives[0].Folder, "petition-to-mail.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, merged)
	order := []string{"Exhibit index", "EXHIBIT A", "UPLOADED I94 OF THE PETITIONER", "EXHIBIT B", "UPLOADED MARRIAGE CERTIFICATE",
		"TYPED TRANSLATION of the marriage", "Certification of translation", "Sara Khoury", "9 Translator Lane", "EXHIBIT C"}
	last := -1
	for _, s := range order {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("the merged PDF has no %q", s)
		}
		if i < last {
			t.Errorf("%q comes before what precedes it in %q", s, order)
		}
		last = i
	}
	if strings.Count(text, "Certification of translation") != 1 {
		t.Errorf("the certification is printed %d times", strings.Count(text, "Certification of translation"))
	}
	// The photo is the page right after the photograph's tab: an image,
	// no text.
	n := pages(t, merged)
	photoTab := 0
	for p := 1; p <= n; p++ {
		if strings.Contains(pdfTextPage(t, merged, p), "EXHIBIT C") {
			photoTab = p
		}
	}
	if photoTab == 0 || !strings.Contains(pdfTextPage(t, merged, photoTab), "Photograph") {
		t.Fatalf("exhibit C is not the photograph (page %d)", photoTab)
	}
	list, err := exec.Command(tool(t, "pdfimages"), "-f", strconv.Itoa(photoTab+1), "-l", strconv.Itoa(photoTab+1), "-list", tmpPDF(t, merged)).Output()
	if err != nil || !strings.Contains(string(list), " 300   400 ") {
		t.Errorf("the page after the photograph's tab holds no 300 x 400 image: %s %v", list, err)
	}
	// The checklist says where the uploaded documents are.
	check := pdfText(t, mustRead(t, filepath.Join(out, m.Relatives[0].Folder, "checklist.pdf")))
	if !strings.Contains(check, "printed behind tab B") || !strings.Contains(check, "English translation and certification 1 follow it") {
		t.Errorf("the checklist does not say where the uploads are:\n%s", check)
	}
}

// TestChecklist: the checklist of a relative counts the uploaded documents
// among those the petition needs, and a document serving two relatives
// (the marriage certificate) counts for the spouse.
func TestChecklist(t *testing.T) {
	f, a := load(t, "../forms/testdata/asylee-spouse-arabic.json")
	ups := []Upload{{ID: "m", Kind: "marriage_certificate", Members: []string{"wife", "principal"}, Language: "ar"}, {ID: "p", Kind: "photo", Members: []string{"wife"}}}
	cl := Checklist(f, a, ups)
	if len(cl) != 1 || cl[0].Member != "wife" {
		t.Fatalf("%+v", cl)
	}
	c := cl[0]
	if c.Have != 2 || c.Total != 4 { // status, marriage, earlier marriage ended, photo
		t.Errorf("%d of %d", c.Have, c.Total)
	}
	var marriage *ChecklistItem
	for i := range c.Items {
		if c.Items[i].UploadID == "m" {
			marriage = &c.Items[i]
		}
	}
	if marriage == nil || !marriage.Translate || marriage.Translated || marriage.Kind != "marriage_certificate" {
		t.Errorf("marriage line: %+v", marriage)
	}
	// Without uploads: nothing is had, the same lines are needed.
	if none := Checklist(f, a, nil); none[0].Have != 0 || none[0].Total != c.Total {
		t.Errorf("without uploads: %d of %d", none[0].Have, none[0].Total)
	}
}

// TestServes: a marriage certificate uploaded for the spouse serves the
// stepchild of that marriage, and one uploaded for the stepchild serves
// the spouse; a birth certificate serves its relative alone.
func TestServes(t *testing.T) {
	f, _ := load(t, "testdata/family-of-six.json")
	spouse, step := "wife", "stepdaughter"
	f.Member(step).Child.ParentMember = spouse
	if got := Serves(f, "marriage_certificate", spouse); !slices.Equal(got, []string{spouse, step}) {
		t.Errorf("spouse's marriage certificate serves %v", got)
	}
	if got := Serves(f, "marriage_certificate", step); !slices.Equal(got, []string{step, spouse}) {
		t.Errorf("stepchild's marriage certificate serves %v", got)
	}
	if got := Serves(f, "birth_certificate", step); !slices.Equal(got, []string{step}) {
		t.Errorf("birth certificate serves %v", got)
	}
	if got := Serves(f, "status_proof", step); !slices.Equal(got, []string{"principal"}) {
		t.Errorf("the petitioner's status proof serves %v", got)
	}
}

// TestDossier: the family's dossier has its summary, timeline and
// contents, each relative's documents (a shared marriage certificate once)
// with their translations, page numbers that match the pages, and an
// outline with an entry per relative and document.
func TestDossier(t *testing.T) {
	f, a := load(t, "../forms/testdata/asylee-spouse-arabic.json")
	pdf, err := Dossier(context.Background(), f, a, testUploads(t), printer(t), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	order := []string{"Dossier of the family of", "Timeline", "Asylum application", "Contents", "UPLOADED I94 OF THE PETITIONER",
		"UPLOADED MARRIAGE CERTIFICATE", "TYPED TRANSLATION of the marriage"}
	last := -1
	for _, s := range order {
		i := strings.Index(text, s)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order (at %d, after %d)", s, i, last)
		}
		last = i
	}
	// Filed once, under the petitioner (the first it serves).
	if n := strings.Count(text, "UPLOADED MARRIAGE CERTIFICATE"); n != 1 {
		t.Errorf("the marriage certificate is in the dossier %d times", n)
	}
	// The contents' page for the marriage certificate is the page it is on.
	contents := ""
	for p := 1; p <= pages(t, pdf); p++ {
		if s := pdfTextPage(t, pdf, p); strings.Contains(s, "Contents") && strings.Contains(s, "Section") {
			contents = s
		}
	}
	page := 0
	for _, line := range strings.Split(contents, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Marriage certificate") && !strings.Contains(line, "filed under") {
			fields := strings.Fields(line)
			page, _ = strconv.Atoi(fields[len(fields)-1])
		}
	}
	if page == 0 {
		// pdftotext may put the number on its own line: take the line after.
		lines := strings.Split(contents, "\n")
		for i, line := range lines {
			if strings.Contains(line, "Marriage certificate [ar]") && !strings.Contains(line, "filed under") {
				for _, l := range lines[i+1:] {
					if n, err := strconv.Atoi(strings.TrimSpace(l)); err == nil {
						page = n
						break
					}
				}
			}
		}
	}
	if page == 0 || !strings.Contains(pdfTextPage(t, pdf, page), "UPLOADED MARRIAGE CERTIFICATE") {
		t.Errorf("the contents say page %d for the marriage certificate:\n%s", page, contents)
	}
	outline := pdfOutline(t, pdf)
	for _, s := range []string{"Summary", "Timeline", "Contents", "Omar Khalil Haddad (petitioner)", "Marriage certificate", "Layla Haddad (spouse)"} {
		if !strings.Contains(outline, s) {
			t.Errorf("the outline lacks %q:\n%s", s, outline)
		}
	}
}

// pdfOutline lists the bookmarks' titles, read back with pdfcpu.
func pdfOutline(t *testing.T, pdf []byte) string {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	bms, err := api.Bookmarks(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func([]pdfcpu.Bookmark, string)
	walk = func(bs []pdfcpu.Bookmark, indent string) {
		for _, bm := range bs {
			fmt.Fprintf(&b, "%s%s p%d\n", indent, bm.Title, bm.PageFrom)
			walk(bm.Kids, indent+"  ")
		}
	}
	walk(bms, "")
	return b.String()
}
