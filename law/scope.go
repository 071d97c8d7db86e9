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
	text string // the text; for a word, the enumerated value
	num  int    // the number; for a date, the date packed (packDate)
	name vname
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
func str(name vname, text string) value { return value{name: name, text: text} }
func day(name vname, d reunite.Date) value {
	return value{name: name, kind: dateValue, num: packDate(d)}
}
func num(name vname, n int) value { return value{name: name, kind: numValue, num: n} }
func word(name vname, kind enumKind, v string) value {
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
// recently added first, ending at a root that holds no value. What the
// chain ends at is shared by all its scopes (top): a member's shared values
// (subject.lookup), values read back or merged (partial.go), or nothing.
// Adding a value copies nothing: a family's assessment makes dozens of
// scopes, taken from the assessment's arena.
type scope struct {
	parent *scope
	val    value
	top    *scopeTop
}

// scopeTop is what every scope of one chain shares.
type scopeTop struct {
	c    *caseFacts // the case, for words and new scopes; nil only for vars
	subj *subject   // their shared values, for a member's scopes
	vars Vars       // values read back or merged
	text string     // a message read back (readBack)
}

// with returns a scope with more values over s. The values are looked up
// from the last one given.
func (s *scope) with(vals ...value) *scope {
	if s == nil {
		s = &scope{top: &scopeTop{}}
	}
	c := s.top.c
	for _, v := range vals {
		n := c.newScope()
		n.parent, n.val, n.top = s, v, s.top
		s = n
	}
	return s
}

// lookup finds a value by name, the most recently added first.
func (s *scope) lookup(name string) (value, bool) { return s.find(vnameOf[name], name) }

// find is lookup with the name's number found already (n, vNone for a name
// no value of the engine has, which only values read back may hold).
func (s *scope) find(n vname, name string) (value, bool) {
	if name == "" || s == nil {
		return value{}, false // every value has a name; "{}" is text
	}
	if n != vNone {
		for p := s; p != nil; p = p.parent {
			if p.val.name == n {
				return p.val, true
			}
		}
	}
	switch t := s.top; {
	case t.vars != nil:
		v, ok := t.vars[name]
		return str(n, v), ok
	case n == vNone:
	case t.subj != nil:
		return t.subj.lookup(n)
	case t.c != nil:
		return t.c.lookup(n)
	}
	return value{}, false
}

// caseOf is the case whose language the values are written in.
func (s *scope) caseOf() *caseFacts {
	if s == nil {
		return nil
	}
	return s.top.c
}

// get looks a value up and writes it out (the lookup of msgfmt.Format).
func (s *scope) get(name string) (string, bool) {
	v, ok := s.lookup(name)
	if !ok {
		return "", false
	}
	return v.String(s.caseOf()), true
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

// values starts a chain of its own (the petitioner's, a range's) from
// vals, over the case's root, which holds no value.
func (c *caseFacts) values(vals ...value) *scope {
	return c.root.with(vals...)
}
