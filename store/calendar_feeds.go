package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// A calendar feed is a secret URL a user gives their calendar app, which
// fetches it without a session: the secret is the credential, so only its
// hash is kept (like API tokens), and the user revokes it by making a new
// one or by revoking it. A user has at most one live feed.

// Audit actions of calendar feeds.
const (
	ActionFeedCreate = "calendar.feed.create"
	ActionFeedRevoke = "calendar.feed.revoke"
	ActionFeedRead   = "calendar.feed.read"
)

// CalendarFeed describes a feed (never its secret).
type CalendarFeed struct {
	ID        string
	WithNames bool // events name the family; off unless the user chose it
	CreatedAt time.Time
	Revoked   bool
}

// CreateCalendarFeed records a new feed for the actor, whose secret hashes
// to tokenHash, and revokes the one before. Staff only.
func (s *Store) CreateCalendarFeed(ctx context.Context, a Actor, tokenHash []byte, withNames bool) (id string, err error) {
	defer wrap(&err, "store.CreateCalendarFeed")
	if err := a.check(a.staff()); err != nil {
		return "", err
	}
	id = newID("c")
	err = s.tx(ctx, func(t *txn) error {
		names := "without names"
		if withNames {
			names = "with names"
		}
		if err := t.audit(ctx, a, ActionFeedCreate, "", id+" "+names); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `/* store.CreateCalendarFeed */
			UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, micros(t.now), a.user); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.CreateCalendarFeed */
			INSERT INTO calendar_feeds (token_hash, id, user_id, with_names, created_at) VALUES (?, ?, ?, ?, ?)`,
			tokenHash, id, a.user, boolInt(withNames), micros(t.now))
		return err
	})
	return id, err
}

// CalendarFeeds lists the actor's feeds, the live one first, then newest first.
func (s *Store) CalendarFeeds(ctx context.Context, a Actor) (out []CalendarFeed, err error) {
	defer wrap(&err, "store.CalendarFeeds")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.CalendarFeeds */
		SELECT id, with_names, created_at, revoked_at IS NOT NULL FROM calendar_feeds WHERE user_id = ? ORDER BY revoked_at IS NULL DESC, created_at DESC, id`), a.user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var f CalendarFeed
		var names int
		var created int64
		if err := rows.Scan(&f.ID, &names, &created, &f.Revoked); err != nil {
			return nil, err
		}
		f.WithNames, f.CreatedAt = names != 0, fromMicros(created)
		out = append(out, f)
	}
	return out, rows.Err()
}

// RevokeCalendarFeed stops one of the actor's feeds from working.
func (s *Store) RevokeCalendarFeed(ctx context.Context, a Actor, id string) (err error) {
	defer wrap(&err, "store.RevokeCalendarFeed(%s)", id)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		res, err := t.exec(ctx, `/* store.RevokeCalendarFeed */
			UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, micros(t.now), id, a.user)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return t.audit(ctx, a, ActionFeedRevoke, "", id)
	})
}

// CalendarFeedActor returns the user a live feed belongs to and whether
// its events may name families, and audits the fetch. A revoked or unknown
// feed, or one of a disabled user, is ErrNotFound.
func (s *Store) CalendarFeedActor(ctx context.Context, tokenHash []byte) (a Actor, withNames bool, err error) {
	defer wrap(&err, "store.CalendarFeedActor")
	var userID, id string
	var names int
	if err := s.db.QueryRowContext(ctx, s.q(`/* store.CalendarFeedActor */
		SELECT user_id, id, with_names FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`),
		tokenHash).Scan(&userID, &id, &names); err != nil {
		return Actor{}, false, notFound(err)
	}
	a, err = s.ActorFor(ctx, userID)
	if errors.Is(err, ErrForbidden) {
		return Actor{}, false, fmt.Errorf("feed of a disabled user: %w", ErrNotFound)
	} else if err != nil {
		return Actor{}, false, err
	}
	err = s.tx(ctx, func(t *txn) error { return t.audit(ctx, a, ActionFeedRead, "", id) })
	return a, names != 0, err
}
