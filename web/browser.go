package web

import (
	"context"
	"sync"

	"github.com/reunite/reunite/forms"
)

// Browser is the server's one Chromium, shared by packets, dossiers and
// letters. Warm starts it in the background when the server starts, so the
// first download does not wait for Chromium's start (a second or more);
// otherwise the first print starts it. A start that failed is tried again
// at the next print, so that one transient failure does not turn printing
// off until the server restarts.
type Browser struct {
	mu     sync.Mutex
	chrome *forms.Chromium
	warm   bool // chrome was started by Warm and no print has waited for it yet
}

// NewBrowser returns a browser that starts at Warm or the first print.
// Close it when the server stops.
func NewBrowser() *Browser { return &Browser{} }

// Warm starts Chromium in the background, unless it is started already.
func (b *Browser) Warm() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.chrome == nil {
		b.chrome, b.warm = forms.StartChromium(), true
	}
}

// chromium returns the started browser, starting it if need be. A start
// that failed is forgotten, so the next call starts another; a start that
// failed in the background (Warm) is tried again at once, since no print
// has seen it fail.
func (b *Browser) chromium() (*forms.Chromium, error) {
	for {
		b.mu.Lock()
		if b.chrome == nil {
			b.chrome, b.warm = forms.StartChromium(), false
		}
		c, warm := b.chrome, b.warm
		b.warm = false
		b.mu.Unlock()
		err := c.Wait()
		if err == nil {
			return c, nil
		}
		b.mu.Lock()
		if b.chrome == c {
			b.chrome = nil
		}
		b.mu.Unlock()
		c.Close()
		if !warm {
			return nil, err
		}
	}
}

// PrintHTML prints a document (letters.Printer).
func (b *Browser) PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error) {
	c, err := b.chromium()
	if err != nil {
		return nil, err
	}
	return c.PrintHTML(ctx, html, w, h)
}

// Close stops the browser, if it was started.
func (b *Browser) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.chrome != nil {
		b.chrome.Close()
		b.chrome = nil
	}
}
