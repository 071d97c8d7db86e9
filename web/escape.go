package web

import "strings"

// htmlWriter is where HTML is written in Go: a strings.Builder for a part
// of a page, or the page's own buffer (executePage).
type htmlWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// Pages whose long lists are written in Go rather than by the template
// (needs_rows.go) escape their values as html/template would have in the
// same place, byte for byte, so that the page does not change: html/template
// calls its escapers through reflection for every value, which was half of
// a long list's time. FuzzEscapeAsTemplate holds these to html/template.

// escapeText writes s as html/template writes a string in text or in a
// quoted attribute's value: the five characters that could end either,
// '+' (against UTF-7 sniffing) as a character reference, NUL as U+FFFD.
func escapeText(b htmlWriter, s string) {
	from := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b.WriteString(s[from:i])
		b.WriteString(rep)
		from = i + 1
	}
	b.WriteString(s[from:])
}

// escapeURLPath writes s as html/template writes a string placed in a
// quoted URL attribute after the URL's start (href="/families/{{.}}"):
// bytes that may not appear in a URL percent-encoded (in lower case), those
// that may kept, an existing escape too, and the result escaped for the
// attribute.
func escapeURLPath(b htmlWriter, s string) {
	const hex = "0123456789abcdef"
	var u strings.Builder
	from := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; urlKept(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		u.WriteString(s[from:i])
		u.WriteByte('%')
		u.WriteByte(hex[s[i]>>4])
		u.WriteByte(hex[s[i]&15])
		from = i + 1
	}
	if from == 0 { // nothing encoded, the usual case (ids, fixed paths)
		escapeText(b, s)
		return
	}
	u.WriteString(s[from:])
	escapeText(b, u.String())
}

// urlKept reports whether a URL keeps byte c as it is: letters, digits,
// the unreserved marks, and the reserved delimiters of RFC 3986 but for
// the quote and the parentheses.
func urlKept(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escapeURLQuery writes s as html/template writes a string placed in a
// quoted URL attribute after its query or fragment has begun
// (href="/families/x/documents#m-{{.}}"): every byte but the unreserved
// ones percent-encoded (in lower case), '%' included, which leaves
// nothing for the attribute to escape.
func escapeURLQuery(b htmlWriter, s string) {
	const hex = "0123456789abcdef"
	from := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			continue
		}
		b.WriteString(s[from:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		from = i + 1
	}
	b.WriteString(s[from:])
}

// escapeURL writes s as html/template writes a string that is a quoted
// URL attribute's whole value (href="{{.}}"): a URL of another scheme than
// http, https or mailto (javascript:, say) replaced by "#ZgotmplZ", then
// as in the URL's path (escapeURLPath).
func escapeURL(b htmlWriter, s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	escapeURLPath(b, s)
}
