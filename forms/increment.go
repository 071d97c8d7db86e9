package forms

import (
	"encoding/binary"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// update is the part of a filled form that differs from the blank: new
// versions of the field dictionaries a fill changed and the appearance
// streams it drew. It is appended to the plain blank as an incremental
// update (ISO 32000-1, 7.5.6), which every reader resolves by taking the
// newest version of each object; nothing of the blank is re-encoded.
type update struct {
	next int // the next free object number
	objs []updatedObject
	// boxDecimals is how many decimals the appearances' boxes are written
	// with: -1, as many as the number needs, or 12 in a form with
	// native-script text (see Fill).
	boxDecimals int
}

type updatedObject struct {
	nr   int
	body []byte      // between "N 0 obj" and "endobj"
	ap   *appearance // or an appearance stream, written by appendTo
}

func newUpdate(b *base) *update { return &update{next: b.trailer.size, boxDecimals: -1} }

// replace records a new version of object nr: the entries the fill did
// not touch, as the blank has them, and the fill's own.
func (u *update) replace(nr int, rest []byte, fill types.Dict) {
	body := make([]byte, 0, len(rest)+96)
	body = append(body, "<<"...)
	body = append(body, rest...)
	s := fill.PDFString()
	body = append(body, s[2:len(s)-2]...)
	body = append(body, ">>"...)
	u.objs = append(u.objs, updatedObject{nr: nr, body: body})
}

// put records a new version of object nr (or a new object) with the
// given body.
func (u *update) put(nr int, body []byte) {
	u.objs = append(u.objs, updatedObject{nr: nr, body: body})
}

// reserve returns the next free object number, taken.
func (u *update) reserve() int {
	u.next++
	return u.next - 1
}

// add records a new object and returns its reference.
func (u *update) add(body []byte) types.IndirectRef {
	nr := u.reserve()
	u.put(nr, body)
	return *types.NewIndirectRef(nr, 0)
}

// addStream records a new stream object of dictionary d (nil for none)
// holding raw as it is, and returns its reference.
func (u *update) addStream(d types.Dict, raw []byte) types.IndirectRef {
	return u.add(streamBody(d, raw))
}

// addAppearance records a new appearance stream of a w x h box drawn in
// the form's font and returns its reference. The stream is written as is:
// an appearance is a few dozen bytes, and compressing each costs more time
// (a new deflate state) than it saves.
func (u *update) addAppearance(font fontRes, w, h float64, content []byte) types.IndirectRef {
	nr := u.reserve()
	u.objs = append(u.objs, updatedObject{nr: nr, ap: &appearance{font: font, w: w, h: h, content: content}})
	return *types.NewIndirectRef(nr, 0)
}

// appearance is an appearance stream, written out with the update.
type appearance struct {
	font    fontRes
	w, h    float64
	content []byte
}

// write appends the stream object's body, its box's size written with
// prec decimals (-1: as many as the number needs).
func (a *appearance) write(b []byte, prec int) []byte {
	b = append(b, "<</Type/XObject/Subtype/Form/BBox["...)
	b = append(b, '0', ' ', '0', ' ')
	b = strconv.AppendFloat(b, a.w, 'f', prec, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, a.h, 'f', prec, 64)
	b = append(b, "]/Resources<</Font<<"...)
	b = append(b, types.Name(a.font.name).PDFString()...)
	b = append(b, ' ')
	b = append(b, a.font.ref.PDFString()...)
	b = append(b, ">>>>/Length "...)
	b = strconv.AppendInt(b, int64(len(a.content)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, a.content...)
	b = append(b, "\nendstream"...)
	return b
}

// xrefWidths are the byte widths of a cross-reference stream entry: type,
// offset (4 bytes: a filled form is far below 4 GB), generation.
var xrefWidths = [3]int{1, 4, 2}

// appendTo writes the base followed by the update. The update's
// cross-reference section is a stream, as the base's is (pdfcpu writes
// cross-reference streams); it points back at the base's with /Prev and
// repeats its trailer entries.
func (u *update) appendTo(b *base) []byte {
	size := len(b.pdf) + 512
	for _, o := range u.objs {
		size += len(o.body) + 32
		if o.ap != nil {
			size += len(o.ap.content) + 160
		}
	}
	out := make([]byte, 0, size+len(u.objs)*7)
	out = append(out, b.pdf...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	offsets := make(map[int]int, len(u.objs)+1)
	for _, o := range u.objs {
		offsets[o.nr] = len(out)
		out = strconv.AppendInt(out, int64(o.nr), 10)
		out = append(out, " 0 obj\n"...)
		if o.ap != nil {
			out = o.ap.write(out, u.boxDecimals)
		} else {
			out = append(out, o.body...)
		}
		out = append(out, "\nendobj\n"...)
	}
	xrefNr := u.next
	offsets[xrefNr] = len(out)

	nrs := make([]int, 0, len(offsets))
	for nr := range offsets {
		nrs = append(nrs, nr)
	}
	slices.Sort(nrs)
	var index types.Array
	entries := make([]byte, 0, len(nrs)*7)
	for i, nr := range nrs {
		if i == 0 || nr != nrs[i-1]+1 {
			index = append(index, types.Integer(nr), types.Integer(0))
		}
		index[len(index)-1] = index[len(index)-1].(types.Integer) + 1
		entries = append(entries, 1)
		entries = binary.BigEndian.AppendUint32(entries, uint32(offsets[nr]))
		entries = binary.BigEndian.AppendUint16(entries, 0)
	}
	t := b.trailer
	d := types.Dict{
		"Type":   types.Name("XRef"),
		"Size":   types.Integer(xrefNr + 1),
		"Index":  index,
		"W":      types.Array{types.Integer(xrefWidths[0]), types.Integer(xrefWidths[1]), types.Integer(xrefWidths[2])},
		"Prev":   types.Integer(t.startxref),
		"Root":   t.root,
		"Length": types.Integer(len(entries)),
	}
	if t.info != nil {
		d["Info"] = *t.info
	}
	if len(t.id) == 2 {
		d["ID"] = t.id
	}
	out = strconv.AppendInt(out, int64(xrefNr), 10)
	out = append(out, " 0 obj\n"...)
	out = append(out, d.PDFString()...)
	out = append(out, "\nstream\n"...)
	out = append(out, entries...)
	out = append(out, "\nendstream\nendobj\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(offsets[xrefNr]), 10)
	out = append(out, "\n%%EOF\n"...)
	return out
}

// replaceField records new versions of a field's dictionary and, when it
// is a separate object, of its widget.
func (u *update) replaceField(bf *baseField, pf *pdfField) {
	u.replace(pf.dictNr, bf.dictRest, pf.dict)
	if pf.widgetNr != pf.dictNr {
		u.replace(pf.widgetNr, bf.widgetRest, pf.widget)
	}
}
