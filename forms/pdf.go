package forms

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// pdfcpu would otherwise create a configuration directory in $HOME on
	// first use; Reunite needs none of its user fonts or settings.
	api.DisableConfigDir()
}

// Errors a caller can test for with errors.Is.
var (
	ErrNotPDF        = errors.New("not a PDF file")
	ErrPassword      = errors.New("the PDF is protected by a password")
	ErrCorrupt       = errors.New("the PDF is damaged and cannot be read")
	ErrWrongEdition  = errors.New("not an edition of Form I-730 that Reunite can fill")
	ErrFieldMismatch = errors.New("the PDF's fields do not match the edition's field map")
	ErrNotBlank      = errors.New("the PDF is a filled copy, not the blank form")
)

// openPDF parses a PDF held in memory and decrypts it. USCIS forms are
// encrypted with an empty user password, which is opened transparently; a
// real password is refused, as is anything pdfcpu cannot parse.
func openPDF(data []byte) (ctx *model.Context, err error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	defer corruptOnPanic(&ctx, &err)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Cmd = model.LISTFORMFIELDS // read and validate; no optimisation pass
	conf.Optimize = false
	ctx, err = api.ReadValidateAndOptimize(bytes.NewReader(data), conf)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || strings.Contains(err.Error(), "correct password") {
			return nil, ErrPassword
		}
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return ctx, nil
}

// corruptOnPanic, deferred by the readers, turns a pdfcpu panic into
// ErrCorrupt: pdfcpu panics on some malformed input, and a damaged upload
// must be an error, never a crash.
func corruptOnPanic(ctx **model.Context, err *error) {
	if r := recover(); r != nil {
		*ctx, *err = nil, fmt.Errorf("%w (%v)", ErrCorrupt, r)
	}
}

// readOwn parses a PDF this process has just written (a filled form): every
// object is read, through the whole chain of cross-reference sections, as
// openPDF reads it, but without pdfcpu's validation pass, which checks
// every object against the PDF specification and was three quarters of a
// read (most of it the form's structure tree, unchanged from the blank).
// The blank was validated when its base was prepared (prepareBlank), and
// the tests read every fill back through openPDF, validation included.
func readOwn(data []byte) (ctx *model.Context, err error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	defer corruptOnPanic(&ctx, &err)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if ctx, err = api.ReadContext(bytes.NewReader(data), conf); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return ctx, nil
}

// pdfField is one terminal AcroForm field of a parsed PDF. Every field of
// the I-730 has exactly one widget; when the widget is a separate kid
// dictionary, widget points at it, otherwise widget == dict.
type pdfField struct {
	name   string
	ft     string // Tx, Btn, Ch
	ff     int
	dict   types.Dict
	widget types.Dict
	page   int
	// Object numbers of dict and widget (0 for a direct object): a fill
	// writes new versions of these objects.
	dictNr, widgetNr int
}

// formFields walks /AcroForm /Fields and returns the terminal fields by
// fully qualified name. Names are joined with "." exactly as the PDF spells
// each /T, so the I-730's "TelephoneNumber\" parent with kid "[0]" gives
// "TelephoneNumber\.[0]", as in the field map.
func formFields(ctx *model.Context) (map[string]*pdfField, error) {
	root, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	af, err := ctx.DereferenceDict(root["AcroForm"])
	if err != nil || af == nil {
		return nil, fmt.Errorf("the PDF has no fillable form")
	}
	arr, err := ctx.DereferenceArray(af["Fields"])
	if err != nil {
		return nil, err
	}
	pages := map[int]int{}
	for p := 1; p <= ctx.PageCount; p++ {
		if ref, err := ctx.PageDictIndRef(p); err == nil && ref != nil {
			pages[ref.ObjectNumber.Value()] = p
		}
	}
	out := map[string]*pdfField{}
	var walk func(o types.Object, prefix, ft string, ff int, depth int) error
	walk = func(o types.Object, prefix, ft string, ff int, depth int) error {
		if depth > 32 {
			return fmt.Errorf("form field tree too deep")
		}
		d, err := ctx.DereferenceDict(o)
		if err != nil || d == nil {
			return err
		}
		name := prefix
		if t, ok := d["T"]; ok {
			s, err := types.StringOrHexLiteral(t)
			if err != nil || s == nil {
				return fmt.Errorf("bad field name")
			}
			if name != "" {
				name += "."
			}
			name += *s
		}
		if n, ok := d["FT"].(types.Name); ok {
			ft = string(n)
		}
		if i, ok := d["Ff"].(types.Integer); ok {
			ff = int(i)
		}
		kids, _ := ctx.DereferenceArray(d["Kids"])
		var named []types.Object
		var widgets []types.Dict
		widgetNr := 0
		for _, k := range kids {
			kd, err := ctx.DereferenceDict(k)
			if err != nil || kd == nil {
				continue
			}
			if _, ok := kd["T"]; ok {
				named = append(named, k)
			} else {
				if len(widgets) == 0 {
					widgetNr = objNr(k)
				}
				widgets = append(widgets, kd)
			}
		}
		if len(named) > 0 {
			for _, k := range named {
				if err := walk(k, name, ft, ff, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		f := &pdfField{name: name, ft: ft, ff: ff, dict: d, widget: d, dictNr: objNr(o)}
		f.widgetNr = f.dictNr
		if len(widgets) > 0 {
			f.widget, f.widgetNr = widgets[0], widgetNr
		}
		if p, ok := f.widget["P"].(types.IndirectRef); ok {
			f.page = pages[p.ObjectNumber.Value()]
		}
		out[name] = f
		return nil
	}
	for _, o := range arr {
		if err := walk(o, "", "", 0, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// objNr is the object number o refers to, or 0 for a direct object.
func objNr(o types.Object) int {
	if r, ok := o.(types.IndirectRef); ok {
		return r.ObjectNumber.Value()
	}
	return 0
}

// pdfText decodes a PDF text string (PDFDocEncoding or UTF-16BE).
func pdfText(o types.Object) string {
	switch v := o.(type) {
	case types.StringLiteral:
		s, err := types.StringLiteralToString(v)
		if err == nil {
			return s
		}
	case types.HexLiteral:
		s, err := types.HexLiteralToString(v)
		if err == nil {
			return s
		}
	case types.Name:
		return string(v)
	}
	return ""
}

// textObject encodes s as a PDF text string: a literal for ASCII, UTF-16BE
// otherwise, so any script survives in /V.
func textObject(s string) types.Object {
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		esc, err := types.Escape(s)
		if err == nil {
			return types.StringLiteral(*esc)
		}
	}
	return types.NewHexLiteral([]byte(types.EncodeUTF16String(s)))
}
