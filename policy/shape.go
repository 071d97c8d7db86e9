package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/internal/editdist"
)

// shape walks a notice file's JSON tokens and the Go types side by side,
// driven by their json tags, before anything is decoded. It records where
// every value starts (so later checks can name a line) and reports unknown
// keys, values of the wrong kind, bad dates and values outside an enum,
// each with its line and path. encoding/json alone would silently drop an
// unknown key and would not say on which line a date was bad.
type shape struct {
	dec   *json.Decoder
	data  []byte
	pos   map[string]int // path -> byte offset of the value
	probs []Problem
}

var (
	dateType    = reflect.TypeFor[reunite.Date]()
	allowedType = reflect.TypeFor[interface{ Allowed() []string }]()
)

func (s *shape) problem(off int, path, format string, args ...any) {
	s.probs = append(s.probs, Problem{Line: lineAt(s.data, off), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// start returns the offset where the next token begins.
func (s *shape) start() int {
	off := int(s.dec.InputOffset())
	for off < len(s.data) {
		switch s.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// errSyntax stops the walk: the rest of the file cannot be read.
type errSyntax struct {
	off int
	msg string
}

func (e *errSyntax) Error() string { return e.msg }

func (s *shape) token() (json.Token, error) {
	off := s.start()
	tok, err := s.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &errSyntax{int(se.Offset), se.Error()}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &errSyntax{len(s.data), "the file ends in the middle of a value"}
		}
		return nil, &errSyntax{off, err.Error()}
	}
	return tok, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func kindOf(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "a value"
}

// value reads one value at path, expected to fit type t.
func (s *shape) value(path string, t reflect.Type) error {
	off := s.start()
	s.pos[path] = off
	tok, err := s.token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null: unknown, the zero value
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := ""
	switch {
	case t == dateType:
		str, ok := tok.(string)
		if !ok {
			want = `a date written "YYYY-MM-DD"`
			break
		}
		if _, err := reunite.ParseDate(str); err != nil || len(str) != 10 {
			s.problem(off, path, "%q is not a date written YYYY-MM-DD", str)
		}
		return nil
	case t.Kind() == reflect.String:
		str, ok := tok.(string)
		if !ok {
			want = "a string"
			break
		}
		if t.Implements(allowedType) {
			allowed := reflect.Zero(t).Interface().(interface{ Allowed() []string }).Allowed()
			if !slices.Contains(allowed, str) {
				s.problem(off, path, "%q is not one of %s", str, strings.Join(allowed, ", "))
			}
		}
		return nil
	case t.Kind() == reflect.Bool:
		if _, ok := tok.(bool); !ok {
			want = "true or false"
		}
	case t.Kind() == reflect.Int:
		n, ok := tok.(json.Number)
		if _, err := strconv.Atoi(string(n)); !ok || err != nil {
			want = "a whole number"
		}
	case t.Kind() == reflect.Struct:
		if tok != json.Delim('{') {
			want = "an object"
			break
		}
		return s.object(path, t)
	case t.Kind() == reflect.Map:
		if tok != json.Delim('{') {
			want = "an object"
			break
		}
		return s.object(path, t)
	case t.Kind() == reflect.Slice:
		if tok != json.Delim('[') {
			want = "a list"
			break
		}
		for i := 0; s.dec.More(); i++ {
			if err := s.value(fmt.Sprintf("%s[%d]", path, i), t.Elem()); err != nil {
				return err
			}
		}
		_, err := s.token()
		return err
	}
	if want != "" {
		s.problem(off, path, "expected %s, found %s", want, kindOf(tok))
		if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
			return s.skipRest()
		}
	}
	return nil
}

// object reads the members of an object whose '{' was read: a struct's
// keys must be its json tags; a map takes any key.
func (s *shape) object(path string, t reflect.Type) error {
	fields := map[string]reflect.Type{}
	var names []string
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
	}
	for s.dec.More() {
		koff := s.start()
		tok, err := s.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		kpath := join(path, key)
		if t.Kind() == reflect.Map {
			if err := s.value(kpath, t.Elem()); err != nil {
				return err
			}
			continue
		}
		ft, ok := fields[key]
		if !ok {
			hint := ""
			if c := closest(key, names); c != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", c)
			}
			s.problem(koff, kpath, "unknown key%s", hint)
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		if err := s.value(kpath, ft); err != nil {
			return err
		}
	}
	_, err := s.token()
	return err
}

// skip reads and ignores one whole value.
func (s *shape) skip() error {
	tok, err := s.token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		return s.skipRest()
	}
	return nil
}

// skipRest reads to the end of the object or list whose opening was read.
func (s *shape) skipRest() error {
	for depth := 1; depth > 0; {
		tok, err := s.token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// closest returns the candidate nearest to key when it is near enough (under
// three edits) to be a likely misspelling, else "".
func closest(key string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editdist.Distance(key, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
