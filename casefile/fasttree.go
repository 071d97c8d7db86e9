package casefile

import (
	"encoding/json"
	"reflect"
	"sync"
	"unicode/utf8"

	"github.com/reunite/reunite"
)

// fastTree is parseTree for a well-formed file, read without encoding/json's
// tokenizer: there each token costs an interface value and the end of each
// value an error value, and reading the tree was 60% of decoding a good
// file. It builds the same tree and hands the text check the same tokens
// (a string's raw bytes are its literal, where encoding/json's also hold
// the spaces and separators before it: the checks look only at what is not
// ASCII and at escapes, which those never hold). At anything out of the
// ordinary (a syntax error, nesting deeper than maxDepth, more after the
// value) it gives up, ok false, and parseTree reads the file again with
// encoding/json, which says what is wrong and where. FuzzFastTree holds
// the two readers to the same result.
func fastTree(data []byte) (n *node, text *reunite.ValidationError, ok bool) {
	r := fastReader{data: data, text: &textCheck{errs: &reunite.ValidationError{}}}
	if n, ok = r.value(0); !ok {
		return nil, nil, false
	}
	if r.space(); r.pos != len(data) {
		return nil, nil, false
	}
	return n, r.text.result(), true
}

// fastReader reads one JSON value at pos.
type fastReader struct {
	data []byte
	pos  int
	text *textCheck
}

// space skips JSON's white space.
func (r *fastReader) space() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// peek is the byte at pos, 0 at the end (never valid where it is asked).
func (r *fastReader) peek() byte {
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

func (r *fastReader) value(depth int) (*node, bool) {
	if depth > maxDepth {
		return nil, false
	}
	r.space()
	switch c := r.peek(); {
	case c == '{':
		return r.object(depth)
	case c == '[':
		return r.array(depth)
	case c == '"':
		s, raw, ok := r.str(nil)
		if !ok {
			return nil, false
		}
		r.text.take(s, raw)
		return &node{kind: kString, str: s}, true
	case c == 't':
		return r.literal("true", true, &node{kind: kBool, b: true})
	case c == 'f':
		return r.literal("false", false, &node{kind: kBool})
	case c == 'n':
		return r.literal("null", nil, &node{kind: kNull})
	case c == '-' || '0' <= c && c <= '9':
		num, ok := r.number()
		if !ok {
			return nil, false
		}
		r.text.take(json.Number(num), nil)
		return &node{kind: kNumber, str: num}, true
	}
	return nil, false
}

func (r *fastReader) literal(word string, tok json.Token, n *node) (*node, bool) {
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		return nil, false
	}
	r.pos += len(word)
	r.text.take(tok, nil)
	return n, true
}

func (r *fastReader) object(depth int) (*node, bool) {
	r.pos++ // {
	r.text.take(json.Delim('{'), nil)
	n := &node{kind: kObject, fields: map[string]*node{}}
	if r.space(); r.peek() == '}' {
		r.pos++
		r.text.take(json.Delim('}'), nil)
		return n, true
	}
	for {
		if r.space(); r.peek() != '"' {
			return nil, false
		}
		key, raw, ok := r.str(caseKeys())
		if !ok {
			return nil, false
		}
		r.text.take(key, raw)
		if r.space(); r.peek() != ':' {
			return nil, false
		}
		r.pos++
		val, ok := r.value(depth + 1)
		if !ok {
			return nil, false
		}
		if _, dup := n.fields[key]; dup {
			n.dups = append(n.dups, key)
		} else {
			n.keys = append(n.keys, key)
			n.fields[key] = val
		}
		if more, ok := r.after('}'); !ok {
			return nil, false
		} else if !more {
			return n, true
		}
	}
}

func (r *fastReader) array(depth int) (*node, bool) {
	r.pos++ // [
	r.text.take(json.Delim('['), nil)
	n := &node{kind: kArray}
	if r.space(); r.peek() == ']' {
		r.pos++
		r.text.take(json.Delim(']'), nil)
		return n, true
	}
	for {
		item, ok := r.value(depth + 1)
		if !ok {
			return nil, false
		}
		n.items = append(n.items, item)
		if more, ok := r.after(']'); !ok {
			return nil, false
		} else if !more {
			return n, true
		}
	}
}

// after reads what follows an item of an object or a list: a comma, more
// to come; or its end, which it hands to the text check.
func (r *fastReader) after(end byte) (more, ok bool) {
	r.space()
	switch r.peek() {
	case ',':
		r.pos++
		return true, true
	case end:
		r.pos++
		r.text.take(json.Delim(end), nil)
		return false, true
	}
	return false, false
}

// str reads a string literal: its text and its raw bytes, quotes included.
// A literal with an escape or bytes that are not UTF-8 is decoded by
// encoding/json itself, so that its text is exactly what that reader
// makes of it (U+FFFD for what it cannot read, which the text check
// then reports).
//
// known maps texts to strings already made: a text found there is
// returned as that string rather than a new one (nil: none is).
func (r *fastReader) str(known map[string]string) (s string, raw []byte, ok bool) {
	start := r.pos
	r.pos++ // "
	plain := true
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			r.pos++
			raw = r.data[start:r.pos]
			body := raw[1 : len(raw)-1]
			if plain && utf8.Valid(body) {
				if s, ok := known[string(body)]; ok {
					return s, raw, true
				}
				return string(body), raw, true
			}
			if json.Unmarshal(raw, &s) != nil {
				return "", nil, false
			}
			return s, raw, true
		case c < ' ':
			return "", nil, false // a control character must be escaped
		case c == '\\':
			plain = false
			r.pos += 2 // the escape's first character is never a quote that ends the string
			continue
		}
		r.pos++
	}
	return "", nil, false
}

// number reads a number literal as JSON writes it:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *fastReader) number() (string, bool) {
	start := r.pos
	if r.peek() == '-' {
		r.pos++
	}
	switch c := r.peek(); {
	case c == '0':
		r.pos++
	case '1' <= c && c <= '9':
		r.digits()
	default:
		return "", false
	}
	if r.peek() == '.' {
		r.pos++
		if !r.digits() {
			return "", false
		}
	}
	if c := r.peek(); c == 'e' || c == 'E' {
		r.pos++
		if c := r.peek(); c == '+' || c == '-' {
			r.pos++
		}
		if !r.digits() {
			return "", false
		}
	}
	return string(r.data[start:r.pos]), true
}

// digits skips one or more digits; false when there is none.
func (r *fastReader) digits() bool {
	start := r.pos
	for c := r.peek(); '0' <= c && c <= '9'; c = r.peek() {
		r.pos++
	}
	return r.pos > start
}

// caseKeys holds the keys of the case file, each once, by their text: the
// keys of a file are nearly all of them, and a string made for each was a
// tenth of the allocations of decoding a good file.
var caseKeys = sync.OnceValue(func() map[string]string {
	keys := map[string]string{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			if seen[t] {
				return
			}
			seen[t] = true
			for key := range jsonFields(t) {
				keys[key] = key
			}
			for i := range t.NumField() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeFor[reunite.Family]())
	return keys
})
