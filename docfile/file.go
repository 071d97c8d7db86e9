package docfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
)

// Limits bound what one upload may cost.
type Limits struct {
	MaxBytes    int64 // one file
	MaxPixels   int64 // one image, width x height
	MaxSide     int   // one image's longer side, in pixels
	MaxPages    int   // one PDF
	MaxStream   int64 // one PDF stream, inflated
	MaxInflated int64 // all of a PDF's streams, inflated
}

// DefaultLimits fit what people send: phone photos up to 40 megapixels,
// scans of up to 100 pages, files up to 25 MB.
var DefaultLimits = Limits{
	MaxBytes:    25 << 20,
	MaxPixels:   40_000_000,
	MaxSide:     9000,
	MaxPages:    100,
	MaxStream:   256 << 20,
	MaxInflated: 1 << 30,
}

// File is an accepted file, ready to store: re-encoded if it was a photo.
type File struct {
	Name    string // the name it was sent with, cleaned (no folders)
	Type    Type   // of Content: JPEG or PDF
	Content []byte
	Thumb   []byte // a JPEG preview of the first page
	Pages   int
}

// Read reads one uploaded file through the limit (never more than
// lim.MaxBytes+1 bytes are read, whatever the sender claims) and checks and
// prepares it (Prepare). Errors are *Error naming the file, except a
// failure to read r or ErrNoPoppler.
func Read(ctx context.Context, name string, r io.Reader, lim Limits) (*File, error) {
	name = CleanName(name)
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) { // the request's own bound
			return nil, tooLarge(name, lim)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, tooLarge(name, lim)
	}
	return Prepare(ctx, name, data, lim)
}

func tooLarge(name string, lim Limits) *Error {
	return refuse(name, CodeTooLarge, "the file is larger than %d MB, the limit for one file", lim.MaxBytes>>20)
}

// Prepare checks a file's content and prepares it: a photo comes back
// upright and re-encoded as JPEG, a PDF as it was; both with a preview and
// the number of pages. At most Slots files are prepared at once (the
// others wait, or give up with ctx).
func Prepare(ctx context.Context, name string, data []byte, lim Limits) (*File, error) {
	name = CleanName(name)
	if int64(len(data)) > lim.MaxBytes {
		return nil, tooLarge(name, lim)
	}
	t, e := Sniff(data[:min(len(data), 512)])
	if e != nil {
		e.File = name
		return nil, e
	}
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	case <-ctx.Done():
		return nil, refuse(name, CodeBusy, "the server is busy: send the file again in a moment")
	}
	f := &File{Name: name, Type: t, Pages: 1}
	var err error
	if t == PDF {
		f.Content = data
		f.Pages, f.Thumb, err = pdfFile(ctx, name, data, lim)
	} else {
		f.Type = JPEG
		f.Content, f.Thumb, err = imageFile(name, t, data, lim)
		if err == nil && t == PNG {
			f.Name = strings.TrimSuffix(f.Name, path.Ext(f.Name)) + ".jpg"
		}
	}
	if err != nil {
		var de *Error
		if errors.As(err, &de) {
			return nil, de
		}
		return nil, err
	}
	return f, nil
}

// Slots is how many files are decoded at once. A decoded 40 megapixel
// photo takes about 60 MB, and a server of a small office has two cores.
const Slots = 2

var slots = make(chan struct{}, Slots)

// CleanName keeps the last element of a name a browser sent, without
// control characters, at most 120 characters: it is shown in lists and
// messages.
func CleanName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	var b strings.Builder
	for _, r := range name {
		if r >= ' ' && r != 0x7f && !(r >= 0x200e && r <= 0x200f) && !(r >= 0x202a && r <= 0x202e) && !(r >= 0x2066 && r <= 0x2069) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120])
	}
	if s == "" || s == "." || s == "/" {
		return "file"
	}
	return s
}

// Join makes one document of several pages (files already prepared, in
// order): photos become PDF pages, PDFs are added whole. One file comes
// back as it is.
func Join(files []*File) (*File, error) {
	if len(files) == 1 {
		return files[0], nil
	}
	if len(files) == 0 {
		return nil, errors.New("no file")
	}
	var parts [][]byte
	var jpegs [][]byte
	flush := func() {
		if len(jpegs) > 0 {
			parts = append(parts, JPEGPages(jpegs))
			jpegs = nil
		}
	}
	pages := 0
	for _, f := range files {
		pages += f.Pages
		if f.Type == JPEG {
			jpegs = append(jpegs, f.Content)
			continue
		}
		flush()
		parts = append(parts, f.Content)
	}
	flush()
	content := parts[0]
	if len(parts) > 1 {
		var err error
		if content, err = MergePDF(parts); err != nil {
			return nil, err
		}
	}
	name := strings.TrimSuffix(files[0].Name, path.Ext(files[0].Name)) + ".pdf"
	return &File{Name: name, Type: PDF, Content: content, Thumb: files[0].Thumb, Pages: pages}, nil
}
