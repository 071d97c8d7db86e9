package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/reunite/reunite/tracking"
)

// The program manager's overview of the office: what it counts comes from
// the clear stage table, and the time each stage took from the sealed
// events (opened here, never shown one by one). Administrators and the
// staff they made program managers may read it.

// ActionManagerGrant is the audit action of making or unmaking a program
// manager.
const ActionManagerGrant = "user.manager"

// managerCheck returns ErrForbidden unless the actor is an administrator
// or a program manager of their office.
func (t *txn) managerCheck(ctx context.Context, a Actor) error {
	if err := a.check(a.staff()); err != nil {
		return err
	}
	if a.role == RoleAdmin {
		return nil
	}
	var n int
	if err := t.queryRow(ctx, `/* store.managerCheck */ SELECT COUNT(*) FROM program_managers WHERE user_id = ? AND org_id = ?`,
		a.user, a.org).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrForbidden
	}
	return nil
}

// IsManager reports whether the actor may read the office's overview.
func (s *Store) IsManager(ctx context.Context, a Actor) (bool, error) {
	err := s.tx(ctx, func(t *txn) error { return t.managerCheck(ctx, a) })
	if err == ErrForbidden {
		return false, nil
	}
	return err == nil, err
}

// SetManager makes a staff member of the office a program manager, or not.
// Admins only.
func (s *Store) SetManager(ctx context.Context, a Actor, userID string, on bool) (err error) {
	defer wrap(&err, "store.SetManager(%s)", userID)
	if err := a.check(a.role == RoleAdmin); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		var role string
		if err := t.queryRow(ctx, `/* store.SetManager */ SELECT role FROM users WHERE id = ? AND org_id = ?`, userID, a.org).Scan(&role); err != nil {
			return notFound(err)
		}
		if Role(role) == RoleClient {
			return fmt.Errorf("%w: a client cannot be a program manager", ErrInvalid)
		}
		if err := t.audit(ctx, a, ActionManagerGrant, "", userID+" "+strconv.FormatBool(on)); err != nil {
			return err
		}
		if !on {
			_, err := t.exec(ctx, `/* store.SetManager */ DELETE FROM program_managers WHERE user_id = ? AND org_id = ?`, userID, a.org)
			return err
		}
		_, err := t.exec(ctx, `/* store.SetManager */
			INSERT INTO program_managers (user_id, org_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id) DO NOTHING`, userID, a.org, a.user, micros(t.now))
		return err
	})
}

// Managers lists the ids of the office's program managers. Admins only.
func (s *Store) Managers(ctx context.Context, a Actor) (out map[string]bool, err error) {
	defer wrap(&err, "store.Managers")
	if err := a.check(a.role == RoleAdmin); err != nil {
		return nil, err
	}
	out = map[string]bool{}
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.Managers */ SELECT user_id FROM program_managers WHERE org_id = ?`), a.org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// StageCounts counts the office's petitions by stage (petitions with at
// least one event). Managers only.
func (s *Store) StageCounts(ctx context.Context, a Actor) (out map[tracking.Stage]int, err error) {
	defer wrap(&err, "store.StageCounts")
	out = map[tracking.Stage]int{}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.managerCheck(ctx, a); err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.StageCounts */
			SELECT stage, COUNT(*) FROM petition_status WHERE org_id = ? GROUP BY stage`, a.org)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				return err
			}
			out[tracking.Stage(st)] = n
		}
		return rows.Err()
	})
	return out, err
}

// PetitionHistories returns the events of every petition of the office,
// one history per relative, in order, for the time each stage took.
// Managers only; audited as one list read with the count.
func (s *Store) PetitionHistories(ctx context.Context, a Actor) (out [][]tracking.Event, err error) {
	defer wrap(&err, "store.PetitionHistories")
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.managerCheck(ctx, a); err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.PetitionHistories */
			SELECT id, family_id, member_id, body_enc FROM petition_events WHERE org_id = ? ORDER BY family_id, member_id, seq`, a.org)
		if err != nil {
			return err
		}
		type row struct {
			id, key string
			sealed  []byte
		}
		var all []row
		for rows.Next() {
			var r row
			var family, member string
			if err := rows.Scan(&r.id, &family, &member, &r.sealed); err != nil {
				rows.Close()
				return err
			}
			r.key = family + "\x00" + member
			all = append(all, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		last := ""
		for _, r := range all {
			body, err := t.openFor(ctx, a.org, r.sealed, aad("petition_events", "body", r.id))
			if err != nil {
				return err
			}
			var b eventBody
			if err := json.Unmarshal(body, &b); err != nil {
				return fmt.Errorf("petition event %s: %w", r.id, err)
			}
			if r.key != last {
				out, last = append(out, nil), r.key
			}
			out[len(out)-1] = append(out[len(out)-1], b.event())
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "overview "+strconv.Itoa(len(out)))
	}
	return out, err
}
