package packet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// A sheet is one HTML document of the packet (a cover letter, an exhibit
// index, a checklist...). A build plans all its sheets first and prints
// them together at the end, in one Chromium print cut back into one PDF per
// sheet: a print has a fixed cost far above the cost of its pages (20
// single prints of a family of six took 10 times as long as one print of
// the same 38 pages), so printing each sheet on its own was most of a
// packet's time.
type sheet struct {
	name  string // the template
	data  paged  // what it receives
	pdf   []byte // set once printed
	pages int    // its page count, set once printed
	// printed is closed once pdf and pages are set (nil: nobody waits), so
	// that the files made of a sheet are written while other sheets still
	// print.
	printed chan struct{}
}

// set records the sheet's print.
func (sh *sheet) set(pdf []byte, pages int) {
	sh.pdf, sh.pages = pdf, pages
	if sh.printed != nil {
		close(sh.printed)
	}
}

// paged is the data of every packet template: it embeds page.
type paged interface{ meta() page }

func (p page) meta() page { return p }

// sheetTemplates are the packet's templates with each document's head and
// foot replaced by an article: the same body, styled by the same sheet
// (the head's style block, once, in the combined document), in the
// document's own language and direction.
var sheetTemplates = template.Must(template.Must(templates.Clone()).Parse(
	`{{define "head"}}<article lang="{{.Lang}}" dir="{{.Dir}}">{{end}}{{define "foot"}}</article>{{end}}`))

// printSheets prints sheets. One print by default; each sheet on its own
// when each is set (the way packets were printed before, kept to compare
// the two).
func printSheets(ctx context.Context, p Printer, list []*sheet, each bool) error {
	if len(list) == 0 {
		return nil
	}
	if each {
		for _, sh := range list {
			pdf, err := render(ctx, p, sh.name, sh.data)
			if err != nil {
				return fmt.Errorf("%s: %w", sh.name, err)
			}
			n, err := pageCount(pdf)
			if err != nil {
				return fmt.Errorf("%s: %w", sh.name, err)
			}
			sh.set(pdf, n)
		}
		return nil
	}
	// One print per language and writing direction: a right-to-left sheet
	// in a left-to-right document sits a fraction of a point off where its
	// own print put it (the page box's rounding runs from the other side),
	// and a sheet in another language than the document's root sets its
	// Latin text with sub-pixel differences that can move a line break
	// (a Spanish family's instruction sheet made every sheet of case 307
	// differ). So an Arabic, Dari or Spanish instruction sheet gets a
	// print of its own.
	var groups [][]*sheet
	byLang := map[[2]string]int{}
	for _, sh := range list {
		m := sh.data.meta()
		key := [2]string{m.Lang, m.Dir}
		k, ok := byLang[key]
		if !ok {
			k = len(groups)
			byLang[key] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], sh)
	}
	// The groups are printed in order, each cut into its sheets (in Go)
	// while the next one prints: a group's print is asked for once the
	// one before it has returned its PDF.
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		turn := make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = printGroup(ctx, p, g, sync.OnceFunc(func() { close(turn) }))
		}()
		<-turn
	}
	wg.Wait()
	return errors.Join(errs...)
}

// printGroup prints sheets together, or, when Chromium had to shrink the
// combined print to fit (shrink.go), each half again, down to a sheet
// alone. printed is called once its first print has returned (or failed):
// the next group may print while this one is cut.
func printGroup(ctx context.Context, p Printer, list []*sheet, printed func()) error {
	defer printed()
	if len(list) == 1 {
		return printSheets(ctx, p, list, true)
	}
	ok, err := printTogether(ctx, p, list, printed)
	if err != nil || ok {
		return err
	}
	mid := len(list) / 2
	if err := printGroup(ctx, p, list[:mid], func() {}); err != nil {
		return err
	}
	return printGroup(ctx, p, list[mid:], func() {})
}

// printTogether prints sheets of one language and direction in one print
// and cuts it; printed is called when the print has returned. It reports
// false, and keeps nothing, when the print was shrunk to fit.
func printTogether(ctx context.Context, p Printer, list []*sheet, printed func()) (bool, error) {
	html, err := combined(list)
	if err != nil {
		return false, err
	}
	pdf, err := p.PrintHTML(ctx, html, 8.5, 11)
	printed()
	if err != nil {
		return false, err
	}
	metas := make([]page, len(list))
	for i, sh := range list {
		metas[i] = sh.data.meta()
	}
	parts, counts, err := splitAtSheets(pdf, metas)
	if errors.Is(err, errShrunk) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cutting the printed packet into its documents: %w", err)
	}
	for i, sh := range list {
		sh.set(parts[i], counts[i])
	}
	return true, nil
}

// combined writes every sheet into one HTML document: the shared head,
// then each sheet in a block that starts a new page and carries an id, so
// that Chromium writes a named destination to the page each sheet starts
// on. Chromium writes destinations only for targets of links: the last
// page holds a link to each, and is dropped when the print is cut.
func combined(list []*sheet) (string, error) {
	var b strings.Builder
	first := list[0].data.meta()
	if err := templates.ExecuteTemplate(&b, "head", page{Lang: first.Lang, Dir: first.Dir, Title: "Form I-730 packet"}); err != nil {
		return "", err
	}
	b.WriteString(`<style>.sheet + .sheet, #` + endID + ` { break-before: page }</style>`)
	for i, sh := range list {
		fmt.Fprintf(&b, `<div class="sheet" id="%s">`, sheetID(i))
		if err := sheetTemplates.ExecuteTemplate(&b, sh.name, sh.data); err != nil {
			return "", fmt.Errorf("%s: %w", sh.name, err)
		}
		b.WriteString(`</div>`)
	}
	fmt.Fprintf(&b, `<div id="%s">`, endID)
	for i := range list {
		fmt.Fprintf(&b, `<a href="#%s">%d</a> `, sheetID(i), i)
	}
	fmt.Fprintf(&b, `<a href="#%s">end</a></div>`, endID)
	var foot bytes.Buffer
	if err := templates.ExecuteTemplate(&foot, "foot", nil); err != nil {
		return "", err
	}
	b.Write(foot.Bytes())
	return b.String(), nil
}

// endID marks the page of links that ends a combined print.
const endID = "sheets-end"

func sheetID(i int) string { return fmt.Sprintf("sheet-%d", i) }
