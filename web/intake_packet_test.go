package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// packetEnv is a test server that builds packets, or skips the test
// (fails it under CI) without the blank form or Chromium.
func packetEnv(t *testing.T) *env {
	t.Helper()
	blank, err := os.ReadFile(blankPath)
	if err == nil {
		_, err = exec.LookPath("chromium")
	}
	if err == nil {
		_, err = exec.LookPath("pdftotext")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the blank I-730, chromium and pdftotext are required under CI: %v", err)
		}
		t.Skipf("!! SKIPPED: needs the shared blank I-730, chromium and pdftotext: %v", err)
	}
	build, dossier, closeBuilder := NewBuilders(blank, "")
	t.Cleanup(closeBuilder)
	work, err := PacketWorkDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return newEnvWith(t, func(c *Config) { c.Packet, c.Dossier, c.PacketWorkDir = build, dossier, work })
}

// handWritten reads every checklist.pdf of a packet zip back with
// pdftotext and returns the lines under "Answers to write on the form by
// hand", per checklist.
func handWritten(t *testing.T, zipped []byte) map[string][]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]string{}
	dir := t.TempDir()
	for _, f := range z.File {
		if filepath.Base(f.Name) != "checklist.pdf" {
			continue
		}
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		path := filepath.Join(dir, "c.pdf")
		os.WriteFile(path, data, 0o600)
		text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", f.Name, err)
		}
		s := string(text)
		out[f.Name] = nil
		i := strings.Index(s, "Answers to write on the form by hand")
		if i < 0 {
			continue
		}
		s = s[i+len("Answers to write on the form by hand"):]
		for _, end := range []string{"Answers Reunite chose", "Evidence"} {
			if j := strings.Index(s, end); j >= 0 {
				s = s[:j]
			}
		}
		var item string
		for _, line := range strings.Split(s, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case strings.HasPrefix(line, "page ") || strings.HasPrefix(line, "the form:"):
				if item != "" {
					out[f.Name] = append(out[f.Name], item)
				}
				item = line
			default:
				item += " " + line
			}
		}
		if item != "" {
			out[f.Name] = append(out[f.Name], item)
		}
	}
	if len(out) == 0 {
		t.Fatal("no checklist in the packet")
	}
	for name, lines := range out {
		out[name] = slices.DeleteFunc(lines, recordedAnswer)
	}
	return out
}

// recordedAnswer reports whether a line to write by hand only carries an
// answer the intake recorded: the social-media identifiers, which this
// edition of the form has no box for (a policy notice says to write them
// where the current edition asks), once every person's are known.
func recordedAnswer(line string) bool {
	return strings.Contains(line, "Social-media identifiers") && !strings.Contains(line, "none recorded, ask")
}

// TestIntakeToPacketNothingByHand answers a whole intake over HTTP and
// builds the packet: no checklist asks to write by hand anything the
// intake could have asked.
func TestIntakeToPacketNothingByHand(t *testing.T) {
	e := packetEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	id := completeFamilyOverHTTP(t, b)
	p := b.get("/families/" + id + "/packet.zip")
	wantStatus(t, p, http.StatusOK)
	for name, lines := range handWritten(t, []byte(p.Body)) {
		for _, l := range lines {
			t.Errorf("%s: to write by hand: %s", name, l)
		}
	}
}
