package forms

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The I-730's default appearance is Courier New Bold 10 pt from the form's
// own resources (/DR), which is monospaced: every glyph is 600/1000 em wide.
// That lets Reunite measure text exactly without reading font metrics.
const (
	courierWidth = 0.6
	defaultSize  = 10.0
	minSize      = 6.0 // below this a scanned form becomes hard to read
	padding      = 2.0
)

// winAnsi encodes s for the form's WinAnsi font. ok is false when s holds a
// character the font cannot show (a non-Latin script): such text is drawn by
// the native-script renderer instead.
func winAnsi(s string) (b []byte, ok bool) {
	out, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, false
	}
	return out, true
}

// pdfString writes bytes as a PDF literal string for a content stream.
func pdfString(b []byte) string {
	var sb strings.Builder
	sb.WriteByte('(')
	for _, c := range b {
		switch {
		case c == '(' || c == ')' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c < 32 || c > 126:
			fmt.Fprintf(&sb, "\\%03o", c)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(')')
	return sb.String()
}

// layout decides how a value is drawn in a field of width w and height h.
type layout struct {
	size  float64
	lines []string
	// rest is the text that did not fit; it goes to the additional
	// information sheet.
	rest string
}

// fitLine shrinks the font until s fits on one line; below minSize it keeps
// what fits at minSize and returns the remainder.
func fitLine(s string, w float64) layout {
	n := len([]rune(s))
	if n == 0 {
		return layout{size: defaultSize}
	}
	avail := w - 2*padding
	size := min(defaultSize, avail/(courierWidth*float64(n)))
	if size >= minSize {
		return layout{size: size, lines: []string{s}}
	}
	fit := int(avail / (courierWidth * minSize))
	r := []rune(s)
	cut := cutAtSpace(r, fit)
	return layout{size: minSize, lines: []string{strings.TrimSpace(string(r[:cut]))},
		rest: strings.TrimSpace(string(r[cut:]))}
}

// cutAtSpace returns a cut point at most n runes in, preferring a space.
func cutAtSpace(r []rune, n int) int {
	if n >= len(r) {
		return len(r)
	}
	for i := n; i > n/2; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return max(n, 1)
}

// wrap lays out multiline text at a fixed size, word by word; lines beyond
// the field's height go to rest.
func wrap(s string, w, h, size float64) layout {
	perLine := max(int((w-2*padding)/(courierWidth*size)), 1)
	maxLines := max(int((h-2*padding)/(size*1.15)), 1)
	var lines []string
	var restParas []string
	paras := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for pi, p := range paras {
		r := []rune(strings.TrimRight(p, " "))
		for {
			if len(lines) == maxLines {
				restParas = append(restParas, strings.TrimSpace(string(r)))
				restParas = append(restParas, paras[pi+1:]...)
				return layout{size: size, lines: lines, rest: strings.TrimSpace(strings.Join(restParas, "\n"))}
			}
			if len(r) <= perLine {
				lines = append(lines, string(r))
				break
			}
			cut := cutAtSpace(r, perLine)
			lines = append(lines, strings.TrimRight(string(r[:cut]), " "))
			r = []rune(strings.TrimLeft(string(r[cut:]), " "))
		}
	}
	return layout{size: size, lines: lines}
}

// textStream draws a layout in a field's box as a /Tx marked-content
// appearance, clipped to the box like a viewer would.
func textStream(font string, l layout, w, h float64, comb int, multiline bool) ([]byte, error) {
	var b strings.Builder
	b.WriteString("/Tx BMC\nq\n")
	fmt.Fprintf(&b, "1 1 %.2f %.2f re W n\n", w-2, h-2)
	b.WriteString("BT\n")
	fmt.Fprintf(&b, "/%s %.2f Tf 0 g\n", font, l.size)
	switch {
	case comb > 0 && len(l.lines) == 1:
		cell := w / float64(comb)
		y := (h-l.size)/2 + 0.22*l.size
		for i, r := range []rune(l.lines[0]) {
			enc, ok := winAnsi(string(r))
			if !ok {
				return nil, fmt.Errorf("character %q cannot be drawn", r)
			}
			x := float64(i)*cell + (cell-courierWidth*l.size)/2
			fmt.Fprintf(&b, "1 0 0 1 %.2f %.2f Tm %s Tj\n", x, y, pdfString(enc))
		}
	case multiline:
		lead := l.size * 1.15
		y := h - padding - l.size
		for _, line := range l.lines {
			enc, ok := winAnsi(line)
			if !ok {
				return nil, fmt.Errorf("text %q cannot be drawn", line)
			}
			fmt.Fprintf(&b, "1 0 0 1 %.2f %.2f Tm %s Tj\n", padding, y, pdfString(enc))
			y -= lead
		}
	default:
		y := (h-l.size)/2 + 0.22*l.size
		for _, line := range l.lines {
			enc, ok := winAnsi(line)
			if !ok {
				return nil, fmt.Errorf("text %q cannot be drawn", line)
			}
			fmt.Fprintf(&b, "1 0 0 1 %.2f %.2f Tm %s Tj\n", padding, y, pdfString(enc))
		}
	}
	b.WriteString("ET\nQ\nEMC\n")
	return []byte(b.String()), nil
}

// emptyStream is the appearance of a field whose text another layer draws
// (native scripts) or that stays blank: it marks the field as having an
// appearance, so no viewer regenerates one with a font that lacks the
// glyphs.
func emptyStream() []byte { return []byte("/Tx BMC\nEMC\n") }
