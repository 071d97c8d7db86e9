package packet

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Chromium shrinks a whole print to fit when any of its content is wider
// than the page. Printed alone, only the sheet that overflows was shrunk;
// in a combined print every sheet would be, by a fraction of a point that
// can still move a line break (seen on case 307: one checklist wider than
// its page by less than a pixel made every sheet of the family differ).
// So a combined print is checked for that shrink, and a shrunk group is
// printed again in halves until each part prints at full size or is a
// sheet alone (printed as it always was).

// cssPixel is the size of a CSS pixel in points when nothing is shrunk.
const cssPixel = 0.75

// shrunk tells whether the first page of a Chromium print was scaled down
// to fit. Skia writes each page's content as two scalings: device units to
// points, then CSS pixels to device units; their product is the size of a
// CSS pixel. A page that does not have that shape counts as shrunk, so
// that a print that cannot be checked is printed sheet by sheet.
func shrunk(ctx *model.Context) (bool, error) {
	if err := ctx.EnsurePageCount(); err != nil {
		return true, err
	}
	d, _, _, err := ctx.PageDict(1, false)
	if err != nil {
		return true, err
	}
	content, err := ctx.PageContent(d, 1)
	if err != nil {
		return true, err
	}
	scales := firstScales(content, 2)
	if len(scales) < 2 {
		return true, fmt.Errorf("the print's first page has %d scalings, want 2", len(scales))
	}
	px := math.Abs(scales[0] * scales[1])
	return math.Abs(px-cssPixel) > 1e-6, nil
}

// firstScales returns the horizontal scale of the first n "cm" operators
// of a content stream (the first of their six operands).
func firstScales(content []byte, n int) []float64 {
	var out []float64
	fields := bytes.Fields(content)
	for i, f := range fields {
		if string(f) != "cm" || i < 6 {
			continue
		}
		a, err := strconv.ParseFloat(string(fields[i-6]), 64)
		if err != nil {
			return out
		}
		out = append(out, a)
		if len(out) == n {
			break
		}
	}
	return out
}
