package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsCommands: two photos become one document of two pages for the
// husband; a renamed program is refused by name and nothing is stored; the
// list shows the document.
func TestDocsCommands(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	fam := se.importGood()
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 40, 30)), nil)
	p1, p2, exe := filepath.Join(dir, "page1.jpg"), filepath.Join(dir, "page2.jpg"), filepath.Join(dir, "marriage.pdf")
	os.WriteFile(p1, buf.Bytes(), 0o600)
	os.WriteFile(p2, buf.Bytes(), 0o600)
	os.WriteFile(exe, append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...), 0o600)

	if code, _, errs := se.run("docs", "add", fam, "husband", exe, "--kind", "marriage_certificate"); code != exitUsage || !strings.Contains(errs, "marriage.pdf: the file is a program") {
		t.Errorf("renamed program: %d %s", code, errs)
	}
	if code, _, errs := se.run("docs", "add", fam, "husband", p1, "--kind", "passport"); code != exitUsage || !strings.Contains(errs, `--kind "passport"`) {
		t.Errorf("bad kind: %d %s", code, errs)
	}
	if code, _, errs := se.run("docs", "add", fam, "nobody", p1, "--kind", "photo"); code != exitUsage || !strings.Contains(errs, `"nobody"`) {
		t.Errorf("unknown relative: %d %s", code, errs)
	}
	code, out, errs := se.run("docs", "add", fam, "husband", p1, p2, "--kind", "marriage_certificate", "--language", "ti")
	if code != exitOK || !strings.Contains(out, "marriage_certificate\t2 page(s)\tpage1.pdf") {
		t.Fatalf("add: %d %q %s", code, out, errs)
	}
	code, out, errs = se.run("docs", "list", fam, "--json")
	if code != exitOK {
		t.Fatalf("list: %d %s", code, errs)
	}
	var rows []struct {
		Kind     string   `json:"kind"`
		Members  []string `json:"members"`
		Pages    int      `json:"pages"`
		Language string   `json:"language"`
		Status   string   `json:"status"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("list: %v %s", err, out)
	}
	if r := rows[0]; r.Kind != "marriage_certificate" || r.Pages != 2 || r.Language != "ti" || r.Status != "received" || len(r.Members) == 0 || r.Members[0] != "husband" {
		t.Errorf("listed: %+v", r)
	}
}
