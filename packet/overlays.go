package packet

import (
	"context"
	"sync"

	"github.com/reunite/reunite/forms"
)

// overlayPrinter draws many native-script overlays in one print
// (forms.Chromium does).
type overlayPrinter interface {
	Overlays(ctx context.Context, pages []forms.OverlayPage) ([][]byte, error)
}

// overlayBatch is the native-script renderer of relatives filled in
// parallel: a fill that needs an overlay waits until every other relative
// of the build is waiting for one too or has finished its fill, then all
// the waiting overlays are drawn in one print. A waiting fill gives its
// place among the build's running relatives (slots) to one not yet
// started, so every relative reaches its overlays or its end and the batch
// is always printed.
type overlayBatch struct {
	p     overlayPrinter
	slots chan struct{}

	mu      sync.Mutex
	filling int // relatives whose fill has not returned
	waiting []*overlayWait
}

type overlayWait struct {
	ctx  context.Context
	page forms.OverlayPage
	done chan struct{}
	pdf  []byte
	err  error
}

func newOverlayBatch(p overlayPrinter, slots chan struct{}, relatives int) *overlayBatch {
	return &overlayBatch{p: p, slots: slots, filling: relatives}
}

// Overlay is forms.NativeRenderer's: it returns once the batch holding this
// overlay is printed.
func (o *overlayBatch) Overlay(ctx context.Context, w, h float64, items []forms.NativeText) ([]byte, error) {
	wt := &overlayWait{ctx: ctx, page: forms.OverlayPage{W: w, H: h, Items: items}, done: make(chan struct{})}
	<-o.slots // let a relative not yet started run meanwhile
	o.mu.Lock()
	o.waiting = append(o.waiting, wt)
	o.flushLocked()
	o.mu.Unlock()
	<-wt.done
	o.slots <- struct{}{}
	return wt.pdf, wt.err
}

// filled records that a relative's fill has returned: it will ask for no
// more overlays.
func (o *overlayBatch) filled() {
	o.mu.Lock()
	o.filling--
	o.flushLocked()
	o.mu.Unlock()
}

// flushLocked prints the waiting overlays once every relative still
// filling is among them.
func (o *overlayBatch) flushLocked() {
	if len(o.waiting) == 0 || len(o.waiting) < o.filling {
		return
	}
	batch := o.waiting
	o.waiting = nil
	go func() {
		pages := make([]forms.OverlayPage, len(batch))
		for i, wt := range batch {
			pages[i] = wt.page
		}
		pdfs, err := o.p.Overlays(batch[0].ctx, pages)
		for i, wt := range batch {
			if err != nil {
				wt.err = err
			} else {
				wt.pdf = pdfs[i]
			}
			close(wt.done)
		}
	}()
}
