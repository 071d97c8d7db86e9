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
