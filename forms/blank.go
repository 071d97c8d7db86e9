package forms

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// base is a blank form made ready once and filled many times: decrypted,
// XFA, usage rights and JavaScript removed, written out plain. A fill then
// only appends the objects it changes (an incremental update), so the
// encrypted original is parsed, validated and compressed once per edition
// instead of once per petition: that was nearly all of a fill's time.
//
// A base is shared by concurrent fills and never changed after
// prepareBlank returns; every fill works on copies of its field
// dictionaries.
type base struct {
	pdf     []byte // the plain blank, the prefix of every filled form
	edition *Edition
	fields  map[string]*baseField
	font    fontRes
	trailer trailerInfo
	// pages and catalog are what a native-script stamp changes.
	pages   map[int]*basePage
	catalog baseCatalog
}

// baseField is one terminal field of the base, with what a fill needs to
// change it without going back to the parser.
type baseField struct {
	name     string
	dict     types.Dict
	widget   types.Dict
	dictNr   int // object numbers, for the update's new versions
	widgetNr int // == dictNr when field and widget are one dictionary
	// The dictionaries written out once without the entries a fill sets
	// (fillKeys): a fill writes these bytes and its own few entries.
	dictRest, widgetRest []byte
	rect                 [4]float64
	opts                 []string // export values of a combo box, in order
	appearsOn            bool     // the blank shows the box checked (never for a blank form)
}

// fillKeys are the entries of a field or widget dictionary that a fill
// sets or removes: the value, a list's selected index, a box's appearance
// state and the appearance.
var fillKeys = []string{"V", "I", "AS", "AP"}

// without writes d without the fill's entries, the "<<" and ">>" left off.
func without(d types.Dict) []byte {
	rest := maps.Clone(d)
	for _, k := range fillKeys {
		delete(rest, k)
	}
	s := rest.PDFString()
	return []byte(s[2 : len(s)-2])
}

// trailerInfo is what the update's cross-reference section repeats from
// the base's: /Size, /Root, /Info, /ID and where the previous section is.
type trailerInfo struct {
	size      int
	root      types.IndirectRef
	info      *types.IndirectRef
	id        types.Array
	startxref int64
}

// blanks caches one base per blank file, by content: a server fills the
// same edition all day, and a new edition added by `forms add` is a new
// key. Editions are few; the cache is bounded anyway so that a stream of
// odd uploads cannot grow it.
var blanks = struct {
	sync.Mutex
	m     map[[32]byte]*blankEntry
	order [][32]byte
}{m: map[[32]byte]*blankEntry{}}

const maxCachedBlanks = 4

type blankEntry struct {
	once sync.Once
	b    *base
	err  error
}

// cachedBase returns the base of a blank, preparing it on first use.
// Concurrent first calls for one blank prepare it once.
func cachedBase(blank []byte) (*base, error) {
	key := sha256.Sum256(blank)
	blanks.Lock()
	e, ok := blanks.m[key]
	if !ok {
		e = &blankEntry{}
		blanks.m[key] = e
		blanks.order = append(blanks.order, key)
		if len(blanks.order) > maxCachedBlanks {
			delete(blanks.m, blanks.order[0])
			blanks.order = blanks.order[1:]
		}
	}
	blanks.Unlock()
	e.once.Do(func() { e.b, e.err = prepareBlank(blank) })
	return e.b, e.err
}

// prepareBlank checks the blank against its edition's field map, removes
// what a filled form must not carry, writes it plain, and reads that plain
// file back to learn the object numbers a fill will replace.
func prepareBlank(blank []byte) (*base, error) {
	ctx, e, fields, err := openEdition(blank)
	if err != nil {
		return nil, err
	}
	if err := matchFields(e.Map, fields); err != nil {
		return nil, err
	}
	if err := flatten(ctx); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := api.WriteContext(ctx, &buf); err != nil {
		return nil, fmt.Errorf("writing the plain blank form: %w", err)
	}
	plain := buf.Bytes()
	// Read back what was written: the update must name the objects as they
	// are numbered in these bytes.
	ctx, e, fields, err = openEdition(plain)
	if err != nil {
		return nil, fmt.Errorf("reading the plain blank form back: %w", err)
	}
	b := &base{pdf: plain, edition: e, fields: map[string]*baseField{}}
	if b.font, err = formFont(ctx); err != nil {
		return nil, err
	}
	if b.trailer, err = readTrailer(ctx, plain); err != nil {
		return nil, err
	}
	if b.pages, err = basePages(ctx); err != nil {
		return nil, err
	}
	if b.catalog, err = catalogOf(ctx); err != nil {
		return nil, err
	}
	for i := range e.Map.Fields {
		f := &e.Map.Fields[i]
		if !f.Fillable() {
			continue
		}
		pf := fields[f.Name]
		if pf.dictNr == 0 || pf.widgetNr == 0 {
			return nil, fmt.Errorf("%w: field %s is not an indirect object", ErrCorrupt, f.Name)
		}
		bf := &baseField{name: f.Name, dict: pf.dict, widget: pf.widget, dictNr: pf.dictNr, widgetNr: pf.widgetNr,
			dictRest: without(pf.dict), widgetRest: without(pf.widget)}
		if f.Type == "checkbox" {
			v, _ := pf.dict["V"].(types.Name)
			as, _ := pf.widget["AS"].(types.Name)
			bf.appearsOn = (v != "" && v != "Off") || (as != "" && as != "Off")
		} else {
			if bf.rect, err = widgetRect(ctx, pf); err != nil {
				return nil, err
			}
			opts, _ := ctx.DereferenceArray(pf.dict["Opt"])
			for _, o := range opts {
				export := o
				if pair, ok := o.(types.Array); ok && len(pair) > 0 {
					export = pair[0]
				}
				bf.opts = append(bf.opts, pdfText(export))
			}
		}
		b.fields[f.Name] = bf
	}
	return b, nil
}

// readTrailer takes the trailer entries the update must repeat from the
// parsed base, and the offset of its last cross-reference section from the
// end of the file.
func readTrailer(ctx *model.Context, pdf []byte) (trailerInfo, error) {
	t := trailerInfo{size: *ctx.Size, info: ctx.Info, id: ctx.ID}
	if ctx.Root == nil {
		return t, fmt.Errorf("%w: no document catalog", ErrCorrupt)
	}
	t.root = *ctx.Root
	tail := pdf[max(0, len(pdf)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return t, fmt.Errorf("%w: no startxref", ErrCorrupt)
	}
	if _, err := fmt.Sscan(string(tail[i+len("startxref"):]), &t.startxref); err != nil {
		return t, fmt.Errorf("%w: bad startxref: %v", ErrCorrupt, err)
	}
	return t, nil
}

// forFill returns the field as a fill may change it: dictionaries that
// hold only the fill's entries (fillKeys), as the blank has them; the rest
// of each dictionary is written from dictRest and widgetRest. Field and
// widget share one such dictionary when they are one object.
func (bf *baseField) forFill() *pdfField {
	d := fillEntries(bf.dict)
	w := d
	if bf.widgetNr != bf.dictNr {
		w = fillEntries(bf.widget)
	}
	return &pdfField{name: bf.name, dict: d, widget: w, dictNr: bf.dictNr, widgetNr: bf.widgetNr}
}

func fillEntries(d types.Dict) types.Dict {
	out := make(types.Dict, len(fillKeys))
	for _, k := range fillKeys {
		if v, ok := d[k]; ok {
			out[k] = v
		}
	}
	return out
}

// forgetBlanks empties the cache (for benchmarks of a first fill).
func forgetBlanks() {
	blanks.Lock()
	defer blanks.Unlock()
	clear(blanks.m)
	blanks.order = nil
}
