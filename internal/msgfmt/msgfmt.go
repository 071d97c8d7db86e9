// Package msgfmt fills the message templates of every catalog in Reunite
// (law findings, the text report, the web pages, the packet's instruction
// sheet), so that a translator writes one syntax everywhere and the
// values a program fills in are isolated from the surrounding text in one
// place, for the medium the text is written in.
//
// The syntax is a small subset of ICU MessageFormat:
//
//	{name}                                   a value
//	{sex, select, F {…} M {…} other {…}}     a choice by value; other is required
//	{days, plural, =1 {…} two {…} few {…} other {…}}
//	                                         a choice by number: =N first, then
//	                                         the CLDR category (zero, one, two,
//	                                         few, many: the Arabic rules, which
//	                                         include every other catalog's), then other
//	{sequence, of, {k} من {n}}               the engine's "k of N" said in the
//	                                         catalog's words; {k} and {n} are its parts
//
// Case texts may hold values and choices themselves. A template that is
// not well formed is written as it stands rather than failing, so that a
// broken translation shows on the page instead of breaking it; Check
// finds such templates in tests.
package msgfmt

import (
	"html"
	"strconv"
	"strings"
)

// The isolate controls of the Unicode bidirectional algorithm (UAX #9).
const (
	// FSI opens a first-strong isolate: its text takes its own direction
	// and does not change the direction of the text around it.
	FSI = "\u2068"
	// LRI opens a left-to-right isolate (citations, item numbers).
	LRI = "\u2066"
	// PDI closes an isolate.
	PDI = "\u2069"
	// RLM is the right-to-left mark, an invisible strong right-to-left
	// character.
	RLM = "\u200f"
)

// Mode says how filled-in values are set apart from the template's text.
type Mode uint8

const (
	// Plain writes values as they are (left-to-right text).
	Plain Mode = iota
	// Isolate wraps each value in FSI … PDI: plain text, e-mail, SVG and
	// JSON messages of a right-to-left language.
	Isolate
	// HTML escapes the template's text and wraps each value in <bdi>.
	HTML
)

// Lookup returns the value of a name, and whether there is one.
type Lookup func(name string) (string, bool)

// Format fills tmpl with values from lookup. A value with no name in
// lookup is left as written ("{name}"), so that it shows instead of
// vanishing.
func Format(tmpl string, lookup Lookup, mode Mode) string {
	if strings.IndexByte(tmpl, '{') < 0 {
		if mode == HTML {
			return html.EscapeString(tmpl)
		}
		return tmpl
	}
	f := formatter{lookup: lookup, mode: mode}
	f.b.Grow(len(tmpl) + len(tmpl)/2)
	f.message(tmpl)
	return f.b.String()
}

type formatter struct {
	b      strings.Builder
	lookup Lookup
	mode   Mode
	// k and n are the parts of the "k of N" being written, set inside an
	// of-argument's text only.
	k, n   string
	inside bool
}

func (f *formatter) text(s string) {
	if f.mode == HTML {
		f.b.WriteString(html.EscapeString(s))
		return
	}
	f.b.WriteString(s)
}

func (f *formatter) value(v string) {
	switch {
	case v == "":
	case number(v):
		// A number keeps its place in any direction (it is a run of
		// European digits), so it is written as it is.
		f.b.WriteString(v)
	case strings.HasPrefix(v, FSI) || strings.HasPrefix(v, LRI):
		// A value that isolates its own parts (a list of names, each in
		// its isolate) must not be isolated as a whole: the list would
		// then run left to right in a right-to-left sentence.
		f.text(v)
	case f.mode == Isolate:
		f.b.WriteString(FSI)
		f.b.WriteString(v)
		f.b.WriteString(PDI)
	case f.mode == HTML:
		f.b.WriteString("<bdi>")
		f.b.WriteString(html.EscapeString(v))
		f.b.WriteString("</bdi>")
	default:
		f.b.WriteString(v)
	}
}

// number reports whether v is a whole number, possibly grouped ("1,234").
func number(v string) bool {
	if v[0] < '0' || v[0] > '9' || len(v) > 24 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < '0' || c > '9') && c != ',' && c != '.' && c != ' ' {
			return false
		}
	}
	return true
}

func (f *formatter) get(name string) (string, bool) {
	if f.inside {
		switch name {
		case "k":
			return f.k, true
		case "n":
			return f.n, true
		}
	}
	if f.lookup == nil {
		return "", false
	}
	return f.lookup(name)
}

// message writes a template or a case text.
func (f *formatter) message(s string) {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			f.text(s)
			return
		}
		j := closing(s, i)
		if j < 0 {
			f.text(s)
			return
		}
		f.text(s[:i])
		f.argument(s[i : j+1])
		s = s[j+1:]
	}
}

// argument writes one {…}, braces included in arg.
func (f *formatter) argument(arg string) {
	inner := arg[1 : len(arg)-1]
	comma := strings.IndexByte(inner, ',')
	if comma < 0 {
		if v, ok := f.get(inner); ok {
			if f.inside && (inner == "k" || inner == "n") {
				f.text(v) // a number of the catalog's own phrase, not a foreign value
			} else {
				f.value(v)
			}
			return
		}
		f.text(arg)
		return
	}
	name := strings.TrimSpace(inner[:comma])
	kind, body, ok := strings.Cut(inner[comma+1:], ",")
	if !ok {
		f.text(arg)
		return
	}
	val, known := f.get(name)
	switch strings.TrimSpace(kind) {
	case "select":
		if c, ok := find(body, val, known); ok {
			f.message(c)
			return
		}
		if c, ok := find(body, "other", true); ok {
			f.message(c)
			return
		}
	case "plural":
		if n, err := strconv.Atoi(val); known && err == nil {
			if c, ok := find(body, "="+strconv.Itoa(n), true); ok {
				f.message(c)
				return
			}
			if c, ok := find(body, Category(n), true); ok {
				f.message(c)
				return
			}
		}
		if c, ok := find(body, "other", true); ok {
			f.message(c)
			return
		}
	case "of":
		k, n, ok := strings.Cut(val, " of ")
		if known && ok {
			saved := *f
			f.k, f.n, f.inside = k, n, true
			f.message(strings.TrimSpace(body))
			f.k, f.n, f.inside = saved.k, saved.n, saved.inside
			return
		}
		if known {
			f.value(val)
			return
		}
	}
	f.text(arg)
}

// find returns the text of the case key of a select or plural body; known
// false finds nothing (a value the lookup has not).
func find(body, key string, known bool) (string, bool) {
	if !known {
		return "", false
	}
	for c := range cases(body) {
		if c.key == key {
			return c.text, true
		}
	}
	return "", false
}

type choice struct{ key, text string }

// cases yields the "key {text}" pairs of a select or plural body, and stops
// at the first that is not well formed.
func cases(body string) func(yield func(choice) bool) {
	return func(yield func(choice) bool) {
		for {
			body = strings.TrimLeft(body, " \t\n")
			if body == "" {
				return
			}
			open := strings.IndexByte(body, '{')
			if open <= 0 {
				return
			}
			key := strings.TrimSpace(body[:open])
			end := closing(body, open)
			if end < 0 || key == "" || strings.ContainsAny(key, " }") {
				return
			}
			if !yield(choice{key, body[open+1 : end]}) {
				return
			}
			body = body[end+1:]
		}
	}
}

// closing returns the index of the brace that closes the one at s[i], or
// -1.
func closing(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// Category is the CLDR plural category of n under the Arabic rules: zero,
// one, two, few (3–10, and 103–110…), many (11–99…), other. The other
// catalogs' languages use only one and other, which these rules give for 1
// and for every n ≥ 3 (a template without a few or many case falls back to
// other); a catalog that needs a distinct form for 0 or 2 writes =0 or =2.
func Category(n int) string {
	if n < 0 {
		n = -n
	}
	switch m := n % 100; {
	case n == 0:
		return "zero"
	case n == 1:
		return "one"
	case n == 2:
		return "two"
	case m >= 3 && m <= 10:
		return "few"
	case m >= 11 && m <= 99:
		return "many"
	}
	return "other"
}
