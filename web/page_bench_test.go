package web

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pageBench asks a page over HTTP as one signed-in user, for the page
// benchmarks (dashboard, needs action, office view), which all report the
// process's CPU per request (server, client and the writer of reads:
// steadier than wall time on a shared machine), the statements sent, and
// the wall time against the static file's from the same server.
type pageBench struct {
	b *testing.B
	e *env
	c *http.Client
}

// do gets path, or posts form to it, and fails the benchmark unless the
// answer is 200.
func (p pageBench) do(path string, form url.Values) {
	req, _ := http.NewRequest(http.MethodGet, p.e.srv.URL+path, nil)
	if form != nil {
		req, _ = http.NewRequest(http.MethodPost, p.e.srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := p.c.Do(req)
	if err != nil {
		p.b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		p.b.Fatalf("%s: status %d", path, resp.StatusCode)
	}
}

// static is the floor: the mean wall time of the static file over 200 requests.
func (p pageBench) static() time.Duration {
	start := time.Now()
	for range 200 {
		p.do("/static/style.css", nil)
	}
	return time.Since(start) / 200
}

// run asks path once to warm it (templates, the office's keys, derived
// indexes), then once per iteration, and reports cpu-ms/op, queries/op
// and x-static (the floor measured before and after, averaged).
func (p pageBench) run(path string) {
	before := p.static()
	p.do(path, nil)
	n0, cpu0 := p.e.st.Statements(), cpuTime()
	for p.b.Loop() {
		p.do(path, nil)
	}
	per := p.b.Elapsed() / time.Duration(p.b.N)
	p.b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(p.b.N), "cpu-ms/op")
	p.b.ReportMetric(float64(p.e.st.Statements()-n0)/float64(p.b.N), "queries/op")
	p.b.ReportMetric(float64(per)/float64((before+p.static())/2), "x-static")
}

// benchOffices makes the two offices' env for a benchmark. The env helpers
// take a *testing.T, and a benchmark has none whose cleanups would run: the
// server, the store and its folder are closed and removed through b's.
func benchOffices(b *testing.B) (*testing.T, *env) {
	t := &testing.T{}
	e := newEnv(t).withOffices()
	b.Cleanup(func() { os.RemoveAll(filepath.Dir(e.st.Path())) })
	b.Cleanup(func() { e.st.Close() })
	b.Cleanup(e.srv.Close)
	return t, e
}
