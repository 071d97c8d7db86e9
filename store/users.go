package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// User is a person who signs in: staff of an organization or a client.
type User struct {
	ID        string
	OrgID     string
	Login     string
	Name      string
	Role      Role
	FamilyID  string // clients only
	CreatedAt time.Time
	Disabled  bool
}

// NewUser describes a user to create.
type NewUser struct {
	Login    string // unique across the database; may be a pseudonym
	Name     string // sealed
	Role     Role
	FamilyID string // required for clients, empty for staff
}

// CreateOrg creates an organization with its data key and its first
// administrator, and returns that administrator as an Actor. It is the one
// way into an empty database, used when an office is set up.
func (s *Store) CreateOrg(ctx context.Context, name string, admin NewUser) (a Actor, err error) {
	defer wrap(&err, "store.CreateOrg(%q)", name)
	if strings.TrimSpace(name) == "" {
		return Actor{}, fmt.Errorf("%w: an organization needs a name", ErrInvalid)
	}
	admin.Role = RoleAdmin
	admin.FamilyID = ""
	org := newID("o")
	a = Actor{user: newID("u"), org: org, role: RoleAdmin}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionOrgCreate, "", ""); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `/* store.CreateOrg */ INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)`,
			org, name, micros(t.now)); err != nil {
			return err
		}
		if err := t.createDataKey(ctx, org); err != nil {
			return err
		}
		return t.insertUser(ctx, a.user, org, admin)
	})
	if err != nil {
		return Actor{}, err
	}
	return a, nil
}

// CreateUser adds a user to the actor's organization. Admins only; a
// client's family must belong to the organization.
func (s *Store) CreateUser(ctx context.Context, a Actor, u NewUser) (id string, err error) {
	defer wrap(&err, "store.CreateUser") // not the login: errors reach the server's log, and a login may be a name
	if err := a.check(a.role == RoleAdmin); err != nil {
		return "", err
	}
	if !u.Role.valid() {
		return "", fmt.Errorf("%w: no role %q", ErrInvalid, u.Role)
	}
	if (u.Role == RoleClient) != (u.FamilyID != "") {
		return "", fmt.Errorf("%w: a client, and only a client, belongs to one family", ErrInvalid)
	}
	id = newID("u")
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionUserCreate, u.FamilyID, id); err != nil {
			return err
		}
		if u.FamilyID != "" {
			var n int
			if err := t.queryRow(ctx, `/* store.CreateUser */ SELECT COUNT(*) FROM families WHERE id = ? AND org_id = ?`,
				u.FamilyID, a.org).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("family %s: %w", u.FamilyID, ErrNotFound)
			}
		}
		return t.insertUser(ctx, id, a.org, u)
	})
	return id, err
}

func (t *txn) insertUser(ctx context.Context, id, org string, u NewUser) error {
	if strings.TrimSpace(u.Login) == "" {
		return fmt.Errorf("%w: a user needs a login", ErrInvalid)
	}
	// Logins differing only in letter case are one login: the sign-in
	// lockout counts failures per login whatever its case, so "Selam" must
	// not be able to lock "selam" out, and people do not keep case in mind.
	stored, sealedLogin, err := t.storedLogin(ctx, id, org, u)
	if err != nil {
		return err
	}
	// Taken as a staff login in clear or as a client's blind index: one
	// typed login must name one user at sign-in. The web application
	// generates client logins, so this tells no office about another's
	// clients (only about logins chosen before that, on the command line).
	index := ""
	if ix, err := t.s.clientLoginIndexer(ctx, t.queryRow); err != nil {
		return err
	} else if ix != nil {
		index = ix(u.Login)
	}
	var n int
	if err := t.queryRow(ctx, `/* store.insertUser */ SELECT COUNT(*) FROM users WHERE lower(login) = lower(?) OR login = ?`,
		u.Login, index).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%w: the login is taken", ErrConflict)
	}
	name, err := t.sealFor(ctx, org, []byte(u.Name), aad("users", "name", id))
	if err != nil {
		return err
	}
	var family any
	if u.FamilyID != "" {
		family = u.FamilyID
	}
	_, err = t.exec(ctx, `/* store.insertUser */
		INSERT INTO users (id, org_id, login, login_enc, name_enc, role, family_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id, org, stored, sealedLogin, name, string(u.Role), family, micros(t.now))
	return err
}

// ActorFor returns the actor for a user who has signed in. Disabled users
// get ErrForbidden.
func (s *Store) ActorFor(ctx context.Context, userID string) (Actor, error) {
	return s.actorWhere(ctx, "id", userID)
}

// ActorByLogin returns the actor for a login name. It is for the command
// line, where the operator who holds the master key names the user to act
// as, and for sign-in after the password has been checked.
func (s *Store) ActorByLogin(ctx context.Context, login string) (Actor, error) {
	clear, index, err := s.loginCandidates(ctx, login)
	if err != nil {
		return Actor{}, err
	}
	a, err := s.actorWhere(ctx, "login", clear)
	if errors.Is(err, ErrNotFound) && index != "" {
		return s.actorWhere(ctx, "login", index)
	}
	return a, err
}

func (s *Store) actorWhere(ctx context.Context, col, val string) (a Actor, err error) {
	defer wrap(&err, "store.Actor(%s)", val)
	var (
		role     string
		family   sql.NullString
		disabled sql.NullInt64
	)
	err = s.db.QueryRowContext(ctx, s.q(`/* store.Actor */
		SELECT id, org_id, role, family_id, disabled_at FROM users WHERE `+col+` = ?`), val).
		Scan(&a.user, &a.org, &role, &family, &disabled)
	if err != nil {
		return Actor{}, notFound(err)
	}
	if disabled.Valid {
		return Actor{}, fmt.Errorf("user disabled: %w", ErrForbidden)
	}
	a.role, a.family = Role(role), family.String
	return a, nil
}

// Users lists the users of the actor's organization. Admins only.
func (s *Store) Users(ctx context.Context, a Actor) (out []User, err error) {
	defer wrap(&err, "store.Users")
	if err := a.check(a.role == RoleAdmin); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.Users */
			SELECT id, login, login_enc, name_enc, role, family_id, created_at, disabled_at FROM users WHERE org_id = ? ORDER BY role <> 'client' DESC, login`, a.org)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				u        = User{OrgID: a.org}
				name     []byte
				sealed   []byte
				role     string
				family   sql.NullString
				created  int64
				disabled sql.NullInt64
			)
			if err := rows.Scan(&u.ID, &u.Login, &sealed, &name, &role, &family, &created, &disabled); err != nil {
				return err
			}
			if u.Login, err = t.openLogin(ctx, a.org, u.ID, u.Login, sealed); err != nil {
				return err
			}
			plain, err := t.openFor(ctx, a.org, name, aad("users", "name", u.ID))
			if err != nil {
				return err
			}
			u.Name, u.Role, u.FamilyID = string(plain), Role(role), family.String
			u.CreatedAt, u.Disabled = fromMicros(created), disabled.Valid
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// DisableUser stops a user of the actor's organization from acting. Admins
// only; users are disabled, never deleted, so the audit log keeps naming them.
func (s *Store) DisableUser(ctx context.Context, a Actor, userID string) (err error) {
	defer wrap(&err, "store.DisableUser(%s)", userID)
	if err := a.check(a.role == RoleAdmin); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionUserDisable, "", userID); err != nil {
			return err
		}
		res, err := t.exec(ctx, `/* store.DisableUser */ UPDATE users SET disabled_at = ? WHERE id = ? AND org_id = ? AND disabled_at IS NULL`,
			micros(t.now), userID, a.org)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
