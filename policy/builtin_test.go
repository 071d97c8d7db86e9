package policy

import "testing"

func TestBuiltinReads(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Notices) != 16 {
		t.Errorf("%d notices, want the sixteen of the research notes", len(set.Notices))
	}
}
