package web

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reunite/reunite/store"
)

// bigPDF streams a valid PDF of about size bytes: one page and one
// uncompressed stream of filler, as a large scan would be. It is written
// as it is read, so the client side of the benchmark holds none of it.
func bigPDF(size int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		var offs []int
		n := 0
		w := func(s string) { io.WriteString(pw, s); n += len(s) }
		w("%PDF-1.4\n")
		offs = append(offs, n)
		w("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
		offs = append(offs, n)
		w("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
		offs = append(offs, n)
		w("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n")
		offs = append(offs, n)
		w(fmt.Sprintf("4 0 obj\n<< /Length %d >>\nstream\n", size))
		chunk := make([]byte, 64<<10)
		for i := range chunk {
			chunk[i] = byte('a' + i%26)
		}
		for left := size; left > 0; left -= len(chunk) {
			k := min(left, len(chunk))
			pw.Write(chunk[:k])
			n += k
		}
		w("\nendstream\nendobj\n")
		x := n
		w(fmt.Sprintf("xref\n0 5\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \n%010d 00000 n \n%010d 00000 n \n", offs[0], offs[1], offs[2], offs[3]))
		w(fmt.Sprintf("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", x))
		pw.Close()
	}()
	return pr
}

// BenchmarkConcurrentUploads20MB uploads 20 MB PDFs, 8 at a time, through
// the documents page (multipart, docfile's checks, poppler, sealing, the
// SQLite insert) and reports the peak of the Go heap in use while they
// run: the server reads at most 4 uploads at once (uploadSlots), so the
// peak stays bounded whatever the concurrency.
//
//	go test ./web -run '^$' -bench ConcurrentUploads20MB -benchtime 3x
func BenchmarkConcurrentUploads20MB(b *testing.B) {
	// The env helpers take a *testing.T; its cleanups do not run in a
	// benchmark, so the server, the store and its folder are closed here.
	_, e := benchOffices(b)
	e.st.SetFamilyDocumentLimit(1 << 40)
	client := e.browser().login(e.east.logins[store.RoleCaseworker])
	url := e.srv.URL + "/families/" + e.east.family + "/documents"
	const concurrency, size = 8, 20 << 20
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	uploads := 0
	for b.Loop() {
		var wg sync.WaitGroup
		var failed atomic.Int32
		for range concurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				pr, pw := io.Pipe()
				mw := multipart.NewWriter(pw)
				go func() {
					mw.WriteField("member", "husband")
					mw.WriteField("kind", "marriage_certificate")
					fw, _ := mw.CreateFormFile("file", "scan.pdf")
					io.Copy(fw, bigPDF(size))
					mw.Close()
					pw.Close()
				}()
				req, _ := http.NewRequest("POST", url, pr)
				req.Header.Set("Content-Type", mw.FormDataContentType())
				resp, err := client.c.Do(req)
				if err != nil || resp.StatusCode != http.StatusSeeOther {
					failed.Add(1)
				}
				if resp != nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
		if failed.Load() > 0 {
			b.Fatalf("%d uploads failed", failed.Load())
		}
		uploads += concurrency
	}
	close(stop)
	<-sampled
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
	b.ReportMetric(float64(uploads*size)/(1<<20)/b.Elapsed().Seconds(), "MB/s")
}
