package packet

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// errShrunk: the combined print was shrunk to fit its widest content, so
// its sheets are not as they print alone (shrink.go).
var errShrunk = errors.New("the print was shrunk to fit")

// splitAtSheets cuts a combined print (see sheets.combined) into one PDF
// per sheet. Sheet i starts on the page of the named destination
// sheetID(i) and ends before the next one starts; the last page, the
// links' page, is dropped. Each part gets its sheet's title and language,
// as a print of the sheet alone had.
func splitAtSheets(pdf []byte, metas []page) (parts [][]byte, pages []int, err error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, nil, err
	}
	starts, err := destinationPages(ctx)
	if err != nil {
		return nil, nil, err
	}
	if small, _ := shrunk(ctx); small {
		return nil, nil, errShrunk
	}
	end, ok := starts[endID]
	if !ok || end != ctx.PageCount {
		return nil, nil, fmt.Errorf("the page of links is not the last page (%d of %d)", end, ctx.PageCount)
	}
	first := make([]int, len(metas)+1)
	for i := range metas {
		n, ok := starts[sheetID(i)]
		if !ok {
			return nil, nil, fmt.Errorf("document %d of %d has no start in the print", i+1, len(metas))
		}
		first[i] = n
	}
	first[len(metas)] = end
	parts, pages = make([][]byte, len(metas)), make([]int, len(metas))
	for i, m := range metas {
		if first[i+1] <= first[i] {
			return nil, nil, fmt.Errorf("document %d of %d starts on page %d, the next on page %d", i+1, len(metas), first[i], first[i+1])
		}
		var nrs []int
		for n := first[i]; n < first[i+1]; n++ {
			nrs = append(nrs, n)
		}
		part, err := pdfcpu.ExtractPages(ctx, nrs, false)
		if err != nil {
			return nil, nil, err
		}
		if err := describe(part, m); err != nil {
			return nil, nil, err
		}
		var buf bytes.Buffer
		if err := api.WriteContext(part, &buf); err != nil {
			return nil, nil, err
		}
		parts[i], pages[i] = buf.Bytes(), len(nrs)
	}
	return parts, pages, nil
}

// destinationPages maps each named destination of the catalog's /Dests
// dictionary (the form Chromium writes) to its page number.
func destinationPages(ctx *model.Context) (map[string]int, error) {
	root, err := ctx.Catalog()
	if err != nil {
		return nil, err
	}
	dests, err := ctx.DereferenceDict(root["Dests"])
	if err != nil {
		return nil, fmt.Errorf("the print's named destinations: %w", err)
	}
	if dests == nil {
		return nil, fmt.Errorf("no named destinations in the print")
	}
	pageOf := map[int]int{}
	for n := 1; n <= ctx.PageCount; n++ {
		ir, err := ctx.PageDictIndRef(n)
		if err != nil {
			return nil, err
		}
		pageOf[ir.ObjectNumber.Value()] = n
	}
	out := map[string]int{}
	for name, v := range dests {
		arr, err := ctx.DereferenceArray(v)
		if err != nil || len(arr) == 0 {
			return nil, fmt.Errorf("destination %s: %v", name, err)
		}
		ir, ok := arr[0].(types.IndirectRef)
		if !ok {
			return nil, fmt.Errorf("destination %s names no page", name)
		}
		n, ok := pageOf[ir.ObjectNumber.Value()]
		if !ok {
			return nil, fmt.Errorf("destination %s points to no page of the print", name)
		}
		out[name] = n
	}
	return out, nil
}

// describe gives a part the title and language its own print would have
// had (Chromium takes them from the document's title and lang).
func describe(ctx *model.Context, m page) error {
	title, err := types.EscapedUTF16String(m.Title)
	if err != nil {
		return err
	}
	info := types.NewDict()
	info.Insert("Title", types.StringLiteral(*title))
	ir, err := ctx.IndRefForNewObject(info)
	if err != nil {
		return err
	}
	ctx.Info = ir
	root, err := ctx.Catalog()
	if err != nil {
		return err
	}
	if m.Lang != "" {
		root.Insert("Lang", types.StringLiteral(m.Lang))
	}
	return nil
}
