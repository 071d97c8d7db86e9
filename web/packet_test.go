package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reunite/reunite/store"
)

// The blank form is shared with the packet package's tests.
const blankPath = "../../shared/forms/i-730.pdf"

// TestPacketDownload builds a family's packet through the web application
// with the real packet builder and Chromium, and reads the zip back.
func TestPacketDownload(t *testing.T) {
	e := packetEnv(t).withOffices()
	work := e.app.cfg.PacketWorkDir
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
	// The family's PDFs do not outlive the request.
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("the packet work folder still holds %v after the download", left)
	}
	// Another office cannot build east's packet.
	w := e.browser().login(e.west.logins["caseworker"])
	wantStatus(t, w.get("/families/"+e.east.family+"/packet.zip"), http.StatusNotFound)
	// Nor can a partner office the family is shared with, even to write:
	// one office prepares what is filed and keeps the legal file.
	if _, err := e.st.ShareFamily(t.Context(), e.east.admin, store.NewShare{FamilyID: e.east.family, PartnerOrgID: e.west.admin.OrgID(),
		Access: store.AccessWrite, ExpiresAt: e.now.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, w.get("/families/"+e.east.family), http.StatusOK)
	for _, file := range []string{"/packet.zip", "/dossier.pdf"} {
		wantStatus(t, w.get("/families/"+e.east.family+file), http.StatusNotFound)
	}
	wantStatus(t, b.get("/families/"+e.east.family+"/dossier.pdf"), http.StatusOK)
}

func TestPacketWorkDirIsPrivateAndSweptAtStart(t *testing.T) {
	data := t.TempDir()
	left := filepath.Join(data, "packets.tmp", "packet-123", "packet")
	if err := os.MkdirAll(left, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(left, "i-730.pdf"), []byte("a crash left this"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir, err := PacketWorkDir(data)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 0 {
		t.Errorf("work dir holds %v after start (%v); a crash's leftovers must be removed", entries, err)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("work dir mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
	if filepath.Dir(dir) != data {
		t.Errorf("work dir %s is not in the data directory", dir)
	}
}
