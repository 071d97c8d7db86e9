package forms

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// stampNative draws the non-Latin values page by page: the renderer lays
// the text out on a transparent page of the form's size, with shaping,
// bidi and embedded fonts, and that page is stamped on top of the form page.
// The fields keep the Unicode text in /V and an empty appearance.
//
// The stamp is written into the fill's own incremental update, as pdfcpu's
// PDF watermark (on top, scale 1, bottom left) would draw it: the overlay
// page becomes a form XObject in an optional content group, the page's
// contents are wrapped in q ... Q and followed by the XObject's drawing.
// Only the new objects and the changed page dictionaries are appended; the
// filled form is never parsed or written whole (that was most of a
// packet's Go time).
func stampNative(cx context.Context, u *update, b *base, r NativeRenderer, items []NativeText) error {
	byPage := map[int][]NativeText{}
	for _, it := range items {
		byPage[it.Page] = append(byPage[it.Page], it)
	}
	s := &stamper{u: u, b: b}
	for _, page := range slices.Sorted(maps.Keys(byPage)) {
		bp := b.pages[page]
		if bp == nil {
			return fmt.Errorf("%w: native-script text for page %d, which the form lacks", ErrCorrupt, page)
		}
		overlay, err := r.Overlay(cx, bp.w, bp.h, byPage[page])
		if err != nil {
			return fmt.Errorf("drawing native-script text: %w", err)
		}
		if err := s.stamp(bp, overlay); err != nil {
			return fmt.Errorf("stamping native-script text: %w", err)
		}
	}
	return nil
}

// basePage is a page of the base as a stamp changes it.
type basePage struct {
	nr   int        // the page dictionary's object number
	dict types.Dict // the page dictionary, shared: never changed
	// contents are the page's content streams, in order.
	contents types.Array
	// res is the page's resource dictionary (its own or inherited), with
	// its ExtGState and XObject dictionaries resolved; shared, never
	// changed.
	res types.Dict
	// w, h are the media box's size, the size of the overlay drawn for
	// the page; llx, lly the visible region's lower left corner, where the
	// overlay's lower left corner goes.
	w, h, llx, lly float64
	rotate         int
}

// baseCatalog is the base's document catalog, which a first stamp changes
// to declare the stamps' optional content group (as pdfcpu does).
type baseCatalog struct {
	nr   int
	dict types.Dict // shared, never changed
	ocg  *types.IndirectRef
}

// basePages reads what a stamp needs of every page of the parsed base.
func basePages(ctx *model.Context) (map[int]*basePage, error) {
	out := map[int]*basePage{}
	for n := 1; n <= ctx.PageCount; n++ {
		d, ir, inh, err := ctx.PageDict(n, false)
		if err != nil || d == nil || ir == nil || inh == nil || inh.MediaBox == nil {
			return nil, fmt.Errorf("%w: page %d: %v", ErrCorrupt, n, err)
		}
		p := &basePage{nr: ir.ObjectNumber.Value(), dict: d, rotate: inh.Rotate,
			w: inh.MediaBox.Width(), h: inh.MediaBox.Height()}
		vp := inh.MediaBox
		if inh.CropBox != nil {
			vp = inh.CropBox
		}
		p.llx, p.lly = vp.LL.X, vp.LL.Y
		if c, ok := d["Contents"]; ok {
			o, err := ctx.Dereference(c)
			if err != nil {
				return nil, fmt.Errorf("%w: page %d contents: %v", ErrCorrupt, n, err)
			}
			if a, ok := o.(types.Array); ok {
				p.contents = a
			} else {
				p.contents = types.Array{c}
			}
		}
		p.res = types.Dict{}
		if inh.Resources != nil {
			p.res = maps.Clone(inh.Resources)
		}
		for _, k := range []string{"ExtGState", "XObject"} {
			if v, ok := p.res[k]; ok {
				sub, err := ctx.DereferenceDict(v)
				if err != nil {
					return nil, fmt.Errorf("%w: page %d resources: %v", ErrCorrupt, n, err)
				}
				p.res[k] = sub
			}
		}
		out[n] = p
	}
	return out, nil
}

// catalogOf reads the base's catalog and its first optional content
// group, if it has one.
func catalogOf(ctx *model.Context) (baseCatalog, error) {
	root, err := ctx.Catalog()
	if err != nil || ctx.Root == nil {
		return baseCatalog{}, fmt.Errorf("%w: no document catalog", ErrCorrupt)
	}
	c := baseCatalog{nr: ctx.Root.ObjectNumber.Value(), dict: root}
	if ocp, err := ctx.DereferenceDict(root["OCProperties"]); err == nil && ocp != nil {
		if a, err := ctx.DereferenceArray(ocp["OCGs"]); err == nil && len(a) > 0 {
			if ir, ok := a[0].(types.IndirectRef); ok {
				c.ocg = &ir
			}
		}
	}
	return c, nil
}

// stamper writes the stamps of one fill into its update; the objects all
// its stamps share (the optional content group, the graphics state, the
// content stream that opens a page's q) are written once.
type stamper struct {
	u      *update
	b      *base
	ocg    *types.IndirectRef
	gs     *types.IndirectRef
	open   *types.IndirectRef
	copied map[int]int // an overlay's object numbers to the update's
}

// stamp draws the one-page PDF overlay on top of page bp.
func (s *stamper) stamp(bp *basePage, overlay []byte) error {
	if bp.rotate%360 != 0 {
		return fmt.Errorf("page object %d is rotated", bp.nr)
	}
	src, err := readOverlay(overlay)
	if err != nil {
		return err
	}
	d, _, inh, err := src.PageDict(1, false)
	if err != nil || d == nil || inh == nil || inh.MediaBox == nil {
		return fmt.Errorf("the overlay has no page: %v", err)
	}
	vp := inh.MediaBox
	if inh.CropBox != nil {
		vp = inh.CropBox
	}
	s.shared()
	s.copied = map[int]int{}
	res := types.Dict{}
	if inh.Resources != nil {
		o, err := s.copyObject(src, inh.Resources, 0)
		if err != nil {
			return err
		}
		res = o.(types.Dict)
	}
	form, err := s.form(src, d, res, vp)
	if err != nil {
		return err
	}

	// The page's resources with the graphics state and the form added
	// under names it does not use yet.
	pres := maps.Clone(bp.res)
	gsName, gs := addResource(pres, "ExtGState", "GS", *s.gs)
	pres["ExtGState"] = gs
	xoName, xo := addResource(pres, "XObject", "Fm", form)
	pres["XObject"] = xo

	draw := fmt.Appendf(nil, " Q  /Artifact <</Subtype /Watermark /Type /Pagination >>BDC q 1.00000 0.00000 0.00000 1.00000 %.5f %.5f cm /%s gs /%s Do Q EMC ",
		bp.llx+0, bp.lly+0, gsName, xoName) // +0: never print -0
	contents := types.Array{*s.open}
	contents = append(contents, bp.contents...)
	contents = append(contents, s.u.addStream(nil, draw))

	page := maps.Clone(bp.dict)
	page["Contents"] = contents
	page["Resources"] = pres
	s.u.put(bp.nr, []byte(page.PDFString()))
	return nil
}

// shared writes, on a fill's first stamp, the objects all its stamps
// share.
func (s *stamper) shared() {
	if s.gs != nil {
		return
	}
	s.ocg = s.b.catalog.ocg
	if s.ocg == nil {
		// pdfcpu's optional content group for stamps, declared in the
		// catalog: on for viewing, printing and export.
		g := types.Dict{
			"Name": types.StringLiteral("Watermark"),
			"Type": types.Name("OCG"),
			"Usage": types.Dict{
				"PageElement": types.Dict{"Subtype": types.Name("FG")},
				"View":        types.Dict{"ViewState": types.Name("ON")},
				"Print":       types.Dict{"PrintState": types.Name("ON")},
				"Export":      types.Dict{"ExportState": types.Name("ON")},
			},
		}
		ref := s.u.add([]byte(g.PDFString()))
		s.ocg = &ref
		groups := types.Array{ref}
		usage := func(event string) types.Dict {
			return types.Dict{"Category": types.NewNameArray(event), "Event": types.Name(event), "OCGs": groups}
		}
		root := maps.Clone(s.b.catalog.dict)
		root["OCProperties"] = types.Dict{
			"OCGs": groups,
			"D": types.Dict{
				"AS":       types.Array{usage("View"), usage("Print"), usage("Export")},
				"ON":       groups,
				"Order":    types.Array{},
				"RBGroups": types.Array{},
			},
		}
		s.u.put(s.b.catalog.nr, []byte(root.PDFString()))
	}
	gs := s.u.add([]byte(types.Dict{"Type": types.Name("ExtGState"), "CA": types.Float(1), "ca": types.Float(1)}.PDFString()))
	s.gs = &gs
	open := s.u.addStream(nil, []byte(" q "))
	s.open = &open
}

// form writes the overlay page as a form XObject: its bounding box is the
// overlay's visible region, moved to the origin as pdfcpu moves it.
func (s *stamper) form(src *model.Context, page, res types.Dict, vp *types.Rectangle) (types.IndirectRef, error) {
	d := types.Dict{
		"Type":      types.Name("XObject"),
		"Subtype":   types.Name("Form"),
		"BBox":      types.NewNumberArray(vp.LL.X, vp.LL.Y, vp.UR.X, vp.UR.Y),
		"Matrix":    types.NewNumberArray(1, 0, 0, 1, -vp.LL.X, -vp.LL.Y),
		"OC":        *s.ocg,
		"Resources": res,
	}
	c, err := src.Dereference(page["Contents"])
	if err != nil {
		return types.IndirectRef{}, fmt.Errorf("the overlay's contents: %w", err)
	}
	if sd, ok := c.(types.StreamDict); ok {
		// One stream, the usual case: its encoded bytes as they are.
		for _, k := range []string{"Filter", "DecodeParms"} {
			if v, ok := sd.Dict[k]; ok {
				v, err := s.copyObject(src, v, 0)
				if err != nil {
					return types.IndirectRef{}, err
				}
				d[k] = v
			}
		}
		return s.u.addStream(d, sd.Raw), nil
	}
	content, err := src.PageContent(page, 1)
	if err != nil {
		return types.IndirectRef{}, fmt.Errorf("the overlay's contents: %w", err)
	}
	return s.u.addStream(d, content), nil
}

// addResource adds ref to the resource category of res (a copy of it)
// under the first name with prefix that it does not use, and returns the
// name and the category's new dictionary.
func addResource(res types.Dict, category, prefix string, ref types.IndirectRef) (string, types.Dict) {
	d, _ := res[category].(types.Dict)
	d = maps.Clone(d)
	if d == nil {
		d = types.Dict{}
	}
	name := d.NewIDForPrefix(prefix, 0)
	d[name] = ref
	return name, d
}

// copyObject copies o from the overlay into the update: every object it
// refers to gets a number of the update, once.
func (s *stamper) copyObject(src *model.Context, o types.Object, depth int) (types.Object, error) {
	if depth > 64 {
		return nil, fmt.Errorf("the overlay's objects nest too deep")
	}
	switch v := o.(type) {
	case types.IndirectRef:
		old := v.ObjectNumber.Value()
		if nr, ok := s.copied[old]; ok {
			return *types.NewIndirectRef(nr, 0), nil
		}
		nr := s.u.reserve()
		s.copied[old] = nr
		obj, err := src.Dereference(v)
		if err != nil {
			return nil, fmt.Errorf("the overlay's object %d: %w", old, err)
		}
		if sd, ok := obj.(types.StreamDict); ok {
			d := maps.Clone(sd.Dict)
			delete(d, "Length") // written from the bytes
			c, err := s.copyObject(src, d, depth+1)
			if err != nil {
				return nil, err
			}
			s.u.put(nr, streamBody(c.(types.Dict), sd.Raw))
		} else if obj == nil {
			s.u.put(nr, []byte("null"))
		} else {
			c, err := s.copyObject(src, obj, depth+1)
			if err != nil {
				return nil, err
			}
			s.u.put(nr, []byte(c.PDFString()))
		}
		return *types.NewIndirectRef(nr, 0), nil
	case types.Dict:
		out := make(types.Dict, len(v))
		for k, e := range v {
			c, err := s.copyObject(src, e, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case types.Array:
		out := make(types.Array, len(v))
		for i, e := range v {
			c, err := s.copyObject(src, e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case types.StreamDict:
		return nil, fmt.Errorf("the overlay has a direct stream")
	}
	return o, nil
}

// readOverlay parses an overlay the renderer printed.
func readOverlay(pdf []byte) (ctx *model.Context, err error) {
	defer corruptOnPanic(&ctx, &err)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if ctx, err = api.ReadContext(bytes.NewReader(pdf), conf); err != nil {
		return nil, fmt.Errorf("reading the overlay: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("reading the overlay: %w", err)
	}
	if ctx.PageCount != 1 {
		return nil, fmt.Errorf("the overlay has %d pages", ctx.PageCount)
	}
	return ctx, nil
}

// streamBody writes a stream object's body: d with the length of raw,
// then raw.
func streamBody(d types.Dict, raw []byte) []byte {
	d = maps.Clone(d)
	if d == nil {
		d = types.Dict{}
	}
	d["Length"] = types.Integer(len(raw))
	b := make([]byte, 0, len(raw)+128)
	b = append(b, d.PDFString()...)
	b = append(b, "\nstream\n"...)
	b = append(b, raw...)
	b = append(b, "\nendstream"...)
	return b
}
