package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// serveAsync serves one GET through h in its own goroutine; the returned
// channel closes when h returns.
func serveAsync(h http.Handler, ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(ctx, http.MethodGet, "/", nil))
	}()
	return done
}

func TestTurnsRunAtMostN(t *testing.T) {
	const n, requests = 2, 7
	var running, most atomic.Int32
	started := make(chan struct{}, requests)
	release := make(chan struct{})
	h := newTurns(n).page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		started <- struct{}{}
		<-release
		running.Add(-1)
	}))
	var all []<-chan struct{}
	for range requests {
		all = append(all, serveAsync(h, context.Background()))
	}
	for range n {
		<-started
	}
	select {
	case <-started:
		t.Fatalf("a page started while %d others ran, with %d turns", n, n)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	for _, done := range all {
		<-done
	}
	if len(started) != requests-n {
		t.Errorf("%d pages ran, want %d", len(started)+n, requests)
	}
	if most.Load() != n {
		t.Errorf("at most %d pages ran at once, want %d", most.Load(), n)
	}
}

func TestTurnGivenBackWhenThePageIsSent(t *testing.T) {
	tu := newTurns(1)
	sending := make(chan struct{})
	release := make(chan struct{})
	slow := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK) // the page is computed; a slow reader takes it
		close(sending)
		<-release
	}))
	quiet := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})) // answers nothing
	next := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))

	first := serveAsync(slow, context.Background())
	<-sending
	for _, h := range []http.Handler{quiet, next} {
		select {
		case <-serveAsync(h, context.Background()):
		case <-time.After(10 * time.Second):
			t.Fatal("a page waited for one that was already being sent, or for one that returned")
		}
	}
	close(release)
	<-first
}

func TestTurnsSkipAClientThatLeft(t *testing.T) {
	tu := newTurns(1)
	release := make(chan struct{})
	holding := make(chan struct{})
	hold := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(holding)
		<-release
	}))
	var ran atomic.Bool
	left := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ran.Store(true) }))

	first := serveAsync(hold, context.Background())
	<-holding
	ctx, cancel := context.WithCancel(context.Background())
	waiting := serveAsync(left, ctx)
	cancel()
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("a request whose client left kept waiting for its turn")
	}
	close(release)
	<-first
	if ran.Load() {
		t.Error("the page of a client that left was computed")
	}
}

func TestNoTurns(t *testing.T) {
	tu := newTurns(-1)
	var wg sync.WaitGroup
	release := make(chan struct{})
	h := tu.page(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { wg.Done(); <-release }))
	wg.Add(20)
	for range 20 {
		serveAsync(h, context.Background())
	}
	wg.Wait() // all twenty run at once
	close(release)
}

// TestPagesInTurns checks which routes take turns: the pages read from the
// store, not what waits on something else than the processor (a turn
// held for seconds would hold up every page behind it).
func TestPagesInTurns(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"GET /families", "POST /families", "GET /families/{id}", "GET /due", "GET /overview",
		"GET /families/{id}/intake/{step}"} {
		if !slices.Contains(e.app.pagePatterns, p) {
			t.Errorf("%s is not computed in turns", p)
		}
	}
	for _, p := range []string{"GET /static/", "POST /login", "GET /families/{id}/packet.zip", "GET /families/{id}/dossier.pdf",
		"POST /families/{id}/documents", "POST /families/{id}/relatives/{member}/declaration.pdf",
		"GET /families/{id}/relatives/{member}/expedite.pdf", "/api/", "POST /families/{id}/intake/{step}"} {
		if slices.Contains(e.app.pagePatterns, p) {
			t.Errorf("%s is computed in turns: it can hold one for long", p)
		}
	}
	for _, p := range e.app.pagePatterns {
		if !slices.Contains(e.app.patterns, p) {
			t.Errorf("page %s is not a route", p)
		}
	}
}
