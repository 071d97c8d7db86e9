package forms

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Inspection is what a filled PDF actually holds, read back from the file:
// used by tests and by `reunite packet` to verify its own output.
type Inspection struct {
	// Values by field-map key: text as written, for a checkbox group the
	// chosen value (or "" when no box is on). Checked lists every box that
	// is on, to catch two boxes on in one group.
	Values       map[string]string
	Checked      []string
	XFA          bool // /AcroForm /XFA still present
	UsageRights  bool // /Perms still present
	Encrypted    bool
	NoAppearance []string // filled fields without an /AP /N
}

// Inspect reads a filled form back, validating the whole file against the
// PDF specification as it reads it (pdfcpu's validation pass).
func Inspect(pdf []byte) (*Inspection, error) {
	ctx, e, fields, err := openEdition(pdf)
	if err != nil {
		return nil, err
	}
	return inspect(ctx, e, fields), nil
}

// ReadBack is Inspect for a form Fill has just written, as `reunite
// packet` checks each of its forms: the same checks on the same bytes,
// every object parsed, but without the validation pass (see readOwn), which
// was three quarters of a read-back. It also returns the parsed file, for a
// caller that goes on to use it (the packet merges it into the petition to
// mail rather than parsing the same bytes again); the caller may change it.
func ReadBack(pdf []byte) (*Inspection, *model.Context, error) {
	ctx, err := readOwn(pdf)
	if err != nil {
		return nil, nil, err
	}
	e, fields, err := editionOf(ctx)
	if err != nil {
		return nil, nil, err
	}
	return inspect(ctx, e, fields), ctx, nil
}

// inspect reads the values and the flags of a parsed form.
func inspect(ctx *model.Context, e *Edition, fields map[string]*pdfField) *Inspection {
	in := &Inspection{Values: map[string]string{}, Encrypted: ctx.Encrypt != nil}
	root, _ := ctx.Catalog()
	_, in.UsageRights = root["Perms"]
	if af, _ := ctx.DereferenceDict(root["AcroForm"]); af != nil {
		_, in.XFA = af["XFA"]
	}
	for _, f := range e.Map.Fields {
		pf := fields[f.Name]
		if pf == nil || !f.Fillable() {
			continue
		}
		v, _ := ctx.Dereference(pf.dict["V"])
		switch f.Type {
		case "checkbox":
			fact, val := f.Choice()
			as, _ := pf.widget["AS"].(types.Name)
			if n, ok := v.(types.Name); ok && string(n) == f.OnState && string(as) == f.OnState {
				in.Values[fact] = val
				in.Checked = append(in.Checked, f.Key)
			} else if _, seen := in.Values[fact]; !seen {
				in.Values[fact] = ""
			}
		default:
			s := pdfText(v)
			in.Values[f.Key] = s
			if s != "" {
				ap, _ := ctx.DereferenceDict(pf.widget["AP"])
				if _, ok := ap["N"]; !ok {
					in.NoAppearance = append(in.NoAppearance, f.Key)
				}
			}
		}
	}
	return in
}
