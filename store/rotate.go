package store

import (
	"context"
	"fmt"
)

// Operator is the actor the audit log names for maintenance done from the
// command line by whoever holds the master key (rotation, restore).
var operator = Actor{user: "operator"}

// RewrapDataKeys re-wraps every organization's data key with the current
// master key, in one transaction, and returns how many it re-wrapped. The
// data keys themselves do not change, so no sealed value is touched and
// servers keep running: a server started with the old key alone keeps the
// data keys it has already unwrapped, and one started with both keys (the
// key file lists the new key first, then the old) unwraps either. Once every
// server runs with the new key, the old one can be dropped from the file.
func (s *Store) RewrapDataKeys(ctx context.Context) (n int, err error) {
	defer wrap(&err, "store.RewrapDataKeys")
	cur := s.keys.Current
	err = s.tx(ctx, func(t *txn) error {
		n = 0
		if err := t.audit(ctx, operator, ActionKeysRotate, "", "to "+cur.ID()); err != nil {
			return err
		}
		type row struct {
			org      string
			version  uint32
			masterID string
			wrapped  []byte
		}
		rows, err := t.query(ctx, `/* store.RewrapDataKeys */ SELECT org_id, version, master_id, wrapped FROM org_keys WHERE master_id <> ?`, cur.ID())
		if err != nil {
			return err
		}
		var rs []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.org, &r.version, &r.masterID, &r.wrapped); err != nil {
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
			old := s.keys.byID(r.masterID)
			if old == nil {
				return fmt.Errorf("data key %d of %s is wrapped by master key %s, which was not given", r.version, r.org, r.masterID)
			}
			ad := orgKeyAAD(r.org, r.version)
			dek, err := old.unwrapKey(r.wrapped, ad)
			if err != nil {
				return fmt.Errorf("data key %d of %s: %w", r.version, r.org, err)
			}
			wrapped, err := cur.wrapKey(dek, ad)
			if err != nil {
				return err
			}
			if _, err := t.exec(ctx, `/* store.RewrapDataKeys */ UPDATE org_keys SET master_id = ?, wrapped = ? WHERE org_id = ? AND version = ? AND master_id = ?`,
				cur.ID(), wrapped, r.org, r.version, r.masterID); err != nil {
				return err
			}
			n++
		}
		// The audit chain's key is wrapped the same way (not counted: n
		// is the organizations' data keys).
		if _, err := t.rewrapAuditKey(ctx); err != nil {
			return fmt.Errorf("audit key: %w", err)
		}
		return nil
	})
	return n, err
}

// MasterKeysInUse returns the ids of the master keys that wrap at least one
// data key (or the audit chain's key), so that an operator knows when an old key may be retired.
func (s *Store) MasterKeysInUse(ctx context.Context) (ids []string, err error) {
	defer wrap(&err, "store.MasterKeysInUse")
	rows, err := s.db.QueryContext(ctx, `/* store.MasterKeysInUse */
		SELECT master_id FROM org_keys UNION SELECT master_id FROM audit_key ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
