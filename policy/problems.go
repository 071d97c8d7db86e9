package policy

import (
	"fmt"
	"strings"
)

// FileError is a notice file that was refused: every problem found, each
// with its line and the path of the field at fault.
type FileError struct {
	File     string
	Problems []Problem
}

// Problem is one thing wrong with a notice file.
type Problem struct {
	Line int    // 1-based; 0 when the problem has no single place
	Path string // notices[3].match[0].nationality[2]
	Msg  string
}

func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: not a valid notice file (%d problem(s))", e.File, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String(e.File))
	}
	return b.String()
}

// String writes the problem as "file:line: path: message".
func (p Problem) String(file string) string {
	s := file
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Path != "" {
		s += ": " + p.Path
	}
	return s + ": " + p.Msg
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	return strings.Count(string(data[:off]), "\n") + 1
}
