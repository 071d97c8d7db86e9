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
