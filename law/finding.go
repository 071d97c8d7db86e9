package law

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Vars are the named values a message is written with ({name}, {date}...),
// kept with the finding so that a translated catalog can write the same
// message in another language.
type Vars map[string]string

// finding renders the message for key with vars in the assessment's
// language.
//
// The finding keeps only the values its message uses: enough to write it
// again in another language (every catalog has the same placeholders), and
// no more of the family's facts than the message itself shows.
func (c *caseFacts) finding(code Code, outcome Outcome, cite, key string, v *scope) Finding {
	if v == nil {
		v = c.values()
	}
	return Finding{Code: code, Outcome: outcome, Cite: cite, Key: key, values: v}
}

// Vars are the values the finding's message uses, by placeholder name.
func (f Finding) Vars() Vars {
	switch {
	case f.values == nil:
		return nil
	case f.values.top.c == nil:
		return f.values.top.vars // read from JSON
	}
	used := placeholderNames[f.Key]
	kept := make(Vars, len(used))
	for _, name := range used {
		if val, ok := f.values.get(name); ok {
			kept[name] = val
		}
	}
	return kept
}

// Message is the finding in plain language, in the assessment's language.
// A MISSING_FACT message ends with the fact's path (see withFact).
func (f Finding) Message() string {
	switch {
	case f.values == nil:
		return ""
	case f.values.top.c == nil:
		return f.values.top.text // read from JSON
	case f.values.top.c.catalog == nil:
		return "" // no language to write it in
	}
	msg := f.values.top.c.render(f.Key, f.values)
	if f.Fact != "" {
		msg = withFact(msg, f.Fact)
	}
	return msg
}

// findingJSON is a finding as the contract writes it.
type findingJSON struct {
	Code    Code    `json:"code"`
	Outcome Outcome `json:"outcome"`
	Cite    string  `json:"cite"`
	Message string  `json:"message"`
	Fact    string  `json:"fact,omitzero"`
	Key     string  `json:"key,omitzero"`
	Vars    Vars    `json:"vars,omitzero"`
	Notable bool    `json:"notable,omitzero"`
}

// MarshalJSON writes the finding with its message. It leaves & < > as
// they are: the encoder that called it escapes them for HTML if it was
// asked to (json.Marshal does, reunite check --json does not).
func (f Finding) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(findingJSON{Code: f.Code, Outcome: f.Outcome, Cite: f.Cite, Message: f.Message(),
		Fact: f.Fact, Key: f.Key, Vars: f.Vars(), Notable: f.Notable})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads a finding written by MarshalJSON (a stored
// assessment); its message is kept as written.
func (f *Finding) UnmarshalJSON(data []byte) error {
	var j findingJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*f = Finding{Code: j.Code, Outcome: j.Outcome, Cite: j.Cite, values: readBack(j.Vars, j.Message),
		Fact: j.Fact, Key: j.Key, Notable: j.Notable}
	return nil
}

// placeholderNames lists, for each message key, the names of the
// {placeholders} its English template uses.
var placeholderNames = func() map[string][]string {
	out := make(map[string][]string, len(messagesEN))
	for key, tmpl := range messagesEN {
		for {
			i := strings.IndexByte(tmpl, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(tmpl[i:], '}')
			if j < 0 {
				break
			}
			out[key] = append(out[key], tmpl[i+1:i+j])
			tmpl = tmpl[i+j+1:]
		}
	}
	return out
}()

// missing is the MISSING_FACT finding for the fact at path; key explains why
// the rule needs it.
//
// The message ends with the fact's path in the case file, unless the
// template already names it, so that the person who fixes the file knows
// which field to fill whatever the language.
func (c *caseFacts) missing(path, key string, v *scope) Finding {
	if v == nil {
		v = c.values()
	}
	v = v.with(str(vFact, path))
	f := c.finding(MissingFact, Review, citeMissing, key, v)
	f.Fact = path
	return f
}

// withFact ends a message with the missing fact's path, unless it names it.
func withFact(msg, path string) string {
	if strings.Contains(msg, path) {
		return msg
	}
	return msg + " (" + path + ")"
}

// verdictOf sums up findings: any fail makes ineligible, else any review
// makes review; warnings and passes never change the verdict.
func verdictOf(findings []Finding) Verdict {
	v := Eligible
	for _, f := range findings {
		switch f.Outcome {
		case Fail:
			return Ineligible
		case Review:
			v = NeedsReview
		}
	}
	return v
}
