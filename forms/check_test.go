package forms

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/reunite/reunite/internal/pdftest"
)

func TestCheckOfficialForm(t *testing.T) {
	c, err := Check(pdftest.ReadFile(t, pdftest.BlankPath))
	if err != nil {
		t.Fatal(err)
	}
	if c.Edition.Date != "01/20/25" || !c.KnownFile || c.Pages != 12 {
		t.Errorf("got edition %s, known %v, %d pages", c.Edition.Date, c.KnownFile, c.Pages)
	}
	if c.SHA256 != "b9459c853685017c37ae12daf72e09991e843bfa3c503ce04bdbbb6aba7e85b0" {
		t.Errorf("sha256 %s", c.SHA256)
	}
	// The second answer comes from Check's memory: the same, and a copy
	// that a caller's change does not reach.
	c.Pages, c.KnownFile = 0, false
	again, err := Check(pdftest.ReadFile(t, pdftest.BlankPath))
	if err != nil {
		t.Fatal(err)
	}
	if again.Pages != 12 || !again.KnownFile || again.SHA256 != c.SHA256 || again.Edition != c.Edition {
		t.Errorf("checked again: %+v", again)
	}
}

// TestCheckRefuses covers the files a person might add by mistake: each
// gets an error that says what is wrong and, for a wrong form, which
// editions Reunite fills and where to get one.
func TestCheckRefuses(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	i589 := pdftest.ReadFile(t, "../../shared/forms/i-589.pdf")
	filled := fillCase(t, "testdata/refugee-child-in-us-late.json")[0].res.PDF
	encrypted := encryptWithPassword(t, filled)
	cases := []struct {
		name string
		data []byte
		want error
		text []string
	}{
		{"other form", i589, ErrWrongEdition, []string{"I-589", "01/20/25", "https://www.uscis.gov/i-730"}},
		{"not a PDF", []byte("hello, I am a photo of a form"), ErrNotPDF, nil},
		{"empty", nil, ErrNotPDF, nil},
		{"truncated", blank[:len(blank)/3], ErrCorrupt, nil},
		{"garbled", garble(blank), ErrCorrupt, nil},
		{"password", encrypted, ErrPassword, nil},
		{"filled copy", filled, ErrNotBlank, []string{"blank form"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Check(c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			for _, s := range c.text {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if _, err := Fill(context.Background(), c.data, Values{}, nil); err == nil && c.want != ErrNotBlank {
				t.Error("Fill accepted it")
			}
		})
	}
}

// garble keeps the header but overwrites the middle of the file.
func garble(b []byte) []byte {
	g := bytes.Clone(b)
	for i := 2000; i < len(g)-2000; i += 7 {
		g[i] = 'x'
	}
	return g
}

func encryptWithPassword(t *testing.T, pdf []byte) []byte {
	t.Helper()
	conf := model.NewAESConfiguration("secret-user", "secret-owner", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		t.Fatalf("encrypting a test file: %v", err)
	}
	return out.Bytes()
}

// TestCheckFieldMismatch: a file with the right footer but a field renamed
// (a doctored or damaged form) is refused.
func TestCheckFieldMismatch(t *testing.T) {
	e, _ := Current()
	ctxFields := map[string]*pdfField{}
	for _, f := range e.Map.Fields {
		ctxFields[f.Name] = &pdfField{name: f.Name, ft: pdfTypes[f.Type]}
	}
	if err := matchFields(e.Map, ctxFields); err != nil {
		t.Fatalf("identical set refused: %v", err)
	}
	delete(ctxFields, e.Map.Fields[3].Name)
	ctxFields["F[0].Extra[0]"] = &pdfField{ft: "Tx"}
	err := matchFields(e.Map, ctxFields)
	if !errors.Is(err, ErrFieldMismatch) || !strings.Contains(err.Error(), "F[0].Extra[0]") {
		t.Errorf("got %v", err)
	}
}

func TestAddStoresOnlyGoodFiles(t *testing.T) {
	pdftest.ReadFile(t, pdftest.BlankPath)
	data := t.TempDir()
	if _, _, err := Blank(data); !errors.Is(err, ErrNoBlankForm) {
		t.Fatalf("empty data dir: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "i-589.pdf")
	os.WriteFile(bad, pdftest.ReadFile(t, "../../shared/forms/i-589.pdf"), 0o644)
	if _, _, err := Add(data, bad); !errors.Is(err, ErrWrongEdition) {
		t.Fatalf("I-589 accepted: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(data, "forms")); len(entries) != 0 {
		t.Fatalf("refused file left %d entries behind", len(entries))
	}
	c, dst, err := Add(data, pdftest.BlankPath)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(dst) != "i-730-2025-01-20.pdf" || c.Edition.Date != "01/20/25" {
		t.Errorf("stored as %s", dst)
	}
	got, e, err := Blank(data)
	if err != nil || e.Date != "01/20/25" || !bytes.Equal(got, pdftest.ReadFile(t, pdftest.BlankPath)) {
		t.Errorf("Blank: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "forms"))
	if len(entries) != 1 {
		t.Errorf("data dir holds %d files, want 1", len(entries))
	}
	// A data directory Add creates is its owner's only.
	fresh := filepath.Join(t.TempDir(), "new", "data")
	if _, _, err := Add(fresh, pdftest.BlankPath); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{fresh, filepath.Join(fresh, "forms")} {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: mode %v, want no access for others", d, fi.Mode().Perm())
		}
	}
}
