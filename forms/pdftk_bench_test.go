package forms

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/reunite/reunite/internal/pdftest"
)

// fdfFor writes the same values Fill receives as an FDF file for pdftk's
// fill_form, by full field name.
func fdfFor(e *Edition, v Values) []byte {
	var b bytes.Buffer
	b.WriteString("%FDF-1.2\n1 0 obj\n<< /FDF << /Fields [\n")
	for _, f := range e.Map.Fields {
		if !f.Fillable() {
			continue
		}
		if f.Type == "checkbox" {
			fact, want := f.Choice()
			if v[fact] == want {
				fmt.Fprintf(&b, "<< /T %s /V /%s >>\n", fdfString(f.Name), pdfName(f.OnState))
			}
			continue
		}
		if s := normalize(&f, v[f.Key]); s != "" {
			fmt.Fprintf(&b, "<< /T %s /V %s >>\n", fdfString(f.Name), fdfString(s))
		}
	}
	b.WriteString("] >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

func fdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r > 126 {
			ascii = false
		}
	}
	if ascii {
		return pdfString([]byte(s))
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func pdfName(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c <= ' ' || c > '~' || c == '#' || c == '/' {
			fmt.Fprintf(&b, "#%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// BenchmarkPdftkFillForm runs pdftk-java's fill_form on the same blank form
// with the same values as BenchmarkFill, for a side-by-side comparison:
//
//	go test ./forms -run XXX -bench 'Fill$|PdftkFillForm|FillVsPdftk' -benchtime 10x
func BenchmarkPdftkFillForm(b *testing.B) {
	run, _, _ := pdftkFill(b)
	for b.Loop() {
		run()
	}
}

// BenchmarkFillVsPdftk alternates pdftk's fill and Reunite's (its blank
// ready, as in BenchmarkFill) in one loop, so both see the same machine
// load, and reports how many times faster Reunite is.
func BenchmarkFillVsPdftk(b *testing.B) {
	run, blank, v := pdftkFill(b)
	if _, err := Fill(context.Background(), blank, v, nil); err != nil {
		b.Fatal(err)
	}
	var theirs, ours time.Duration
	for b.Loop() {
		t0 := time.Now()
		run()
		t1 := time.Now()
		if _, err := Fill(context.Background(), blank, v, nil); err != nil {
			b.Fatal(err)
		}
		theirs += t1.Sub(t0)
		ours += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(theirs.Microseconds())/1000/n, "pdftk-ms/op")
	b.ReportMetric(float64(ours.Microseconds())/1000/n, "reunite-ms/op")
	b.ReportMetric(float64(theirs)/float64(ours), "x-faster")
}

// pdftkFill prepares pdftk's fill of the benchmark's case and checks once
// that pdftk really wrote the values (compared with Reunite's own fill).
func pdftkFill(b *testing.B) (run func(), blank []byte, v Values) {
	bin := pdftest.Tool(b, "pdftk", "pdftk-java")
	blank = pdftest.ReadFile(b, pdftest.BlankPath)
	f := pdftest.LoadCase(b, "testdata/refugee-child-in-us-late.json")
	e, _ := Current()
	prep, err := BuildValues(e, petitions(b, f)[0])
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	in, fdf, out := filepath.Join(dir, "blank.pdf"), filepath.Join(dir, "v.fdf"), filepath.Join(dir, "out.pdf")
	os.WriteFile(in, blank, 0o644)
	os.WriteFile(fdf, fdfFor(e, prep.Values), 0o644)
	run = func() {
		if msg, err := exec.Command(bin, in, "fill_form", fdf, "output", out).CombinedOutput(); err != nil {
			b.Fatalf("pdftk: %v: %s", err, msg)
		}
	}
	run()
	got, _ := os.ReadFile(out)
	theirs, err := Inspect(got)
	if err != nil {
		b.Fatal(err)
	}
	ours, err := Fill(context.Background(), blank, prep.Values, nil)
	if err != nil {
		b.Fatal(err)
	}
	mine, _ := Inspect(ours.PDF)
	for _, k := range []string{"p1.name.family", "p1.anumber", "p2.entry1.i94", "start.status", "p3.late"} {
		if theirs.Values[k] != mine.Values[k] {
			b.Fatalf("pdftk wrote %s = %q, Reunite %q", k, theirs.Values[k], mine.Values[k])
		}
	}
	return run, blank, prep.Values
}
