package web

import (
	"net/http"
	"runtime"
	"sync"

	"github.com/reunite/reunite/store"
)

// Pages are computed in turns: at most a few at once (Config.Turns), the
// others waiting, in about the order they came, for one to finish.
//
// Why: a page is work for the processor (reading SQLite, which runs in
// this process, decrypting, rendering), and the server has few cores.
// Without turns, sixteen requests at once share two cores: each is slowed
// by all the others, and one that comes when many are running waits for
// all of them, so the slowest answers take several times the typical one.
// In turns, a request waits only for those that came before it, then runs
// on a core of its own: the same work is done in the same time, but every
// answer takes about the same time. Measured with scripts/load at 10,000
// families (docs/web.md), the 99th percentile of the dashboard, the
// office view and the needs-action list fell by a third or more, the
// requests per second did not fall.
//
// A turn is given back as soon as the page starts being sent: a phone on a
// slow network that reads it slowly holds no turn. Routes that wait for
// something else than the processor (Chromium printing a packet, a file
// upload, the disk with --durable-reads) or cost a deliberate amount of
// it (argon2 at sign-in) are not pages (routes.go), so they never hold a
// turn for long.
type turns struct {
	slots chan struct{}
}

// newTurns makes the turns of n pages at once; n < 0 means no turns (every
// request runs at once).
func newTurns(n int) *turns {
	if n < 0 {
		return nil
	}
	return &turns{slots: make(chan struct{}, n)}
}

// defaultTurns is how many pages are computed at once when Config.Turns is
// zero: one per core when the pages' work is in this process (SQLite and
// batched read audit); no limit when a page mostly waits, on the
// PostgreSQL server or on the disk for each read's audit entry
// (--durable-reads), where a limit would leave the cores idle.
func defaultTurns(st *store.Store) int {
	if st.Engine() != store.SQLite || st.DurableReads() {
		return -1
	}
	return runtime.GOMAXPROCS(0)
}

// Turns is how many pages are computed at once (Config.Turns, as chosen
// when it was 0); negative: no limit.
func (s *Server) Turns() int { return s.cfg.Turns }

// page runs h in a turn. A request whose client leaves while it waits is
// not run (nothing is answered: there is no one to answer).
func (t *turns) page(h http.Handler) http.Handler {
	if t == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case t.slots <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		tw := &turnWriter{ResponseWriter: w, t: t}
		defer tw.giveBack()
		h.ServeHTTP(tw, r)
	})
}

// turnWriter gives the turn back when the page starts being sent.
type turnWriter struct {
	http.ResponseWriter
	t    *turns
	once sync.Once
}

func (w *turnWriter) giveBack() { w.once.Do(func() { <-w.t.slots }) }

func (w *turnWriter) WriteHeader(code int) {
	w.giveBack()
	w.ResponseWriter.WriteHeader(code)
}

func (w *turnWriter) Write(b []byte) (int, error) {
	w.giveBack()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *turnWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
