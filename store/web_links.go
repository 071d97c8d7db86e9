package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// One-time links let a user choose a password: an invitation for a new
// user, a reset for one who forgot theirs. The link carries a random token;
// only its hash is stored, the link works once and expires.

// Link purposes.
const (
	LinkInvite = "invite"
	LinkReset  = "reset"
)

// CreateClient adds a client user for one family of the actor's
// organization, so that a caseworker can invite the principal. Staff only:
// unlike CreateUser, which is for admins, this can only ever make a client,
// and only for a family the actor can see.
func (s *Store) CreateClient(ctx context.Context, a Actor, familyID, login, name string) (id string, err error) {
	defer wrap(&err, "store.CreateClient(%s)", familyID) // not the login (see CreateUser)
	if err := a.check(a.staff()); err != nil {
		return "", err
	}
	id = newID("u")
	err = s.tx(ctx, func(t *txn) error {
		var n int
		if err := t.queryRow(ctx, `/* store.CreateClient */ SELECT COUNT(*) FROM families WHERE id = ? AND org_id = ?`,
			familyID, a.org).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("family %s: %w", familyID, ErrNotFound)
		}
		if err := t.audit(ctx, a, ActionUserCreate, familyID, id); err != nil {
			return err
		}
		return t.insertUser(ctx, id, a.org, NewUser{Login: login, Name: name, Role: RoleClient, FamilyID: familyID})
	})
	return id, err
}

// CreateLink records a one-time link for a user of the actor's
// organization. Admins may make links for anyone of the organization; other
// staff only for clients (inviting a principal).
func (s *Store) CreateLink(ctx context.Context, a Actor, userID, purpose string, tokenHash []byte, ttl time.Duration) (err error) {
	defer wrap(&err, "store.CreateLink(%s)", userID)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	if purpose != LinkInvite && purpose != LinkReset {
		return fmt.Errorf("%w: no link purpose %q", ErrInvalid, purpose)
	}
	return s.tx(ctx, func(t *txn) error {
		var role string
		if err := t.queryRow(ctx, `/* store.CreateLink */ SELECT role FROM users WHERE id = ? AND org_id = ? AND disabled_at IS NULL`,
			userID, a.org).Scan(&role); err != nil {
			return notFound(err)
		}
		if a.role != RoleAdmin && Role(role) != RoleClient {
			return ErrForbidden
		}
		if err := t.audit(ctx, a, "user.link."+purpose, "", userID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.CreateLink */
			INSERT INTO web_links (token_hash, user_id, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash, userID, purpose, a.user, micros(t.now), micros(t.now.Add(ttl)))
		return err
	})
}

// Link returns the login a live link is for, to greet its user.
func (s *Store) Link(ctx context.Context, tokenHash []byte) (login, purpose string, err error) {
	defer wrap(&err, "store.Link")
	err = s.tx(ctx, func(t *txn) error {
		var id, org string
		var sealed []byte
		if err := t.queryRow(ctx, `/* store.Link */
			SELECT u.id, u.org_id, u.login, u.login_enc, l.purpose FROM web_links l JOIN users u ON u.id = l.user_id
			WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled_at IS NULL`,
			tokenHash, micros(t.now)).Scan(&id, &org, &login, &sealed, &purpose); err != nil {
			return notFound(err)
		}
		login, err = t.openLogin(ctx, org, id, login, sealed)
		return err
	})
	return login, purpose, err
}

// RedeemLink uses a live link to set its user's password, ends the user's
// other sessions, revokes their API tokens, lifts their sign-in locks and
// returns the user's actor. A used, expired or unknown
// link, or one for a user disabled since it was made, answers ErrNotFound.
func (s *Store) RedeemLink(ctx context.Context, tokenHash []byte, passwordHash string) (a Actor, err error) {
	defer wrap(&err, "store.RedeemLink")
	var userID string
	err = s.tx(ctx, func(t *txn) error {
		if err := t.queryRow(ctx, `/* store.RedeemLink */
			SELECT l.user_id FROM web_links l JOIN users u ON u.id = l.user_id
			WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled_at IS NULL`,
			tokenHash, micros(t.now)).Scan(&userID); err != nil {
			return notFound(err)
		}
		res, err := t.exec(ctx, `/* store.RedeemLink */ UPDATE web_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`,
			micros(t.now), tokenHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNotFound
		}
		if _, err := t.exec(ctx, `/* store.RedeemLink */ DELETE FROM web_sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		if err := t.revokeAPITokens(ctx, userID); err != nil {
			return err
		}
		// A link is the way back in for a user locked out by guesses
		// made in their name: it lifts the locks too.
		var org string
		if err := t.queryRow(ctx, `/* store.RedeemLink */ SELECT org_id FROM users WHERE id = ?`, userID).Scan(&org); err != nil {
			return err
		}
		login, err := t.login(ctx, org, userID)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `/* store.RedeemLink */ DELETE FROM web_signin_attempts WHERE login_hash = ?`, t.s.LoginHash(login)); err != nil {
			return err
		}
		return t.setPassword(ctx, userID, passwordHash)
	})
	if err != nil {
		return Actor{}, err
	}
	return s.ActorFor(ctx, userID)
}

// UserLogin returns the login of a user of the actor's organization. Staff only.
func (s *Store) UserLogin(ctx context.Context, a Actor, userID string) (login string, err error) {
	defer wrap(&err, "store.UserLogin(%s)", userID)
	if err := a.check(a.staff()); err != nil {
		return "", err
	}
	err = s.tx(ctx, func(t *txn) error {
		login, err = t.login(ctx, a.org, userID)
		return err
	})
	return strings.TrimSpace(login), err
}
