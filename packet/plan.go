package packet

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// plan is what one part of a build (a relative's folder, the family's
// pages) prints and writes: its sheets, then, once they are printed, the
// files made of them and the merged PDFs.
type plan struct {
	sheets []*sheet
	saves  []sheetFile
	merges []mergeJob
}

type sheetFile struct {
	rel   string
	sheet *sheet
}

type mergeJob struct {
	rel   string
	parts []mailPart
}

// mailPart is a piece of a merged PDF: a file as it is, or a printed
// sheet, whole or the pages that pick chooses among its n pages.
type mailPart struct {
	pdf   []byte
	sheet *sheet
	pick  func(n int) (from, thru int, err error)
	// parsed is pdf parsed already (the filled form, by its read-back):
	// the merge uses it instead of parsing pdf again (see mergeSource).
	parsed *model.Context
}

// sheet plans a document printed from a template.
func (p *plan) sheet(name string, data paged) *sheet {
	s := &sheet{name: name, data: data}
	p.sheets = append(p.sheets, s)
	return s
}

// save writes a sheet as a file of the packet once printed.
func (p *plan) save(rel string, s *sheet) { p.saves = append(p.saves, sheetFile{rel, s}) }

// merge joins parts into one file of the packet once the sheets are
// printed.
func (p *plan) merge(rel string, parts []mailPart) {
	p.merges = append(p.merges, mergeJob{rel, parts})
}

// carryOut prints every plan's sheets (in the plans' order, so a build
// prints the same document every time), then writes their files and
// merges, in parallel. A file is written as soon as its sheets are
// printed: the relatives' merges run while the instruction sheets in
// another language still print.
func (b *builder) carryOut(plans []*plan) error {
	var all []*sheet
	for _, p := range plans {
		all = append(all, p.sheets...)
	}
	for _, sh := range all {
		sh.printed = make(chan struct{})
	}
	failed := make(chan struct{}) // closed when printing failed
	printErr := make(chan error, 1)
	go func() {
		err := printSheets(b.ctx, b.opt.Printer, all, b.opt.PrintEach)
		if err != nil {
			close(failed)
		}
		printErr <- err
	}()
	sem := make(chan struct{}, max(runtime.NumCPU(), 1)) // merges at once
	var jobs []func() error
	for _, p := range plans {
		for _, s := range p.saves {
			jobs = append(jobs, func() error {
				if !waitPrinted(failed, s.sheet) {
					return errNotPrinted
				}
				return b.write(s.rel, s.sheet.pdf)
			})
		}
		for _, j := range p.merges {
			jobs = append(jobs, func() error {
				for _, pt := range j.parts {
					if pt.sheet != nil && !waitPrinted(failed, pt.sheet) {
						return errNotPrinted
					}
				}
				sem <- struct{}{}
				defer func() { <-sem }()
				return b.mergeOne(j)
			})
		}
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = job()
		}()
	}
	wg.Wait()
	if err := <-printErr; err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// errNotPrinted stands for a file whose sheets were not printed: the
// printing's own error is returned instead.
var errNotPrinted = errors.New("not printed")

// waitPrinted waits until sh is printed, and reports false if the
// printing failed first.
func waitPrinted(failed chan struct{}, sh *sheet) bool {
	select {
	case <-sh.printed:
		return true
	case <-failed:
		return false
	}
}

func (b *builder) mergeOne(j mergeJob) error {
	srcs := make([]mergeSource, 0, len(j.parts))
	for _, pt := range j.parts {
		switch {
		case pt.sheet == nil:
			srcs = append(srcs, mergeSource{pdf: pt.pdf, parsed: pt.parsed})
		case pt.pick == nil:
			srcs = append(srcs, mergeSource{pdf: pt.sheet.pdf})
		default:
			from, thru, err := pt.pick(pt.sheet.pages)
			if err != nil {
				return fmt.Errorf("%s: %w", j.rel, err)
			}
			pdf, err := pagesOf(pt.sheet.pdf, from, thru)
			if err != nil {
				return fmt.Errorf("%s: %w", j.rel, err)
			}
			srcs = append(srcs, mergeSource{pdf: pdf})
		}
	}
	merged, err := mergeParts(srcs)
	if err != nil {
		return fmt.Errorf("merging %s: %w", j.rel, err)
	}
	return b.write(j.rel, merged)
}
