package store

import (
	"context"
	"sync"
)

// The reads of a page gathered under GatherReads (the dashboard reads the
// case file, the documents, the staff, the petitions' events, the
// assignment and the relatives' logs) share one read transaction on
// SQLite, which LogGathered ends before the page is sent. Each read in a
// transaction of its own took a connection from the pool, began and
// committed, and checked again that the actor may see the family; and
// after any commit in between (the writer of reads commits every few
// milliseconds) it found its connection's page cache emptied. In one
// transaction the page also reads one state of the family: a change
// committed while it is computed is in all its sections or in none.
//
// A read that finds the transaction busy (a read made inside another
// read, or from another goroutine of the page) runs in a transaction of
// its own, as one made after LogGathered does. A read that fails ends the
// shared transaction: those after it run on their own. PostgreSQL reads
// as before, each in its own transaction: there a page's reads mostly
// wait on the server, not on the processor.

// sharedRead is the read transaction of a page's gathered reads, begun by
// the first of them.
type sharedRead struct {
	mu   sync.Mutex // held while a read runs in it
	r    *connRead  // nil until the first read
	over bool       // ended: reads run in transactions of their own
}

// readShared runs fn in the shared transaction of ctx's page, and reports
// whether it did; false when there is none, it is over or busy.
func (s *Store) readShared(ctx context.Context, fn func(t *txn) error) (ran bool, err error) {
	g, ok := ctx.Value(gatherKey{}).(*gathered)
	if !ok {
		return false, nil
	}
	sr := &g.read
	if !sr.mu.TryLock() {
		return false, nil
	}
	defer sr.mu.Unlock()
	if sr.over || (sr.r != nil && sr.r.t.s != s) {
		return false, nil
	}
	r := sr.r
	if r == nil {
		if r, err = s.beginRead(ctx); err != nil {
			sr.over = true
			return true, err
		}
		r.t.visible = map[visibleKey]bool{}
	}
	// Taken out while fn runs: if it panics (run closes the connection),
	// the page's later reads run on their own.
	sr.r, sr.over = nil, true
	if err := r.run(fn); err != nil {
		r.end(false)
		return true, err
	}
	sr.r, sr.over = r, false
	return true, nil
}

// end ends the shared transaction, if one was begun; later reads run in
// transactions of their own.
func (sr *sharedRead) end() error {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	r := sr.r
	sr.r, sr.over = nil, true
	if r == nil {
		return nil
	}
	return r.end(true)
}

// visibleKey is an actor and a family it was found to see (familyVisible).
type visibleKey struct {
	a      Actor
	family string
}
