package main

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

// TestPhaseCountAndDuration holds phase to its two bounds: with no
// duration it sends exactly the requests asked for, and with one it goes
// on past them until the time is up. Every request it counts reached the
// server.
func TestPhaseCountAndDuration(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	clients := []*http.Client{srv.Client()}
	req := func(*rand.Rand) (string, url.Values) { return "/", nil }

	res := phase(srv.URL, clients, 4, 37, 0, req)
	if res.n != 37 || served.Load() != 37 || res.errors != 0 {
		t.Fatalf("bounded by count: %d measured, %d served, %d errors; want 37, 37, 0", res.n, served.Load(), res.errors)
	}

	served.Store(0)
	start := time.Now()
	res = phase(srv.URL, clients, 4, 1, 100*time.Millisecond, req)
	if took := time.Since(start); took < 100*time.Millisecond {
		t.Errorf("a phase of at least 100ms ended after %v", took)
	}
	// A request to a loopback server takes well under the 100 ms; one
	// request, the count asked for, is far too few.
	if res.n <= 4 || int64(res.n) != served.Load() {
		t.Errorf("bounded by time: %d measured, %d served; want the same, and more than 4", res.n, served.Load())
	}
	if res.p50 <= 0 || res.p99 < res.p50 {
		t.Errorf("p50 %v, p99 %v: not a distribution", res.p50, res.p99)
	}
}
