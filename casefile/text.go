package casefile

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/reunite/reunite"
)

// checkText reads the file's strings, keys included, before anything else
// and names each one that the reader would otherwise take in altered or
// unbounded: bytes that are not UTF-8 (encoding/json silently turns them,
// and lone surrogate escapes, into U+FFFD), text over its length limit,
// and bidirectional controls in a name. It returns nil when all is well or
// when the file is not JSON (the parser then says where).
func checkText(data []byte) *reunite.ValidationError {
	if errs := checkSize(data); errs != nil {
		return errs
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	c := textCheck{errs: &reunite.ValidationError{}}
	for !c.full() {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break // the end, or not JSON: parseTree reports it
		}
		c.take(tok, data[start:dec.InputOffset()])
	}
	return c.result()
}

// checkSize refuses a file over the size limit before it is read.
func checkSize(data []byte) *reunite.ValidationError {
	if len(data) > reunite.MaxCaseFileSize {
		errs := &reunite.ValidationError{}
		errs.Add("", "the file is %d bytes; a case file is at most %d bytes (1 MB)", len(data), reunite.MaxCaseFileSize)
		return errs
	}
	return nil
}

// textCheck checks the strings of a JSON stream one token at a time, as
// checkText reads them, or as parseTree does (so that a good file is
// tokenized once, not twice).
type textCheck struct {
	errs *reunite.ValidationError
	w    textWalk
}

// full reports whether enough problems were found to fix first: no more
// tokens are looked at.
func (c *textCheck) full() bool { return len(c.errs.Fields) >= 20 }

// take checks one token, raw being its bytes in the file.
func (c *textCheck) take(tok json.Token, raw []byte) {
	if c.full() {
		return
	}
	path, isKey, closed := c.w.next(tok)
	if closed {
		return
	}
	if s, ok := tok.(string); ok {
		if isKey {
			checkString(c.errs, path, " (a key)", s, raw, false)
		} else {
			checkString(c.errs, path, "", s, raw, isName(path))
		}
	}
}

// result is nil when all is well, else the problems found.
func (c *textCheck) result() *reunite.ValidationError {
	if len(c.errs.Fields) == 0 {
		return nil
	}
	return c.errs
}

// textWalk follows the path of each token of a JSON stream. The path is
// kept in one buffer, cut back to the enclosing object or array at each
// token, and made a string only for a problem: a string per token was a
// fifth of the allocations of decoding a good file.
type textWalk struct {
	path  []byte
	stack []frame
	key   string // the last key read in the innermost object
}

// frame is one open object or array: where its path ends in the buffer,
// and for an object whether a key comes next, for an array the index of
// the next item.
type frame struct {
	end    int
	object bool
	key    bool
	index  int
}

// next takes one token and returns the path it stands at (appendJoin's,
// valid until the next call), whether it is an object's key, and
// whether it closed an object or array.
func (w *textWalk) next(tok any) (path []byte, isKey, closed bool) {
	w.path = w.path[:0]
	if n := len(w.stack); n > 0 {
		top := &w.stack[n-1]
		w.path = w.path[:top.end]
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			w.stack = w.stack[:n-1]
			w.done()
			return w.path, false, true
		}
		switch {
		case top.object && top.key:
			w.key, top.key = tok.(string), false
			return w.path, true, false
		case top.object:
			w.path = appendJoin(w.path, w.key)
		default:
			w.path = appendIndex(w.path, top.index)
		}
	}
	if d, ok := tok.(json.Delim); ok {
		w.stack = append(w.stack, frame{end: len(w.path), object: d == '{', key: d == '{'})
		return w.path, false, false
	}
	w.done()
	return w.path, false, false
}

// done moves the innermost object or array past the value just read.
func (w *textWalk) done() {
	if n := len(w.stack); n > 0 {
		if w.stack[n-1].object {
			w.stack[n-1].key = true
		} else {
			w.stack[n-1].index++
		}
	}
}

// isName reports whether a path is a part of a person's name:
// principal.name.given, family[2].other_names[0].family.
func isName(path []byte) bool {
	i := bytes.LastIndexByte(path, '.')
	if i < 0 {
		return false
	}
	parent := path[:i]
	if j := bytes.LastIndexByte(parent, '.'); j >= 0 {
		parent = parent[j+1:]
	}
	return string(parent) == "name" || bytes.HasPrefix(parent, []byte("other_names["))
}

// checkString checks one decoded string against its raw bytes in the
// file. A problem is reported at path followed by suffix.
func checkString(errs *reunite.ValidationError, path []byte, suffix, s string, raw []byte, name bool) {
	at := func() string { return string(path) + suffix }
	if !utf8.Valid(raw) {
		errs.Add(at(), "is not valid UTF-8 text: save the file as UTF-8")
		return
	}
	// A U+FFFD that the file does not hold, as itself or escaped, is one
	// the reader put in. The file's are counted only when the text has
	// one: nearly none has, and the count lowers a copy of the raw bytes.
	if replaced := strings.Count(s, "\uFFFD"); replaced > 0 &&
		replaced > bytes.Count(raw, []byte("\uFFFD"))+strings.Count(strings.ToLower(string(raw)), `\ufffd`) {
		errs.Add(at(), `holds an invalid escape (a lone surrogate, \uD800 to \uDFFF): write the character itself`)
		return
	}
	limit := reunite.MaxTextLength
	if name {
		limit = reunite.MaxNameLength
	}
	if n := utf8.RuneCountInString(s); n > limit {
		errs.Add(at(), "is %d characters long; at most %d are allowed here", n, limit)
		return
	}
	if name {
		if r, ok := reunite.BidiControl(s); ok {
			errs.Add(at(), "holds the invisible direction control U+%04X, which can make a name look like another: type the name without it", r)
		}
	}
}
