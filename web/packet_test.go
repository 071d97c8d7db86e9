package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"testing"
)

// The blank form is shared with the packet package's tests.
const blankPath = "../../shared/forms/i-730.pdf"

// TestPacketDownload builds a family's packet through the web application
// with the real packet builder and Chromium, and reads the zip back.
func TestPacketDownload(t *testing.T) {
	blank, err := os.ReadFile(blankPath)
	if err == nil {
		_, err = exec.LookPath("chromium")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the blank I-730 and chromium are required under CI: %v", err)
		}
		t.Skipf("!! SKIPPED: packet download needs the shared blank I-730 and chromium: %v", err)
	}
	build, closeBuilder := NewPacketBuilder(blank, "")
	t.Cleanup(closeBuilder)
	e := newEnvWith(t, func(c *Config) { c.Packet = build }).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	wantBody(t, b.get("/families/"+e.east.family), "/packet.zip")
	p := b.get("/families/" + e.east.family + "/packet.zip")
	wantStatus(t, p, http.StatusOK)
	z, err := zip.NewReader(bytes.NewReader([]byte(p.Body)), int64(len(p.Body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	names := map[string]bool{}
	pdfs := 0
	for _, f := range z.File {
		names[f.Name] = true
		if bytes.HasSuffix([]byte(f.Name), []byte(".pdf")) {
			pdfs++
		}
	}
	if !names["manifest.json"] || pdfs == 0 {
		t.Errorf("packet zip: manifest %v, %d PDFs, files %v", names["manifest.json"], pdfs, names)
	}
	// Another office cannot build east's packet.
	w := e.browser().login(e.west.logins["caseworker"])
	wantStatus(t, w.get("/families/"+e.east.family+"/packet.zip"), http.StatusNotFound)
}
