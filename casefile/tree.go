package casefile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/reunite/reunite"
)

// node is one JSON value read in file order. Objects keep their keys in the
// order they were written, so that errors come out in the order a person
// reads the file, and a key written twice is caught instead of the first
// copy being silently dropped.
type node struct {
	kind   nodeKind
	str    string   // kString, and the literal text of kNumber
	b      bool     // kBool
	keys   []string // kObject, in file order
	fields map[string]*node
	items  []*node  // kArray
	dups   []string // kObject: keys written more than once
}

type nodeKind int

const (
	kNull nodeKind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func (k nodeKind) String() string {
	return [...]string{"null", "true or false", "a number", "a string", "a list", "an object"}[k]
}

// maxDepth bounds nesting, so that a hostile file cannot exhaust the stack.
const maxDepth = 64

// parseTree reads exactly one JSON value from data, and checks its text
// as it goes (checkText's checks, for each token read): text is the
// problems found, nil when none; it is only complete when err is nil. A
// well-formed file is read by fastTree; anything else by encoding/json,
// which says what is wrong and where.
func parseTree(data []byte) (n *node, text *reunite.ValidationError, err error) {
	if n, text, ok := fastTree(data); ok {
		return n, text, nil
	}
	return jsonTree(data)
}

// jsonTree is parseTree with encoding/json's tokenizer.
func jsonTree(data []byte) (n *node, text *reunite.ValidationError, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := &tokens{dec: dec, data: data, text: &textCheck{errs: &reunite.ValidationError{}}}
	n, err = parseValue(r, 0)
	if err != nil {
		return nil, nil, jsonError(data, dec, err)
	}
	if _, err := r.next(); err != io.EOF {
		return nil, nil, fmt.Errorf("not JSON: more than one value in the file (at byte %d)", dec.InputOffset())
	}
	return n, r.text.result(), nil
}

// tokens reads the tokens of a file, each checked as it is read.
type tokens struct {
	dec  *json.Decoder
	data []byte
	text *textCheck
}

func (r *tokens) next() (json.Token, error) {
	start := r.dec.InputOffset()
	tok, err := r.dec.Token()
	if err == nil {
		r.text.take(tok, r.data[start:r.dec.InputOffset()])
	}
	return tok, err
}

func jsonError(data []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := position(data, syn.Offset)
		return fmt.Errorf("not JSON: %v at line %d, column %d", syn, line, col)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("not JSON: the file ends in the middle of a value")
	}
	line, col := position(data, dec.InputOffset())
	return fmt.Errorf("not JSON: %v at line %d, column %d", err, line, col)
}

func position(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func parseValue(r *tokens, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested more than %d levels deep", maxDepth)
	}
	tok, err := r.next()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &node{kind: kNull}, nil
	case bool:
		return &node{kind: kBool, b: t}, nil
	case json.Number:
		return &node{kind: kNumber, str: t.String()}, nil
	case string:
		return &node{kind: kString, str: t}, nil
	case json.Delim:
		if t == '[' {
			n := &node{kind: kArray}
			for r.dec.More() {
				item, err := parseValue(r, depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
			_, err := r.next() // ]
			return n, err
		}
		n := &node{kind: kObject, fields: map[string]*node{}}
		for r.dec.More() {
			kt, err := r.next()
			if err != nil {
				return nil, err
			}
			key := kt.(string)
			val, err := parseValue(r, depth+1)
			if err != nil {
				return nil, err
			}
			if _, dup := n.fields[key]; dup {
				n.dups = append(n.dups, key)
				continue
			}
			n.keys = append(n.keys, key)
			n.fields[key] = val
		}
		_, err := r.next() // }
		return n, err
	}
	return nil, fmt.Errorf("unexpected %v", tok)
}
