package forms

import (
	"bytes"
	"strings"
	"testing"
)

func TestEmbeddedFieldMap(t *testing.T) {
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Map.Fields) != 292 {
		t.Errorf("%d fields, want 292", len(e.Map.Fields))
	}
	fillable := 0
	for _, f := range e.Map.Fields {
		if f.Fillable() {
			fillable++
		}
	}
	if fillable != 268 {
		t.Errorf("%d fillable fields, want 268", fillable)
	}
	// The quirks the README warns about.
	for key, name := range map[string]string{
		"p1.phone":        `F[0].#subform[1].TelephoneNumber\.[0]`,
		"p3.late=yes":     "F[0].#subform[6].Part3_2year[1]",
		"p2.where=inside": "F[0].#subform[4].Part2_Beneficiary[1]",
		"p5.date":         "F[0].#subform[7].P5_L6b_PretitionerSignature[0]",
		"p2.name.middle":  "F[0].#subform[2].Pt1_Line1_MiddleName[0]",
		"p1.res.unit=apt": "F[0].P4[0].P1_Line2_Unit[2]",
	} {
		if f := e.Map.ByKey(key); f == nil || f.Name != name {
			t.Errorf("%s maps to %v, want %s", key, f, name)
		}
	}
	if f := e.Map.ByKey("p1.res.unit=apt"); f.OnState != " APT " {
		t.Errorf("APT on-state %q", f.OnState)
	}
}

func TestParseFieldMapErrors(t *testing.T) {
	head := strings.Join(fieldMapColumns, "\t") + "\n"
	row := "F[0].A[0]\ttext\ttext\t1\t1\t1\tp1.a\t\t\t\t\t1 2 3 4\n"
	for name, in := range map[string]string{
		"no header":    row,
		"dup name":     head + row + strings.Replace(row, "p1.a", "p1.b", 1),
		"dup key":      head + row + strings.Replace(row, "A[0]", "B[0]", 1),
		"bad page":     head + strings.Replace(row, "\t1\t1\t1\t", "\tx\t1\t1\t", 1),
		"bad rect":     head + strings.Replace(row, "1 2 3 4", "1 2 3", 1),
		"bad type":     head + strings.Replace(row, "text\ttext", "radio\tradio", 1),
		"checkbox key": head + "F[0].C[0]\tcheckbox\tcheckbox\t1\t1\t1\tp1.c\t\tY\t\t\t1 2 3 4\n",
	} {
		if _, err := ParseFieldMap(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	m, err := ParseFieldMap(strings.NewReader("# comment\n" + head + row))
	if err != nil || m.ByKey("p1.a") == nil {
		t.Errorf("good map: %v", err)
	}
}

// FuzzParseFieldMap: the reader never panics, and whatever it accepts has
// unique names and keys.
func FuzzParseFieldMap(f *testing.F) {
	data, _ := editionFiles.ReadFile("editions/i-730-2025-01-20.tsv")
	// A short seed: the header and a few real rows (long seeds make the
	// fuzzer spend its time minimising).
	lines := strings.SplitAfter(string(data), "\n")
	f.Add([]byte(strings.Join(lines[:min(len(lines), 9)], "")))
	f.Add([]byte(strings.Join(fieldMapColumns, "\t") + "\nF[0].A[0]\ttext\ttext\t1\t1\t1\tk\t5\t\tComb\t5\t0 0 1 1\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := ParseFieldMap(bytes.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, fl := range m.Fields {
			if seen[fl.Name] {
				t.Fatalf("duplicate %q accepted", fl.Name)
			}
			seen[fl.Name] = true
			if fl.Page < 1 {
				t.Fatalf("page %d accepted", fl.Page)
			}
		}
	})
}
