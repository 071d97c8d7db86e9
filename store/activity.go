package store

import (
	"context"
	"strconv"
	"time"
)

// The activity feed of a family is its audit log's changes (reads, lists
// and refusals left out), newest first, with who made them: one source of
// truth, which also holds what partner offices did through a share (their
// entries are written in the family's office too, shares.go). The log
// keeps ids and counts only, so the feed never shows case data.

// ActivityEntry is one change to a family.
type ActivityEntry struct {
	At        time.Time
	ActorID   string
	ActorName string
	ActorOrg  string // another office than the family's for a partner
	Action    string // an Action* code
	Detail    string // ids and counts, as in the audit log
}

// notActivity are the audit actions that change nothing.
var notActivity = []any{ActionFamilyRead, ActionFamilyList, ActionFamilyExport, ActionDocumentRead, ActionAccessRefused}

// Activity lists the latest changes to a family (at most limit; 0 means
// 100). Staff of the family's office only: a partner sees what was shared,
// not the office's work on the rest.
func (s *Store) Activity(ctx context.Context, a Actor, familyID string, limit int) (out []ActivityEntry, err error) {
	defer wrap(&err, "store.Activity(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	err = s.readTx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		args := append([]any{familyID, a.org}, notActivity...)
		rows, err := t.query(ctx, `/* store.Activity */
			SELECT l.at, l.actor_id, l.action, l.detail, u.org_id, u.name_enc
			FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
			WHERE l.family_id = ? AND l.org_id = ? AND l.action NOT IN (?, ?, ?, ?, ?)
			ORDER BY l.seq DESC LIMIT `+strconv.Itoa(limit), args...)
		if err != nil {
			return err
		}
		type row struct {
			e    ActivityEntry
			name []byte
		}
		var rs []row
		for rows.Next() {
			var r row
			var at int64
			var org *string
			if err := rows.Scan(&at, &r.e.ActorID, &r.e.Action, &r.e.Detail, &org, &r.name); err != nil {
				rows.Close()
				return err
			}
			r.e.At = fromMicros(at)
			if org != nil {
				r.e.ActorOrg = *org
			}
			rs = append(rs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range rs {
			if r.name != nil {
				name, err := t.openFor(ctx, r.e.ActorOrg, r.name, aad("users", "name", r.e.ActorID))
				if err != nil {
					return err
				}
				r.e.ActorName = string(name)
			}
			out = append(out, r.e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.logRead(ctx, a, ActionFamilyRead, familyID, "activity")
}
