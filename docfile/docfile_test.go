package docfile

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// photo makes a w x h JPEG whose top-left quarter is red and the rest
// blue, with an EXIF block holding the orientation and a GPS position.
func photo(t testing.TB, w, h, orient int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0, 0, 255, 255}
			if x < w/2 && y < h/2 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return withExif(buf.Bytes(), orient)
}

// withExif puts an APP1 Exif segment right after the JPEG's SOI: IFD0 with
// the orientation and a GPS pointer, and a GPS IFD with a latitude
// reference, plus a maker note text a test can look for.
func withExif(j []byte, orient int) []byte {
	var tiff bytes.Buffer
	bo := binary.BigEndian
	tiff.WriteString("MM\x00*")
	binary.Write(&tiff, bo, uint32(8))
	binary.Write(&tiff, bo, uint16(2))
	// Orientation, SHORT, 1.
	binary.Write(&tiff, bo, []uint16{0x0112, 3})
	binary.Write(&tiff, bo, uint32(1))
	binary.Write(&tiff, bo, []uint16{uint16(orient), 0})
	// GPS IFD pointer, LONG, 1, at offset 38.
	binary.Write(&tiff, bo, []uint16{0x8825, 4})
	binary.Write(&tiff, bo, uint32(1))
	binary.Write(&tiff, bo, uint32(38))
	binary.Write(&tiff, bo, uint32(0)) // no next IFD
	// GPS IFD: GPSLatitudeRef "N".
	binary.Write(&tiff, bo, uint16(1))
	binary.Write(&tiff, bo, []uint16{0x0001, 2})
	binary.Write(&tiff, bo, uint32(2))
	tiff.WriteString("N\x00\x00\x00")
	binary.Write(&tiff, bo, uint32(0))
	tiff.WriteString("GPS 15.3229 38.9251 Asmara")
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write(j[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, bo, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(j[2:])
	return out.Bytes()
}

func TestOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		if got := Orientation(photo(t, 8, 4, o)); got != o {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
	if got := Orientation([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00}); got != 1 {
		t.Errorf("truncated: %d", got)
	}
}

// TestPhotoUprightWithoutExif: a photo taken with the phone turned (EXIF
// orientation 6, rotate 90 degrees clockwise) comes back upright, its red
// corner moved to the top right, and with no EXIF or GPS left.
func TestPhotoUprightWithoutExif(t *testing.T) {
	in := photo(t, 400, 200, 6)
	if !bytes.Contains(in, []byte("Asmara")) || Orientation(in) != 6 {
		t.Fatal("the test photo has no EXIF")
	}
	f, err := Prepare(context.Background(), "IMG_0001.JPG", in, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(f.Content))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 400 {
		t.Fatalf("upright photo is %v, want 200 x 400", b)
	}
	red := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r > 0xC000 && g < 0x4000 && b < 0x4000
	}
	if !red(190, 10) || red(10, 10) || red(190, 390) {
		t.Error("the photo was not turned 90 degrees clockwise")
	}
	for _, s := range []string{"Exif", "Asmara", "GPS"} {
		if bytes.Contains(f.Content, []byte(s)) {
			t.Errorf("the stored photo still holds %q", s)
		}
	}
	if Orientation(f.Content) != 1 || f.Pages != 1 || f.Type != JPEG {
		t.Errorf("prepared: orientation %d, pages %d, type %s", Orientation(f.Content), f.Pages, f.Type)
	}
	th, err := jpeg.DecodeConfig(bytes.NewReader(f.Thumb))
	if err != nil || th.Height != thumbSide || th.Width != thumbSide/2 {
		t.Errorf("thumbnail: %+v %v", th, err)
	}
}

// hugePNG is a PNG header claiming w x h pixels, with a few bytes of
// data: what matters is that nothing is decoded.
func hugePNG(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		crc := crc32IEEE(append([]byte(typ), data...))
		binary.Write(&b, binary.BigEndian, crc)
	}
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// pdfWith writes a PDF of n blank pages with one extra stream object.
func pdfWith(n int, stream []byte) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 4+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n))
	obj(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(stream), stream))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

func deflate(r io.Reader) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	io.Copy(zw, r)
	zw.Close()
	return b.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func needPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("poppler-utils is not installed (scripts/setup installs it)")
	}
}

// TestRefused: each bad file is refused with a message that names it and
// says why, and nothing comes back.
func TestRefused(t *testing.T) {
	needPoppler(t)
	elf := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 200)...)
	mz := append([]byte("MZ\x90\x00"), make([]byte, 200)...)
	heic := append([]byte{0, 0, 0, 24}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...)
	bomb := pdfWith(1, deflate(io.LimitReader(zeros{}, 300<<20)))
	cases := []struct {
		name string
		data []byte
		code string
		says string
	}{
		{"birth-certificate.jpg", elf, CodeProgram, "a program"},
		{"marriage.pdf", mz, CodeProgram, "a program"},
		{"empty.jpg", nil, CodeEmpty, "empty"},
		{"IMG_4410.HEIC", heic, CodeHEIC, "HEIC"},
		{"notes.pdf", []byte("just some text, not a PDF"), CodeType, "not a JPEG, PNG or PDF"},
		{"huge.png", hugePNG(10000, 10000), CodePixels, "10000 x 10000"},
		{"tall.png", hugePNG(100, 20000), CodePixels, "100 x 20000"},
		{"bomb.pdf", bomb, CodeBomb, "expand"},
		{"pages.pdf", pdfWith(150, deflate(strings.NewReader("q Q"))), CodePages, "150 pages"},
		{"broken.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F'}, CodeDamaged, "cannot be read"},
		{"broken.pdf", []byte("%PDF-1.7\nnothing else"), CodeDamaged, "cannot be read"},
	}
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes: not a bomb", len(bomb))
	}
	for _, c := range cases {
		f, err := Prepare(context.Background(), c.name, c.data, DefaultLimits)
		var e *Error
		if !errors.As(err, &e) || f != nil {
			t.Errorf("%s: %v, %v; want a refusal", c.name, f, err)
			continue
		}
		if e.Code != c.code || !strings.HasPrefix(e.Error(), c.name+": ") || !strings.Contains(e.Error(), c.says) {
			t.Errorf("%s: %q (code %s), want code %s saying %q", c.name, e.Error(), e.Code, c.code, c.says)
		}
	}
}

// TestReadStopsAtTheLimit: a 200 MB stream is refused after reading one
// byte past the limit, by name.
func TestReadStopsAtTheLimit(t *testing.T) {
	src := &countingReader{r: io.LimitReader(zeros{}, 200<<20)}
	_, err := Read(context.Background(), `C:\Users\me\big.pdf`, src, DefaultLimits)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeTooLarge || !strings.HasPrefix(e.Error(), "big.pdf: ") {
		t.Fatalf("%v", err)
	}
	if src.n > DefaultLimits.MaxBytes+64<<10 {
		t.Errorf("read %d bytes of a file over the limit of %d", src.n, DefaultLimits.MaxBytes)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestPDFAccepted: a PDF keeps its bytes, gets its pages counted and a
// preview of its first page drawn by poppler.
func TestPDFAccepted(t *testing.T) {
	needPoppler(t)
	in := pdfWith(3, deflate(strings.NewReader("q Q")))
	f, err := Prepare(context.Background(), "scan.pdf", in, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if f.Pages != 3 || f.Type != PDF || !bytes.Equal(f.Content, in) {
		t.Errorf("pages %d type %s", f.Pages, f.Type)
	}
	if _, err := jpeg.DecodeConfig(bytes.NewReader(f.Thumb)); err != nil {
		t.Errorf("preview: %v", err)
	}
}

// TestJoin: two photos and a PDF of three pages make one PDF of five
// pages, in that order, which poppler reads.
func TestJoin(t *testing.T) {
	needPoppler(t)
	ctx := context.Background()
	var files []*File
	for _, in := range [][]byte{photo(t, 300, 200, 1), photo(t, 200, 300, 8)} {
		f, err := Prepare(ctx, "page.jpg", in, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := Prepare(ctx, "rest.pdf", pdfWith(3, deflate(strings.NewReader("q Q"))), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Join(append(files, p))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 5 || doc.Type != PDF || doc.Name != "page.pdf" {
		t.Errorf("joined: %d pages, %s, %s", doc.Pages, doc.Type, doc.Name)
	}
	again, err := Prepare(ctx, doc.Name, doc.Content, DefaultLimits)
	if err != nil || again.Pages != 5 {
		t.Fatalf("the joined PDF read back: %v, %v", again, err)
	}
	// The first page is the first photo: red top-left corner.
	img, err := jpeg.Decode(bytes.NewReader(again.Thumb))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	r, g, _, _ := img.At(b.Dx()/4, b.Dy()/2-5).RGBA()
	if r < 0xC000 || g > 0x4000 {
		t.Errorf("the first page's preview is not the first photo")
	}
}

func TestPNGBecomesJPEG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 50, 40)) // transparent: prints white
	var buf bytes.Buffer
	png.Encode(&buf, img)
	f, err := Prepare(context.Background(), "screen.png", buf.Bytes(), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(bytes.NewReader(f.Content))
	if err != nil || f.Name != "screen.jpg" {
		t.Fatalf("%v %s", err, f.Name)
	}
	if r, g, b, _ := out.At(10, 10).RGBA(); r < 0xF000 || g < 0xF000 || b < 0xF000 {
		t.Error("transparent pixels are not white")
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\fakepath\birth.jpg`: "birth.jpg", "../../etc/passwd": "passwd", "": "file",
		"a\u202egpj.exe": "agpj.exe", "line\nbreak.pdf": "linebreak.pdf",
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func crc32IEEE(b []byte) uint32 { return crc32.ChecksumIEEE(b) }
