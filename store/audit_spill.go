package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"
)

// On SQLite, a commit by one connection empties the page cache of every
// other connection of the database: each of them reads again, from the
// file, every page its next transaction touches. Under load the writer of
// reads (audit_writer.go) committed a batch of read entries hundreds of
// times a second, and the pages spent a third of their time reading pages
// back (the load benchmark's "needs action" list: 1,300-1,400 requests a
// second with those commits, 2,000-2,200 with the same entries committed to
// another file).
//
// So, when more reads are already waiting, the writer of reads commits a
// batch to a file of its own beside the database (the spill file: the
// database's name and "-reads", synchronous like the database): the entries
// are as durable as before when the reads are answered, but the database's
// pages stay cached. At least once a second under load, whenever the
// writer is idle, before anything reads the log and at start-up after a
// crash, the spilled entries are appended to the chain in the database in
// their order, in one transaction that records the last one taken
// (audit_spill.reads_through), so that none is taken twice; they are then
// deleted from the spill file. Until they are chained, spilled entries are
// durable but not yet covered by the keyed chain: someone who can write
// the files may delete them during that second (or until the next start
// after a crash), which the chain cannot show. PostgreSQL has no such
// cache to lose; there the writer of reads always appends to the chain.

// spillLag is the longest a spilled entry waits for the chain under load.
const spillLag = time.Second

// readSpill is the spill file of a SQLite database.
type readSpill struct {
	db   *sql.DB
	path string
}

// spillPath names the spill file of the SQLite database at path.
func spillPath(path string) string { return path + "-reads" }

// openSpill opens the spill file of the store's SQLite database, making it
// if needed, and checks that it belongs to this database: a spill file left
// by another database would otherwise add that database's reads to this
// one's log.
func (s *Store) openSpill(ctx context.Context) (err error) {
	p := spillPath(s.path)
	defer wrap(&err, "the read audit file %s", p)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	c, err := newSQLiteConnector(sqliteDSN(p))
	if err != nil {
		return err
	}
	sp := &readSpill{db: sql.OpenDB(c), path: p}
	// One writer (this process's writer of reads) and the chain's reads.
	sp.db.SetMaxOpenConns(1)
	sp.db.SetMaxIdleConns(1)
	if err := s.claimSpill(ctx, sp); err != nil {
		sp.db.Close()
		return err
	}
	s.spill = sp
	return nil
}

// claimSpill makes the spill file's tables and ties the file to the
// database by an id kept in both.
func (s *Store) claimSpill(ctx context.Context, sp *readSpill) error {
	for _, q := range []string{
		// AUTOINCREMENT: ids are never reused, even once the table has
		// been emptied, so "after the last one chained" stays true.
		`CREATE TABLE IF NOT EXISTS spilled_reads (
			id        INTEGER PRIMARY KEY AUTOINCREMENT,
			at        BIGINT NOT NULL,
			actor_id  TEXT NOT NULL,
			org_id    TEXT NOT NULL,
			action    TEXT NOT NULL,
			family_id TEXT NOT NULL,
			detail    TEXT NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS spill_owner (
			id       INTEGER PRIMARY KEY CHECK (id = 1),
			spill_id TEXT NOT NULL)`,
	} {
		if _, err := sp.db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	mine, err := s.spillID(ctx)
	if err != nil {
		return err
	}
	var owner string
	err = sp.db.QueryRowContext(ctx, `SELECT spill_id FROM spill_owner WHERE id = 1`).Scan(&owner)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	case owner == mine:
		return nil
	default:
		var waiting int
		if err := sp.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM spilled_reads`).Scan(&waiting); err != nil {
			return err
		}
		if waiting > 0 {
			return fmt.Errorf("it holds %d audit entries of reads of another database (its id %s, this database's %s): move it away to open this database", waiting, owner, mine)
		}
	}
	// Unclaimed, or another database's and empty: nothing is lost.
	_, err = sp.db.ExecContext(ctx, `INSERT INTO spill_owner (id, spill_id) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET spill_id = excluded.spill_id`, mine)
	return err
}

// spillID returns the database's id for its spill file, making it once.
func (s *Store) spillID(ctx context.Context) (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	// Two processes opening the database at once: the first one's id stays.
	if _, err := s.db.ExecContext(ctx, `/* store.spillID */ UPDATE audit_spill SET spill_id = ? WHERE id = 1 AND spill_id = ''`,
		hex.EncodeToString(b)); err != nil {
		return "", err
	}
	var id string
	err := s.db.QueryRowContext(ctx, `/* store.spillID */ SELECT spill_id FROM audit_spill WHERE id = 1`).Scan(&id)
	return id, err
}

// add commits entries to the spill file.
func (sp *readSpill) add(ctx context.Context, entries []auditIn) error {
	tx, err := sp.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := tx.ExecContext(ctx, `INSERT INTO spilled_reads (at, actor_id, org_id, action, family_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
			micros(e.at), e.a.user, e.a.org, e.action, e.family, e.detail); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// spilled reads the entries spilled after the last one chained, in their
// order, and the id of the last of them. Call it in the transaction that
// chains them: it holds the database's write lock, so no other process
// chains the same entries at the same time.
func (t *txn) spilled(ctx context.Context) (es []auditIn, last int64, err error) {
	sp := t.s.spill
	if sp == nil {
		return nil, 0, nil
	}
	var through int64
	if err := t.queryRow(ctx, `/* store.spilled */ SELECT reads_through FROM audit_spill WHERE id = 1`).Scan(&through); err != nil {
		return nil, 0, err
	}
	rows, err := sp.db.QueryContext(ctx, `SELECT id, at, actor_id, org_id, action, family_id, detail FROM spilled_reads WHERE id > ? ORDER BY id`, through)
	if err != nil {
		return nil, 0, fmt.Errorf("the read audit file %s: %w", sp.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e auditIn
		var at int64
		if err := rows.Scan(&last, &at, &e.a.user, &e.a.org, &e.action, &e.family, &e.detail); err != nil {
			return nil, 0, err
		}
		e.at = fromMicros(at)
		es = append(es, e)
	}
	return es, last, rows.Err()
}

// chainReads appends to the chain, in one transaction, the entries spilled
// so far and then entries, and forgets the spilled ones.
func (s *Store) chainReads(ctx context.Context, entries []auditIn) error {
	var last int64
	err := s.tx(ctx, func(t *txn) error {
		spilled, through, err := t.spilled(ctx)
		if err != nil {
			return err
		}
		if err := t.auditMany(ctx, append(spilled, entries...)); err != nil {
			return err
		}
		if last = through; last == 0 {
			return nil
		}
		_, err = t.exec(ctx, `/* store.chainReads */ UPDATE audit_spill SET reads_through = ? WHERE id = 1`, last)
		return err
	})
	if err == nil && last > 0 {
		// Only tidying: entries up to reads_through are never taken again.
		s.spill.db.ExecContext(ctx, `DELETE FROM spilled_reads WHERE id <= ?`, last)
	}
	return err
}

// flushReads chains every read entry spilled so far, so that what reads the
// log next sees them all.
func (s *Store) flushReads(ctx context.Context) error {
	if s.spill == nil {
		return nil
	}
	req := &auditRequest{flush: true, err: make(chan error, 1)}
	if err := s.handOver(ctx, req); err != nil {
		return err
	}
	return <-req.err
}

// closeSpill closes the spill file, once the writer of reads has stopped.
func (s *Store) closeSpill() {
	if s.spill != nil {
		s.spill.db.Close()
	}
}
