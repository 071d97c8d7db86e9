package forms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Values is what to write, by field-map key. A checkbox group is one key
// whose value is the chosen box ("start.status" = "asylee"); a key that is
// absent leaves its fields blank.
type Values map[string]string

// Overflow is text that did not fit its field and continues on the
// additional-information sheet.
type Overflow struct {
	Page  int
	Part  string
	Item  string
	Key   string
	Text  string // the whole value
	Shown string // what the field itself shows
}

// NativeText is a value in a script the form's font cannot show, drawn by
// the native-script renderer at the field's rectangle.
type NativeText struct {
	Page int
	Key  string
	Rect [4]float64 // points, origin bottom left
	Text string
}

// NativeRenderer draws text in any script onto a transparent page of the
// given size and returns it as a one-page PDF with embedded fonts.
type NativeRenderer interface {
	Overlay(ctx context.Context, width, height float64, items []NativeText) ([]byte, error)
}

// ErrNoRenderer is returned when a value needs a script the form's font
// lacks and no native-script renderer (Chromium) is available.
var ErrNoRenderer = errors.New("text in a non-Latin script needs Chromium to be drawn (install the Debian package chromium-headless-shell or chromium)")

// Result is a filled form.
type Result struct {
	PDF      []byte
	Edition  *Edition
	Overflow []Overflow
	Native   []NativeText
	// Notes are values Fill could not write (a state code the list
	// lacks); the field is left blank for a person.
	Notes []Note
}

// Fill writes v into the blank form and returns a flat, unencrypted PDF:
// XFA and the usage-rights signature removed, an appearance stream for
// every field it fills, exactly one box on per choice group.
func Fill(cx context.Context, blank []byte, v Values, native NativeRenderer) (*Result, error) {
	b, err := cachedBase(blank)
	if err != nil {
		return nil, err
	}
	e := b.edition
	u := newUpdate(b)
	res := &Result{Edition: e}
	for i := range e.Map.Fields {
		f := &e.Map.Fields[i]
		if !f.Fillable() {
			continue
		}
		bf := b.fields[f.Name]
		switch f.Type {
		case "checkbox":
			fact, want := f.Choice()
			checked := v[fact] == want
			if !checked && !bf.appearsOn {
				continue // the blank shows it off already
			}
			pf := bf.forFill()
			setCheckbox(pf, f.OnState, checked)
			u.replaceField(bf, pf)
		default:
			if normalize(f, v[f.Key]) == "" && bf.dict["V"] == nil && bf.dict["I"] == nil {
				continue // blank in the blank, blank in the petition
			}
			pf := bf.forFill()
			if err := setText(u, pf, bf, f, v[f.Key], b.font, res); err != nil {
				return nil, fmt.Errorf("field %s (page %d, part %s, item %s): %w", f.Key, f.Page, f.Part, f.Item, err)
			}
			u.replaceField(bf, pf)
		}
	}
	if len(res.Native) > 0 {
		if native == nil {
			return nil, ErrNoRenderer
		}
		if err := stampNative(cx, u, b, native, res.Native); err != nil {
			return nil, err
		}
		// A form with native-script text used to be written whole by
		// pdfcpu once stamped, which writes every number with 12
		// decimals: a box 130.60000000000002 wide became 130.6, and
		// Poppler, scaling that box onto its field, set a digit a
		// fraction of a pixel off at 50 and 100 dpi. Writing these boxes
		// the same way keeps such forms as they were, pixel for pixel.
		u.boxDecimals = 12
	}
	res.PDF = u.appendTo(b)
	return res, nil
}

// flatten turns the hybrid XFA form into a plain AcroForm that every viewer
// renders from the fields: Adobe Reader would otherwise show the (empty)
// XFA layer, and any change invalidates the usage-rights signature, which
// makes Reader warn. Encryption is dropped too: the user password is empty
// anyway, and a plain file is simpler for every tool downstream.
func flatten(ctx *model.Context) error {
	root, err := ctx.Catalog()
	if err != nil {
		return err
	}
	root.Delete("Perms")
	// The form's document-level JavaScript checks the viewer's version for
	// the XFA layer that is gone; it would only warn.
	// Its objects are removed too, not only unlinked: a PDF writer keeps
	// unreferenced objects.
	if names, err := ctx.DereferenceDict(root["Names"]); err == nil && names != nil {
		if err := ctx.DeleteDictEntry(names, "JavaScript"); err != nil {
			return fmt.Errorf("%w: removing the form's JavaScript: %v", ErrCorrupt, err)
		}
		// pdfcpu keeps the name trees it read and writes them back.
		delete(ctx.Names, "JavaScript")
		if len(names) == 0 {
			root.Delete("Names")
		}
	}
	af, err := ctx.DereferenceDict(root["AcroForm"])
	if err != nil || af == nil {
		return fmt.Errorf("%w: no AcroForm", ErrCorrupt)
	}
	af.Delete("XFA")
	af.Delete("NeedAppearances")
	// SigFlags 2 (append only) asked viewers to save incrementally to keep
	// the usage-rights signature valid; there is no signature any more.
	af.Delete("SigFlags")
	ctx.Encrypt = nil
	ctx.EncKey = nil
	ctx.E = nil
	return nil
}

// formFont returns the resource name and reference of the form's default
// font, read from the /DA of the AcroForm's text fields.
func formFont(ctx *model.Context) (fontRes, error) {
	root, _ := ctx.Catalog()
	af, _ := ctx.DereferenceDict(root["AcroForm"])
	dr, _ := ctx.DereferenceDict(af["DR"])
	fonts, _ := ctx.DereferenceDict(dr["Font"])
	const name = "CourierNewPS-BoldMT"
	ref, ok := fonts[name]
	if !ok {
		return fontRes{}, fmt.Errorf("%w: the form's font %s is missing from its resources", ErrCorrupt, name)
	}
	return fontRes{name: name, ref: ref}, nil
}

type fontRes struct {
	name string
	ref  types.Object
}

func setCheckbox(pf *pdfField, on string, checked bool) {
	state := types.Name("Off")
	if checked {
		state = types.Name(on)
	}
	pf.dict["V"] = state
	pf.widget["AS"] = state
}

// normalize applies the form's conventions that do not depend on the case:
// comb and numeric fields get digits only.
func normalize(f *Field, s string) string {
	s = strings.TrimSpace(s)
	if f.Kind == "digits" && s != "" {
		s = strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) && r < 128 {
				return r
			}
			return -1
		}, s)
	}
	return s
}

func setText(u *update, pf *pdfField, bf *baseField, f *Field, raw string, font fontRes, res *Result) error {
	s := normalize(f, raw)
	rect := bf.rect
	w, h := rect[2]-rect[0], rect[3]-rect[1]
	if s == "" {
		pf.dict.Delete("V")
		pf.dict.Delete("I")
		return nil
	}
	_, latin := winAnsi(s)
	if !latin && f.MaxLen > 0 && len([]rune(s)) > f.MaxLen {
		// Too long for the box: never cut mid-word in a script a reader of
		// the form may not know; the sheet gives it whole.
		shown := overflowMarker(f, w)
		res.Overflow = append(res.Overflow, Overflow{Page: f.Page, Part: f.Part, Item: f.Item, Key: f.Key, Text: s, Shown: shown})
		return setShown(u, pf, shown, w, h, font)
	}
	if !latin {
		pf.dict["V"] = textObject(s)
		res.Native = append(res.Native, NativeText{Page: f.Page, Key: f.Key, Rect: rect, Text: s})
		return setAP(u, pf, emptyStream(), w, h, font)
	}
	var l layout
	switch {
	case f.Comb > 0:
		if len([]rune(s)) > f.Comb {
			return fmt.Errorf("%q has more than %d digits", s, f.Comb)
		}
		l = layout{size: defaultSize, lines: []string{s}}
	case f.Has("Multiline"):
		l = wrap(s, w, h, 9)
		if l.rest != "" && len(l.lines) > 0 {
			// The box shows what fits and says where the rest is; the
			// sheet repeats the whole text so nothing has to be pieced
			// together.
			l.lines[len(l.lines)-1] = continuedMarker
			shown := strings.Join(l.lines, "\n")
			res.Overflow = append(res.Overflow, Overflow{Page: f.Page, Part: f.Part, Item: f.Item, Key: f.Key, Text: s, Shown: shown})
			s = shown
		}
	default:
		if (f.MaxLen > 0 && len([]rune(s)) > f.MaxLen) || fitLine(s, w).rest != "" {
			// A cut value reads as a different one (an e-mail address, a
			// phone number, a street): the box says "See attached sheet"
			// and the sheet gives the value whole.
			shown := overflowMarker(f, w)
			res.Overflow = append(res.Overflow, Overflow{Page: f.Page, Part: f.Part, Item: f.Item, Key: f.Key, Text: s, Shown: shown})
			return setShown(u, pf, shown, w, h, font)
		}
		l = fitLine(s, w)
	}
	if f.Type == "combo" {
		if err := setCombo(pf, bf.opts, s); err != nil {
			// A value the list lacks is left for a person to choose
			// rather than failing the whole form.
			pf.dict.Delete("V")
			res.Notes = append(res.Notes, Note{Page: f.Page, Part: f.Part, Item: f.Item, Key: f.Key,
				Text: fmt.Sprintf("%q is not one of the form's choices: choose it by hand", s)})
			return setAP(u, pf, emptyStream(), w, h, font)
		}
	} else {
		pf.dict["V"] = textObject(s)
	}
	stream, err := textStream(font.name, l, w, h, f.Comb, f.Has("Multiline"))
	if err != nil {
		return err
	}
	return setAP(u, pf, stream, w, h, font)
}

// continuedMarker ends a multi-line box whose text goes on on the
// additional-information sheet.
const continuedMarker = "(continued on the attached sheet)"

// overflowMarker is what a box shows when its value does not fit: the
// longest marker that fits the box, or nothing in a digits-only box (a
// marker there would read as a wrong number).
func overflowMarker(f *Field, w float64) string {
	if f.Kind == "digits" || f.Comb > 0 || f.Type == "combo" {
		return ""
	}
	for _, m := range []string{"See attached sheet", "See attached", "See att."} {
		if (f.MaxLen == 0 || len(m) <= f.MaxLen) && fitLine(m, w).rest == "" {
			return m
		}
	}
	return ""
}

// setShown writes a Latin value that fits on one line, or clears the box.
func setShown(u *update, pf *pdfField, s string, w, h float64, font fontRes) error {
	if s == "" {
		pf.dict.Delete("V")
		return setAP(u, pf, emptyStream(), w, h, font)
	}
	pf.dict["V"] = textObject(s)
	stream, err := textStream(font.name, fitLine(s, w), w, h, 0, false)
	if err != nil {
		return err
	}
	return setAP(u, pf, stream, w, h, font)
}

// setCombo selects an option by its export value. pdfcpu counts /I without
// the leading blank option and viewers that honour /I then show the wrong
// state (CA drawn as AZ); Reunite writes the true index.
func setCombo(pf *pdfField, opts []string, s string) error {
	for i, export := range opts {
		if export == s {
			pf.dict["V"] = textObject(s)
			pf.dict["I"] = types.Array{types.Integer(i)}
			return nil
		}
	}
	return fmt.Errorf("%q is not one of the list's choices", s)
}

func widgetRect(ctx *model.Context, pf *pdfField) ([4]float64, error) {
	var r [4]float64
	arr, err := ctx.DereferenceArray(pf.widget["Rect"])
	if err != nil || len(arr) != 4 {
		return r, fmt.Errorf("%w: widget of %s has no rectangle", ErrCorrupt, pf.name)
	}
	for i, o := range arr {
		v, err := ctx.DereferenceNumber(o)
		if err != nil {
			return r, fmt.Errorf("%w: widget rectangle of %s", ErrCorrupt, pf.name)
		}
		r[i] = v
	}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	return r, nil
}

func setAP(u *update, pf *pdfField, content []byte, w, h float64, font fontRes) error {
	pf.widget["AP"] = types.Dict{"N": u.addAppearance(font, w, h, content)}
	return nil
}
