package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeptSessions: on SQLite a session looked up is used again without a
// statement for up to sessionKeep; every way this store ends a session or
// disables its user is seen by the very next request; a change made by
// another writer of the file is seen once sessionKeep has passed; and the
// limits of idleness and age hold against the kept times. On PostgreSQL
// nothing is kept.
func TestKeptSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		s := openAt(t, dsn, keys)
		clock := testClock
		s.now = func() time.Time { return clock }
		o := newOffice(t, s, "east")
		session := func(tok string) error {
			_, err := s.Session(ctx, []byte(tok), time.Hour, 24*time.Hour)
			return err
		}
		// statementsOf counts the statements a lookup sends.
		statementsOf := func(tok string) int64 {
			t.Helper()
			before := s.Statements()
			if err := session(tok); err != nil {
				t.Fatalf("Session(%s): %v", tok, err)
			}
			return s.Statements() - before
		}
		for _, tok := range []string{"a", "b", "c", "d"} {
			if err := s.CreateSession(ctx, o.worker.UserID(), []byte(tok)); err != nil {
				t.Fatal(err)
			}
		}
		if n := statementsOf("a"); n != 1 {
			t.Fatalf("first lookup: %d statements, want 1", n)
		}
		clock = clock.Add(sessionKeep / 2)
		want := int64(0) // kept
		if e == Postgres {
			want = 1
		}
		if n := statementsOf("a"); n != want {
			t.Errorf("second lookup within %v: %d statements, want %d", sessionKeep, n, want)
		}
		clock = clock.Add(sessionKeep)
		if n := statementsOf("a"); n != 1 {
			t.Errorf("lookup after %v: %d statements, want 1 (looked up again)", sessionKeep, n)
		}

		// Sign-out: the kept session ends at once.
		session("b")
		if err := s.DeleteSession(ctx, []byte("b")); err != nil {
			t.Fatal(err)
		}
		if err := session("b"); !errors.Is(err, ErrNotFound) {
			t.Errorf("session right after its sign-out: %v, want not found", err)
		}
		// Sign-out everywhere.
		session("c")
		if err := s.DeleteSessions(ctx, o.worker); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{"a", "c", "d"} {
			if err := session(tok); !errors.Is(err, ErrNotFound) {
				t.Errorf("session %s right after sign-out everywhere: %v, want not found", tok, err)
			}
		}
		// A disabled user.
		s.CreateSession(ctx, o.rep.UserID(), []byte("r"))
		session("r")
		if err := s.DisableUser(ctx, o.admin, o.rep.UserID()); err != nil {
			t.Fatal(err)
		}
		if err := session("r"); !errors.Is(err, ErrNotFound) {
			t.Errorf("session right after its user was disabled: %v, want not found", err)
		}

		// Another writer of the database (another process): its change is
		// seen within sessionKeep, not at once.
		s.CreateSession(ctx, o.admin.UserID(), []byte("x"))
		session("x")
		other := openAt(t, dsn, keys)
		if err := other.DeleteSession(ctx, []byte("x")); err != nil {
			t.Fatal(err)
		}
		err := session("x")
		if e == SQLite && err != nil {
			t.Errorf("kept session after another process's sign-out, within %v: %v, want it kept", sessionKeep, err)
		}
		if e == Postgres && !errors.Is(err, ErrNotFound) {
			t.Errorf("PostgreSQL session after another server's sign-out: %v, want not found at once", err)
		}
		clock = clock.Add(sessionKeep)
		if err := session("x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("session %v after another process's sign-out: %v, want not found", sessionKeep, err)
		}

		// The idle limit holds against the kept time last seen: a session
		// seen 59 s ago, kept, is refused at 59.5 s with a limit of 59.2 s.
		s.CreateSession(ctx, o.admin.UserID(), []byte("i"))
		clock = clock.Add(59 * time.Second)
		if _, err := s.Session(ctx, []byte("i"), time.Hour, 24*time.Hour); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(sessionKeep / 2)
		if _, err := s.Session(ctx, []byte("i"), 59200*time.Millisecond, 24*time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("kept session idle past its limit: %v, want not found", err)
		}
		// And the absolute limit.
		s.CreateSession(ctx, o.admin.UserID(), []byte("old"))
		clock = clock.Add(30 * time.Second)
		if _, err := s.Session(ctx, []byte("old"), time.Hour, 31*time.Second); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(sessionKeep * 9 / 10)
		if _, err := s.Session(ctx, []byte("old"), time.Hour, 30500*time.Millisecond); !errors.Is(err, ErrNotFound) {
			t.Errorf("kept session past its absolute limit: %v, want not found", err)
		}
	})
}

// TestKeptSessionsRaceWithDisable: lookups run while a user is disabled;
// no lookup begun after DisableUser returned finds the session.
func TestKeptSessionsRaceWithDisable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStore(t, SQLite)
	o := newOffice(t, s, "east")
	for i := range 8 {
		if err := s.CreateSession(ctx, o.worker.UserID(), fmt.Appendf(nil, "tok%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	var disabled atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok := fmt.Appendf(nil, "tok%d", i)
			// Until the user is disabled, and twenty lookups more.
			for more := 20; more > 0; {
				after := disabled.Load()
				if after {
					more--
				}
				_, err := s.Session(ctx, tok, time.Hour, 24*time.Hour)
				if after && err == nil {
					errs <- fmt.Errorf("tok%d found after its user was disabled", i)
					return
				}
				if err != nil && !errors.Is(err, ErrNotFound) {
					errs <- err
					return
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	if err := s.DisableUser(ctx, o.admin, o.worker.UserID()); err != nil {
		t.Fatal(err)
	}
	disabled.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestKeptSessionsBound: the map never holds more than maxKeptSessions,
// and makes room from sessions kept too long.
func TestKeptSessionsBound(t *testing.T) {
	c := sessionCache{on: true}
	at := testClock
	for i := range maxKeptSessions + 5 {
		_, _, gen := c.get([]byte("x"), at)
		c.put(fmt.Appendf(nil, "%d", i), keptSession{at: at}, gen)
	}
	if len(c.kept) != maxKeptSessions {
		t.Fatalf("%d kept, want %d", len(c.kept), maxKeptSessions)
	}
	later := at.Add(sessionKeep)
	_, _, gen := c.get([]byte("x"), later)
	c.put([]byte("new"), keptSession{at: later}, gen)
	if _, ok, _ := c.get([]byte("new"), later); !ok || len(c.kept) != 1 {
		t.Errorf("after the others' time: new kept %v, %d kept; want it alone", ok, len(c.kept))
	}
	// A lookup that began before a write keeps nothing.
	_, _, gen = c.get([]byte("y"), later)
	c.forget()
	c.put([]byte("y"), keptSession{at: later}, gen)
	if _, ok, _ := c.get([]byte("y"), later); ok {
		t.Error("a session looked up across a write was kept")
	}
}
