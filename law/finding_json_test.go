package law

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestFindingJSON: a finding written to JSON carries its message, keeps
// & < > for an encoder that does not escape HTML (reunite check --json)
// and escapes them for one that does, like the plain struct did; read
// back, it keeps the message as written.
func TestFindingJSON(t *testing.T) {
	f := Finding{Code: "CHILD_AGE", Outcome: Pass, Cite: "Matter of Mowrer, 17 I&N Dec. 613 (BIA 1981)", Key: "k", values: readBack(nil, "a <b> & c")}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"cite":"Matter of Mowrer, 17 I&N Dec. 613 (BIA 1981)"`) || !strings.Contains(buf.String(), `"message":"a <b> & c"`) {
		t.Errorf("unescaped encoder wrote %s", buf.String())
	}
	escaped, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(escaped), `I\u0026N`) {
		t.Errorf("json.Marshal wrote %s", escaped)
	}
	var back Finding
	if err := json.Unmarshal(escaped, &back); err != nil {
		t.Fatal(err)
	}
	if back.Message() != "a <b> & c" || back.Cite != f.Cite {
		t.Errorf("read back %+v, message %q", back, back.Message())
	}
}

// TestTextJSON: a text is written to JSON exactly as the plain string it
// replaced, by an encoder that escapes HTML and by one that does not, and
// is read back as that string.
func TestTextJSON(t *testing.T) {
	s := "Natan's 21st birthday <b> & \u2028 \"quoted\" \x01"
	type withText struct {
		Label Text   `json:"label"`
		Next  []Text `json:"next,omitzero"`
	}
	type withString struct {
		Label string   `json:"label"`
		Next  []string `json:"next,omitzero"`
	}
	for _, escape := range []bool{true, false} {
		encode := func(v any) string {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(escape)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			return buf.String()
		}
		got, want := encode(withText{TextOf(s), []Text{TextOf(s)}}), encode(withString{s, []string{s}})
		if got != want {
			t.Errorf("escape HTML %v: text wrote %s, string %s", escape, got, want)
		}
		if got, want := encode(withText{Label: TextOf(s)}), encode(withString{Label: s}); got != want {
			t.Errorf("escape HTML %v, no next steps: text wrote %s, string %s", escape, got, want)
		}
		var back withText
		if err := json.Unmarshal([]byte(got), &back); err != nil || back.Label.String() != s || len(back.Next) != 1 || back.Next[0].String() != s {
			t.Errorf("read back %q, %q (%v)", back.Label, back.Next, err)
		}
	}
}
