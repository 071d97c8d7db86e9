package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormsAndPacket runs the paper-filing commands in-process: adding the
// blank form (and refusing another form), then building a packet, and the
// failures that must leave nothing behind.
func TestFormsAndPacket(t *testing.T) {
	forms := sharedDir(t, "forms")
	data := t.TempDir()
	code, _, errs := runCmd(t, "", "forms", "add", filepath.Join(forms, "i-589.pdf"), "--data", data)
	if code != exitUsage || !strings.Contains(errs, "I-589") || !strings.Contains(errs, "uscis.gov/i-730") {
		t.Fatalf("I-589: exit %d: %s", code, errs)
	}
	out := filepath.Join(t.TempDir(), "packet")
	caseFile := filepath.Join(repoRoot(t), "forms", "testdata", "asylee-spouse-arabic.json")
	code, _, errs = runCmd(t, "", "packet", caseFile, "--out", out, "--data", data, "--as-of", "2026-11-23")
	if code != exitFailure || !strings.Contains(errs, "forms add") {
		t.Fatalf("packet without a blank form: exit %d: %s", code, errs)
	}
	code, stdout, errs := runCmd(t, "", "forms", "add", filepath.Join(forms, "i-730.pdf"), "--data", data)
	if code != exitOK || !strings.Contains(stdout, "01/20/25") {
		t.Fatalf("I-730: exit %d: %s %s", code, stdout, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format": "reunite.case/v1", "principal": {"birth_date": "1980-13-01"}, "family": []}`), 0o644)
	code, _, errs = runCmd(t, "", "packet", bad, "--out", out, "--data", data)
	if code != exitUsage || !strings.Contains(errs, "birth_date") {
		t.Fatalf("invalid case file: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a failed packet left %s behind", out)
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is required in CI")
		}
		t.Skip("SKIPPED: chromium not installed (Debian package chromium-headless-shell or chromium)")
	}
	code, stdout, errs = runCmd(t, "", "packet", caseFile, "--out", out, "--data", data, "--as-of", "2026-11-23")
	if code != exitOK || !strings.Contains(stdout, "01-wife/") {
		t.Fatalf("packet: exit %d: %s %s", code, stdout, errs)
	}
	for _, f := range []string{"manifest.json", "01-wife/petition-to-mail.pdf", "instructions-ar.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, _, errs = runCmd(t, "", "packet", caseFile, "--out", out, "--data", data, "--as-of", "2026-11-23")
	if code != exitFailure || !strings.Contains(errs, "not empty") {
		t.Errorf("second build into the same directory: exit %d: %s", code, errs)
	}
	// A packet that cannot be built is refused before a browser is looked
	// for: without Chromium the refusal is still the reason.
	t.Setenv("PATH", "")
	code, _, errs = runCmd(t, "", "packet", caseFile, "--out", out, "--data", data, "--as-of", "2026-11-23")
	if code != exitFailure || !strings.Contains(errs, "not empty") {
		t.Errorf("refusal without Chromium: exit %d: %s", code, errs)
	}
	code, _, errs = runCmd(t, "", "packet", caseFile, "--out", filepath.Join(t.TempDir(), "q"), "--data", data, "--as-of", "2026-11-23", "--member", "nobody")
	if code != exitFailure || !strings.Contains(errs, "nobody") {
		t.Errorf("unknown member without Chromium: exit %d: %s", code, errs)
	}
}
