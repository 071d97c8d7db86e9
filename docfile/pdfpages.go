package docfile

import (
	"bytes"
	"fmt"
	"image/color"
	"image/jpeg"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// JPEGPages writes a PDF with one Letter page per JPEG, each picture
// scaled to fit within half-inch margins and centred. The JPEG data is
// embedded as it is (DCTDecode): nothing is decoded or re-compressed, so
// a page costs its file's size and no more memory.
func JPEGPages(jpegs [][]byte) []byte {
	const pw, ph, margin = 612.0, 792.0, 36.0
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(jpegs)
	// Objects: 1 catalog, 2 pages, then per picture: page, image, contents.
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n), nil)
	for i, j := range jpegs {
		w, h, cs := 1, 1, "/DeviceRGB"
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(j)); err == nil {
			w, h = cfg.Width, cfg.Height
			switch cfg.ColorModel {
			case color.GrayModel:
				cs = "/DeviceGray"
			case color.CMYKModel:
				cs = "/DeviceCMYK"
			}
		}
		scale := min((pw-2*margin)/float64(w), (ph-2*margin)/float64(h))
		dw, dh := float64(w)*scale, float64(h)*scale
		img, contents := 4+3*i, 5+3*i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /XObject << /Im%d %d 0 R >> >> /Contents %d 0 R >>",
			pw, ph, i, img, contents), nil)
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>",
			w, h, cs, len(j)), j)
		draw := fmt.Sprintf("q %.2f 0 0 %.2f %.2f %.2f cm /Im%d Do Q", dw, dh, (pw-dw)/2, (ph-dh)/2, i)
		obj(fmt.Sprintf("<< /Length %d >>", len(draw)), []byte(draw))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// MergePDF joins PDFs in order into one.
func MergePDF(parts [][]byte) ([]byte, error) {
	rs := make([]io.ReadSeeker, len(parts))
	for i, p := range parts {
		rs[i] = bytes.NewReader(p)
	}
	var out bytes.Buffer
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if err := api.MergeRaw(rs, &out, false, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
