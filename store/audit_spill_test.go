package store

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// spilledCount is how many entries wait in the store's spill file.
func spilledCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.spill.db.QueryRow(`SELECT COUNT(*) FROM spilled_reads`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// chainedReads lists the details of the family's read entries in the
// chain, in its order, as they are in the table (no flush).
func chainedReads(t *testing.T, s *Store, family string) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT detail FROM audit_log WHERE action = ? AND family_id = ? ORDER BY seq`, ActionFamilyRead, family)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// threeReads reads the family three ways, each waiting for its entry.
func threeReads(t *testing.T, s *Store, a Actor, family string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Family(ctx, a, family); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Notes(ctx, a, family); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tasks(ctx, a, family); err != nil {
		t.Fatal(err)
	}
}

var threeDetails = []string{"latest", "notes", "tasks"}

// TestSpilledReadsJoinTheChain: entries of reads committed to the spill
// file are not in the chain until something reads the log; then they are,
// in the order of the reads, the chain verifies, and the file is emptied.
func TestSpilledReadsJoinTheChain(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, SQLite)
	s.spillAlways, s.spillLag = true, time.Hour
	o := newOffice(t, s, "spill")
	fam := o.family.ID
	r, err := s.VerifyAudit(ctx) // chains the set-up's reads
	if err != nil || !r.OK() {
		t.Fatalf("audit: %+v %v", r, err)
	}
	before := chainedReads(t, s, fam)
	threeReads(t, s, o.worker, fam)
	if n := spilledCount(t, s); n != 3 {
		t.Fatalf("%d entries spilled, want 3", n)
	}
	if got := chainedReads(t, s, fam); len(got) != len(before) {
		t.Fatalf("the spilled reads are already in the chain: %v", got)
	}
	r2, err := s.VerifyAudit(ctx)
	if err != nil || !r2.OK() {
		t.Fatalf("audit after the spilled reads: %+v %v", r2, err)
	}
	if r2.Entries != r.Entries+3 {
		t.Errorf("the chain holds %d entries, want %d + 3", r2.Entries, r.Entries)
	}
	if got := chainedReads(t, s, fam); !slices.Equal(got[len(before):], threeDetails) {
		t.Errorf("chained reads %v, want %v after %v", got, threeDetails, before)
	}
	if n := spilledCount(t, s); n != 0 {
		t.Errorf("%d entries left in the spill file", n)
	}
	// The family's log, as its office sees it, shows them too.
	threeReads(t, s, o.worker, fam)
	log, err := s.AuditLog(ctx, o.admin, fam)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, e := range log {
		if e.Action == ActionFamilyRead {
			details = append(details, e.Detail)
		}
	}
	if !slices.Equal(details[len(details)-3:], threeDetails) {
		t.Errorf("AuditLog's newest reads %v, want %v", details, threeDetails)
	}
}

// TestSpilledReadsChainedWhenIdle: with nothing reading the log, spilled
// entries join the chain once the writer has been idle for the lag.
func TestSpilledReadsChainedWhenIdle(t *testing.T) {
	s := newStore(t, SQLite)
	s.spillAlways, s.spillLag = true, 50*time.Millisecond
	o := newOffice(t, s, "idle")
	fam := o.family.ID
	threeReads(t, s, o.worker, fam)
	deadline := time.Now().Add(20 * time.Second)
	for spilledCount(t, s) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the spilled entries were never chained")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := chainedReads(t, s, fam); len(got) < 3 || !slices.Equal(got[len(got)-3:], threeDetails) {
		t.Errorf("chained reads %v, want %v last", got, threeDetails)
	}
}

// TestSpilledReadsOutliveClose: Close chains what is spilled; and entries
// left in the spill file (a crash: TestCrashLosesNoAcknowledgedWrite kills
// spilling children) are chained by the next Open.
func TestSpilledReadsOutliveClose(t *testing.T) {
	ctx := context.Background()
	dsn, keys := newDSN(t, SQLite), Keys{Current: testKey(t)}
	s := openAt(t, dsn, keys)
	s.spillAlways, s.spillLag = true, time.Hour
	o := newOffice(t, s, "close")
	fam := o.family.ID
	threeReads(t, s, o.worker, fam)
	s.Close()
	s = openAt(t, dsn, keys)
	if got := chainedReads(t, s, fam); len(got) < 3 || !slices.Equal(got[len(got)-3:], threeDetails) {
		t.Errorf("after Close, chained reads %v, want %v last", got, threeDetails)
	}
	// An entry left behind, as by a process killed after its commit.
	leftAt := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	if _, err := s.spill.db.Exec(`INSERT INTO spilled_reads (at, actor_id, org_id, action, family_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		micros(leftAt), o.worker.UserID(), o.worker.OrgID(), ActionFamilyRead, fam, "left behind"); err != nil {
		t.Fatal(err)
	}
	s.stopReads() // so that this Close does not chain it
	s.closeSpill()
	s.db.Close()
	s = openAt(t, dsn, keys)
	if got := chainedReads(t, s, fam); got[len(got)-1] != "left behind" {
		t.Errorf("after Open, chained reads end %v, want the one left behind", got)
	}
	r, err := s.VerifyAudit(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("audit: %+v %v", r, err)
	}
	if n := spilledCount(t, s); n != 0 {
		t.Errorf("%d entries left in the spill file", n)
	}
	// Chained once only: another Open takes nothing again.
	s.Close()
	s = openAt(t, dsn, keys)
	if got := chainedReads(t, s, fam); got[len(got)-2] == "left behind" {
		t.Errorf("the entry left behind was chained twice: %v", got)
	}
}

// TestSpillFileOfAnotherDatabase: a spill file holding another database's
// entries is refused with a message naming it, and the database is left
// as it was; an empty one is taken over.
func TestSpillFileOfAnotherDatabase(t *testing.T) {
	ctx := context.Background()
	keys := Keys{Current: testKey(t)}
	dsnA, dsnB := newDSN(t, SQLite), newDSN(t, SQLite)
	a := openAt(t, dsnA, keys)
	b := openAt(t, dsnB, keys)
	o := newOffice(t, b, "b")
	pathA, pathB := a.Path(), b.Path()
	if _, err := a.spill.db.Exec(`INSERT INTO spilled_reads (at, actor_id, org_id, action, family_id, detail) VALUES (1, 'u', 'o', 'family.read', 'f', 'of A')`); err != nil {
		t.Fatal(err)
	}
	a.stopReads()
	a.closeSpill()
	a.db.Close()
	b.Close()
	copyFile(t, spillPath(pathA), spillPath(pathB))
	_, err := Open(ctx, Options{DSN: dsnB, Keys: keys})
	if err == nil || !strings.Contains(err.Error(), spillPath(pathB)) || !strings.Contains(err.Error(), "another database") {
		t.Fatalf("Open with another database's spill file: %v", err)
	}
	// Emptied, the file is taken over, and B is whole.
	raw, err := sql.Open("sqlite", spillPath(pathB))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM spilled_reads`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	b = openAt(t, dsnB, keys)
	if _, err := b.Family(ctx, o.worker, o.family.ID); err != nil {
		t.Fatal(err)
	}
	r, err := b.VerifyAudit(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("audit: %+v %v", r, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
