package msgfmt

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RTL reports whether s holds a letter of a right-to-left script (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and their presentation forms): whether a
// template is written in Arabic, Dari or Pashto. It reads bytes, so that the
// law engine can ask it for every message it writes.
func RTL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0xD6 && c <= 0xDF: // U+0580–U+07FF
			if r, _ := utf8.DecodeRuneInString(s[i:]); r >= 0x0590 {
				return true
			}
		case c == 0xEF && i+1 < len(s): // U+F000–U+FFFF: presentation forms
			if r, _ := utf8.DecodeRuneInString(s[i:]); isRTL(r) {
				return true
			}
		}
	}
	return false
}

func isRTL(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// FirstStrong returns the direction a paragraph of plain text takes under
// rules P2 and P3 of the bidirectional algorithm: 'R' when its first strong
// letter (outside isolates) is right-to-left, 'L' when it is left-to-right,
// 0 when it has none. A terminal, an e-mail reader or a dir="auto" element
// lays the paragraph out in that direction.
func FirstStrong(s string) rune {
	depth := 0
	for _, r := range s {
		switch {
		case r == '\u2066' || r == '\u2067' || r == '\u2068':
			depth++
		case r == '\u2069':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r == '\u200f' || isRTL(r):
			return 'R'
		case r == '\u200e' || unicode.IsLetter(r):
			return 'L'
		}
	}
	return 0
}

// IsolatesToHTML writes plain text for an HTML page: escaped, with each
// isolate of the text (a value render or T wrapped, a citation the catalog
// wrapped) as a <bdi> element, so that the page isolates with markup
// rather than with invisible characters. Unpaired controls are dropped or
// closed at the end.
func IsolatesToHTML(s string) string {
	var b strings.Builder
	open := 0
	last := 0
	for i, r := range s {
		var tag string
		switch r {
		case '\u2066':
			tag, open = `<bdi dir="ltr">`, open+1
		case '\u2067':
			tag, open = `<bdi dir="rtl">`, open+1
		case '\u2068':
			tag, open = `<bdi>`, open+1
		case '\u2069':
			if open == 0 {
				tag = "" // a PDI that closes nothing
			} else {
				tag, open = `</bdi>`, open-1
			}
		default:
			continue
		}
		b.WriteString(html.EscapeString(s[last:i]))
		b.WriteString(tag)
		last = i + utf8.RuneLen(r)
	}
	b.WriteString(html.EscapeString(s[last:]))
	for ; open > 0; open-- {
		b.WriteString(`</bdi>`)
	}
	return b.String()
}
