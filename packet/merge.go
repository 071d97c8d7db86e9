package packet

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// mergeSource is one part of a merged PDF of the packet.
type mergeSource struct {
	pdf []byte
	// parsed is the part already parsed from pdf (the filled form, parsed
	// by its read-back, forms.ReadBack); the merge changes it.
	parsed *model.Context
}

// mergeParts joins PDFs as pdfcpu's api.MergeRaw does (docfile.MergePDF):
// the same configuration, every part validated, the same merge of pages,
// forms and destinations, but the filled form, the largest part by far, is
// not parsed again: its read-back parsed it a moment before, from the bytes
// the packet holds. The validation pass stays for every part: pdfcpu v0.15
// merged parts it had not validated with broken references (fonts, images'
// color spaces) that only showed as wrong pixels.
func mergeParts(parts []mergeSource) (merged []byte, err error) {
	defer func() {
		// pdfcpu panics on some malformed input: an error, never a crash.
		if r := recover(); r != nil {
			merged, err = nil, fmt.Errorf("merging: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.Cmd = model.MERGECREATE
	conf.ValidationMode = model.ValidationRelaxed
	conf.CreateBookmarks = false
	var dest *model.Context
	for i, p := range parts {
		ctx, err := p.context(conf)
		if err != nil {
			return nil, fmt.Errorf("part %d of %d: %w", i+1, len(parts), err)
		}
		if dest == nil {
			dest = ctx
			dest.EnsureVersionForWriting()
			continue
		}
		if dest.XRefTable.Version() < model.V20 && ctx.XRefTable.Version() == model.V20 {
			return nil, fmt.Errorf("part %d of %d: %w", i+1, len(parts), pdfcpu.ErrUnsupportedVersion)
		}
		if err := pdfcpu.MergeXRefTables(strconv.Itoa(i), ctx, dest, false, false); err != nil {
			return nil, fmt.Errorf("part %d of %d: %w", i+1, len(parts), err)
		}
	}
	if dest == nil {
		return nil, fmt.Errorf("nothing to merge")
	}
	if conf.OptimizeBeforeWriting {
		if err := api.OptimizeContext(dest); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	if err := api.WriteContext(dest, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// context returns the part parsed and validated, as MergeRaw reads every
// part.
func (p mergeSource) context(conf *model.Configuration) (*model.Context, error) {
	if p.parsed == nil {
		return api.ReadAndValidate(bytes.NewReader(p.pdf), conf)
	}
	ctx := p.parsed
	ctx.Configuration = conf
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}
