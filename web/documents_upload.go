package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/reunite/reunite/docfile"
	"github.com/reunite/reunite/store"
)

// Uploads of evidence: a document of one or more pages (phone photos or
// PDFs) in one multipart request, read part by part: no part is written to
// a temporary file (they hold a family's documents in clear), and no more
// than the request's bound is read.

// maxDocPages is how many files (pages) one document may be sent as.
const maxDocPages = 20

// maxDocRequest bounds one upload request: a few files of up to
// docfile.DefaultLimits.MaxBytes.
const maxDocRequest = 64 << 20

// uploadSlots bounds how many uploads are read at once, server-wide: each
// holds its files in memory (up to maxDocRequest) while they are checked
// and sealed, so memory stays bounded however many people upload at once;
// the others wait their turn.
var uploadSlots = make(chan struct{}, 4)

// takeUploadSlot waits for a slot, or gives up with the request.
func takeUploadSlot(ctx context.Context) (release func(), ok bool) {
	select {
	case uploadSlots <- struct{}{}:
		return func() { <-uploadSlots }, true
	case <-ctx.Done():
		return nil, false
	}
}

// isDocumentUpload reports whether path takes uploaded files of evidence:
// /families/{id}/documents, /families/{id}/documents/{doc}/translations
// and /families/{id}/relatives/incidents (an incident's document).
func isDocumentUpload(path string) bool {
	rest, ok := strings.CutPrefix(path, "/families/")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "/")
	switch {
	case len(parts) == 2 && parts[1] == "documents":
		return parts[0] != ""
	case len(parts) == 3 && parts[1] == "relatives" && parts[2] == "incidents":
		return parts[0] != ""
	case len(parts) == 4 && parts[1] == "documents" && parts[3] == "translations":
		return parts[0] != "" && parts[2] != ""
	}
	return false
}

// uploadForm is a posted form with its files, each checked and prepared
// by docfile as it was read.
type uploadForm struct {
	Fields url.Values
	Files  []*docfile.File
}

// errTooManyFiles is an upload of more files than one document may have.
var errTooManyFiles = errors.New("too many files")

// readUpload reads a multipart form (fields, and files under the name
// "file") or a plain form (fields only). A refused file comes back as the
// *docfile.Error naming it.
func readUpload(ctx context.Context, r *http.Request, lim docfile.Limits) (*uploadForm, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return &uploadForm{Fields: r.PostForm}, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	f := &uploadForm{Fields: url.Values{}}
	for parts := 0; ; parts++ {
		p, err := mr.NextPart()
		if err == io.EOF && parts > 0 {
			return f, nil
		}
		if err == io.EOF { // not even one part: not a form
			return nil, errors.New("an empty multipart body")
		}
		if err != nil {
			return nil, err
		}
		name := p.FormName()
		if p.FileName() == "" && name != "file" {
			v, err := io.ReadAll(io.LimitReader(p, 64<<10))
			if err != nil {
				return nil, err
			}
			f.Fields.Add(name, string(v))
			continue
		}
		if name != "file" {
			continue
		}
		var body io.Reader = p
		if p.FileName() == "" { // an empty file input sends no name and no bytes
			first, _ := io.ReadAll(io.LimitReader(p, 1))
			if len(first) == 0 {
				continue
			}
			body = io.MultiReader(bytes.NewReader(first), p)
		}
		if len(f.Files) == maxDocPages {
			return nil, errTooManyFiles
		}
		file, err := docfile.Read(ctx, p.FileName(), body, lim)
		if err != nil {
			return nil, err
		}
		f.Files = append(f.Files, file)
	}
}

// readDocUpload waits for an upload slot and reads the posted form and its
// files; when it fails it has answered (a refused file named in the
// reader's language) and ok is false. release frees the slot.
func (s *Server) readDocUpload(w http.ResponseWriter, r *http.Request, a store.Actor) (release func(), form *uploadForm, ok bool) {
	release, ok = takeUploadSlot(r.Context())
	if !ok {
		s.status(w, r, http.StatusServiceUnavailable, "error.bad_request")
		return nil, nil, false
	}
	form, err := readUpload(r.Context(), r, docfile.DefaultLimits)
	if err != nil {
		release()
		s.uploadRefused(w, r, a, err)
		return nil, nil, false
	}
	return release, form, true
}
