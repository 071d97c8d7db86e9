package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeptSessions: on SQLite a session looked up is used again without a
// statement for up to keepFor; every way this store ends a session or
// disables its user is seen by the very next request; a change made by
// another writer of the file is seen once keepFor has passed; and the
// limits of idleness and age hold against the kept times. On PostgreSQL
// nothing is kept.
func TestKeptSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s, clock, reopen := keptStore(t, e)
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
		*clock = clock.Add(keepFor / 2)
		want := int64(0) // kept
		if e == Postgres {
			want = 1
		}
		if n := statementsOf("a"); n != want {
			t.Errorf("second lookup within %v: %d statements, want %d", keepFor, n, want)
		}
		*clock = clock.Add(keepFor)
		if n := statementsOf("a"); n != 1 {
			t.Errorf("lookup after %v: %d statements, want 1 (looked up again)", keepFor, n)
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
		// seen within keepFor, not at once.
		s.CreateSession(ctx, o.admin.UserID(), []byte("x"))
		session("x")
		other := reopen()
		if err := other.DeleteSession(ctx, []byte("x")); err != nil {
			t.Fatal(err)
		}
		err := session("x")
		if e == SQLite && err != nil {
			t.Errorf("kept session after another process's sign-out, within %v: %v, want it kept", keepFor, err)
		}
		if e == Postgres && !errors.Is(err, ErrNotFound) {
			t.Errorf("PostgreSQL session after another server's sign-out: %v, want not found at once", err)
		}
		*clock = clock.Add(keepFor)
		if err := session("x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("session %v after another process's sign-out: %v, want not found", keepFor, err)
		}

		// The idle limit holds against the kept time last seen: a session
		// seen 59 s ago, kept, is refused at 59.5 s with a limit of 59.2 s.
		s.CreateSession(ctx, o.admin.UserID(), []byte("i"))
		*clock = clock.Add(59 * time.Second)
		if _, err := s.Session(ctx, []byte("i"), time.Hour, 24*time.Hour); err != nil {
			t.Fatal(err)
		}
		*clock = clock.Add(keepFor / 2)
		if _, err := s.Session(ctx, []byte("i"), 59200*time.Millisecond, 24*time.Hour); !errors.Is(err, ErrNotFound) {
			t.Errorf("kept session idle past its limit: %v, want not found", err)
		}
		// And the absolute limit.
		s.CreateSession(ctx, o.admin.UserID(), []byte("old"))
		*clock = clock.Add(30 * time.Second)
		if _, err := s.Session(ctx, []byte("old"), time.Hour, 31*time.Second); err != nil {
			t.Fatal(err)
		}
		*clock = clock.Add(keepFor * 9 / 10)
		if _, err := s.Session(ctx, []byte("old"), time.Hour, 30500*time.Millisecond); !errors.Is(err, ErrNotFound) {
			t.Errorf("kept session past its absolute limit: %v, want not found", err)
		}
	})
}

// keptStore opens a store on a new database of engine e, whose clock the
// test moves, and gives a way to open another store on the same database
// (another process, or another server).
func keptStore(t *testing.T, e Engine) (s *Store, clock *time.Time, reopen func() *Store) {
	t.Helper()
	dsn := newDSN(t, e)
	keys := Keys{Current: testKey(t)}
	s = openAt(t, dsn, keys)
	clock = new(time.Time)
	*clock = testClock
	s.now = func() time.Time { return *clock }
	return s, clock, func() *Store { return openAt(t, dsn, keys) }
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

// TestKeptBound: a kind of kept reads never holds more than maxKept, and
// makes room from those kept too long; a read that began before a write
// keeps nothing.
func TestKeptBound(t *testing.T) {
	c := kept[string, int]{on: true}
	at := testClock
	for i := range maxKept + 5 {
		_, _, gen := c.get("x", at)
		c.put(fmt.Sprint(i), i, at, gen)
	}
	if len(c.m) != maxKept {
		t.Fatalf("%d kept, want %d", len(c.m), maxKept)
	}
	later := at.Add(keepFor)
	_, _, gen := c.get("x", later)
	c.put("new", 1, later, gen)
	if _, ok, _ := c.get("new", later); !ok || len(c.m) != 1 {
		t.Errorf("after the others' time: new kept %v, %d kept; want it alone", ok, len(c.m))
	}
	_, _, gen = c.get("y", later)
	c.forget()
	c.put("y", 2, later, gen)
	if _, ok, _ := c.get("y", later); ok {
		t.Error("a value read across a write was kept")
	}
}

// TestKeptStaffLists: on SQLite an office's staff list is read once for
// up to keepFor, and read again at once after any write of this store (a
// member added or disabled); another writer's change is seen within
// keepFor. PostgreSQL reads it every time. Each office has its own list,
// and a caller that changes the list it got changes no one else's.
func TestKeptStaffLists(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s, clock, reopen := keptStore(t, e)
		east, west := newOffice(t, s, "east"), newOffice(t, s, "west")
		names := func(a Actor) []string {
			t.Helper()
			list, err := s.StaffMembers(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, m := range list {
				out = append(out, m.Name)
			}
			return out
		}
		statementsOf := func(a Actor) int64 {
			t.Helper()
			before := s.Statements()
			names(a)
			return s.Statements() - before
		}
		first := names(east.admin)
		kept := int64(0)
		if e == Postgres {
			kept = 1
		}
		if n := statementsOf(east.admin); n != kept {
			t.Errorf("second read within %v: %d statements, want %d", keepFor, n, kept)
		}
		if got := names(west.admin); slices.Equal(got, first) {
			t.Errorf("west's staff %v is east's", got)
		}
		list, _ := s.StaffMembers(ctx, east.admin)
		list[0].Name = "changed by a caller"
		if got := names(east.admin); !slices.Equal(got, first) {
			t.Errorf("after a caller changed its copy: %v, want %v", got, first)
		}

		// A member added, then disabled: seen at once.
		id, err := s.CreateUser(ctx, east.admin, NewUser{Login: "east-new", Name: "New Caseworker", Role: RoleCaseworker})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(east.admin); !slices.Contains(got, "New Caseworker") {
			t.Errorf("right after a member was added: %v", got)
		}
		if err := s.DisableUser(ctx, east.admin, id); err != nil {
			t.Fatal(err)
		}
		if got := names(east.admin); slices.Contains(got, "New Caseworker") {
			t.Errorf("right after the member was disabled: %v", got)
		}

		// Another writer of the database: seen within keepFor.
		other := reopen()
		if _, err := other.CreateUser(ctx, east.admin, NewUser{Login: "east-other", Name: "Added Elsewhere", Role: RoleCaseworker}); err != nil {
			t.Fatal(err)
		}
		if got := names(east.admin); e == Postgres && !slices.Contains(got, "Added Elsewhere") {
			t.Errorf("PostgreSQL, right after another server added a member: %v", got)
		}
		*clock = clock.Add(keepFor)
		if got := names(east.admin); !slices.Contains(got, "Added Elsewhere") {
			t.Errorf("%v after another process added a member: %v", keepFor, got)
		}
	})
}
