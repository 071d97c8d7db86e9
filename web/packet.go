package web

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/packet"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/store"
)

// PacketFunc builds a family's mail-ready packet (package packet) into
// dir, which must not exist.
// uploads are the family's uploaded documents with their files, which go
// behind their exhibits.
type PacketFunc func(ctx context.Context, f *reunite.Family, a *law.Assessment, dir string, uploads []packet.Upload) error

// DossierFunc prints a family's dossier for the legal team (package
// packet): a PDF with a summary, a timeline, contents and bookmarks, and
// every relative's documents.
type DossierFunc func(ctx context.Context, f *reunite.Family, a *law.Assessment, uploads []packet.Upload) ([]byte, error)

// NewPacketBuilder returns a PacketFunc that fills the blank Form I-730 and
// prints with one Chromium, started at the first build and stopped by the
// returned close. Builds run one at a time: each drives the browser and
// writes dozens of PDFs, and a small office server has two cores.
//
// A failed start of Chromium is tried again at the next build, so that one
// transient failure does not turn packets off until the server restarts.
func NewPacketBuilder(blank []byte, dataDir string) (build PacketFunc, close func()) {
	build, _, close = NewBuilders(blank, dataDir)
	return build, close
}

// NewBuilders is NewPacketBuilder with the dossier's printer, which shares
// the packet's Chromium and takes its turn with the builds.
func NewBuilders(blank []byte, dataDir string) (build PacketFunc, dossier DossierFunc, close func()) {
	b := NewBrowser()
	build, dossier = NewBuildersOn(b, blank, dataDir)
	return build, dossier, b.Close
}

// NewBuildersOn is NewBuilders printing with a browser the caller shares
// (with the letters) and closes; the server warms it at start (Browser.Warm).
func NewBuildersOn(b *Browser, blank []byte, dataDir string) (build PacketFunc, dossier DossierFunc) {
	var mu sync.Mutex // one build at a time
	// The packet's checklist and summary carry the office's notices: the
	// same files the server loaded at start.
	book, bookErr := policy.Load(dataDir)
	build = func(ctx context.Context, f *reunite.Family, a *law.Assessment, dir string, uploads []packet.Upload) error {
		if bookErr != nil {
			return bookErr
		}
		mu.Lock()
		defer mu.Unlock()
		c, err := b.chromium()
		if err != nil {
			return err
		}
		notices := book.Match(f, a.AsOf, "en")
		_, err = packet.Build(ctx, f, a, dir, packet.Options{Blank: blank, Printer: c, DataDir: dataDir, Notices: &notices, Uploads: uploads})
		return err
	}
	dossier = func(ctx context.Context, f *reunite.Family, a *law.Assessment, uploads []packet.Upload) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		c, err := b.chromium()
		if err != nil {
			return nil, err
		}
		return packet.Dossier(ctx, f, a, uploads, c, time.Now())
	}
	return build, dossier
}

// PacketWorkDir prepares the folder where packets are built before they
// are zipped: inside the data directory (kept with the database, not in a
// shared temporary folder), private to the server's user, and emptied at
// start of anything a crash left behind, since a packet holds a family's
// names and numbers in clear.
func PacketWorkDir(dataDir string) (string, error) {
	dir := filepath.Join(dataDir, "packets.tmp")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// familyPacket builds the packet of the family's latest version, assessed
// today, and sends it as one zip file named by the family's id.
func (s *Server) familyPacket(w http.ResponseWriter, r *http.Request, a store.Actor) {
	rec, uploads, ok := s.printableFamily(w, r, a, s.cfg.Packet != nil)
	if !ok {
		return
	}
	tmp, err := os.MkdirTemp(s.cfg.PacketWorkDir, "packet-") // "" (tests) is the system's
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "packet")
	as := law.Assess(rec.Family, reunite.DateOf(s.today()))
	if err := s.cfg.Packet(r.Context(), rec.Family, as, out, uploads); err != nil {
		if errors.Is(err, packet.ErrCannotFile) || errors.Is(err, packet.ErrNothing) {
			s.status(w, r, http.StatusConflict, "packet.nothing")
			return
		}
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="packet-`+rec.ID+`.zip"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := zipDir(w, out); err != nil {
		s.log.Error("packet zip", "error", err) // headers are sent: the download is cut short
	}
}

// zipDir writes every file under dir into a zip archive, with paths
// relative to dir.
func zipDir(w io.Writer, dir string) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		zf, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = io.Copy(zf, f)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}
