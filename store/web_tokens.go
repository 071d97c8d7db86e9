package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// APIToken describes a token for the JSON API (never the secret itself).
type APIToken struct {
	ID        string
	Name      string
	CreatedAt time.Time
	ExpiresAt time.Time
	Revoked   bool
}

// CreateAPIToken records a token that acts as the actor until ttl has
// passed. tokenHash is the hash of the secret the caller shows once and
// forgets. The caller has checked the actor's password just before: a
// stolen session alone must not be enough to mint a lasting credential.
func (s *Store) CreateAPIToken(ctx context.Context, a Actor, name string, tokenHash []byte, ttl time.Duration) (id string, err error) {
	defer wrap(&err, "store.CreateAPIToken")
	if err := a.check(true); err != nil {
		return "", err
	}
	id = newID("t")
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, "user.token.create", "", id); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.CreateAPIToken */
			INSERT INTO web_api_tokens (token_hash, id, user_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash, id, a.user, name, micros(t.now), micros(t.now.Add(ttl)))
		return err
	})
	return id, err
}

// APITokens lists the actor's own tokens.
func (s *Store) APITokens(ctx context.Context, a Actor) (out []APIToken, err error) {
	defer wrap(&err, "store.APITokens")
	if err := a.check(true); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.APITokens */
		SELECT id, name, created_at, expires_at, revoked_at IS NOT NULL FROM web_api_tokens WHERE user_id = ? ORDER BY created_at, id`), a.user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var tk APIToken
		var created, expires int64
		if err := rows.Scan(&tk.ID, &tk.Name, &created, &expires, &tk.Revoked); err != nil {
			return nil, err
		}
		tk.CreatedAt, tk.ExpiresAt = fromMicros(created), fromMicros(expires)
		out = append(out, tk)
	}
	return out, rows.Err()
}

// RevokeAPIToken stops one of the actor's own tokens from working.
func (s *Store) RevokeAPIToken(ctx context.Context, a Actor, id string) (err error) {
	defer wrap(&err, "store.RevokeAPIToken(%s)", id)
	if err := a.check(true); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		res, err := t.exec(ctx, `/* store.RevokeAPIToken */
			UPDATE web_api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, micros(t.now), id, a.user)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return t.audit(ctx, a, "user.token.revoke", "", id)
	})
}

// APITokenActor returns the actor a live token (not revoked, not expired)
// acts as.
func (s *Store) APITokenActor(ctx context.Context, tokenHash []byte) (a Actor, err error) {
	defer wrap(&err, "store.APITokenActor")
	var userID string
	if err := s.db.QueryRowContext(ctx, s.q(`/* store.APITokenActor */
		SELECT user_id FROM web_api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`),
		tokenHash, micros(s.now())).Scan(&userID); err != nil {
		return Actor{}, notFound(err)
	}
	a, err = s.ActorFor(ctx, userID)
	if errors.Is(err, ErrForbidden) {
		return Actor{}, fmt.Errorf("token of a disabled user: %w", ErrNotFound)
	}
	return a, err
}

// revokeAPITokens revokes every token of a user: their sessions are being
// ended (sign out everywhere, a password reset), and a token made with a
// stolen session must end with it.
func (t *txn) revokeAPITokens(ctx context.Context, userID string) error {
	_, err := t.exec(ctx, `/* store.revokeAPITokens */
		UPDATE web_api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, micros(t.now), userID)
	return err
}

// OwnPasswordHash returns the actor's own password hash, to check the
// password again before a sensitive change (making an API token).
func (s *Store) OwnPasswordHash(ctx context.Context, a Actor) (login, hash string, err error) {
	defer wrap(&err, "store.OwnPasswordHash")
	if err := a.check(true); err != nil {
		return "", "", err
	}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.queryRow(ctx, `/* store.OwnPasswordHash */ SELECT hash FROM web_passwords WHERE user_id = ?`, a.user).Scan(&hash); err != nil {
			return notFound(err)
		}
		login, err = t.login(ctx, a.org, a.user)
		return err
	})
	return login, hash, err
}
