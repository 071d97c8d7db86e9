package forms

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned when no Chromium binary is installed.
var ErrNoChromium = errors.New("chromium not found (install the Debian package chromium-headless-shell or chromium, plus fonts-noto-core for non-Latin scripts)")

// printerNames are the browsers that can print, best first. Debian's
// chromium-headless-shell is the same Chromium built without the desktop
// browser around it: it starts in half the time (0.9 s against 1.9 s on
// the 2-core machine of docs/forms.md) and prints every test packet to the
// same text and pixels (TestHeadlessShellPrintsAsChromium).
var printerNames = []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ChromiumPath finds the browser that prints: the first of printerNames on
// PATH.
func ChromiumPath() (string, error) {
	for _, n := range printerNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Chromium prints HTML to PDF with a headless Chromium: the only tool
// verified on these machines to shape Arabic, Ethiopic, Burmese and CJK
// text into a PDF with embedded fonts. One browser serves many prints, all
// in one tab; it is safe for concurrent use.
type Chromium struct {
	ready chan struct{} // closed once the start has ended, well or not
	err   error         // why the start failed; set before ready is closed
	stop  func()        // stops the browser (or its start)
	dir   string

	browser context.Context

	mu       sync.Mutex // one print at a time in the shared tab
	tab      context.Context
	closeTab func()
}

// NewChromium starts a headless Chromium and waits until it answers.
// Close it when done.
func NewChromium() (*Chromium, error) {
	c := StartChromium()
	if err := c.Wait(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// StartChromium starts a headless Chromium in the background and returns
// at once: Chromium takes a second or more to answer, time its caller can
// spend filling forms. The first print waits for the start and fails with
// its error (ErrNoChromium when none is installed). Close it when done,
// even when the start failed.
func StartChromium() *Chromium {
	path, err := ChromiumPath()
	if err != nil {
		return failedStart(err)
	}
	return StartChromiumAt(path)
}

// StartChromiumAt is StartChromium with the browser's binary given.
func StartChromiumAt(path string) *Chromium {
	dir, err := os.MkdirTemp("", "reunite-chromium-")
	if err != nil {
		return failedStart(err)
	}
	c := &Chromium{ready: make(chan struct{}), stop: func() {}, dir: dir}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI and servers often run as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(c.dir),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	c.stop = func() {
		cancelBrowser()
		cancelAlloc()
	}
	go func() {
		defer close(c.ready)
		// Runs the browser and attaches to the tab it opens with: that tab
		// is the one every print uses (a second tab cost a new window and
		// its attachment, a third of a second at a cold start). Navigating
		// it once lets chromedp learn its frame, which it does not for the
		// browser's first tab.
		if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
			c.err = fmt.Errorf("starting chromium: %w", err)
			return
		}
		c.browser = browser
		c.tab, c.closeTab = browser, func() {} // the browser's own tab closes with it
	}()
	return c
}

// failedStart is a Chromium whose start failed with err: Wait and every
// print return it.
func failedStart(err error) *Chromium {
	c := &Chromium{ready: make(chan struct{}), stop: func() {}, err: err}
	close(c.ready)
	return c
}

// Wait waits until the browser has started and returns why it could not.
func (c *Chromium) Wait() error {
	<-c.ready
	return c.err
}

// Close stops the browser (or its start) and removes its profile
// directory.
func (c *Chromium) Close() {
	if c == nil || c.ready == nil {
		return
	}
	c.stop()
	<-c.ready
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}

// PrintHTML renders a complete HTML document on pages of w by h inches with
// no margins (the document sets its own with CSS @page or padding) and no
// background, so an overlay page stays transparent.
func (c *Chromium) PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error) {
	select {
	case <-c.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if c.err != nil {
		return nil, c.err
	}
	// One tab, reused: opening a tab per print costs more than the print.
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tab == nil {
		c.tab, c.closeTab = chromedp.NewContext(c.browser)
		if err := chromedp.Do(c.tab, chromedp.Navigate("about:blank")); err != nil {
			c.closeTab()
			c.tab = nil
			return nil, fmt.Errorf("chromium: %w", err)
		}
	}
	tab := c.tab
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []byte
	err := chromedp.Do(tab,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{
				FrameID: tree.FrameTree.Frame.ID, HTML: html})
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			// Wait until every font the text needs is loaded, or the
			// print would fall back to boxes.
			_, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("document.fonts.ready.then(() => true)", chromedp.EvalAwaitPromise))
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			b, err := chromedp.Run(ctx, chromedp.PrintToPDF(
				chromedp.PDFPaper(chromedp.PaperSize{Width: w, Height: h}),
				chromedp.PDFMargin(0),
				func(p *page.PrintToPDFParams) { t := true; p.PreferCSSPageSize = &t },
			))
			out = b
			return err
		}),
	)
	if err != nil {
		// A broken tab is replaced on the next print.
		c.closeTab()
		c.tab = nil
		return nil, fmt.Errorf("chromium: %w", err)
	}
	return out, nil
}

// Fonts are listed by family so Chromium picks the script's Noto face; any
// script not listed still falls back through fontconfig.
const scriptFonts = `"Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans Myanmar", "Noto Sans CJK SC", "Noto Sans SC", "DejaVu Sans", sans-serif`

var overlayTmpl = template.Must(template.New("overlay").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
@page { size: {{.W}}pt {{.H}}pt; margin: 0 }
html, body { margin: 0; padding: 0; background: transparent }
div { position: absolute; overflow: hidden; white-space: nowrap; display: flex; align-items: center;
      font-family: {{.Fonts}}; color: #000; unicode-bidi: plaintext; }
</style></head><body>
{{range .Items}}<div dir="auto" style="left:{{.X}}pt; top:{{.Y}}pt; width:{{.W}}pt; height:{{.H}}pt; font-size:{{.Size}}pt; padding: 0 2pt; box-sizing: border-box">{{.Text}}</div>
{{end}}</body></html>`))

type overlayItem struct {
	X, Y, W, H, Size float64
	Text             string
}

// overlayItems places each item's box from the top left of a page h
// points high.
func overlayItems(h float64, items []NativeText) []overlayItem {
	var its []overlayItem
	for _, it := range items {
		r := it.Rect
		fw, fh := r[2]-r[0], r[3]-r[1]
		its = append(its, overlayItem{X: r[0], Y: h - r[3], W: fw, H: fh, Size: min(10, fh*0.6),
			Text: it.Text})
	}
	return its
}

// Overlay draws each item's text inside its field rectangle on a
// transparent page. dir="auto" makes a right-to-left value start at the
// right edge of its box, as a person would write it.
func (c *Chromium) Overlay(ctx context.Context, w, h float64, items []NativeText) ([]byte, error) {
	var sb strings.Builder
	if err := overlayTmpl.Execute(&sb, map[string]any{"W": w, "H": h, "Items": overlayItems(h, items), "Fonts": template.CSS(scriptFonts)}); err != nil {
		return nil, err
	}
	return c.PrintHTML(ctx, sb.String(), w/72, h/72)
}
