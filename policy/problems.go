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

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely misspelling.
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
