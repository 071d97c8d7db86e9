package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestReadsRefuseAnEndedRequest: on SQLite a read runs under a context
// that cannot end (readCtx), so that no goroutine watches it; a request
// that has already ended must still not start one. On PostgreSQL the
// driver refuses it itself.
func TestReadsRefuseAnEndedRequest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		s := newStore(t, e)
		o := newOffice(t, s, "east")
		if err := s.CreateSession(context.Background(), o.worker.UserID(), []byte("s1")); err != nil {
			t.Fatal(err)
		}
		ended, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := s.Family(ended, o.worker, o.family.ID); !errors.Is(err, context.Canceled) {
			t.Errorf("Family with an ended request: %v, want context.Canceled", err)
		}
		if _, err := s.Session(ended, []byte("s1"), time.Hour, time.Hour); !errors.Is(err, context.Canceled) {
			t.Errorf("Session with an ended request: %v, want context.Canceled", err)
		}
		// The same reads with a live request are answered.
		if _, err := s.Family(context.Background(), o.worker, o.family.ID); err != nil {
			t.Errorf("Family: %v", err)
		}
		if _, err := s.Session(context.Background(), []byte("s1"), time.Hour, time.Hour); err != nil {
			t.Errorf("Session: %v", err)
		}
	})
}

// TestReadConnTxEndsItsTransaction: a read on SQLite runs in a transaction
// of its own on a pooled connection (readConnTx). When the read fails, or
// panics, the connection must not go back to the pool inside the
// transaction: the next read would begin on it and fail ("cannot start a
// transaction within a transaction"), or read an old snapshot.
func TestReadConnTxEndsItsTransaction(t *testing.T) {
	s := newStore(t, SQLite)
	o := newOffice(t, s, "east")
	ctx := context.Background()
	boom := errors.New("boom")
	if err := s.readTx(ctx, func(tx *txn) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM families`).Scan(&n); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("readTx: %v, want the read's own error", err)
	}
	count := func() error {
		return s.readTx(ctx, func(tx *txn) error {
			var n int
			return tx.queryRow(ctx, `SELECT COUNT(*) FROM families`).Scan(&n)
		})
	}
	if err := count(); err != nil {
		t.Fatalf("a read after a failed one: %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		s.readTx(ctx, func(tx *txn) error {
			var n int
			tx.queryRow(ctx, `SELECT COUNT(*) FROM families`).Scan(&n)
			panic("a read that panics")
		})
	}()
	if err := count(); err != nil {
		t.Fatalf("a read after one that panicked: %v", err)
	}
	if n := s.db.Stats().InUse; n != 0 {
		t.Errorf("%d connections still in use after the reads", n)
	}
	// Every connection of the pool is taken in turn by reads held open at
	// once: none may be in a transaction already, and each sees a family
	// created after the failed reads.
	rec, err := s.CreateFamily(ctx, o.admin, testFamily("Haile", "Meron", "A301234567", "2025-01-10"))
	if err != nil {
		t.Fatal(err)
	}
	const held = 4
	release := make(chan struct{})
	errs := make(chan error, held)
	for range held {
		go func() {
			errs <- s.readTx(ctx, func(tx *txn) error {
				var n int
				if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM families WHERE id = ?`, rec.ID).Scan(&n); err != nil {
					return err
				}
				if n != 1 {
					return errors.New("a read does not see the family created before it")
				}
				<-release
				return nil
			})
		}()
	}
	close(release)
	for range held {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
