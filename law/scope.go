package law

import (
	"strconv"
	"strings"
	"time"

	"github.com/reunite/reunite"
)

// The values a message is written with, kept as what they are (a date, a
// number, an enumerated word) and written out only when a message is: an
// assessment applies every rule, but most findings (passed rules above all)
// are never shown, and formatting every date and word of every finding was
// most of the engine's cost.

// valueKind says how a value is written.
type valueKind uint8

const (
	textValue valueKind = iota // text, as it is
	dateValue                  // a date, YYYY-MM-DD ("" when unknown)
	numValue                   // a whole number
	wordValue                  // an enumerated value in the catalog's words (caseFacts.wordOf)
)

// value is one named value of a message.
type value struct {
	name string
	text string // the text; for a word, the enumerated value
	num  int    // the number; for a date, the date packed (packDate)
	kind valueKind
	enum enumKind // for a word, what it is
}

// enumKind is what an enumerated value is: its words are the catalog's
// "enum.KIND.VALUE" messages.
type enumKind uint8

const (
	enumForm enumKind = iota
	enumMarital
	enumStatus
	enumRelationship
)

var enumNames = [...]string{enumForm: "form", enumMarital: "marital", enumStatus: "status", enumRelationship: "relationship"}

// str, day, num and word make the values of each kind.
func str(name, text string) value { return value{name: name, text: text} }
func day(name string, d reunite.Date) value {
	return value{name: name, kind: dateValue, num: packDate(d)}
}
func num(name string, n int) value { return value{name: name, kind: numValue, num: n} }
func word(name string, kind enumKind, v string) value {
	return value{name: name, kind: wordValue, enum: kind, text: v}
}

// packDate keeps a date in a value's number, so that a scope is three words
// smaller: an assessment makes dozens. The unknown date packs to 0.
func packDate(d reunite.Date) int { return d.Year()<<9 | int(d.Month())<<5 | d.Day() }

func unpackDate(n int) reunite.Date {
	if n == 0 {
		return reunite.Date{}
	}
	return reunite.NewDate(n>>9, time.Month(n>>5&15), n&31)
}

// scope is the values a message may use: a chain of values, the most
// recently added first, ending at a root that holds a member's shared
// values (subject.lookup), values read back from JSON or merged
// (partial.go), or nothing. Adding a value copies nothing: a family's
// assessment makes dozens of scopes, taken from the assessment's arena.
type scope struct {
	parent *scope
	val    value
	c      *caseFacts // the case, for words and new scopes; nil only for vars
	subj   *subject   // in a member's root: their shared values
	vars   Vars       // in a root: values read back or merged
}

// with returns a scope with more values over s. The values are looked up
// from the last one given.
func (s *scope) with(vals ...value) *scope {
	if s == nil {
		s = &scope{}
	}
	for _, v := range vals {
		n := s.c.newScope()
		n.parent, n.val, n.c = s, v, s.c
		s = n
	}
	return s
}

// lookup finds a value by name, the most recently added first.
func (s *scope) lookup(name string) (value, bool) {
	if name == "" {
		return value{}, false // every value has a name; "{}" is text
	}
	for p := s; p != nil; p = p.parent {
		switch {
		case p.val.name == name:
			return p.val, true
		case p.subj != nil:
			return p.subj.lookup(name)
		case p.vars != nil:
			v, ok := p.vars[name]
			return str(name, v), ok
		}
	}
	return value{}, false
}

// get looks a value up and writes it out (the lookup of msgfmt.Format).
func (s *scope) get(name string) (string, bool) {
	v, ok := s.lookup(name)
	if !ok {
		return "", false
	}
	return v.String(s.c), true
}

// String writes the value out; c gives the words of enumerated values.
func (v value) String(c *caseFacts) string {
	switch v.kind {
	case dateValue:
		return unpackDate(v.num).String()
	case numValue:
		return strconv.Itoa(v.num)
	case wordValue:
		return c.wordOf(enumNames[v.enum], v.text)
	}
	return v.text
}

// write writes the value into a message being built, as String would.
func (v value) write(b *strings.Builder, c *caseFacts) {
	var buf [24]byte
	switch v.kind {
	case dateValue:
		d, _ := unpackDate(v.num).AppendText(buf[:0])
		b.Write(d)
	case numValue:
		b.Write(strconv.AppendInt(buf[:0], int64(v.num), 10))
	case wordValue:
		b.WriteString(c.wordOf(enumNames[v.enum], v.text))
	default:
		b.WriteString(v.text)
	}
}

// len is the length of the value written out.
func (v value) len(c *caseFacts) int {
	switch v.kind {
	case dateValue:
		if y := v.num >> 9; y >= 1000 && y <= 9999 {
			return 10
		}
	case numValue:
		var buf [24]byte
		return len(strconv.AppendInt(buf[:0], int64(v.num), 10))
	case textValue:
		return len(v.text)
	}
	return len(v.String(c))
}

// arena hands out the scopes of one assessment from a few large blocks
// instead of one allocation each. A block is never grown, so a scope
// handed out stays where it is.
type arena struct {
	free []scope
	next int // the size of the next block
}

func (c *caseFacts) newScope() *scope {
	if c == nil {
		return new(scope)
	}
	a := &c.arena
	if len(a.free) == 0 {
		a.free = make([]scope, max(a.next, 16))
	}
	s := &a.free[0]
	a.free = a.free[1:]
	return s
}

// values starts a scope of its own (the petitioner's, a range's) from
// vals.
func (c *caseFacts) values(vals ...value) *scope {
	root := c.newScope()
	root.c = c
	return root.with(vals...)
}
