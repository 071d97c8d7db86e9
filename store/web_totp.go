package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The optional TOTP second factor. The secret is sealed with the
// organization's data key, bound to its user; last_step remembers the time
// step of the last code accepted, so that a code seen over someone's
// shoulder cannot be used a second time.

// SetTOTP turns on the second factor for the actor with a secret the user
// has just proved they hold, with the code of time step step: that code
// then counts as used, like one accepted at sign-in.
func (s *Store) SetTOTP(ctx context.Context, a Actor, secret string, step int64) (err error) {
	defer wrap(&err, "store.SetTOTP")
	if err := a.check(true); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		sealed, err := t.sealFor(ctx, a.org, []byte(secret), aad("web_totp", "secret", a.user))
		if err != nil {
			return err
		}
		if err := t.audit(ctx, a, "user.totp.enable", "", a.user); err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.SetTOTP */
			INSERT INTO web_totp (user_id, secret_enc, last_step, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET secret_enc = excluded.secret_enc, last_step = excluded.last_step, created_at = excluded.created_at`,
			a.user, sealed, step, micros(t.now))
		return err
	})
}

// DisableTOTP turns the actor's second factor off.
func (s *Store) DisableTOTP(ctx context.Context, a Actor) (err error) {
	defer wrap(&err, "store.DisableTOTP")
	if err := a.check(true); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, "user.totp.disable", "", a.user); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.DisableTOTP */ DELETE FROM web_totp WHERE user_id = ?`, a.user)
		return err
	})
}

// TOTP returns a user's second-factor secret and the last time step used,
// or ok false when the user has none. It runs before sign-in completes, so
// it takes the user id that the password check found.
func (s *Store) TOTP(ctx context.Context, userID string) (secret string, lastStep int64, ok bool, err error) {
	defer wrap(&err, "store.TOTP")
	err = s.tx(ctx, func(t *txn) error {
		var org string
		var sealed []byte
		err := t.queryRow(ctx, `/* store.TOTP */
			SELECT u.org_id, w.secret_enc, w.last_step FROM web_totp w JOIN users u ON u.id = w.user_id WHERE w.user_id = ?`,
			userID).Scan(&org, &sealed, &lastStep)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		plain, err := t.openFor(ctx, org, sealed, aad("web_totp", "secret", userID))
		if err != nil {
			return err
		}
		secret, ok = string(plain), true
		return nil
	})
	return secret, lastStep, ok, err
}

// UseTOTPStep records that the code of time step step was accepted. It
// fails with ErrConflict when that step (or a later one) was already used.
func (s *Store) UseTOTPStep(ctx context.Context, userID string, step int64) error {
	res, err := s.db.ExecContext(ctx, s.q(`/* store.UseTOTPStep */
		UPDATE web_totp SET last_step = ? WHERE user_id = ? AND last_step < ?`), step, userID, step)
	if err != nil {
		return fmt.Errorf("store.UseTOTPStep: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("store.UseTOTPStep: code already used: %w", ErrConflict)
	}
	return nil
}
