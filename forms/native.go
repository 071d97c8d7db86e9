package forms

import (
	"bytes"
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// stampNative draws the non-Latin values page by page: the renderer lays
// the text out on a transparent page of the form's size, with shaping,
// bidi and embedded fonts, and that page is stamped on top of the form page.
// The fields keep the Unicode text in /V and an empty appearance.
func stampNative(cx context.Context, ctx *model.Context, r NativeRenderer, items []NativeText) error {
	byPage := map[int][]NativeText{}
	for _, it := range items {
		byPage[it.Page] = append(byPage[it.Page], it)
	}
	for page, its := range byPage {
		pd, _, _, err := ctx.PageDict(page, false)
		if err != nil {
			return err
		}
		w, h := 612.0, 792.0
		if mb, err := ctx.DereferenceArray(pd["MediaBox"]); err == nil && len(mb) == 4 {
			x0, _ := ctx.DereferenceNumber(mb[0])
			y0, _ := ctx.DereferenceNumber(mb[1])
			x1, _ := ctx.DereferenceNumber(mb[2])
			y1, _ := ctx.DereferenceNumber(mb[3])
			w, h = x1-x0, y1-y0
		}
		overlay, err := r.Overlay(cx, w, h, its)
		if err != nil {
			return fmt.Errorf("drawing native-script text: %w", err)
		}
		wm, err := api.PDFWatermarkForReadSeeker(bytes.NewReader(overlay), 1, "scale:1 abs, rot:0, pos:bl, off:0 0", true, false, types.POINTS)
		if err != nil {
			return fmt.Errorf("stamping native-script text: %w", err)
		}
		if err := pdfcpu.AddWatermarks(ctx, types.IntSet{page: true}, wm); err != nil {
			return fmt.Errorf("stamping native-script text: %w", err)
		}
	}
	return nil
}
