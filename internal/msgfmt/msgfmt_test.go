package msgfmt

import (
	"strings"
	"testing"
)

func vals(kv ...string) Lookup {
	return func(name string) (string, bool) {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i] == name {
				return kv[i+1], true
			}
		}
		return "", false
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		tmpl string
		kv   []string
		mode Mode
		want string
	}{
		{"no values", nil, Plain, "no values"},
		{"Hello {name}.", []string{"name", "Ruth"}, Plain, "Hello Ruth."},
		{"Hello {name}.", nil, Plain, "Hello {name}."},
		{"مرحبا {name}.", []string{"name", "Ruth"}, Isolate, "مرحبا \u2068Ruth\u2069."},
		{"<b>{name}</b>", []string{"name", "A&B"}, HTML, "&lt;b&gt;<bdi>A&amp;B</bdi>&lt;/b&gt;"},
		{"{sex, select, F {هي} M {هو} other {الشخص}} {name}", []string{"sex", "F", "name", "Ruth"}, Plain, "هي Ruth"},
		{"{sex, select, F {هي} M {هو} other {الشخص}}", []string{"sex", "X"}, Plain, "الشخص"},
		{"{sex, select, F {هي} other {{name} الشخص}}", []string{"name", "Dawit"}, Isolate, "\u2068Dawit\u2069 الشخص"},
		{"{days, plural, =1 {يوم واحد} =2 {يومان} few {{days} أيام} other {{days} يومًا}}", []string{"days", "1"}, Plain, "يوم واحد"},
		{"{days, plural, =1 {يوم واحد} =2 {يومان} few {{days} أيام} other {{days} يومًا}}", []string{"days", "7"}, Plain, "7 أيام"},
		{"{days, plural, =1 {يوم واحد} =2 {يومان} few {{days} أيام} other {{days} يومًا}}", []string{"days", "43"}, Plain, "43 يومًا"},
		{"{days, plural, one {# day} other {{days} days}}", []string{"days", "x"}, Plain, "x days"},
		{"(العريضة {sequence, of, {k} من {n}})", []string{"sequence", "1 of 3"}, Isolate, "(العريضة 1 من 3)"},
		{"petition {sequence, of, {k} of {n}}", []string{"sequence", "odd"}, Plain, "petition odd"},
		{"{sequence, of, {k} de {n}}", nil, Plain, "{sequence, of, {k} de {n}}"},
		{"{broken", []string{"broken", "x"}, Plain, "{broken"},
		{"{name, unknown, x}", []string{"name", "x"}, Plain, "{name, unknown, x}"},
	} {
		if got := Format(tc.tmpl, vals(tc.kv...), tc.mode); got != tc.want {
			t.Errorf("Format(%q) = %q, want %q", tc.tmpl, got, tc.want)
		}
	}
}

func TestArgsAndCheck(t *testing.T) {
	tmpl := "{sex, select, F {ولدت {name}} other {تاريخ ميلاد {name}}} ({sequence, of, {k} من {n}}) {days}"
	if got := strings.Join(Args(tmpl), ","); got != "sex,name,sequence,days" {
		t.Errorf("Args = %s", got)
	}
	if err := Check(tmpl); err != nil {
		t.Errorf("Check(%q) = %v", tmpl, err)
	}
	for _, bad := range []string{
		"{name",
		"name}",
		"{sex, select, F {هي}}",
		"{sex, select, F {هي} other {x} junk}",
		"{sex, choose, other {x}}",
		"{sequence, of, {k} من}",
		"{sequence, of, {k} من {n} {name}}",
		"{, select, other {x}}",
	} {
		if Check(bad) == nil {
			t.Errorf("Check(%q) found nothing wrong", bad)
		}
	}
}

func TestCategory(t *testing.T) {
	for n, want := range map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 103: "few", 111: "many"} {
		if got := Category(n); got != want {
			t.Errorf("Category(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestDirection(t *testing.T) {
	if !RTL("Prepare العريضة") || RTL("Préparez la requête") || RTL("") {
		t.Error("RTL is wrong")
	}
	for s, want := range map[string]rune{
		"Dawit Haile يحتاج":                   'L',
		"\u2068Dawit Haile\u2069 يحتاج":       'R',
		"1. \u2068Dawit\u2069 (زوج)":          'R',
		"(\u20668 CFR 207.7(b)(1)\u2069) نعم": 'R',
		"123":                                 0,
	} {
		if got := FirstStrong(s); got != want {
			t.Errorf("FirstStrong(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzFormat: no template, however broken, makes Format panic or loop, and
// a template without braces comes back as it is.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"{a}", "{a, select, x {y} other {{b}}}", "{a, plural, =1 {x} other {y}}", "{s, of, {k}/{n}}", "{{}}", "}{", "{a,select,"} {
		f.Add(s, "1 of 2")
	}
	f.Fuzz(func(t *testing.T, tmpl, val string) {
		look := func(string) (string, bool) { return val, true }
		for _, m := range []Mode{Plain, Isolate, HTML} {
			out := Format(tmpl, look, m)
			if m == Plain && !strings.Contains(tmpl, "{") && out != tmpl {
				t.Fatalf("Format(%q) = %q", tmpl, out)
			}
		}
		_ = Check(tmpl)
		_ = Args(tmpl)
		h := IsolatesToHTML(Format(tmpl, look, Isolate))
		if strings.Count(h, "<bdi") != strings.Count(h, "</bdi>") {
			t.Fatalf("IsolatesToHTML left a <bdi> open: %q", h)
		}
	})
}

func TestIsolatesToHTML(t *testing.T) {
	for in, want := range map[string]string{
		"لـ \u2068Dawit & co\u2069 (\u20668 CFR 207.7(b)(1)\u2069)": "لـ <bdi>Dawit &amp; co</bdi> (<bdi dir=\"ltr\">8 CFR 207.7(b)(1)</bdi>)",
		"<b>\u2069 x \u2068open": "&lt;b&gt; x <bdi>open</bdi>",
	} {
		if got := IsolatesToHTML(in); got != want {
			t.Errorf("IsolatesToHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
