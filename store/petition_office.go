package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
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
	err = s.tx(ctx, func(t *txn) error {
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
		return err
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
	err = s.tx(ctx, func(t *txn) error {
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
func (s *Store) NeedsAction(ctx context.Context, a Actor, through reunite.Date, assignee string, limit int) (out []ActionItem, err error) {
	defer wrap(&err, "store.NeedsAction(%s)", through)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if through.IsZero() {
		return nil, fmt.Errorf("%w: the last day is needed", ErrInvalid)
	}
	if err := s.refreshLawDates(ctx, a); err != nil {
		return nil, err
	}
	scope, args := a.familyScope()
	q := `/* store.NeedsAction */
		SELECT d.family_id, d.member_id, d.kind, d.due, d.notice, d.check_notice, g.caseworker_id, g.attorney_id,
			'' AS task_id, NULL AS assignee_id
		FROM petition_due d JOIN families f ON f.id = d.family_id
		LEFT JOIN family_assignments g ON g.family_id = d.family_id
		WHERE ` + scope + ` AND d.org_id = f.org_id AND d.due <= ?
		AND (d.source <> 'law' OR NOT EXISTS (SELECT 1 FROM petition_status p
			WHERE p.family_id = d.family_id AND p.member_id = d.member_id
			AND p.stage NOT IN ('not_started', 'prepared', 'rejected_at_intake')))`
	args = append(args, through.String())
	if assignee != "" {
		q += ` AND (g.caseworker_id = ? OR g.attorney_id = ?)`
		args = append(args, assignee, assignee)
	}
	// The open tasks with a due day join the list (tasks.go); a task's
	// own assignee counts for the filter besides the family's.
	tscope, targs := a.familyScope()
	q += ` UNION ALL SELECT k.family_id, COALESCE(td.member_id, ''), 'task', k.due, NULL, 0, g.caseworker_id, g.attorney_id,
			k.id, td.assignee_id
		FROM tasks k JOIN families f ON f.id = k.family_id
		LEFT JOIN task_details td ON td.task_id = k.id
		LEFT JOIN family_assignments g ON g.family_id = k.family_id
		WHERE ` + tscope + ` AND k.org_id = f.org_id AND k.done_at IS NULL AND k.due IS NOT NULL AND k.due <= ?`
	args = append(append(args, targs...), through.String())
	if assignee != "" {
		q += ` AND (td.assignee_id = ? OR g.caseworker_id = ? OR g.attorney_id = ?)`
		args = append(args, assignee, assignee, assignee)
	}
	q = `SELECT * FROM (` + q + `) u ORDER BY u.due, u.family_id, u.member_id, u.kind, u.task_id`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it ActionItem
			var due string
			var notice, cw, at, assigned sql.NullString
			var check int
			if err := rows.Scan(&it.FamilyID, &it.MemberID, &it.Kind, &due, &notice, &check, &cw, &at, &it.TaskID, &assigned); err != nil {
				return err
			}
			it.AssigneeID = assigned.String
			it.Due, it.Notice = dateOrZero(sql.NullString{String: due, Valid: true}), dateOrZero(notice)
			it.CheckNotice, it.CaseworkerID, it.AttorneyID = check != 0, cw.String, at.String
			out = append(out, it)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "needs action "+strconv.Itoa(len(out)))
	}
	return out, err
}

// refreshLawDates records the filing deadline and the 21st birthdays of
// every family whose recorded dates come from an older version than its
// current one (a family created or saved since), from the stored
// assessment: one sealed assessment opened per changed family, once.
func (s *Store) refreshLawDates(ctx context.Context, a Actor) error {
	scope, args := a.familyScope()
	todo, err := s.familyRefs(ctx, `/* store.refreshLawDates */
		SELECT f.id, f.org_id, f.version FROM families f LEFT JOIN petition_law_version l ON l.family_id = f.id
		WHERE `+scope+` AND (l.version IS NULL OR l.version <> f.version)`, args...)
	if err != nil || len(todo) == 0 {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		for _, st := range todo {
			if err := t.writeLawDates(ctx, st.id, st.org, st.version); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *txn) writeLawDates(ctx context.Context, family, org string, version int) error {
	// The version row is claimed first: of two readers refreshing the same
	// family at once, the second waits on it and then finds nothing to do,
	// instead of writing the dates twice.
	res, err := t.exec(ctx, `/* store.writeLawDates */
		INSERT INTO petition_law_version (family_id, version) VALUES (?, ?)
		ON CONFLICT (family_id) DO UPDATE SET version = excluded.version
		WHERE petition_law_version.version <> excluded.version`, family, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	var sealed []byte
	if err := t.queryRow(ctx, `/* store.writeLawDates */ SELECT body_enc FROM assessments WHERE family_id = ? AND version = ?`,
		family, version).Scan(&sealed); err != nil {
		return err
	}
	body, err := t.openFor(ctx, org, sealed, aad("assessments", "body", family+"/"+strconv.Itoa(version)))
	if err != nil {
		return err
	}
	var as law.Assessment
	if err := json.Unmarshal(body, &as); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.writeLawDates */ DELETE FROM petition_due WHERE family_id = ? AND source = 'law'`, family); err != nil {
		return err
	}
	add := func(member, kind string, d reunite.Date) error {
		_, err := t.exec(ctx, `/* store.writeLawDates */
			INSERT INTO petition_due (org_id, family_id, member_id, kind, due, notice, check_notice, source)
			VALUES (?, ?, ?, ?, ?, NULL, 0, 'law')`, org, family, member, kind, d.String())
		return err
	}
	for _, p := range as.Petitions {
		if p.Verdict == law.Ineligible {
			continue // no petition to file
		}
		if fb := as.Deadline.FileBy; fb != nil && !fb.IsZero() {
			if err := add(p.Member, ActionFileBy, *fb); err != nil {
				return err
			}
		}
		for _, h := range p.Hints {
			if h.Kind == "turns_21" && h.Date != nil {
				if err := add(p.Member, ActionTurns21, *h.Date); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
