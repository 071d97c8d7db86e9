package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"github.com/reunite/reunite"
)

// Assignment is who is responsible for a family.
type Assignment struct {
	FamilyID     string
	CaseworkerID string // "" when nobody is assigned
	AttorneyID   string // optional
}

// StaffMember is a user who may be assigned to families.
type StaffMember struct {
	ID   string
	Name string
	Role Role
}

// StaffMembers lists the office's active staff, for assignment and the
// office view's filter. Staff only.
func (s *Store) StaffMembers(ctx context.Context, a Actor) (out []StaffMember, err error) {
	defer wrap(&err, "store.StaffMembers")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	// Kept on SQLite until the next write, a second at most (kept.go).
	now := s.now()
	list, ok, gen := s.staff.get(a.org, now)
	if ok {
		return slices.Clone(list), nil
	}
	// A read-only transaction: on SQLite a write one would queue every
	// "needs action" page behind the writer.
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.StaffMembers */
			SELECT id, name_enc, role FROM users WHERE org_id = ? AND role <> ? AND disabled_at IS NULL ORDER BY login`,
			a.org, string(RoleClient))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m StaffMember
			var name []byte
			var role string
			if err := rows.Scan(&m.ID, &name, &role); err != nil {
				return err
			}
			plain, err := t.openFor(ctx, a.org, name, aad("users", "name", m.ID))
			if err != nil {
				return err
			}
			m.Name, m.Role = string(plain), Role(role)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err == nil {
		s.staff.put(a.org, slices.Clone(out), now, gen)
	}
	return out, err
}

// Assign makes caseworker (and attorney, optional) responsible for a
// family; "" clears. Both must be active staff of the office, and an
// attorney a representative or an administrator. Staff only.
func (s *Store) Assign(ctx context.Context, a Actor, familyID, caseworker, attorney string) (err error) {
	defer wrap(&err, "store.Assign(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		for _, c := range []struct {
			id, field string
			roles     []Role
		}{
			{caseworker, "caseworker", []Role{RoleCaseworker, RoleRepresentative, RoleAdmin}},
			{attorney, "attorney", []Role{RoleRepresentative, RoleAdmin}},
		} {
			if c.id == "" {
				continue
			}
			var role string
			err := t.queryRow(ctx, `/* store.Assign */ SELECT role FROM users WHERE id = ? AND org_id = ? AND disabled_at IS NULL`,
				c.id, a.org).Scan(&role)
			if err == sql.ErrNoRows {
				return fmt.Errorf("%w: %s %q is not an active user of the office", ErrInvalid, c.field, c.id)
			} else if err != nil {
				return err
			}
			ok := false
			for _, r := range c.roles {
				ok = ok || Role(role) == r
			}
			if !ok {
				return fmt.Errorf("%w: %s %q is a %s", ErrInvalid, c.field, c.id, role)
			}
		}
		if err := t.audit(ctx, a, ActionFamilyAssign, familyID, "caseworker "+caseworker+" attorney "+attorney); err != nil {
			return err
		}
		_, err := t.exec(ctx, `/* store.Assign */
			INSERT INTO family_assignments (family_id, org_id, caseworker_id, attorney_id, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (family_id) DO UPDATE SET caseworker_id = excluded.caseworker_id, attorney_id = excluded.attorney_id,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			familyID, a.org, nullString(caseworker), nullString(attorney), micros(t.now), a.user)
		if err != nil {
			return err
		}
		return t.reindexDue(ctx, familyID)
	})
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// AssignmentOf returns who is responsible for a family.
func (s *Store) AssignmentOf(ctx context.Context, a Actor, familyID string) (out Assignment, err error) {
	defer wrap(&err, "store.AssignmentOf(%s)", familyID)
	if err := a.check(true); err != nil {
		return out, err
	}
	out.FamilyID = familyID
	// A read: a read-only transaction does not queue for SQLite's write lock.
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		var cw, at sql.NullString
		err := t.queryRow(ctx, `/* store.AssignmentOf */
			SELECT caseworker_id, attorney_id FROM family_assignments WHERE family_id = ? AND org_id = ?`,
			familyID, a.org).Scan(&cw, &at)
		if err == sql.ErrNoRows {
			return nil
		}
		out.CaseworkerID, out.AttorneyID = cw.String, at.String
		return err
	})
	return out, err
}

// ActionItem is one line of the office's "needs action" list.
type ActionItem struct {
	FamilyID     string
	MemberID     string // "" for a family-wide date
	Kind         string // a tracking.DueKind, "file_by", "turns_21" or a risk.Due kind
	Due          reunite.Date
	Notice       reunite.Date // zero for the dates of the law
	CheckNotice  bool
	CaseworkerID string
	AttorneyID   string
	TaskID       string // for a task (kind "task"): its id; its title stays sealed
	AssigneeID   string // for a task: who is responsible for it, if anyone
	Label        string // the family's label, when DueQuery.Labels asked for it
}

// Kinds of action items that come from a family's assessment rather than
// its petitions' events.
const (
	ActionFileBy  = "file_by"  // the two-year filing deadline
	ActionTurns21 = "turns_21" // a child's 21st birthday, the age not fixed
	ActionTask    = "task"     // an open task with a due day (tasks.go)
)

// NeedsAction lists what is due on or before through across every family
// the actor may see, overdue first, soonest first: the petitions' open due
// dates, and for a relative whose petition is not yet mailed the filing
// deadline and a 21st birthday that would end the petition. assignee, when
// set, keeps the families whose caseworker or attorney it is; limit, when
// above 0, keeps the first items only (a page). Audited as one list entry
// with the count.
func (s *Store) NeedsAction(ctx context.Context, a Actor, through reunite.Date, assignee string, limit int) ([]ActionItem, error) {
	return s.NeedsActionPage(ctx, a, DueQuery{Through: through, Assignee: assignee, Limit: limit})
}

// DueQuery asks for one page of the needs-action list: the items due on or
// before Through (of Assignee's families and tasks when set), the first
// Limit of them (all for 0) after After.
type DueQuery struct {
	Through  reunite.Date
	Assignee string
	Limit    int
	After    DueKey
	// Labels opens each listed family's label in the same read, which a
	// page showing them would otherwise ask of FamilyLabels afterwards:
	// a second query, transaction and audit entry.
	Labels bool
}

// DueKey places a page of the needs-action list after an item: by its due
// day and family, and how many items of that family and day were shown
// before (the list's order goes on by relative, kind and task, but member
// ids, often first names, stay out of page addresses). The key is stored
// data, not a rank computed from today, so pages stay put as days pass; an
// item of the boundary's family and day done between two pages may shift
// the next page by one item. The zero key is the start of the list.
type DueKey struct {
	Due      reunite.Date
	FamilyID string
	Seen     int
}

// Next returns the key of the page after items, a page read from k.
func (k DueKey) Next(items []ActionItem) DueKey {
	if len(items) == 0 {
		return k
	}
	last := items[len(items)-1]
	next := DueKey{Due: last.Due, FamilyID: last.FamilyID}
	for i := len(items) - 1; i >= 0 && items[i].Due == last.Due && items[i].FamilyID == last.FamilyID; i-- {
		next.Seen++
	}
	if next.Seen == len(items) && k.Due == next.Due && k.FamilyID == next.FamilyID {
		next.Seen += k.Seen // the whole page was that family's items of that day
	}
	return next
}

// NeedsActionPage is NeedsAction for one page: it reads the derived index
// due_items (due_index.go) in its order from the page's key, so a page
// reads about as many rows as it shows.
func (s *Store) NeedsActionPage(ctx context.Context, a Actor, q DueQuery) (out []ActionItem, err error) {
	defer wrap(&err, "store.NeedsAction(%s)", q.Through)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if q.Through.IsZero() {
		return nil, fmt.Errorf("%w: the last day is needed", ErrInvalid)
	}
	if q.Limit < 0 || q.After.Seen < 0 {
		return nil, fmt.Errorf("%w: page of %d items after %d", ErrInvalid, q.Limit, q.After.Seen)
	}
	if err := s.ensureDueIndex(ctx, a); err != nil {
		return nil, err
	}
	query := `/* store.NeedsAction */
		SELECT d.family_id, d.member_id, d.kind, d.due, d.notice, d.check_notice, d.caseworker_id, d.attorney_id,
			d.task_id, d.assignee_id`
	if q.Labels {
		// The items in their order, then each family's label by its key
		// (CROSS JOIN keeps SQLite from starting with the families).
		query += `, f.label_enc FROM due_items d CROSS JOIN families f
		WHERE f.id = d.family_id AND f.org_id = d.org_id AND d.org_id = ? AND d.due <= ?`
	} else {
		query += ` FROM due_items d WHERE d.org_id = ? AND d.due <= ?`
	}
	args := []any{a.org, q.Through.String()}
	if a.role == RoleClient {
		query += ` AND d.family_id = ?`
		args = append(args, a.family)
	}
	if q.Assignee != "" {
		// A task's own assignee counts besides the family's caseworker
		// and attorney (assignee_id is empty on the other items).
		query += ` AND (d.caseworker_id = ? OR d.attorney_id = ? OR d.assignee_id = ?)`
		args = append(args, q.Assignee, q.Assignee, q.Assignee)
	}
	skip := 0
	if !q.After.Due.IsZero() {
		query += ` AND (d.due, d.family_id) >= (?, ?)`
		args = append(args, q.After.Due.String(), q.After.FamilyID)
		skip = q.After.Seen
	}
	query += ` ORDER BY d.due, d.family_id, d.member_id, d.kind, d.task_id`
	if q.Limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(q.Limit+skip)
	}
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		labels := map[string]string{} // a family's items share its label
		if q.Limit > 0 {
			out = make([]ActionItem, 0, q.Limit)
		}
		// One set of places to scan into, for every row: a page has
		// hundreds, and new ones for each were a quarter of the page's
		// garbage.
		var (
			it                       ActionItem
			due                      string
			notice, cw, at, assigned sql.NullString
			check                    int
			sealed                   []byte
		)
		dest := []any{&it.FamilyID, &it.MemberID, &it.Kind, &due, &notice, &check, &cw, &at, &it.TaskID, &assigned}
		if q.Labels {
			dest = append(dest, &sealed)
		}
		for rows.Next() {
			it = ActionItem{}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			it.AssigneeID = assigned.String
			it.Due, it.Notice = dateOrZero(sql.NullString{String: due, Valid: true}), dateOrZero(notice)
			it.CheckNotice, it.CaseworkerID, it.AttorneyID = check != 0, cw.String, at.String
			if skip > 0 && it.Due == q.After.Due && it.FamilyID == q.After.FamilyID {
				skip-- // shown on the page before
				continue
			}
			if q.Limit > 0 && len(out) == q.Limit {
				break // an item skipped before was done since
			}
			if q.Labels {
				label, ok := labels[it.FamilyID]
				if !ok {
					plain, err := t.openFor(ctx, a.org, sealed, aad("families", "label", it.FamilyID))
					if err != nil {
						return err
					}
					label = string(plain)
					labels[it.FamilyID] = label
				}
				it.Label = label
			}
			out = append(out, it)
		}
		return rows.Err()
	})
	if err == nil {
		detail := "needs action " + strconv.Itoa(len(out))
		if q.Labels {
			detail += " with labels"
		}
		err = s.logRead(ctx, a, ActionFamilyList, "", detail)
	}
	return out, err
}
