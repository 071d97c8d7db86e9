package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Reads are audited too, and on SQLite every audit entry takes the one
// write lock, and every commit empties the page cache of every other
// connection (SQLite's cache is per connection and is dropped whenever the
// database changed): a committed entry per read, or per few reads, was most
// of the cost of a busy office's pages. Reads hand their entry to one
// writer goroutine, which writes every entry waiting at that moment in one
// transaction (group commit).
//
// By default a read returns as soon as its entry is handed over, and the
// writer gathers entries for ReadAuditDelay after the first one before it
// commits them: a few dozen commits a second under load instead of
// hundreds, and no read waits for a sync to disk (whose 99th percentile
// is several milliseconds on a virtual disk). What a crash can lose, then,
// and nothing else: the entries handed over and not yet committed, that is
// the reads answered within about ReadAuditDelay (plus one commit) before
// the crash, never more than maxReadBacklog+maxAuditBatch entries; never a
// write (writes commit their own entries before they return), never a
// link of the chain (the entries that are committed are chained as
// always). TestCrashLosesNoAcknowledgedWrite kills readers and checks
// exactly that. Whatever reads the log (AuditLog, VerifyAudit, AuditHead,
// Backup) first waits for every entry handed over before it, so the log is
// never seen without a read that was answered before it was asked for.
// If the log cannot be written, the entries are kept and tried again, and
// every read is refused until they are in.
//
// Options.DurableReads keeps the stricter way: a read returns only once
// its entry is committed, so nothing a person was shown is missing from
// the log even after a power cut.

// maxAuditBatch bounds one transaction of read entries.
const maxAuditBatch = 256

// maxReadBacklog bounds the entries handed over and not yet taken by the
// writer: a read that finds the queue full waits for room, so a crash
// cannot lose more than this and one batch.
const maxReadBacklog = 1024

// ReadAuditDelay is how long the writer of reads gathers entries after the
// first one before it commits them, unless Options.DurableReads is set.
const ReadAuditDelay = 20 * time.Millisecond

// ErrClosed is returned by a read made after the store was closed.
var ErrClosed = errors.New("the store is closed")

type auditWriter struct {
	start sync.Once
	mu    sync.RWMutex // held for reading while a request is handed over
	// closed and reqs are guarded by mu; reqs is made by the first read.
	closed bool
	reqs   chan *auditRequest
	done   chan struct{}
	// durable is Options.DurableReads, set at Open.
	durable bool
	// closing tells the writer to stop trying again a batch the log refuses.
	closing atomic.Bool
	// failed holds why the last commit failed while the writer tries again
	// (without DurableReads); reads are refused meanwhile.
	failed atomic.Pointer[error]
	// pending counts the entries handed over and not yet committed.
	pending atomic.Int64
	// lost counts the entries given up on at Close, and why.
	lost    int
	lostErr error
}

type auditRequest struct {
	a                      Actor
	at                     time.Time
	action, family, detail string
	// flush marks a request without an entry, answered once every entry
	// handed over before it is committed.
	flush bool
	// err takes the request's answer: that of the commit of its entry (with
	// DurableReads), or of the entries before a flush. nil when no one
	// waits for it (a read without DurableReads) or once answered.
	err chan error
}

// answer gives r its answer, once, if someone waits for it.
func (r *auditRequest) answer(err error) {
	if r.err != nil {
		r.err <- err
		r.err = nil
	}
}

// logRead hands the audit entry of a read to the writer of reads. With
// Options.DurableReads it returns once the entry is committed, or with the
// error that kept it from being written (the caller then shows nothing);
// otherwise once the entry is handed over.
// Under GatherReads the entry is kept for LogGathered instead.
func (s *Store) logRead(ctx context.Context, a Actor, action, family, detail string) error {
	at := s.now().UTC()
	if gather(ctx, at, a, action, family, detail) {
		return nil
	}
	return s.logReadAt(ctx, at, a, action, family, detail)
}

// logReadAt is logRead of a read made at at, never gathered.
func (s *Store) logReadAt(ctx context.Context, at time.Time, a Actor, action, family, detail string) error {
	req := &auditRequest{a: a, at: at, action: action, family: family, detail: detail}
	if !s.reads.durable {
		return s.handOver(ctx, req)
	}
	answer := make(chan error, 1) // req.err is the writer's once handed over
	req.err = answer
	if err := s.handOver(ctx, req); err != nil {
		return err
	}
	// Once handed over the entry is written whatever happens to ctx: wait
	// for it, so that the answer never runs ahead of the log.
	if d, ok := ctx.Value(deferredKey{}).(*deferredReads); ok {
		d.add(answer)
		return nil
	}
	return <-answer
}

// flushReads returns once every read entry handed over before the call is
// committed, or with the error that keeps them out of the log. Whatever
// reads the audit log calls it first.
func (s *Store) flushReads(ctx context.Context) error {
	answer := make(chan error, 1)
	req := &auditRequest{flush: true, err: answer}
	if err := s.handOver(ctx, req); errors.Is(err, ErrClosed) {
		return nil // Close committed what it could (stopReads)
	} else if err != nil {
		return err
	}
	select {
	case err := <-answer:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handOver queues req for the writer of reads, starting it on first use.
func (s *Store) handOver(ctx context.Context, req *auditRequest) error {
	w := &s.reads
	w.start.Do(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.closed {
			return
		}
		w.reqs, w.done = make(chan *auditRequest, maxReadBacklog), make(chan struct{})
		go s.writeReadEntries()
	})
	if p := w.failed.Load(); p != nil {
		return fmt.Errorf("the audit log cannot be written, so nothing is read: %w", *p)
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed || w.reqs == nil {
		return ErrClosed
	}
	if !req.flush {
		w.pending.Add(1)
	}
	select {
	case w.reqs <- req:
		return nil
	case <-ctx.Done():
		if !req.flush {
			w.pending.Add(-1)
		}
		return ctx.Err()
	}
}

// With DurableReads, a page made of many reads (the family dashboard makes
// about ten) waited for each read's entry in turn, one commit and one sync
// to disk after another. Under DeferReadAudit the reads hand their entries over and go
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
// waiting for it to be committed (which, without Options.DurableReads, is
// how every read returns). Whoever uses it must call
// AwaitReadAudit before showing anything read under it, and show nothing
// if that fails.
func DeferReadAudit(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferredKey{}, &deferredReads{})
}

// AwaitReadAudit waits until the audit entry of every read made so far
// under ctx (see DeferReadAudit) is committed, and returns the first error
// that kept one from being written. Without DeferReadAudit, or without
// Options.DurableReads, it returns nil at once (each read has waited for
// its own entry, or none waits).
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
// request and those that follow (gather), writes their entries in one
// transaction and answers each request.
func (s *Store) writeReadEntries() {
	w := &s.reads
	defer close(w.done)
	batch := make([]*auditRequest, 0, maxAuditBatch)
	entries := make([]*auditRequest, 0, maxAuditBatch)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for req := range w.reqs {
		batch = w.gather(append(batch[:0], req), timer)
		entries = entries[:0]
		for _, r := range batch {
			if !r.flush {
				entries = append(entries, r)
			}
		}
		err := s.commitReads(batch, entries)
		for _, r := range batch {
			r.answer(err)
		}
	}
}

// gather adds to batch the requests already waiting and, without
// DurableReads, those that arrive within ReadAuditDelay of the first, up to
// maxAuditBatch. A flush ends the gathering at once: someone is waiting to
// read the log.
func (w *auditWriter) gather(batch []*auditRequest, timer *time.Timer) []*auditRequest {
	wait := !w.durable && !batch[0].flush
	if wait {
		timer.Reset(ReadAuditDelay)
		defer timer.Stop()
	}
	for len(batch) < maxAuditBatch {
		var r *auditRequest
		ok := true
		select {
		case r, ok = <-w.reqs:
		default:
			if !wait {
				return batch
			}
			select {
			case r, ok = <-w.reqs:
			case <-timer.C:
				return batch
			}
		}
		if !ok {
			return batch
		}
		batch = append(batch, r)
		if r.flush {
			return batch
		}
	}
	return batch
}

// commitReads writes the entries of a batch in one transaction. With
// DurableReads a failure is the waiting readers' answer and the entries
// are not shown. Otherwise the reads were answered already: the entries
// are tried again, with a growing pause, until the log takes them or the
// store closes, and meanwhile every read and every flush is refused
// (handOver), the flushes of this batch at once.
func (s *Store) commitReads(batch, entries []*auditRequest) error {
	if len(entries) == 0 {
		return nil
	}
	ctx := context.Background()
	w := &s.reads
	commit := func() error {
		return s.writeTx(ctx, s.now().UTC(), func(t *txn) error { return t.auditEntries(ctx, entries) })
	}
	err := commit()
	if err == nil || w.durable {
		w.pending.Add(-int64(len(entries)))
		return err
	}
	failed := err
	w.failed.Store(&failed)
	for _, r := range batch {
		if r.flush {
			r.answer(err)
		}
	}
	for pause := 10 * time.Millisecond; err != nil && !w.closing.Load(); pause = min(2*pause, 2*time.Second) {
		time.Sleep(pause)
		if err = commit(); err != nil {
			failed := err
			w.failed.Store(&failed)
		}
	}
	w.pending.Add(-int64(len(entries)))
	if err != nil {
		w.lost, w.lostErr = w.lost+len(entries), err
		return err
	}
	w.failed.Store(nil)
	return nil
}

// stopReads lets the writer finish the entries handed to it and stops it,
// and says how many it could not write. It may be called more than once.
func (s *Store) stopReads() error {
	w := &s.reads
	w.start.Do(func() {}) // no writer may start after this
	w.closing.Store(true)
	w.mu.Lock()
	if !w.closed && w.reqs != nil { // Close may be called twice
		close(w.reqs)
	}
	w.closed = true
	w.mu.Unlock()
	if w.done != nil {
		<-w.done
	}
	if w.lost > 0 {
		return fmt.Errorf("%d audit entries of reads could not be written: %w", w.lost, w.lostErr)
	}
	return nil
}
