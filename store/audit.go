package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// The audit log is append-only and hash-chained: each entry's link covers
// its content and the previous entry's link, so changing, removing or
// moving an entry breaks the chain from there on. The links are HMACs under
// a key wrapped by the master key (audit_key.go), so someone who can write
// to the database but has no master key cannot recompute them. audit_head
// keeps the last link, so that cutting off the newest entries is noticed
// unless the head is moved back too; heads recorded outside the database
// (audit_pin.go) catch even that. Writers lock audit_head first thing in
// their transaction, which orders the chain and keeps concurrent writers
// (several servers on one PostgreSQL) from deadlocking on each other.

// Audit actions.
const (
	ActionFamilyCreate   = "family.create"
	ActionFamilyUpdate   = "family.update"
	ActionFamilyRead     = "family.read"
	ActionFamilyList     = "family.list"
	ActionFamilyExport   = "family.export"
	ActionDocumentAdd    = "document.add"
	ActionDocumentRead   = "document.read"
	ActionEventAdd       = "event.add"
	ActionTaskAdd        = "task.add"
	ActionTaskDone       = "task.done"
	ActionUserCreate     = "user.create"
	ActionUserDisable    = "user.disable"
	ActionOrgCreate      = "org.create"
	ActionKeysRotate     = "keys.rotate"
	ActionBackupRestored = "backup.restore"
	ActionUserUnlock     = "user.unlock"
	ActionSignIn         = "signin"
	ActionSignInRefused  = "signin.refused"
	ActionAccessRefused  = "access.refused"
)

// AuditEntry is one line of the audit log. Detail never holds case data,
// only ids and counts.
type AuditEntry struct {
	Seq      int64
	At       time.Time
	ActorID  string
	OrgID    string
	Action   string
	FamilyID string
	Detail   string
	PrevHash []byte
	Hash     []byte
}

// audit appends an entry. Call it first in a transaction (see above).
func (t *txn) audit(ctx context.Context, a Actor, action, family, detail string) error {
	return t.auditAt(ctx, a, t.now, action, family, detail)
}

// auditAt appends an entry made at a given time.
func (t *txn) auditAt(ctx context.Context, a Actor, now time.Time, action, family, detail string) error {
	return t.auditMany(ctx, []auditIn{{a: a, at: now, action: action, family: family, detail: detail}})
}

// auditEntries appends the entries of the writer of reads (audit_writer.go)
// as one batch, readEntriesPerInsert at a time.
func (t *txn) auditEntries(ctx context.Context, entries []*auditRequest) error {
	es := make([]auditIn, len(entries))
	for i, e := range entries {
		es[i] = auditIn{a: e.a, at: e.at, action: e.action, family: e.family, detail: e.detail}
	}
	return t.appendAudit(ctx, es, readEntriesPerInsert)
}

// readEntriesPerInsert is how many entries of reads one insert writes,
// after which the writer of reads lets the pages run (runtime.Gosched).
// A batch of reads is a hundred entries or more under load, several
// milliseconds of the processor in SQLite without a pause; meanwhile the
// pages being computed had one core for two (web/turns.go), and the
// requests that came then were the slowest. In inserts of 8 with a
// pause between, the same work is shared with the pages: the dashboard's
// p99 fell by about a tenth in scripts/load (docs/web.md, 2026-12-03).
const readEntriesPerInsert = 8

// auditIn is an entry to append.
type auditIn struct {
	a                      Actor
	at                     time.Time
	action, family, detail string
}

// auditMany appends entries in their order, chained as auditAt chains them
// one by one, with one read and one update of the head and as few inserts
// as the engine allows (an import writes hundreds at once).
func (t *txn) auditMany(ctx context.Context, es []auditIn) error {
	return t.appendAudit(ctx, es, len(es))
}

// appendAudit is auditMany writing at most per entries an insert and
// letting other goroutines run between two inserts.
func (t *txn) appendAudit(ctx context.Context, es []auditIn, per int) error {
	if len(es) == 0 {
		return nil
	}
	seq, prev, err := t.lockAuditHead(ctx)
	if err != nil {
		return err
	}
	// The chain key starts at the first entry written after it was made,
	// so one key serves every entry of the batch.
	k, err := t.auditKey(ctx, seq+1)
	if err != nil {
		return fmt.Errorf("audit key: %w", err)
	}
	rows := make([][]any, len(es))
	for i, e := range es {
		seq++
		at := micros(e.at)
		hash := k.entryHash(seq, prev, at, e.a.user, e.a.org, e.action, e.family, e.detail)
		rows[i] = []any{seq, at, e.a.user, e.a.org, e.action, e.family, e.detail, prev, hash}
		prev = hash
	}
	for start := 0; start < len(rows); start += per {
		if start > 0 {
			runtime.Gosched()
		}
		if err := t.insertRows(ctx, `/* store.audit */
		INSERT INTO audit_log (seq, at, actor_id, org_id, action, family_id, detail, prev_hash, hash)`, "", rows[start:min(start+per, len(rows))]); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	_, err = t.exec(ctx, `/* store.audit */ UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, seq, prev)
	return err
}

// AuditProblem is one break in the chain.
type AuditProblem struct {
	Seq  int64  // the entry at fault, or the first one missing
	Kind string // "edited", "deleted", "reordered"
	Text string
}

func (p AuditProblem) String() string { return p.Text }

// AuditReport is the result of VerifyAudit.
type AuditReport struct {
	Entries  int64
	Head     []byte // the last hash: record it elsewhere to pin the log
	HeadSeq  int64
	Problems []AuditProblem
}

// OK reports whether the log verified.
func (r *AuditReport) OK() bool { return len(r.Problems) == 0 }

// HeadHex is the last hash in hex.
func (r *AuditReport) HeadHex() string { return hex.EncodeToString(r.Head) }

func (r *AuditReport) add(seq int64, kind, format string, args ...any) {
	r.Problems = append(r.Problems, AuditProblem{Seq: seq, Kind: kind, Text: fmt.Sprintf(format, args...)})
}

// VerifyAudit walks the whole audit log and reports every entry that was
// edited, deleted or moved, every pin (a head recorded outside the
// database) the log no longer holds, and every missing append-only
// trigger. It needs the master key (the chain is keyed). It is a
// maintenance operation: the log holds no case data, only ids and actions.
func (s *Store) VerifyAudit(ctx context.Context, pins ...AuditPin) (r *AuditReport, err error) {
	defer wrap(&err, "store.VerifyAudit")
	if err := s.flushReads(ctx); err != nil {
		return nil, err
	}
	r = &AuditReport{}
	// One snapshot for the entries, the key and the head: another server
	// appending between reading the entries and reading the head would
	// otherwise look like the newest entries deleted.
	q, done, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	rows, err := q.QueryContext(ctx, `/* store.VerifyAudit */
		SELECT seq, at, actor_id, org_id, action, family_id, detail, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var entries []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.OrgID, &e.Action, &e.FamilyID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = fromMicros(at)
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	k, err := s.loadAuditKey(ctx, q.QueryRowContext)
	if errors.Is(err, sql.ErrNoRows) {
		k = nil // nothing written since the chain was keyed: all plain links
	} else if err != nil {
		return nil, err
	}
	// Where does each stored hash sit? A link that points at another entry
	// than the one before it means the entries were moved.
	bySeq := map[string]int64{}
	for _, e := range entries {
		bySeq[string(e.Hash)] = e.Seq
	}
	add := r.add
	hashes := make(map[int64][]byte, len(entries))
	prev := make([]byte, sha256.Size)
	var lastSeq int64
	for _, e := range entries {
		r.Entries++
		want := k.entryHash(e.Seq, e.PrevHash, micros(e.At), e.ActorID, e.OrgID, e.Action, e.FamilyID, e.Detail)
		edited := !bytes.Equal(want, e.Hash)
		if edited {
			add(e.Seq, "edited", "audit entry %d was edited: its content does not match its hash", e.Seq)
		}
		switch {
		case e.Seq > lastSeq+1:
			if e.Seq == lastSeq+2 {
				add(lastSeq+1, "deleted", "audit entry %d was deleted", lastSeq+1)
			} else {
				add(lastSeq+1, "deleted", "audit entries %d to %d were deleted", lastSeq+1, e.Seq-1)
			}
		case bytes.Equal(e.PrevHash, prev):
		case edited:
			// Already reported; its stored link is not trustworthy.
		default:
			if at, ok := bySeq[string(e.PrevHash)]; ok {
				add(e.Seq, "reordered", "audit entry %d is out of order: it was written after entry %d, not after entry %d", e.Seq, at, lastSeq)
			} else {
				add(e.Seq, "deleted", "the audit entry written before entry %d was deleted (the entries were renumbered)", e.Seq)
			}
		}
		prev, lastSeq = e.Hash, e.Seq
		hashes[e.Seq] = e.Hash
	}
	var headSeq int64
	var headHash []byte
	if err := q.QueryRowContext(ctx, `/* store.VerifyAudit */ SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return nil, fmt.Errorf("audit head: %w", err)
	}
	switch {
	case headSeq > lastSeq:
		add(lastSeq+1, "deleted", "audit entries %d to %d (the newest) were deleted", lastSeq+1, headSeq)
	case headSeq < lastSeq || !bytes.Equal(headHash, prev):
		add(lastSeq, "edited", "the audit head does not match entry %d", lastSeq)
	}
	r.Head, r.HeadSeq = prev, lastSeq
	r.checkPins(pins, hashes, lastSeq)
	if err := s.checkGuards(ctx, r); err != nil {
		return nil, fmt.Errorf("audit triggers: %w", err)
	}
	return r, nil
}

// AuditLog returns the audit entries about one family, oldest first. Staff
// of the family's organization may read it (an admin sees who looked at
// what); clients may not.
func (s *Store) AuditLog(ctx context.Context, a Actor, familyID string) (out []AuditEntry, err error) {
	defer wrap(&err, "store.AuditLog(%s)", familyID)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	if err := s.flushReads(ctx); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		rows, err := t.query(ctx, `/* store.AuditLog */
			SELECT seq, at, actor_id, org_id, action, family_id, detail, prev_hash, hash
			FROM audit_log WHERE family_id = ? AND org_id = ? ORDER BY seq`, familyID, a.org)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var at int64
			if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.OrgID, &e.Action, &e.FamilyID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
				return err
			}
			e.At = fromMicros(at)
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// lockAuditHead reads the head of the audit chain and, on PostgreSQL,
// locks it until the transaction ends: writers take it first thing, so
// they queue there rather than on each other's rows (SQLite has one
// writer at a time anyway).
func (t *txn) lockAuditHead(ctx context.Context) (seq int64, hash []byte, err error) {
	lock := ""
	if t.s.engine == Postgres {
		lock = " FOR UPDATE"
	}
	if err := t.queryRow(ctx, `/* store.audit */ SELECT seq, hash FROM audit_head WHERE id = 1`+lock).Scan(&seq, &hash); err != nil {
		return 0, nil, fmt.Errorf("audit head: %w", err)
	}
	return seq, hash, nil
}
