package store

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Reads are audited too, and on SQLite every audit entry takes the one
// write lock: each read used to wait for its own transaction and its own
// sync to disk, so a busy office's reads queued behind each other. Reads
// now hand their entry to one writer goroutine, which writes every entry
// waiting at that moment in one transaction (group commit): while one
// batch is being synced, the next one gathers. A read still returns only
// once its entry is committed, so nothing a person was shown is missing
// from the log after a crash (TestCrashLosesNoAcknowledgedWrite kills a
// reader too).

// maxAuditBatch bounds one transaction of read entries.
const maxAuditBatch = 256

// ErrClosed is returned by a read made after the store was closed.
var ErrClosed = errors.New("the store is closed")

type auditWriter struct {
	start sync.Once
	mu    sync.RWMutex // held for reading while a request is handed over
	// closed and reqs are guarded by mu; reqs is made by the first read.
	closed bool
	reqs   chan *auditRequest
	done   chan struct{}
}

type auditRequest struct {
	a                      Actor
	at                     time.Time
	action, family, detail string
	err                    chan error
}

// logRead appends the audit entry of a read and returns once it is
// committed, or with the error that kept it from being written; the caller
// then shows nothing.
func (s *Store) logRead(ctx context.Context, a Actor, action, family, detail string) error {
	w := &s.reads
	w.start.Do(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.closed {
			return
		}
		w.reqs, w.done = make(chan *auditRequest, maxAuditBatch), make(chan struct{})
		go s.writeReadEntries()
	})
	req := &auditRequest{a: a, at: s.now().UTC(), action: action, family: family, detail: detail, err: make(chan error, 1)}
	w.mu.RLock()
	if w.closed || w.reqs == nil {
		w.mu.RUnlock()
		return ErrClosed
	}
	select {
	case w.reqs <- req:
	case <-ctx.Done():
		w.mu.RUnlock()
		return ctx.Err()
	}
	w.mu.RUnlock()
	// Once handed over the entry is written whatever happens to ctx: wait
	// for it, so that the answer never runs ahead of the log.
	if d, ok := ctx.Value(deferredKey{}).(*deferredReads); ok {
		d.add(req.err)
		return nil
	}
	return <-req.err
}

// A page made of many reads (the family dashboard makes about ten) waited
// for each read's entry in turn, one commit and one sync to disk after
// another. Under DeferReadAudit the reads hand their entries over and go
// on; the page waits once, in AwaitReadAudit, before it is sent: the
// entries are committed while the page is still being read and rendered,
// and nothing is shown before every entry of what it shows is committed.

type deferredKey struct{}

type deferredReads struct {
	mu      sync.Mutex
	pending []chan error
}

func (d *deferredReads) add(c chan error) {
	d.mu.Lock()
	d.pending = append(d.pending, c)
	d.mu.Unlock()
}

// DeferReadAudit returns a context under which the store's reads return
// as soon as their audit entry is handed to the writer of reads, without
// waiting for it to be committed. Whoever uses it must call
// AwaitReadAudit before showing anything read under it, and show nothing
// if that fails.
func DeferReadAudit(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferredKey{}, &deferredReads{})
}

// AwaitReadAudit waits until the audit entry of every read made so far
// under ctx (see DeferReadAudit) is committed, and returns the first error
// that kept one from being written. Without DeferReadAudit it returns nil
// at once (each read has waited for its own entry).
func AwaitReadAudit(ctx context.Context) error {
	d, ok := ctx.Value(deferredKey{}).(*deferredReads)
	if !ok {
		return nil
	}
	d.mu.Lock()
	pending := d.pending
	d.pending = nil
	d.mu.Unlock()
	var first error
	for _, c := range pending {
		if err := <-c; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// writeReadEntries is the writer goroutine: it takes the first waiting
// entry, every other one already waiting (up to maxAuditBatch), writes
// them in one transaction and tells each reader how it went.
func (s *Store) writeReadEntries() {
	w := &s.reads
	defer close(w.done)
	batch := make([]*auditRequest, 0, maxAuditBatch)
	for req := range w.reqs {
		batch = append(batch[:0], req)
	gather:
		for len(batch) < maxAuditBatch {
			select {
			case r, ok := <-w.reqs:
				if !ok {
					break gather
				}
				batch = append(batch, r)
			default:
				break gather
			}
		}
		ctx := context.Background()
		err := s.tx(ctx, func(t *txn) error { return t.auditEntries(ctx, batch) })
		for _, r := range batch {
			r.err <- err
		}
	}
}

// stopReads lets the writer finish the entries handed to it and stops it.
// It may be called more than once.
func (s *Store) stopReads() {
	w := &s.reads
	w.start.Do(func() {}) // no writer may start after this
	w.mu.Lock()
	if !w.closed && w.reqs != nil { // Close may be called twice
		close(w.reqs)
	}
	w.closed = true
	w.mu.Unlock()
	if w.done != nil {
		<-w.done
	}
}
