package reunite

// Limits on the text of a case file. They are far above any real name or
// answer, and keep a hostile file from filling memory or the database: a
// 100 MB name was once accepted whole.
const (
	// MaxCaseFileSize is the largest case file read, in bytes; a large
	// family is a few kilobytes.
	MaxCaseFileSize = 1 << 20
	// MaxNameLength bounds each part of a name, in characters.
	MaxNameLength = 200
	// MaxTextLength bounds any other text of a case file, in characters.
	MaxTextLength = 5000
)

// BidiControl returns the first bidirectional formatting character of s
// (the embeddings and overrides U+202A to U+202E, the isolates U+2066 to
// U+2069, and the marks U+200E and U+200F), if any. In a name they have no
// place: a right-to-left override shown raw in a list makes "Selam" read
// as another name, and a name in Arabic or Latin letters is shown in the
// right direction without them.
func BidiControl(s string) (rune, bool) {
	for _, r := range s {
		if IsBidiControl(r) {
			return r, true
		}
	}
	return 0, false
}

// IsBidiControl reports whether r is one of the characters BidiControl finds.
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}
