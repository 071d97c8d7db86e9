package forms

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite/internal/pdftest"
)

// fillCase fills every petition of a case file and returns the results.
type filled struct {
	pet  Petition
	prep *Prepared
	res  *Result
}

func fillCase(t *testing.T, path string) []filled {
	t.Helper()
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	f := pdftest.LoadCase(t, path)
	e, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	var out []filled
	for _, p := range petitions(t, f) {
		prep, err := BuildValues(e, p)
		if err != nil {
			t.Fatal(err)
		}
		var native NativeRenderer
		if needsNative(prep.Values) {
			native = sharedChromium(t)
		}
		res, err := Fill(context.Background(), blank, prep.Values, native)
		if err != nil {
			t.Fatalf("%s/%s: %v", path, p.Member.ID, err)
		}
		if dir := os.Getenv("REUNITE_TEST_OUT"); dir != "" {
			// For a person to look at: REUNITE_TEST_OUT=/tmp/x go test
			_ = os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".json")+"-"+p.Member.ID+".pdf"), res.PDF, 0o644)
		}
		out = append(out, filled{p, prep, res})
	}
	return out
}

func needsNative(v Values) bool {
	for _, s := range v {
		if _, ok := winAnsi(s); !ok {
			return true
		}
	}
	return false
}

// expected is what a field must read back as: the value normalised as the
// filler writes it, or what was shown when it overflowed.
func expected(e *Edition, f *Field, v Values, res *Result) string {
	for _, o := range res.Overflow {
		if o.Key == f.Key {
			return o.Shown
		}
	}
	return normalize(f, v[f.Key])
}

func casePaths(t *testing.T) []string {
	paths := caseFiles(t)
	for _, ex := range []string{"001-asylee-spouse-and-child.json", "012-deadline-filed-one-day-late.json", "089-family-of-six-mixed.json", "046-child-in-utero-at-grant.json"} {
		paths = append(paths, filepath.Join("../../shared/spec/examples", ex))
	}
	return paths
}

// TestFillReadBack fills every petition of several families (one with an
// Arabic, one with Burmese, Chinese and Cyrillic native addresses) and reads
// every one of the 268 fillable fields back from the written PDF.
func TestFillReadBack(t *testing.T) {
	for _, path := range casePaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			for _, fl := range fillCase(t, path) {
				in, err := Inspect(fl.res.PDF)
				if err != nil {
					t.Fatal(err)
				}
				if in.XFA || in.UsageRights || in.Encrypted {
					t.Errorf("%s: XFA %v, usage rights %v, encrypted %v; want none", fl.pet.Member.ID, in.XFA, in.UsageRights, in.Encrypted)
				}
				if len(in.NoAppearance) > 0 {
					t.Errorf("%s: filled fields without appearance: %v", fl.pet.Member.ID, in.NoAppearance)
				}
				e := fl.res.Edition
				checked := map[string]int{}
				for _, k := range in.Checked {
					fact, _, _ := strings.Cut(k, "=")
					checked[fact]++
				}
				n := 0
				for i := range e.Map.Fields {
					f := &e.Map.Fields[i]
					if !f.Fillable() {
						continue
					}
					n++
					if f.Type == "checkbox" {
						fact, _ := f.Choice()
						if got, want := in.Values[fact], fl.prep.Values[fact]; got != want {
							t.Errorf("%s: box group %s reads %q, want %q", fl.pet.Member.ID, fact, got, want)
						}
						if checked[fact] > 1 {
							t.Errorf("%s: %d boxes on in group %s", fl.pet.Member.ID, checked[fact], fact)
						}
						continue
					}
					if got, want := in.Values[f.Key], expected(e, f, fl.prep.Values, fl.res); got != want {
						t.Errorf("%s: %s (page %d item %s) reads %q, want %q", fl.pet.Member.ID, f.Key, f.Page, f.Item, got, want)
					}
				}
				if n != 268 {
					t.Errorf("checked %d fillable fields, want 268", n)
				}
			}
		})
	}
}

// TestConventions checks USCIS's rules on concrete families.
func TestConventions(t *testing.T) {
	fl := fillCase(t, "testdata/asylee-spouse-arabic.json")[0]
	v := fl.prep.Values
	want := map[string]string{
		"start.status": "asylee", "start.relationship": "spouse", "start.count": "1", "start.seq": "1", "start.total": "1",
		"p1.anumber": "012345678", "p1.ssn": "123456789", "p1.dob": "03/15/1985", "p1.phone": "4155550134",
		"p1.res.unit": "apt", "p1.res.unitnum": "12B", "p1.res.state": "CA", "p1.res.province": "N/A",
		"p1.birth_country": "Syria", "p1.asylum.date": "09/30/2025", "p1.refugee.city": "N/A",
		"p1.prior1.family": "Nasser", "p1.prior2.family": "N/A", "p2.spouse.family": "Haddad",
		"p2.where": "outside", "p2.office": "Amman, Jordan", "p2.native.name.family": "حداد",
		"p2.native.city": "عمّان", "p2.english": "no", "p3.late": "no", "p5.statement": "english",
	}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %q, want %q", k, v[k], w)
		}
	}
	for _, k := range []string{"p2.anumber", "p2.ssn", "p2.entry1.date", "p5.signature", "p5.date", "p6.statement", "p6.day_phone", "p7.name.family", "p8.name.family", "p1.res.zip2"} {
		if s, ok := v[k]; ok && s != "" {
			t.Errorf("%s = %q, want blank", k, s)
		}
	}
	if len(fl.res.Native) == 0 {
		t.Error("Arabic item 22 was not drawn by the native renderer")
	}

	late := fillCase(t, "testdata/refugee-child-in-us-late.json")[0]
	v = late.prep.Values
	want = map[string]string{
		"start.status": "refugee", "start.child": "biological", "p3.late": "yes", "p6.statement": "interpreter",
		"p6.language": "Dari", "p5.statement": "interpreter", "p5.language": "Dari", "p5.preparer": "yes",
		"p8.attorney": "yes", "p8.extends": "no", "atty.g28": "yes", "atty.account": "0123-4567-8901",
		"p2.where": "inside", "p2.entry1.i94": "55555555555", "p2.entry2.city": "Chicago", "p1.mail.careof": "Refugee Legal Aid",
		"p1.mail.unit": "flr", "p1.mail.unitnum": "9", "p1.refugee.date": "11/15/2021", "p1.admitted.date": "03/10/2022",
		"p1.asylum.date": "", "p2.native.street": "N/A", "p2.court": "never",
	}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("late: %s = %q, want %q", k, v[k], w)
		}
	}
	if !strings.HasPrefix(v["p3.explanation"], "My son was missing") {
		t.Errorf("Part 3 explanation missing: %q", v["p3.explanation"])
	}
	var extra []string
	for _, o := range late.prep.Extra {
		extra = append(extra, o.Text)
	}
	if len(extra) != 2 { // a third other name and a third entry
		t.Errorf("extra items for the additional sheet: %q", extra)
	}
	var long bool
	for _, o := range late.res.Overflow {
		if o.Key == "p1.res.street" {
			long = true
		}
	}
	if !long {
		t.Error("a 44-character street did not overflow to the additional sheet")
	}
}

// TestOverflowAndBadChoice: a long Part 3 explanation wraps, fills the box
// and continues on the sheet; a state the list lacks is left blank with a
// note instead of failing the form.
func TestOverflowAndBadChoice(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	long := strings.Repeat("We searched for our son in three countries for four years. ", 60)
	res, err := Fill(context.Background(), blank, Values{"p3.late": "yes", "p3.explanation": long, "p1.res.state": "ZZ"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var o *Overflow
	for i := range res.Overflow {
		if res.Overflow[i].Key == "p3.explanation" {
			o = &res.Overflow[i]
		}
	}
	if o == nil || o.Text != strings.TrimSpace(long) && o.Text != long || len(o.Shown) < 500 || len(o.Shown) >= len(long) {
		t.Fatalf("explanation overflow: %+v", o)
	}
	in, err := Inspect(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if in.Values["p3.explanation"] != o.Shown || in.Values["p1.res.state"] != "" {
		t.Errorf("read back %q / state %q", in.Values["p3.explanation"][:40], in.Values["p1.res.state"])
	}
	if len(res.Notes) != 1 || res.Notes[0].Key != "p1.res.state" {
		t.Errorf("notes %+v", res.Notes)
	}
}

// TestValueKeysExist: every key BuildValues writes names a field (or a box
// of a choice group) of the edition, so a typo cannot silently drop an
// answer.
func TestValueKeysExist(t *testing.T) {
	e, _ := Current()
	for _, path := range casePaths(t) {
		f := pdftest.LoadCase(t, path)
		for _, p := range petitions(t, f) {
			prep, err := BuildValues(e, p)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range prep.Values {
				if e.Map.ByKey(k) == nil && e.Map.ByKey(k+"="+v) == nil {
					t.Errorf("%s/%s: value %s=%q matches no field", filepath.Base(path), p.Member.ID, k, v)
				}
			}
			for _, n := range prep.Notes {
				if n.Key != "" && e.Map.ByKey(n.Key) == nil && !hasFact(e, n.Key) {
					t.Errorf("%s/%s: note about unknown key %s", filepath.Base(path), p.Member.ID, n.Key)
				}
			}
		}
	}
}

func hasFact(e *Edition, fact string) bool {
	for _, f := range e.Map.Fields {
		if k, _ := f.Choice(); f.Type == "checkbox" && k == fact {
			return true
		}
	}
	return false
}

// TestOverflowNeverCutsSilently: a value too long for its box is never cut
// inside it (a cut e-mail or phone number reads as another one): the box
// says "See attached" (a digits box stays empty) and the overflow keeps the
// whole value for the additional-information sheet.
func TestOverflowNeverCutsSilently(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	email := "selam.tesfaye.haile.family.reunification.office@example.organisation.example.org"
	res, err := Fill(context.Background(), blank, Values{"p1.email": email, "p1.phone": "+44 20 7946 0958"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Overflow{}
	for _, o := range res.Overflow {
		got[o.Key] = o
	}
	if o, ok := got["p1.email"]; !ok || o.Text != email || !strings.HasPrefix(o.Shown, "See att") {
		t.Errorf("e-mail overflow = %+v, want the whole address kept and a marker shown", o)
	}
	if o, ok := got["p1.phone"]; !ok || o.Text != "442079460958" || o.Shown != "" {
		t.Errorf("phone overflow = %+v, want the whole number kept and the digits box empty", o)
	}
	in, err := Inspect(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if v := in.Values["p1.email"]; !strings.HasPrefix(v, "See att") {
		t.Errorf("e-mail box reads %q, want the marker", v)
	}
	if v := in.Values["p1.phone"]; v != "" {
		t.Errorf("phone box reads %q, want it empty (a shorter number would be a wrong one)", v)
	}
}

// TestNoDocumentJavaScript: the blank's viewer-version script, written for
// the XFA layer Fill removes, is not in the filled form.
func TestNoDocumentJavaScript(t *testing.T) {
	blank := pdftest.ReadFile(t, pdftest.BlankPath)
	res, err := Fill(context.Background(), blank, Values{"p1.name.family": "Tesfaye"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := openPDF(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if names, _ := ctx.DereferenceDict(root["Names"]); names != nil && names["JavaScript"] != nil {
		t.Error("the filled form still carries document-level JavaScript")
	}
	if bytes.Contains(res.PDF, []byte("/JavaScript")) {
		t.Error("the filled form's bytes still name /JavaScript")
	}
}
