package reunite

import (
	"fmt"
	"strings"
)

// FieldError says what is wrong with one field of a case file, named by its
// path in the file: family[1].child.adoption_date.
type FieldError struct {
	Path    string `json:"path"`
	Problem string `json:"problem"`
}

func (e FieldError) Error() string {
	if e.Path == "" {
		return e.Problem
	}
	return e.Path + ": " + e.Problem
}

// ValidationError lists every bad field of a case file at once, so that a
// person can fix them all in one pass.
type ValidationError struct {
	File   string // the file's name, when it came from one
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.File != "" {
		fmt.Fprintf(&b, "%s: ", e.File)
	}
	fmt.Fprintf(&b, "not a valid case file (%d problem", len(e.Fields))
	if len(e.Fields) != 1 {
		b.WriteString("s")
	}
	b.WriteString(")")
	for _, f := range e.Fields {
		b.WriteString("\n  ")
		b.WriteString(f.Error())
	}
	return b.String()
}

// Add records a problem at path.
func (e *ValidationError) Add(path, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Path: path, Problem: fmt.Sprintf(format, args...)})
}

// Err returns e when it holds a problem, and nil otherwise.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}
