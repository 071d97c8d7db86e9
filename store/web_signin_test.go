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

// TestConcurrentGuessesAreCounted sends fifty sign-in attempts at once, as
// the outside review did: from one address, only PerAddress of them may go
// on to the password check; from fifty addresses, only Global. Counting
// after the check let 45 through on SQLite and lost counts on PostgreSQL.
func TestConcurrentGuessesAreCounted(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		lim := SignInLimits{PerAddress: 5, Global: 20, LockFor: 15 * time.Minute}
		guess := func(login string, addr func(i int) string) int64 {
			var allowed atomic.Int64
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range 50 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					c, err := s.ChargeSignIn(ctx, login, addr(i), lim)
					if err != nil {
						t.Error(err)
						return
					}
					if c.Allowed {
						allowed.Add(1)
					}
				}()
			}
			close(start)
			wg.Wait()
			return allowed.Load()
		}
		if n := guess("selam", func(int) string { return "192.0.2.1" }); n != 5 {
			t.Errorf("one address: %d of 50 concurrent guesses checked, want 5", n)
		}
		if n := guess("dawit", func(i int) string { return fmt.Sprintf("192.0.2.%d", i) }); n != 20 {
			t.Errorf("fifty addresses: %d of 50 concurrent guesses checked, want 20 (the global backstop)", n)
		}
	})
}

// TestLockoutPerAddressAndUnlock: someone who knows a login locks it only
// for their own address; the global backstop locks it everywhere; an admin
// of the user's office (and no one else) lifts every lock at once.
func TestLockoutPerAddressAndUnlock(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "east")
		other := newOffice(t, s, "west")
		lim := SignInLimits{PerAddress: 2, Global: 4, LockFor: time.Hour}
		login, err := s.UserLogin(ctx, o.admin, o.worker.UserID())
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			s.ChargeSignIn(ctx, login, "203.0.113.9", lim)
		}
		if c, _ := s.ChargeSignIn(ctx, login, "192.0.2.1", lim); !c.Allowed {
			t.Fatal("the attacker's address locked the login for everyone")
		}
		s.ChargeSignIn(ctx, login, "192.0.2.2", lim)
		s.ChargeSignIn(ctx, login, "192.0.2.3", lim)
		if c, _ := s.ChargeSignIn(ctx, login, "192.0.2.4", lim); c.Allowed {
			t.Fatal("no global backstop")
		}
		if u, err := s.SignInLocked(ctx, o.admin, o.worker.UserID()); err != nil || u.IsZero() {
			t.Errorf("SignInLocked = %v, %v", u, err)
		}
		if err := s.UnlockSignIn(ctx, other.admin, o.worker.UserID()); !errors.Is(err, ErrNotFound) {
			t.Errorf("another office's admin unlocking: %v, want not found", err)
		}
		if err := s.UnlockSignIn(ctx, o.rep, o.worker.UserID()); !errors.Is(err, ErrForbidden) {
			t.Errorf("a representative unlocking: %v, want forbidden", err)
		}
		if err := s.UnlockSignIn(ctx, o.admin, o.worker.UserID()); err != nil {
			t.Fatal(err)
		}
		for _, addr := range []string{"203.0.113.9", "192.0.2.4"} {
			if c, _ := s.ChargeSignIn(ctx, login, addr, lim); !c.Allowed {
				t.Errorf("still locked from %s after the unlock", addr)
			}
		}
	})
}
