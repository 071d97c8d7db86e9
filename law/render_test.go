package law

import (
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/msgfmt"
)

// testScope holds values of every kind, an empty one, and a word, over a
// member's shared values: what a rule's message can be written from.
func testScope(c *caseFacts) *scope {
	s := &subject{}
	newSubject(c, s, &reunite.Member{ID: "k", Name: reunite.Name{Given: "Abel"}, BirthDate: reunite.BornOn(reunite.NewDate(2001, 5, 5))}, 3, reunite.NewDate(2001, 5, 5))
	return c.vars(s).with(day(vFileBy, reunite.NewDate(2027, 6, 10)), num(vDaysLate, -190), str(vCountry, ""),
		word(vForm, enumForm, "proxy"), day(vAdopted, reunite.Date{}), num(vLimit, 16), str(vSequence, "2 of 3"))
}

// TestTemplateAgreesWithMsgfmt: a compiled template writes what
// msgfmt.Format writes in plain mode, for every left-to-right template of
// every catalog and for templates that are not well formed.
func TestTemplateAgreesWithMsgfmt(t *testing.T) {
	c := &caseFacts{catalog: messagesEN, asOf: reunite.NewDate(2026, 11, 23), statusDay: reunite.NewDate(2025, 6, 10),
		filing: reunite.NewDate(2026, 11, 23)}
	v := testScope(c)
	tmpls := []string{"", "plain", "{", "}", "{}", "a {b", "a {name", "{name}{name}", "}{name}{", "{ name }", "{nothing} {name}",
		"{name} {file_by} {days_late} {country}|{form}|{adopted}|{limit}|{sequence}|{status_day}|{age_now}|{birth}|{fix_day}",
		"{a {name}}", "{name, select, other {x}}", "{fact}"}
	for _, lang := range Languages() {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, tmpl := range cat {
			tmpls = append(tmpls, tmpl)
		}
	}
	compiled := 0
	for _, tmpl := range tmpls {
		if msgfmt.RTL(tmpl) {
			continue
		}
		tp, ok := compile(tmpl)
		if !ok {
			continue
		}
		compiled++
		if got, want := tp.fill(v), msgfmt.Format(tmpl, v.get, msgfmt.Plain); got != want {
			t.Errorf("template %q:\n got %q\nwant %q", tmpl, got, want)
		}
	}
	if compiled < 300 {
		t.Errorf("only %d templates compiled: the test checks too little", compiled)
	}
}

// TestEnglishTemplatesCompiled: every English template is written left to
// right and, unless it holds a choice, is compiled, so that Assess writes
// it without msgfmt.
func TestEnglishTemplatesCompiled(t *testing.T) {
	for key, tmpl := range messagesEN {
		if msgfmt.RTL(tmpl) {
			t.Errorf("%s: English template written right to left: %q", key, tmpl)
		}
		if _, ok := compiledEN[key]; !ok && !strings.Contains(tmpl, ",") {
			t.Errorf("%s: not compiled: %q", key, tmpl)
		}
	}
}

// FuzzTemplate: whatever the template, a compiled one writes what msgfmt
// writes.
func FuzzTemplate(f *testing.F) {
	for _, tmpl := range messagesEN {
		f.Add(tmpl)
	}
	f.Add("{name} {")
	f.Add("x}{file_by}{{}")
	c := &caseFacts{catalog: messagesEN, asOf: reunite.NewDate(2026, 11, 23)}
	v := testScope(c)
	f.Fuzz(func(t *testing.T, tmpl string) {
		tp, ok := compile(tmpl)
		if !ok {
			return
		}
		if got, want := tp.fill(v), msgfmt.Format(tmpl, v.get, msgfmt.Plain); got != want {
			t.Fatalf("template %q:\n got %q\nwant %q", tmpl, got, want)
		}
	})
}

// TestPackDate: a date kept in a value's number comes back the same, the
// unknown date included.
func TestPackDate(t *testing.T) {
	days := []reunite.Date{{}, reunite.NewDate(1000, 1, 1), reunite.NewDate(2024, 2, 29), reunite.NewDate(9999, 12, 31), reunite.NewDate(12345, 6, 7)}
	for d := reunite.NewDate(1999, 12, 25); d.Before(reunite.NewDate(2001, 1, 10)); d = d.AddDays(1) {
		days = append(days, d)
	}
	for _, d := range days {
		if got := unpackDate(packDate(d)); got != d {
			t.Errorf("%v packed and unpacked is %v", d, got)
		}
		if v := day(vBirth, d); v.String(nil) != d.String() {
			t.Errorf("day value of %v writes %q", d, v.String(nil))
		}
	}
}

// TestEveryPlaceholderNamed: every {placeholder} of every catalog is the
// name of a value (vnames), each name once: a value is looked up by its
// number, and a placeholder without one could never be written.
func TestEveryPlaceholderNamed(t *testing.T) {
	for n, s := range vnames {
		if n != int(vNone) && vnameOf[s] != vname(n) {
			t.Errorf("value name %q is not number %d", s, n)
		}
	}
	for _, lang := range Languages() {
		cat, err := Catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for key, tmpl := range cat {
			tp, ok := compile(tmpl)
			if !ok {
				continue // a choice: msgfmt's, looked up by name (scope.lookup)
			}
			for _, p := range tp.parts {
				if p.n == vNone {
					t.Errorf("%s %s: {%s} is no value's name", lang, key, p.name)
				}
			}
		}
	}
}
