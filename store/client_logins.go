package store

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// A client is a protected person (8 CFR 208.6 protects even the fact that
// someone sought asylum), and caseworkers used to give clients logins like
// "selam.tesfaye". A client's login is therefore never in the database in
// clear: users.login holds a blind index, "~" and an HMAC of the lower-cased
// login, which sign-in computes from what is typed, and login_enc holds the
// login sealed with the office's data key, for the office's staff to read.
// The web application gives clients generated logins, so no office chooses
// a client login at all and none learns that a name is taken elsewhere.
//
// The index key must be the same for every office (sign-in does not know
// the office) and must survive a rotation of the master key, so it is
// derived from the audit chain's key, which is random and wrapped by the
// master key.

// clientIndexPrefix starts every blind index; no staff login may start so.
const clientIndexPrefix = "~"

// clientLoginIndexer returns the blind index function, or nil when no key
// exists yet (then no client has a login either).
func (s *Store) clientLoginIndexer(ctx context.Context, queryRow func(context.Context, string, ...any) *sql.Row) (func(string) string, error) {
	k, err := s.loadAuditKey(ctx, queryRow)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	key, err := hkdf.Key(sha256.New, k.key, nil, "reunite client login index v1", 32)
	if err != nil {
		return nil, err
	}
	return func(login string) string {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(strings.ToLower(strings.TrimSpace(login))))
		return clientIndexPrefix + hex.EncodeToString(m.Sum(nil))
	}, nil
}

// storedLogin is what users.login holds for a new user, and the sealed
// login of a client.
func (t *txn) storedLogin(ctx context.Context, id, org string, u NewUser) (stored string, sealed []byte, err error) {
	if u.Role != RoleClient {
		if strings.HasPrefix(u.Login, clientIndexPrefix) {
			return "", nil, fmt.Errorf("%w: a login cannot start with %q", ErrInvalid, clientIndexPrefix)
		}
		return u.Login, nil, nil
	}
	index, err := t.s.clientLoginIndexer(ctx, t.queryRow)
	if err != nil {
		return "", nil, err
	}
	if index == nil {
		return "", nil, errors.New("no login index key: write an audit entry first")
	}
	sealed, err = t.sealFor(ctx, org, []byte(u.Login), aad("users", "login", id))
	return index(u.Login), sealed, err
}

// openLogin returns a user's login: stored in clear for staff, sealed for
// a client.
func (t *txn) openLogin(ctx context.Context, org, id, stored string, sealed []byte) (string, error) {
	if sealed == nil {
		return stored, nil
	}
	plain, err := t.openFor(ctx, org, sealed, aad("users", "login", id))
	return string(plain), err
}

// loginCandidates are the values of users.login a typed login may match:
// itself (staff) and its blind index (a client).
func (s *Store) loginCandidates(ctx context.Context, login string) (clear, index string, err error) {
	if strings.HasPrefix(login, clientIndexPrefix) {
		return "", "", nil // an index typed in is no login
	}
	ix, err := s.clientLoginIndexer(ctx, s.db.QueryRowContext)
	if err != nil || ix == nil {
		return login, "", err
	}
	return login, ix(login), nil
}

// sealClientLogins converts client logins kept in clear (before migration
// 00063) to blind index and sealed login, in one transaction; the clients
// sign in with the same login as before.
func (s *Store) sealClientLogins(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `/* store.sealClientLogins */
		SELECT COUNT(*) FROM users WHERE role = 'client' AND login_enc IS NULL`).Scan(&n); err != nil || n == 0 {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, operator, "users.client_logins.seal", "", fmt.Sprintf("%d logins", n)); err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.sealClientLogins */
			SELECT id, org_id, login FROM users WHERE role = 'client' AND login_enc IS NULL`)
		if err != nil {
			return err
		}
		type row struct{ id, org, login string }
		var rs []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.org, &r.login); err != nil {
				rows.Close()
				return err
			}
			rs = append(rs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range rs {
			stored, sealed, err := t.storedLogin(ctx, r.id, r.org, NewUser{Login: r.login, Role: RoleClient})
			if err != nil {
				return err
			}
			if _, err := t.exec(ctx, `/* store.sealClientLogins */ UPDATE users SET login = ?, login_enc = ? WHERE id = ?`,
				stored, sealed, r.id); err != nil {
				return err
			}
		}
		return nil
	})
}
