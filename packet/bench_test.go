package packet

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/reunite/reunite/forms"
)

// countingPrinter counts the Chromium prints of a build: documents, and the
// form's native-script overlays (a call of Overlays counts as one: all
// I-730 pages have one size).
type countingPrinter struct {
	c      *forms.Chromium
	prints atomic.Int64
}

func (p *countingPrinter) PrintHTML(ctx context.Context, html string, w, h float64) ([]byte, error) {
	p.prints.Add(1)
	return p.c.PrintHTML(ctx, html, w, h)
}

// Overlays is one print of several overlays (forms.Chromium.Overlays).
func (p *countingPrinter) Overlays(ctx context.Context, pages []forms.OverlayPage) ([][]byte, error) {
	p.prints.Add(1)
	return p.c.Overlays(ctx, pages)
}

func (p *countingPrinter) Overlay(ctx context.Context, w, h float64, items []forms.NativeText) ([]byte, error) {
	p.prints.Add(1)
	return p.c.Overlay(ctx, w, h, items)
}

// buildSix builds the family of six's packet into a fresh folder under dir
// and removes it.
func buildSix(b testing.TB, dir string, opt Options) {
	b.Helper()
	f, a := load(b, "testdata/family-of-six.json")
	out, err := os.MkdirTemp(dir, "p")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Build(context.Background(), f, a, filepath.Join(out, "packet"), opt); err != nil {
		b.Fatal(err)
	}
	os.RemoveAll(out)
}

// BenchmarkFamilyOfSix builds the whole packet of a family with six
// relatives (five petitions, Tigrinya item 22, translations), sharing one
// Chromium as a long-running server would (warm), and reports the
// Chromium prints per packet.
//
//	go test ./packet -run XXX -bench FamilyOfSix -benchtime 5x
func BenchmarkFamilyOfSix(b *testing.B) {
	p := &countingPrinter{c: printer(b)}
	opt := Options{Blank: blank(b), Printer: p, Now: fixedNow}
	dir := b.TempDir()
	buildSix(b, dir, opt) // the blank's cache and the browser's fonts, as in a server
	p.prints.Store(0)
	cpu0 := processCPU(b)
	for b.Loop() {
		buildSix(b, dir, opt)
	}
	b.ReportMetric(float64(p.prints.Load())/float64(b.N), "prints/op")
	// The Go side's own work (fill, read-back, cut, merge), Chromium's
	// not included: on a loaded machine the steadier figure.
	b.ReportMetric(float64((processCPU(b)-cpu0).Milliseconds())/float64(b.N), "go-cpu-ms/op")
}

// processCPU is the CPU time this process has used (user and system).
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFamilyOfSixCold starts Chromium for every packet, as `reunite
// packet` does for one family: in the background, from nothing running to
// the packet written.
func BenchmarkFamilyOfSixCold(b *testing.B) {
	printer(b) // skips without Chromium
	bl := blank(b)
	dir := b.TempDir()
	var prints int64
	for b.Loop() {
		c := forms.StartChromium()
		p := &countingPrinter{c: c}
		buildSix(b, dir, Options{Blank: bl, Printer: p, Now: fixedNow})
		c.Close()
		prints += p.prints.Load()
	}
	b.ReportMetric(float64(prints)/float64(b.N), "prints/op")
}

// BenchmarkFamilyOfSixVsEach alternates the old way (every document its
// own print) and one print in one loop on one warm browser, so both see
// the same machine load, and reports how many times faster one print is.
func BenchmarkFamilyOfSixVsEach(b *testing.B) {
	p := &countingPrinter{c: printer(b)}
	bl := blank(b)
	dir := b.TempDir()
	buildSix(b, dir, Options{Blank: bl, Printer: p, Now: fixedNow})
	var each, one time.Duration
	var eachPrints, onePrints int64
	for b.Loop() {
		p.prints.Store(0)
		t0 := time.Now()
		buildSix(b, dir, Options{Blank: bl, Printer: p, Now: fixedNow, PrintEach: true})
		t1 := time.Now()
		eachPrints += p.prints.Swap(0)
		buildSix(b, dir, Options{Blank: bl, Printer: p, Now: fixedNow})
		each += t1.Sub(t0)
		one += time.Since(t1)
		onePrints += p.prints.Load()
	}
	n := float64(b.N)
	b.ReportMetric(float64(each.Milliseconds())/n, "each-ms/op")
	b.ReportMetric(float64(one.Milliseconds())/n, "one-ms/op")
	b.ReportMetric(float64(eachPrints)/n, "each-prints/op")
	b.ReportMetric(float64(onePrints)/n, "one-prints/op")
	b.ReportMetric(float64(each)/float64(one), "x-faster")
}
