package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/reunite/reunite"
)

// Tasks with an assignee and a relative (task_details, migration 00155)
// join the office's "needs action" list (petition_office.go); a partner
// with a write share adds and completes tasks of the relatives shared.

// NewTask is a task to record.
type NewTask struct {
	FamilyID   string
	MemberID   string // "" for the family as a whole
	Title      string
	Due        reunite.Date
	AssigneeID string // "" for nobody
}

// AddTaskFor records a task. Staff of the family's office, and of a
// partner office with a write share covering the relative. The assignee
// must be active staff of the family's office or of the actor's.
func (s *Store) AddTaskFor(ctx context.Context, a Actor, n NewTask) (tk *Task, err error) {
	defer wrap(&err, "store.AddTask(%s)", n.FamilyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	title, err := checkNoteBody(n.Title)
	if err != nil {
		return nil, fmt.Errorf("title: %w", err)
	}
	tk = &Task{ID: newID("t"), FamilyID: n.FamilyID, MemberID: n.MemberID, Title: title, Due: n.Due, AssigneeID: n.AssigneeID, CreatedBy: a.user}
	err = s.tx(ctx, func(t *txn) error {
		r, err := t.reachFamily(ctx, a, n.FamilyID)
		if err != nil {
			return err
		}
		if !r.covers(n.MemberID) {
			return ErrNotFound
		}
		if !r.writable(a) {
			return ErrForbidden
		}
		if err := t.auditReach(ctx, a, r, ActionTaskAdd, n.FamilyID, tk.ID+" "+memberOrFamily(n.MemberID)); err != nil {
			return err
		}
		if n.MemberID != "" {
			rec, err := t.readFamilyIn(ctx, "f.org_id = ?", []any{r.owner}, n.FamilyID, 0)
			if err != nil {
				return err
			}
			if rec.Family.Member(n.MemberID) == nil {
				return fmt.Errorf("%w: member: %q is not a relative of this family", ErrInvalid, n.MemberID)
			}
		}
		if n.AssigneeID != "" {
			var one int
			err := t.queryRow(ctx, `/* store.AddTask */
				SELECT 1 FROM users WHERE id = ? AND org_id IN (?, ?) AND role <> ? AND disabled_at IS NULL`,
				n.AssigneeID, r.owner, a.org, string(RoleClient)).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: assignee: %q is not an active user of the office", ErrInvalid, n.AssigneeID)
			} else if err != nil {
				return err
			}
		}
		sealed, err := t.sealFor(ctx, r.owner, []byte(title), aad("tasks", "title", tk.ID))
		if err != nil {
			return err
		}
		var d sql.NullString
		if !n.Due.IsZero() {
			d = sql.NullString{String: n.Due.String(), Valid: true}
		}
		tk.CreatedAt = t.now
		if _, err := t.exec(ctx, `/* store.AddTask */
			INSERT INTO tasks (id, org_id, family_id, title_enc, due, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			tk.ID, r.owner, n.FamilyID, sealed, d, micros(t.now), a.user); err != nil {
			return err
		}
		if _, err = t.exec(ctx, `/* store.AddTask */ INSERT INTO task_details (task_id, member_id, assignee_id) VALUES (?, ?, ?)`,
			tk.ID, n.MemberID, nullString(n.AssigneeID)); err != nil {
			return err
		}
		return t.reindexDue(ctx, n.FamilyID)
	})
	if err != nil {
		return nil, err
	}
	return tk, nil
}

// CompleteTask marks a task done: staff of the family's office, and a
// partner with a write share covering the task's relative.
func (s *Store) CompleteTask(ctx context.Context, a Actor, taskID string) (err error) {
	defer wrap(&err, "store.CompleteTask(%s)", taskID)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		var family, member string
		var memberNull sql.NullString
		if err := t.queryRow(ctx, `/* store.CompleteTask */
			SELECT k.family_id, d.member_id FROM tasks k LEFT JOIN task_details d ON d.task_id = k.id WHERE k.id = ?`,
			taskID).Scan(&family, &memberNull); err != nil {
			return notFound(err)
		}
		member = memberNull.String
		r, err := t.reachFamily(ctx, a, family)
		if err != nil {
			return err
		}
		if !r.covers(member) {
			return ErrNotFound
		}
		if !r.writable(a) {
			return ErrForbidden
		}
		if err := t.auditReach(ctx, a, r, ActionTaskDone, family, taskID); err != nil {
			return err
		}
		if _, err = t.exec(ctx, `/* store.CompleteTask */ UPDATE tasks SET done_at = ? WHERE id = ? AND org_id = ? AND done_at IS NULL`,
			micros(t.now), taskID, r.owner); err != nil {
			return err
		}
		return t.reindexDue(ctx, family)
	})
}

// Tasks lists a family's tasks that the actor may see, open ones first, by
// due day: all of them for the family's office (its client included), the
// covered relatives' for a partner.
func (s *Store) Tasks(ctx context.Context, a Actor, familyID string) (out []Task, err error) {
	defer wrap(&err, "store.Tasks(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	var r reach
	err = s.readTx(ctx, func(t *txn) error {
		if r, err = t.reachFamily(ctx, a, familyID); err != nil {
			return err
		}
		all, err := t.tasks(ctx, r.owner, `k.family_id = ? AND k.org_id = ?
			ORDER BY CASE WHEN k.done_at IS NULL THEN 0 ELSE 1 END, k.due, k.id`, familyID, r.owner)
		for _, tk := range all {
			if r.covers(tk.MemberID) {
				out = append(out, tk)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.logReach(ctx, a, r, ActionFamilyRead, familyID, "tasks")
}

// tasks reads and opens tasks (k) of one office.
func (t *txn) tasks(ctx context.Context, org, where string, args ...any) ([]Task, error) {
	rows, err := t.query(ctx, `/* store.tasks */
		SELECT k.id, k.family_id, k.title_enc, k.due, k.done_at, k.created_at, k.created_by, d.member_id, d.assignee_id
		FROM tasks k LEFT JOIN task_details d ON d.task_id = k.id WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	type row struct {
		tk     Task
		sealed []byte
	}
	var rs []row
	for rows.Next() {
		var r row
		var due, member, assignee sql.NullString
		var done sql.NullInt64
		var created int64
		if err := rows.Scan(&r.tk.ID, &r.tk.FamilyID, &r.sealed, &due, &done, &created, &r.tk.CreatedBy, &member, &assignee); err != nil {
			rows.Close()
			return nil, err
		}
		r.tk.Due, r.tk.CreatedAt, r.tk.MemberID, r.tk.AssigneeID = dateOrZero(due), fromMicros(created), member.String, assignee.String
		if done.Valid {
			r.tk.Done, r.tk.DoneAt = true, fromMicros(done.Int64)
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Task, 0, len(rs))
	for _, r := range rs {
		title, err := t.openFor(ctx, org, r.sealed, aad("tasks", "title", r.tk.ID))
		if err != nil {
			return nil, err
		}
		r.tk.Title = string(title)
		out = append(out, r.tk)
	}
	return out, nil
}
