package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/reunite/reunite"
)

// Event is something that happened in a case, for its timeline: a filing,
// a receipt notice, an interview. Kind is a short code chosen by the
// caller; Detail is free text and sealed.
type Event struct {
	ID        string
	FamilyID  string
	Kind      string
	At        time.Time
	Detail    string
	CreatedBy string
}

// Task is something to do in a case, with an optional due day, about
// the family or one relative, and optionally someone responsible for it.
type Task struct {
	ID         string
	FamilyID   string
	MemberID   string // "" for the family as a whole
	Title      string
	Due        reunite.Date
	AssigneeID string // "" when nobody is named
	Done       bool
	DoneAt     time.Time
	CreatedAt  time.Time
	CreatedBy  string
}

// AddEvent records an event of a family. Staff only.
func (s *Store) AddEvent(ctx context.Context, a Actor, familyID, kind string, at time.Time, detail string) (e *Event, err error) {
	defer wrap(&err, "store.AddEvent(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if kind == "" {
		return nil, fmt.Errorf("%w: an event needs a kind", ErrInvalid)
	}
	e = &Event{ID: newID("e"), FamilyID: familyID, Kind: kind, At: at.UTC(), Detail: detail, CreatedBy: a.user}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionEventAdd, familyID, e.ID+" "+kind); err != nil {
			return err
		}
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, []byte(detail), aad("events", "detail", e.ID))
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.AddEvent */
			INSERT INTO events (id, org_id, family_id, kind, at, detail_enc, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, a.org, familyID, kind, micros(e.At), sealed, a.user)
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Events lists a family's events in time order.
func (s *Store) Events(ctx context.Context, a Actor, familyID string) (out []Event, err error) {
	defer wrap(&err, "store.Events(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.Events */
			SELECT id, kind, at, detail_enc, created_by FROM events WHERE family_id = ? AND org_id = ? ORDER BY at, id`,
			familyID, a.org)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e := Event{FamilyID: familyID}
			var at int64
			var sealed []byte
			if err := rows.Scan(&e.ID, &e.Kind, &at, &sealed, &e.CreatedBy); err != nil {
				return err
			}
			detail, err := t.openFor(ctx, a.org, sealed, aad("events", "detail", e.ID))
			if err != nil {
				return err
			}
			e.At, e.Detail = fromMicros(at), string(detail)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyRead, familyID, "events")
	}
	return out, err
}

// AddTask records a task of a family. Staff only.
func (s *Store) AddTask(ctx context.Context, a Actor, familyID, title string, due reunite.Date) (*Task, error) {
	return s.AddTaskFor(ctx, a, NewTask{FamilyID: familyID, Title: title, Due: due})
}

// OpenTasks lists the open tasks due between from and to (both included)
// of every family the actor may see, soonest first: an office's to-do list.
// Audited as one list entry with the count.
func (s *Store) OpenTasks(ctx context.Context, a Actor, from, to reunite.Date) (out []Task, err error) {
	defer wrap(&err, "store.OpenTasks(%s, %s)", from, to)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if from.IsZero() || to.IsZero() {
		return nil, fmt.Errorf("%w: both days are needed", ErrInvalid)
	}
	scope, args := a.familyScope()
	err = s.readTx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.OpenTasks */
			SELECT k.id, k.family_id, k.title_enc, k.due, k.created_at, k.created_by
			FROM tasks k JOIN families f ON f.id = k.family_id
			WHERE `+scope+` AND k.org_id = f.org_id AND k.done_at IS NULL AND k.due >= ? AND k.due <= ?
			ORDER BY k.due, k.id`, append(args, from.String(), to.String())...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tk Task
			var sealed []byte
			var due sql.NullString
			var created int64
			if err := rows.Scan(&tk.ID, &tk.FamilyID, &sealed, &due, &created, &tk.CreatedBy); err != nil {
				return err
			}
			title, err := t.openFor(ctx, a.org, sealed, aad("tasks", "title", tk.ID))
			if err != nil {
				return err
			}
			tk.Title, tk.Due, tk.CreatedAt = string(title), dateOrZero(due), fromMicros(created)
			out = append(out, tk)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "open tasks "+strconv.Itoa(len(out)))
	}
	return out, err
}
