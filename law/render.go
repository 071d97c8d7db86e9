package law

import (
	"strings"

	"github.com/reunite/reunite/internal/msgfmt"
)

// render writes the message for key in the assessment's language.
func (c *caseFacts) render(key string, v *scope) string {
	if c.english {
		if t, ok := compiledEN[key]; ok {
			return t.fill(v)
		}
	}
	return render(c.catalog, key, v)
}

// Render fills a message template from catalog with vars. A placeholder
// with no value is left as written, so a missing value shows instead of
// vanishing.
func Render(catalog map[string]string, key string, v Vars) string {
	return render(catalog, key, &scope{top: &scopeTop{vars: v}})
}

// render fills the template of key (from catalog, else English) with the
// values of v. The syntax, selects on sex and plurals included, is
// internal/msgfmt's. In a right-to-left template every value is wrapped in
// a first-strong isolate (U+2068 … U+2069), so that a Latin name or a date
// keeps its own direction without turning the sentence around, wherever
// the message is shown: the text report, the JSON, a web page, a PDF.
func render(catalog map[string]string, key string, v *scope) string {
	tmpl, ok := catalog[key]
	if !ok {
		tmpl = messagesEN[key]
	}
	if strings.IndexByte(tmpl, '{') < 0 {
		return tmpl
	}
	mode := msgfmt.Plain
	if msgfmt.RTL(tmpl) {
		mode = msgfmt.Isolate
	}
	return msgfmt.Format(tmpl, v.get, mode)
}

// template is a left-to-right message template whose arguments are all
// plain {name}s, as most are: text and the names of values, in turn.
// Written by fill, it gives what msgfmt.Format gives in plain mode (each
// value as it is, a name with no value as written, the text after an
// unclosed brace as it stands: TestTemplateAgreesWithMsgfmt), in one
// allocation of the right size and without looking for right-to-left text
// or choices again.
type template struct {
	parts []part
	tail  string // the text after the last value
	text  int    // the length of the text
}

// part is text, then the name of a value, and its number.
type part struct {
	text, name string
	n          vname
}

// compile splits a template into parts; false when an argument is more
// than a name (a select, a plural, nested braces: msgfmt's to write).
func compile(tmpl string) (template, bool) {
	var t template
	for {
		i := strings.IndexByte(tmpl, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(tmpl[i+1:], '}')
		}
		if j < 0 {
			t.tail = tmpl
			t.text += len(tmpl)
			return t, true
		}
		name := tmpl[i+1 : i+1+j]
		if strings.ContainsAny(name, "{,") {
			return template{}, false
		}
		t.parts = append(t.parts, part{text: tmpl[:i], name: name, n: vnameOf[name]})
		t.text += i
		tmpl = tmpl[i+j+2:]
	}
}

// fill writes the template with the values of v, in one allocation of
// the right size.
func (t template) fill(v *scope) string {
	if len(t.parts) == 0 {
		return t.tail // no value to write
	}
	// The values are looked up once, for the length and then the text
	// (again for the rare template with more than eight).
	c := v.caseOf()
	var vals [8]value
	var known [8]bool
	n := t.text
	for i, p := range t.parts {
		val, ok := v.find(p.n, p.name)
		if i < len(vals) {
			vals[i], known[i] = val, ok
		}
		if ok {
			n += val.len(c)
		} else {
			n += len(p.name) + 2
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range t.parts {
		b.WriteString(p.text)
		got, ok := value{}, false
		if i < len(vals) {
			got, ok = vals[i], known[i]
		} else {
			got, ok = v.find(p.n, p.name)
		}
		if ok {
			got.write(&b, c)
		} else {
			b.WriteByte('{')
			b.WriteString(p.name)
			b.WriteByte('}')
		}
	}
	b.WriteString(t.tail)
	return b.String()
}

// compiledEN are the English templates compiled once, by key: Assess
// writes its messages from them. English has no right-to-left template
// (TestEnglishTemplatesCompiled); one with a choice is left to msgfmt.
var compiledEN = func() map[string]template {
	out := make(map[string]template, len(messagesEN))
	for key, tmpl := range messagesEN {
		if msgfmt.RTL(tmpl) {
			continue
		}
		if t, ok := compile(tmpl); ok {
			out[key] = t
		}
	}
	return out
}()
