package forms

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// OverlayPage is one transparent page of native-script text (see
// Chromium.Overlay).
type OverlayPage struct {
	W, H  float64 // points
	Items []NativeText
}

// Each overlay is a box of exactly one page with the items placed inside it
// as Overlay places them on its page, so that one print holds many
// overlays, one per page.
var overlaysTmpl = template.Must(template.New("overlays").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
@page { size: {{.W}}pt {{.H}}pt; margin: 0 }
html, body { margin: 0; padding: 0; background: transparent }
section { position: relative; width: {{.W}}pt; height: {{.H}}pt; overflow: hidden; break-after: page }
section:last-child { break-after: auto }
div { position: absolute; overflow: hidden; white-space: nowrap; display: flex; align-items: center;
      font-family: {{.Fonts}}; color: #000; unicode-bidi: plaintext; }
</style></head><body>
{{range .Pages}}<section>{{range .}}<div dir="auto" style="left:{{.X}}pt; top:{{.Y}}pt; width:{{.W}}pt; height:{{.H}}pt; font-size:{{.Size}}pt; padding: 0 2pt; box-sizing: border-box">{{.Text}}</div>
{{end}}</section>
{{end}}</body></html>`))

// Overlays draws several overlay pages, each as Overlay would, in one
// print per page size (a print costs far more than its pages), and returns
// one one-page PDF per overlay.
func (c *Chromium) Overlays(ctx context.Context, pages []OverlayPage) ([][]byte, error) {
	out := make([][]byte, len(pages))
	done := make([]bool, len(pages))
	for i := range pages {
		if done[i] {
			continue
		}
		var same []int
		var its [][]overlayItem
		for j := i; j < len(pages); j++ {
			if !done[j] && pages[j].W == pages[i].W && pages[j].H == pages[i].H {
				same = append(same, j)
				its = append(its, overlayItems(pages[j].H, pages[j].Items))
				done[j] = true
			}
		}
		w, h := pages[i].W, pages[i].H
		var sb strings.Builder
		if err := overlaysTmpl.Execute(&sb, map[string]any{"W": w, "H": h, "Pages": its, "Fonts": template.CSS(scriptFonts)}); err != nil {
			return nil, err
		}
		pdf, err := c.PrintHTML(ctx, sb.String(), w/72, h/72)
		if err != nil {
			return nil, err
		}
		one, err := onePerPage(pdf, len(same))
		if err != nil {
			return nil, fmt.Errorf("cutting the native-script overlays: %w", err)
		}
		for k, j := range same {
			out[j] = one[k]
		}
	}
	return out, nil
}

// onePerPage cuts a PDF of n pages into n one-page PDFs.
func onePerPage(pdf []byte, n int) ([][]byte, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, err
	}
	if ctx.PageCount != n {
		return nil, fmt.Errorf("%d overlays printed on %d pages", n, ctx.PageCount)
	}
	out := make([][]byte, n)
	for i := range n {
		part, err := pdfcpu.ExtractPages(ctx, []int{i + 1}, false)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := api.WriteContext(part, &buf); err != nil {
			return nil, err
		}
		out[i] = buf.Bytes()
	}
	return out, nil
}
