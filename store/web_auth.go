package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Sign-in support for the web application: password hashes, server-side
// sessions and the lockout after failed attempts. These methods run before
// anyone has signed in, so they take no Actor; none of them reveals case
// data, and each touches only the rows of the user it names.

// HasUsers reports whether any user exists: an empty database is set up
// through a one-time link printed by `reunite serve`.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `/* store.HasUsers */ SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) u`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.HasUsers: %w", err)
	}
	return n > 0, nil
}

// PasswordHash returns the user id and stored password hash for a login.
// A login without a password (an invitation not yet accepted) or a disabled
// user answers ErrNotFound, like an unknown login.
func (s *Store) PasswordHash(ctx context.Context, login string) (userID, hash string, err error) {
	defer wrap(&err, "store.PasswordHash")
	clear, index, err := s.loginCandidates(ctx, login)
	if err != nil {
		return "", "", err
	}
	// A staff login in clear, or a client's blind index: never both, as
	// no staff login starts like an index.
	err = s.db.QueryRowContext(ctx, s.q(`/* store.PasswordHash */
		SELECT u.id, p.hash FROM users u JOIN web_passwords p ON p.user_id = u.id
		WHERE u.login IN (?, ?) AND u.login <> '' AND u.disabled_at IS NULL`), clear, index).Scan(&userID, &hash)
	return userID, hash, notFound(err)
}

// SetOwnPassword replaces the actor's own password hash.
func (s *Store) SetOwnPassword(ctx context.Context, a Actor, hash string) (err error) {
	defer wrap(&err, "store.SetOwnPassword")
	if err := a.check(true); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error { return t.setPassword(ctx, a.user, hash) })
}

func (t *txn) setPassword(ctx context.Context, userID, hash string) error {
	if hash == "" {
		return fmt.Errorf("%w: empty password hash", ErrInvalid)
	}
	_, err := t.exec(ctx, `/* store.setPassword */
		INSERT INTO web_passwords (user_id, hash, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
		userID, hash, micros(t.now))
	return err
}

// CreateSession records a session for a user who has just signed in.
// tokenHash is the hash of the cookie's secret, never the secret.
func (s *Store) CreateSession(ctx context.Context, userID string, tokenHash []byte) error {
	now := micros(s.now())
	_, err := s.db.ExecContext(ctx, s.q(`/* store.CreateSession */
		INSERT INTO web_sessions (token_hash, user_id, created_at, seen_at) VALUES (?, ?, ?, ?)`),
		tokenHash, userID, now, now)
	if err != nil {
		return fmt.Errorf("store.CreateSession: %w", err)
	}
	return nil
}

// Session returns the actor of a live session and marks it seen. A session
// unused for longer than idle, or older than absolute, is deleted and
// answers ErrNotFound; so does the session of a disabled user.
func (s *Store) Session(ctx context.Context, tokenHash []byte, idle, absolute time.Duration) (a Actor, err error) {
	defer wrap(&err, "store.Session")
	now := s.now()
	if err := ctx.Err(); err != nil {
		return Actor{}, err
	}
	// A session looked up in the last second (kept.go), if it is
	// still within its limits and was marked seen less than a minute ago.
	k, ok, gen := s.sessions.get(string(tokenHash), now)
	if ok && now.Sub(k.seen) <= min(idle, time.Minute) && now.Sub(k.created) <= absolute {
		return k.a, nil
	}
	var (
		role          string
		family        sql.NullString
		created, seen int64
	)
	// The user comes in the same query (this runs on every request): a
	// disabled user's session is not found.
	rctx, err := s.readCtx(ctx)
	if err != nil {
		return Actor{}, err
	}
	err = s.db.QueryRowContext(rctx, s.q(`/* store.Session */
		SELECT u.id, u.org_id, u.role, u.family_id, w.created_at, w.seen_at
		FROM web_sessions w JOIN users u ON u.id = w.user_id
		WHERE w.token_hash = ? AND u.disabled_at IS NULL`), tokenHash).
		Scan(&a.user, &a.org, &role, &family, &created, &seen)
	if err != nil {
		return Actor{}, notFound(err)
	}
	if now.Sub(fromMicros(seen)) > idle || now.Sub(fromMicros(created)) > absolute {
		s.DeleteSession(ctx, tokenHash)
		return Actor{}, ErrNotFound
	}
	// Writing on every request would serialize readers behind SQLite's one
	// writer; a minute's precision is plenty for an idle timeout of minutes.
	seenAt := fromMicros(seen)
	if now.Sub(seenAt) > time.Minute {
		if _, err := s.db.ExecContext(ctx, s.q(`/* store.Session */ UPDATE web_sessions SET seen_at = ? WHERE token_hash = ?`),
			micros(now), tokenHash); err != nil {
			return Actor{}, err
		}
		seenAt = fromMicros(micros(now))
	}
	a.role, a.family = Role(role), family.String
	s.sessions.put(string(tokenHash), keptSession{a: a, created: fromMicros(created), seen: seenAt}, now, gen)
	return a, nil
}

// DeleteSession ends one session (sign out).
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.db.ExecContext(ctx, s.q(`/* store.DeleteSession */ DELETE FROM web_sessions WHERE token_hash = ?`), tokenHash)
	s.forgetKept()
	if err != nil {
		return fmt.Errorf("store.DeleteSession: %w", err)
	}
	return nil
}

// DeleteSessions ends every session of the actor (sign out everywhere)
// and revokes their API tokens.
func (s *Store) DeleteSessions(ctx context.Context, a Actor) (err error) {
	defer wrap(&err, "store.DeleteSessions")
	if err := a.check(true); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, "user.signout.all", "", a.user); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `/* store.DeleteSessions */ DELETE FROM web_sessions WHERE user_id = ?`, a.user); err != nil {
			return err
		}
		return t.revokeAPITokens(ctx, a.user)
	})
}

// LoginHash identifies a login in the lockout table without keeping the
// typed text: people type passwords into the login box by mistake, and a
// plain hash of a password can be reversed by guessing. The hash is keyed
// with a key derived from the current master key, so the table is of no
// use without the key file. A rotation changes the key, which only starts
// the counts of failed sign-ins afresh.
func (s *Store) LoginHash(login string) []byte {
	m := hmac.New(sha256.New, s.loginKey)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(login))))
	return m.Sum(nil)
}

// HasPasswords reports whether any user can sign in to the web application
// with a password. A database made by the command line has users but no
// passwords; `reunite serve` then prints a link for its administrator.
func (s *Store) HasPasswords(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `/* store.HasPasswords */ SELECT COUNT(*) FROM (SELECT 1 FROM web_passwords LIMIT 1) p`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.HasPasswords: %w", err)
	}
	return n > 0, nil
}
