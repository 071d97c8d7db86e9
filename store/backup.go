package store

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// Backups are encrypted with age (scrypt recipient) under a passphrase
// derived from the master key, so that the key file is all one needs to
// restore, and the backup alone reveals nothing, not even the deadlines,
// logins and audit trail that the database keeps in clear. A backup made
// before a rotation needs the master key of its day: keep old key files
// with old backups.
func backupPassphrase(k *MasterKey) string {
	b, err := hkdf.Key(sha256.New, k.key[:], nil, "reunite backup v1", 32)
	if err != nil {
		panic(err) // only for impossible lengths
	}
	return hex.EncodeToString(b)
}

// The passphrase is already a 256-bit random key, so scrypt's work factor
// buys nothing; a low one keeps backups and restores quick.
const backupWorkFactor = 10

// Backup writes an encrypted, consistent snapshot of the whole database to
// w while the store keeps serving: one read transaction sees every table
// as of one moment (a WAL snapshot in SQLite, REPEATABLE READ in
// PostgreSQL). It is a maintenance operation for the holder of the master
// key.
func (s *Store) Backup(ctx context.Context, w io.Writer) (rows int64, err error) {
	defer wrap(&err, "store.Backup")
	if err := s.flushReads(ctx); err != nil {
		return 0, err
	}
	rcpt, err := age.NewScryptRecipient(backupPassphrase(s.keys.Current))
	if err != nil {
		return 0, err
	}
	rcpt.SetWorkFactor(backupWorkFactor)
	enc, err := age.Encrypt(w, rcpt)
	if err != nil {
		return 0, err
	}
	q, done, err := s.snapshot(ctx)
	if err != nil {
		return 0, err
	}
	defer done()
	schema, err := s.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	bw, err := newBackupWriter(enc, backupHeader{Schema: schema, Engine: s.engine, Created: s.now().UTC().Format("2006-01-02T15:04:05Z")})
	if err != nil {
		return 0, err
	}
	for i := range backupTables {
		if err := dumpTable(ctx, q, &backupTables[i], bw); err != nil {
			return 0, err
		}
	}
	if err := bw.close(); err != nil {
		return 0, err
	}
	return bw.rows, enc.Close()
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// snapshot opens a read transaction that sees one moment of the database.
func (s *Store) snapshot(ctx context.Context) (queryer, func(), error) {
	if s.engine == Postgres {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, nil, err
		}
		return tx, func() { tx.Rollback() }, nil
	}
	// The pool opens SQLite transactions with BEGIN IMMEDIATE, which would
	// hold off every writer for the whole backup; a plain BEGIN on a
	// connection of its own takes a WAL read snapshot instead.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
	}, nil
}

func dumpTable(ctx context.Context, q queryer, t *tableSpec, bw *backupWriter) error {
	order := t.cols[0]
	rows, err := q.QueryContext(ctx, "/* store.Backup */ SELECT "+strings.Join(t.cols, ", ")+" FROM "+t.name+" ORDER BY "+order)
	if err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		for i, v := range vals {
			switch v := v.(type) {
			case int32:
				vals[i] = int64(v)
			case int16:
				vals[i] = int64(v)
			}
		}
		if err := bw.row(t, vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Restore loads a backup into this store, which must be empty (freshly
// created: no organizations and no audit entries). Everything is loaded in
// one transaction, and only if every data key in the backup unwraps with
// the store's master keys; a bad or cut-short backup leaves the store as it
// was. The engines may differ.
func (s *Store) Restore(ctx context.Context, r io.Reader) (rows int64, err error) {
	defer wrap(&err, "store.Restore")
	// Restored families may come without their verdict counts (a backup
	// made before they were kept with every version): look again.
	defer s.verdictsChecked.Clear()
	defer s.dueChecked.Clear()
	defer s.derivedBuilt.Clear()
	defer s.labels.reset()
	var ids []age.Identity
	for _, k := range append([]*MasterKey{s.keys.Current}, s.keys.Previous...) {
		id, err := age.NewScryptIdentity(backupPassphrase(k))
		if err != nil {
			return 0, err
		}
		ids = append(ids, id)
	}
	plain, err := age.Decrypt(r, ids...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return 0, errors.New("the backup was not made with this master key (a backup made before a key rotation needs the key of its day)")
		}
		return 0, fmt.Errorf("not a Reunite backup: %w", err)
	}
	schema, err := s.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(t *txn) error {
		rows = 0
		var n int64
		if err := t.queryRow(ctx, `/* store.Restore */ SELECT (SELECT COUNT(*) FROM orgs) + (SELECT seq FROM audit_head WHERE id = 1)`).Scan(&n); err != nil {
			return err
		}
		if n != 0 {
			return fmt.Errorf("%w: restore needs an empty database, and this one holds data", ErrConflict)
		}
		orgs := map[string]bool{}
		err := readBackup(plain, func(h backupHeader) error {
			if h.Schema != schema {
				return fmt.Errorf("the backup has schema version %d and this program %d", h.Schema, schema)
			}
			return nil
		}, func(tb *tableSpec, vals []any) error {
			rows++
			if tb.name == "org_keys" {
				if id, ok := vals[0].(string); ok {
					orgs[id] = true
				}
			}
			if tb.name == "audit_head" {
				_, err := t.exec(ctx, `/* store.Restore */ UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, vals[1], vals[2])
				return err
			}
			_, err := t.exec(ctx, "/* store.Restore */ INSERT INTO "+tb.name+" ("+strings.Join(tb.cols, ", ")+") VALUES ("+marks(len(vals))+")", vals...)
			return err
		})
		if err != nil {
			return err
		}
		for org := range orgs {
			if _, err := t.dataKey(ctx, org, 0); err != nil {
				return err
			}
		}
		// The needs-action and office view indexes are derived, not backed
		// up: built again from the restored rows (due_index.go,
		// office_index.go).
		if err := t.rebuildDueItems(ctx); err != nil {
			return err
		}
		if err := t.rebuildOfficeRows(ctx); err != nil {
			return err
		}
		return t.audit(ctx, operator, ActionBackupRestored, "", fmt.Sprintf("%d rows", rows))
	})
	if err != nil {
		s.mu.Lock()
		clear(s.orgKeys)
		clear(s.auditKeys)
		s.mu.Unlock()
		return 0, err
	}
	return rows, nil
}
