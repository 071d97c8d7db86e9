package docfile

import (
	"bytes"
	"context"
	"testing"
)

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"", "\xff\xd8\xff\xe0", "\x89PNG\r\n\x1a\n", "%PDF-1.7", "MZ", "\x7fELF", "\x00\x00\x00\x18ftypheic"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ty, err := Sniff(b)
		if (ty == "") == (err == nil) {
			t.Fatalf("Sniff(%q) = %q, %v: exactly one of a type and an error", b, ty, err)
		}
	})
}

func FuzzOrientation(f *testing.F) {
	f.Add(photo(f, 4, 4, 6))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', '*', 0, 8, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := Orientation(b); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

// FuzzPrepareImage feeds arbitrary bytes behind a JPEG or PNG signature:
// a refusal or a JPEG, never a panic.
func FuzzPrepareImage(f *testing.F) {
	f.Add(photo(f, 8, 8, 3))
	f.Add(hugePNG(20, 20))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Prepare(context.Background(), "x", b, DefaultLimits)
		if err == nil && file.Type == JPEG && !bytes.HasPrefix(file.Content, []byte{0xFF, 0xD8}) {
			t.Fatal("accepted an image that is not a JPEG")
		}
	})
}

func FuzzInflateBound(f *testing.F) {
	f.Add(pdfWith(1, deflate(bytes.NewReader(make([]byte, 1000)))))
	f.Add([]byte("stream\r\nx\x9c"))
	lim := DefaultLimits
	lim.MaxStream, lim.MaxInflated = 1<<16, 1<<18
	f.Fuzz(func(t *testing.T, b []byte) {
		inflateBound("x.pdf", b, lim)
	})
}
