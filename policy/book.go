package policy

import (
	_ "embed"
	"fmt"
)

// The notices shipped with Reunite. A change of this file is a new
// version (its "version" and "checked" fields), recorded in the audit log
// of every office that starts with it.
//
//go:embed notices.json
var builtinJSON []byte

// BuiltinName is how errors and the audit log name the shipped file.
const BuiltinName = "policy/notices.json"

// Builtin returns the notices shipped with Reunite.
func Builtin() (*Set, error) { return Read(BuiltinName, builtinJSON) }

// BuiltinBytes returns the shipped file as it is embedded (for its hash).
func BuiltinBytes() []byte { return builtinJSON }

// Book is the notices in force for an office: the shipped set and the
// office's own files. A notice id is unique across the book.
type Book struct {
	sets []*Set
}

// NewBook puts sets together, refusing one whose notice id another set
// already uses: an office adds notices, it does not silently replace one.
func NewBook(sets ...*Set) (*Book, error) {
	owner := map[string]string{}
	for _, s := range sets {
		for _, n := range s.Notices {
			if o, dup := owner[n.ID]; dup {
				return nil, fmt.Errorf("%s: notice %q is already defined in %s", s.Origin, n.ID, o)
			}
			owner[n.ID] = s.Origin
		}
	}
	return &Book{sets: sets}, nil
}

// Sets returns the sets of the book, the shipped one first.
func (b *Book) Sets() []*Set { return b.sets }

// Notice returns a notice by id and the set holding it.
func (b *Book) Notice(id string) (*Notice, *Set) {
	for _, s := range b.sets {
		if n := s.Lookup(id); n != nil {
			return n, s
		}
	}
	return nil, nil
}
