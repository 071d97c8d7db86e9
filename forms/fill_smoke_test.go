package forms

import (
	"context"
	"os"
	"testing"
)

func TestSmoke(t *testing.T) {
	blank, err := os.ReadFile("../../shared/forms/i-730.pdf")
	if err != nil {
		t.Skip(err)
	}
	v := Values{"start.status": "asylee", "p1.name.family": "GARCIA LÓPEZ", "p1.res.state": "CA", "p1.res.unit": "apt",
		"p1.anumber": "012345678", "p3.explanation": "Line one.\nLine two.", "p1.phone": "(510) 555-0100", "p3.late": "yes",
		"p1.res.street": "12345 Very Long Boulevard Name Extension Road North"}
	res, err := Fill(context.Background(), blank, v, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/smoke.pdf", res.PDF, 0o644)
	in, err := Inspect(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v %v", res.Overflow, in.Checked)
	for k, want := range v {
		if in.Values[k] != want {
			t.Errorf("%s: %q want %q", k, in.Values[k], want)
		}
	}
	t.Log(in.XFA, in.UsageRights, in.Encrypted, in.NoAppearance)
}
