package law

// Text is a message an assessment holds beside its findings: a key date's
// label, a hint, a next step. Like a finding's message it is written out
// in the assessment's language only when it is read (String, JSON): a
// family's page or the office's lists assess every family they show, and
// most of these texts are never shown. Written, it is the same string in
// the same language as if it had been written when the rules ran; in JSON
// it is a plain string, read back as the text it was.
//
// A Text is a small value, safe to copy and to read from several
// goroutines at once.
type Text struct {
	// s is the message key, or the text itself when there are no values
	// to write it with (read from JSON, or made by TextOf).
	s string
	v *scope
}

// TextOf is a text already written: what a reader of stored assessments,
// or a test, holds.
func TextOf(s string) Text { return Text{s: s} }

// text is the message key written with the values of v, in the
// assessment's language, when it is read.
func (c *caseFacts) text(key string, v *scope) Text { return Text{s: key, v: v} }

// String writes the text out.
func (t Text) String() string {
	if t.v == nil {
		return t.s
	}
	return t.v.caseOf().render(t.s, t.v)
}

// MarshalText makes a text a JSON string, escaped as the encoder escapes
// any string (HTML characters only when it is asked to).
func (t Text) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a text back as written.
func (t *Text) UnmarshalText(b []byte) error {
	*t = Text{s: string(b)}
	return nil
}

// Strings writes out a list of texts (a petition's next steps) for those
// who show them all.
func Strings(ts []Text) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}
