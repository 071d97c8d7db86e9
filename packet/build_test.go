package packet

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/law"
)

var fixedNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestFamilyOfSix(t *testing.T) {
	f, a := load(t, "testdata/family-of-six.json")
	out := filepath.Join(t.TempDir(), "packet")
	m, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: printer(t), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	// Five petitions (son2 is too old), one under review, warned loudly.
	folders := map[string]string{}
	for _, r := range m.Relatives {
		folders[r.Member] = r.Folder
	}
	for _, id := range []string{"wife", "son1", "daughter", "stepdaughter", "adopted"} {
		if folders[id] == "" {
			t.Errorf("no petition for %s", id)
		}
	}
	if folders["son2"] != "" {
		t.Error("a petition was built for the ineligible son")
	}
	var review bool
	for _, w := range m.Warnings {
		if strings.Contains(w, "REVIEW NEEDED") && strings.Contains(w, "Yonas") {
			review = true
		}
	}
	if !review {
		t.Errorf("no loud warning for the relative under review: %q", m.Warnings)
	}
	// Every file in the manifest exists with its hash, and every file on
	// disk is in the manifest.
	listed := map[string]bool{"manifest.json": true}
	for _, fe := range m.Files {
		data, err := os.ReadFile(filepath.Join(out, fe.Path))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != fe.SHA256 || len(data) != fe.Bytes {
			t.Errorf("%s: hash or size differs from the manifest", fe.Path)
		}
		listed[fe.Path] = true
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		// Family data is for its owner only: no file or folder readable by
		// the group or others.
		if fi, err := d.Info(); err == nil && fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v: the packet must not be readable by others", rel, fi.Mode().Perm())
		}
		if !d.IsDir() && !listed[filepath.ToSlash(rel)] {
			t.Errorf("%s is not in the manifest", rel)
		}
		return nil
	})
	var disk Manifest
	data, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(data, &disk); err != nil || disk.Format != ManifestFormat {
		t.Fatalf("manifest.json: %v", err)
	}
	blankSum := sha256.Sum256(blank(t))
	if disk.Edition != "01/20/25" || disk.BlankSHA != hex.EncodeToString(blankSum[:]) {
		t.Errorf("manifest names edition %q, blank form %s", disk.Edition, disk.BlankSHA)
	}
	for _, want := range []string{"family-summary.pdf", "instructions-en.pdf", "01-wife/i-730.pdf", "01-wife/cover-letter.pdf",
		"01-wife/exhibit-index.pdf", "01-wife/translator-certifications.pdf", "01-wife/checklist.pdf", "01-wife/petition-to-mail.pdf",
		"03-daughter/i-730.pdf", "05-adopted/checklist.pdf"} {
		if !listed[want] {
			t.Errorf("missing %s", want)
		}
	}
	// The family speaks Tigrinya: its instruction sheet is there too.
	if !listed["instructions-ti.pdf"] {
		t.Error("no Tigrinya instruction sheet")
	}
	// The filled form in the packet reads back with the sequence numbers.
	pdf, _ := os.ReadFile(filepath.Join(out, "03-daughter/i-730.pdf"))
	in, err := forms.Inspect(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if in.Values["start.seq"] != "3" || in.Values["start.total"] != "5" || in.Values["p6.statement"] != "english" {
		t.Errorf("daughter's form: seq %q total %q part 6 %q", in.Values["start.seq"], in.Values["start.total"], in.Values["p6.statement"])
	}
	// The merged petition holds every page to mail, and its texts.
	merged, _ := os.ReadFile(filepath.Join(out, "01-wife/petition-to-mail.pdf"))
	txt := pdfText(t, merged)
	for _, s := range []string{"Dear Officer", "Form I-730 Edition 01/20/25", "Exhibit index", "EXHIBIT A", "Certification of translation", "Miriam Gebre", "Irving, TX 75038-0019"} {
		if !strings.Contains(txt, s) {
			t.Errorf("merged petition lacks %q", s)
		}
	}
	if n := pages(t, merged); n < 12+3 {
		t.Errorf("merged petition has %d pages", n)
	}
	if n := pages(t, mustRead(t, filepath.Join(out, "instructions-en.pdf"))); n != 1 {
		t.Errorf("instruction sheet has %d pages, want 1", n)
	}
	chk := pdfText(t, mustRead(t, filepath.Join(out, "05-adopted/checklist.pdf")))
	if !strings.Contains(chk, "REVIEW NEEDED") {
		t.Error("the checklist of the relative under review does not say so")
	}
}

func TestArabicInstructions(t *testing.T) {
	f, a := load(t, "../forms/testdata/asylee-spouse-arabic.json")
	out := filepath.Join(t.TempDir(), "p")
	m, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: printer(t), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	pdf := mustRead(t, filepath.Join(out, "instructions-ar.pdf"))
	txt := pdfText(t, pdf)
	// Logical-order Arabic comes back out of the PDF: shaped glyphs with a
	// proper ToUnicode map, not isolated presentation forms.
	if !strings.Contains(txt, "التوقيع") || !strings.Contains(txt, "I-730") {
		t.Errorf("Arabic sheet text: %.300q", txt)
	}
	if n := pages(t, pdf); n != 1 {
		t.Errorf("Arabic sheet has %d pages, want 1", n)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("unexpected warnings %q", m.Warnings)
	}
	// The Arabic item 22 is on page 5 of the form.
	form := mustRead(t, filepath.Join(out, "01-wife/i-730.pdf"))
	if !strings.Contains(pdfTextPage(t, form, 5), "حداد") {
		t.Error("item 22 Arabic name is not in the page text")
	}
}

func TestRefusals(t *testing.T) {
	f, a := load(t, "testdata/family-of-six.json")
	b := blank(t)
	p := printer(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "p")
	_, err := Build(context.Background(), f, a, out, Options{Blank: b, Printer: p, Only: "son2"})
	if !errors.Is(err, ErrIneligible) || !strings.Contains(err.Error(), "22") {
		t.Errorf("ineligible son: %v", err)
	}
	// A wrong blank form fails mid-way: nothing partial is left.
	_, err = Build(context.Background(), f, a, out, Options{Blank: []byte("%PDF-1.7 junk"), Printer: p})
	if err == nil {
		t.Error("a junk blank form was accepted")
	}
	// A filled copy is not a blank form to build petitions from.
	filled, err := forms.Fill(context.Background(), b, forms.Values{"p1.name.family": "Haile"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), f, a, out, Options{Blank: filled.PDF, Printer: p}); !errors.Is(err, forms.ErrNotBlank) {
		t.Errorf("a filled copy as the blank form: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	// An existing non-empty destination is never overwritten.
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("mine"), 0o644)
	if _, err := Build(context.Background(), f, a, out, Options{Blank: b, Printer: p}); !errors.Is(err, ErrOutExists) {
		t.Errorf("existing dir: %v", err)
	}
	// A petitioner who cannot file gets no packet.
	g, ga := load(t, "../../shared/spec/examples/005-derivative-asylee-cannot-file.json")
	if _, err := Build(context.Background(), g, ga, filepath.Join(dir, "q"), Options{Blank: b, Printer: p}); !errors.Is(err, ErrCannotFile) {
		t.Errorf("derivative petitioner: %v", err)
	}
}

// TestLateWithOverflow: a late filing with an interpreter, a preparer,
// text that does not fit and more entries than the form has rows gets an
// additional-information sheet headed with the petitioner's name and
// A-Number, naming page, part and item.
func TestLateWithOverflow(t *testing.T) {
	f, a := load(t, "../forms/testdata/refugee-child-in-us-late.json")
	out := filepath.Join(t.TempDir(), "p")
	if _, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: printer(t), Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	sheet := pdfText(t, mustRead(t, filepath.Join(out, "01-son/additional-information.pdf")))
	for _, s := range []string{"Fatima Rahimi", "A987654321", "Additional information", "88 Lake Shore Drive West Extension Boulevard",
		"Entry 3: arrived 01/05/2023 at New York", "Other name used: Fati Rahimi"} {
		if !strings.Contains(sheet, s) {
			t.Errorf("additional-information sheet lacks %q", s)
		}
	}
	cover := pdfText(t, mustRead(t, filepath.Join(out, "01-son/cover-letter.pdf")))
	if !strings.Contains(cover, "Part 3 of the form explains") || !strings.Contains(cover, "Additional information sheet") {
		t.Errorf("cover letter of a late petition: %.400q", cover)
	}
	check := pdfText(t, mustRead(t, filepath.Join(out, "01-son/checklist.pdf")))
	for _, s := range []string{"Part 6, item 6.a", "Part 7, item 7.a", "Part 8, item 8.a"} {
		if !strings.Contains(check, s) {
			t.Errorf("checklist lacks signature line %q", s)
		}
	}
	if pages(t, mustRead(t, filepath.Join(out, "01-son/petition-to-mail.pdf"))) < 15 {
		t.Error("merged petition too short")
	}
	if !fileExists(filepath.Join(out, "instructions-fa.pdf")) && !fileExists(filepath.Join(out, "instructions-en.pdf")) {
		t.Error("no instruction sheet")
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// slowFirst delays the documents of one relative, so that relatives built
// in parallel finish out of the case file's order.
type slowFirst struct {
	*forms.Chromium
	slow string // the title of the documents to delay

	mu    sync.Mutex
	pages []string // every document printed
}

func (p *slowFirst) PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error) {
	if strings.Contains(html, "<title>"+p.slow+"</title>") && strings.Contains(html, "Dear Officer") {
		time.Sleep(2 * time.Second)
	}
	p.mu.Lock()
	p.pages = append(p.pages, html)
	p.mu.Unlock()
	return p.Chromium.PrintHTML(ctx, html, w, h)
}

// TestPart6SignersInOrder: the instruction sheet names the relatives who
// sign Part 6 in the case file's order, whichever relative was built first.
func TestPart6SignersInOrder(t *testing.T) {
	f, _ := load(t, "testdata/family-of-six.json")
	// Two relatives in the United States and 14 or older: son1 (Natan) is
	// listed before daughter (Ruth).
	var keep []reunite.Member
	for _, m := range f.Members {
		switch m.ID {
		case "son1":
			m.Location = reunite.InsideUS
			keep = append(keep, m)
		case "daughter":
			keep = append(keep, m)
		}
	}
	f.Members = keep
	a := law.Assess(f, asOf)
	p := &slowFirst{Chromium: printer(t), slow: "Form I-730 for Natan Haile"}
	out := filepath.Join(t.TempDir(), "p")
	if _, err := Build(context.Background(), f, a, out, Options{Blank: blank(t), Printer: p, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	c, _, _ := LoadCatalog("en")
	natan := string(c.H("sign.beneficiary", "name", "Natan Haile"))
	ruth := string(c.H("sign.beneficiary", "name", "Ruth Haile"))
	var en string
	for _, h := range p.pages {
		if strings.Contains(h, natan) || strings.Contains(h, ruth) {
			en = h
		}
	}
	i, j := strings.Index(en, natan), strings.Index(en, ruth)
	if i < 0 || j < 0 || i > j {
		t.Errorf("Part 6 signers out of the case file's order (Natan at %d, Ruth at %d) in:\n%s", i, j, en)
	}
}

// TestMisspeltEvidenceKind: a document whose kind the exhibit index does
// not know is refused by the strict reader, never silently left out of the
// packet.
func TestMisspeltEvidenceKind(t *testing.T) {
	data := mustRead(t, "testdata/family-of-six.json")
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	ev := raw["filing"].(map[string]any)["evidence"].([]any)
	ev[0].(map[string]any)["kind"] = "marriage_certificat"
	data, _ = json.Marshal(raw)
	if _, err := casefile.Decode(data); err == nil || !strings.Contains(err.Error(), "marriage_certificat") {
		t.Errorf("a misspelt evidence kind was accepted: %v", err)
	}
}

// TestEveryDocumentListed: a document of the relative or the petitioner
// that no tab asks for (the petitioner's "other" document, an I-94 of a
// relative abroad) still appears in the exhibit index.
func TestEveryDocumentListed(t *testing.T) {
	f, _ := load(t, "testdata/family-of-six.json")
	f.Filing.Evidence = append(f.Filing.Evidence,
		reunite.Document{Member: "principal", Kind: "other", Title: "Letter from the resettlement agency"},
		reunite.Document{Member: "wife", Kind: "i94", Title: "Old I-94 of a past visit"})
	ex, _ := planExhibits(f, f.Member("wife"), false)
	listed := map[string]bool{}
	for _, x := range ex {
		for _, it := range x.Items {
			listed[it.Text] = true
		}
	}
	for _, d := range f.Filing.Evidence {
		if (d.Member == "wife" || d.Member == "principal") && !listed[docTitle(&d)] {
			t.Errorf("%s (%s, %s) is not in the wife's exhibit index", d.Title, d.Member, d.Kind)
		}
	}
}
