package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sign-in attempts are charged to counters before the password (or the
// second factor's code) is checked, in one transaction that locks the
// counters' rows: fifty guesses sent at once are fifty charges in turn, and
// only the first few get to the slow password check. Counting after the
// check, as before, let every guess that started before the lock was
// written through.
//
// Each attempt is charged to two counters: one for the login from this
// client address, which locks after a few failures, and one for the login
// from anywhere, a backstop with a higher limit against guesses spread over
// many addresses. Someone who knows a login can so lock it only for their own
// address, unless they command many addresses; then an administrator lifts
// the lock (UnlockSignIn) or sends a one-time link, which signs in whatever
// the counters say.

// SignInLimits say how many failures in a row lock a login.
type SignInLimits struct {
	PerAddress int           // failures of one login from one address
	Global     int           // failures of one login from all addresses
	LockFor    time.Duration // how long a lock lasts
}

// SignInCharge is the outcome of charging an attempt.
type SignInCharge struct {
	// Allowed: the attempt may be checked. When false, LockedUntil says
	// until when the login is locked (for this address or everywhere).
	Allowed     bool
	LockedUntil time.Time
	// Last: the attempt was allowed but used the last try; if it fails,
	// the login is locked (the page says so at once).
	Last bool
}

var errLocked = errors.New("locked")

// counterKey is the HMAC of the login (lower-cased, as logins are one
// whatever their case) and, for a per-address counter, the address.
func (s *Store) counterKey(login, addr string) []byte {
	m := hmac.New(sha256.New, s.loginKey)
	m.Write([]byte("counter\x00"))
	m.Write([]byte(strings.ToLower(strings.TrimSpace(login))))
	if addr != "" {
		m.Write([]byte{0})
		m.Write([]byte(addr))
	}
	return m.Sum(nil)
}

// ChargeSignIn counts an attempt to sign in as login from addr, before it
// is checked. A successful attempt then calls SignInSucceeded, which
// forgets the failures.
func (s *Store) ChargeSignIn(ctx context.Context, login, addr string, l SignInLimits) (c SignInCharge, err error) {
	defer wrap(&err, "store.ChargeSignIn")
	lh := s.LoginHash(login)
	counters := []struct {
		key []byte
		max int
	}{{s.counterKey(login, addr), l.PerAddress}, {s.counterKey(login, ""), l.Global}}
	lock := ""
	if s.engine == Postgres {
		lock = " FOR UPDATE"
	}
	err = s.tx(ctx, func(t *txn) error {
		now := micros(t.now)
		// Always the same order (address, then global), so that two
		// attempts never wait on each other's rows crosswise.
		for _, ct := range counters {
			if _, err := t.exec(ctx, `/* store.ChargeSignIn */
				INSERT INTO web_signin_attempts (counter, login_hash, failures, locked_until, updated_at) VALUES (?, ?, 0, 0, ?)
				ON CONFLICT (counter) DO NOTHING`, ct.key, lh, now); err != nil {
				return err
			}
			var failures int
			var until int64
			if err := t.queryRow(ctx, `/* store.ChargeSignIn */
				SELECT failures, locked_until FROM web_signin_attempts WHERE counter = ?`+lock, ct.key).Scan(&failures, &until); err != nil {
				return err
			}
			if until > now {
				c = SignInCharge{LockedUntil: fromMicros(until)}
				return errLocked
			}
			if until != 0 {
				failures, until = 0, 0 // the lock is over: a fresh count
			}
			failures++
			if failures >= ct.max {
				until = micros(t.now.Add(l.LockFor))
				c.Last = true
			}
			if _, err := t.exec(ctx, `/* store.ChargeSignIn */
				UPDATE web_signin_attempts SET failures = ?, locked_until = ?, updated_at = ? WHERE counter = ?`,
				failures, until, now, ct.key); err != nil {
				return err
			}
		}
		c.Allowed = true
		return nil
	})
	if errors.Is(err, errLocked) {
		return c, nil
	}
	return c, err
}

// SignInSucceeded forgets the failures of a login, from this address and
// from everywhere.
func (s *Store) SignInSucceeded(ctx context.Context, login, addr string) error {
	_, err := s.db.ExecContext(ctx, s.q(`/* store.SignInSucceeded */ DELETE FROM web_signin_attempts WHERE counter IN (?, ?)`),
		s.counterKey(login, addr), s.counterKey(login, ""))
	if err != nil {
		return fmt.Errorf("store.SignInSucceeded: %w", err)
	}
	return nil
}

// UnlockSignIn lifts every sign-in lock of a user of the actor's
// organization, from every address. Admins only; audited.
func (s *Store) UnlockSignIn(ctx context.Context, a Actor, userID string) (err error) {
	defer wrap(&err, "store.UnlockSignIn(%s)", userID)
	if err := a.check(a.role == RoleAdmin); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionUserUnlock, "", userID); err != nil {
			return err
		}
		login, err := t.login(ctx, a.org, userID)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.UnlockSignIn */ DELETE FROM web_signin_attempts WHERE login_hash = ?`, t.s.LoginHash(login))
		return err
	})
}

// SignInLocked reports whether a user of the actor's organization is
// locked out from everywhere (the global counter), for the users page.
func (s *Store) SignInLocked(ctx context.Context, a Actor, userID string) (until time.Time, err error) {
	defer wrap(&err, "store.SignInLocked(%s)", userID)
	if err := a.check(a.role == RoleAdmin); err != nil {
		return time.Time{}, err
	}
	err = s.tx(ctx, func(t *txn) error {
		login, err := t.login(ctx, a.org, userID)
		if err != nil {
			return err
		}
		var u int64
		err = t.queryRow(ctx, `/* store.SignInLocked */ SELECT COALESCE(MAX(locked_until), 0) FROM web_signin_attempts WHERE login_hash = ?`,
			t.s.LoginHash(login)).Scan(&u)
		if u > micros(t.now) {
			until = fromMicros(u)
		}
		return err
	})
	return until, err
}

// login is the login of a user of an organization, opened if sealed.
func (t *txn) login(ctx context.Context, org, userID string) (string, error) {
	var login string
	var sealed []byte
	err := t.queryRow(ctx, `/* store.login */ SELECT login, login_enc FROM users WHERE id = ? AND org_id = ?`, userID, org).Scan(&login, &sealed)
	if err != nil {
		return "", notFound(err)
	}
	return t.openLogin(ctx, org, userID, login, sealed)
}

// AuditSignIn records a sign-in (ActionSignIn) or a refused one
// (ActionSignInRefused) with why ("password", "code", "locked"). userID is
// "" when the login names no one; the login itself is never written, as
// people type passwords into the login box by mistake.
func (s *Store) AuditSignIn(ctx context.Context, userID, action, why string) (err error) {
	defer wrap(&err, "store.AuditSignIn")
	return s.tx(ctx, func(t *txn) error {
		a := Actor{user: userID}
		if userID != "" {
			if err := t.queryRow(ctx, `/* store.AuditSignIn */ SELECT org_id FROM users WHERE id = ?`, userID).Scan(&a.org); err != nil {
				return notFound(err)
			}
		}
		return t.audit(ctx, a, action, "", why)
	})
}

// AuditRefused records that a signed-in user was refused something (a
// page of their role's reach, another office's family): what is the
// route's pattern and the ids in it, never form values.
func (s *Store) AuditRefused(ctx context.Context, a Actor, family, what string) (err error) {
	defer wrap(&err, "store.AuditRefused")
	return s.tx(ctx, func(t *txn) error { return t.audit(ctx, a, ActionAccessRefused, family, what) })
}
