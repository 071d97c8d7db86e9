package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestReadsAfterClose: a store closed twice does not fail, and a read
// made after Close is refused instead of waiting for a writer that is gone.
func TestReadsAfterClose(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, SQLite)
	a, err := s.CreateOrg(ctx, "Closing", NewUser{Login: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.CreateFamily(ctx, a, testFamily("Tesfaye", "Selam", "A201234567", "2025-06-10"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Family(ctx, a, rec.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close()
	if err := s.logRead(ctx, a, ActionFamilyRead, rec.ID, "latest"); !errors.Is(err, ErrClosed) {
		t.Errorf("read audited after Close: %v, want ErrClosed", err)
	}
}

// TestDeferredReadAudit: with DurableReads, under DeferReadAudit a read
// returns before its entry is committed, AwaitReadAudit returns once every
// entry is, and an entry that cannot be written makes AwaitReadAudit fail
// (the page then shows nothing), while the data written before stays.
func TestDeferredReadAudit(t *testing.T) {
	bg := context.Background()
	s := openWith(t, Options{DSN: newDSN(t, SQLite), Keys: Keys{Current: testKey(t)}, DurableReads: true})
	a, err := s.CreateOrg(bg, "Deferring", NewUser{Login: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.CreateFamily(bg, a, testFamily("Tesfaye", "Selam", "A201234567", "2025-06-10"))
	if err != nil {
		t.Fatal(err)
	}
	reads := func() int {
		t.Helper()
		log, err := s.AuditLog(bg, a, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range log {
			if e.Action == ActionFamilyRead {
				n++
			}
		}
		return n
	}
	if err := AwaitReadAudit(bg); err != nil {
		t.Fatalf("nothing deferred: %v", err)
	}
	before := reads()
	ctx := DeferReadAudit(bg)
	for range 3 {
		if _, err := s.Family(ctx, a, rec.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Documents(ctx, a, rec.ID); err != nil {
		t.Fatal(err)
	}
	if err := AwaitReadAudit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := reads(); got != before+4 {
		t.Errorf("%d read entries after AwaitReadAudit, want %d", got, before+4)
	}
	if err := AwaitReadAudit(ctx); err != nil { // nothing left to wait for
		t.Fatal(err)
	}

	// The log refuses the next entries: the read still returns (its entry
	// was handed over), the wait says why nothing may be shown.
	if _, err := s.db.ExecContext(bg, `CREATE TRIGGER refuse_reads BEFORE INSERT ON audit_log
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	ctx = DeferReadAudit(bg)
	if _, err := s.Family(ctx, a, rec.ID); err != nil {
		t.Fatalf("a deferred read waited for its entry: %v", err)
	}
	if err := AwaitReadAudit(ctx); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Errorf("AwaitReadAudit with an entry refused: %v", err)
	}
	if _, err := s.Family(bg, a, rec.ID); err == nil {
		t.Error("a read not deferred returned although its entry was refused")
	}
	if _, err := s.db.ExecContext(bg, `DROP TRIGGER refuse_reads`); err != nil {
		t.Fatal(err)
	}
	if got := reads(); got != before+4 {
		t.Errorf("%d read entries after the refused ones, want %d", got, before+4)
	}
	if _, err := s.Family(bg, a, rec.ID); err != nil {
		t.Fatal(err)
	}
}

// TestBatchedReadsKeptWhileRefused: without DurableReads a read returns
// once its entry is handed over. When the log refuses the entries, they
// are kept and tried again; meanwhile reads, writes and whoever reads the
// log are refused with the reason, and once the log takes entries again
// the refused entry is in it, not lost.
func TestBatchedReadsKeptWhileRefused(t *testing.T) {
	bg := context.Background()
	s := newStore(t, SQLite)
	a, err := s.CreateOrg(bg, "Batching", NewUser{Login: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.CreateFamily(bg, a, testFamily("Tesfaye", "Selam", "A201234567", "2025-06-10"))
	if err != nil {
		t.Fatal(err)
	}
	readEntries := func() int {
		t.Helper()
		var n int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND family_id = ?`, ActionFamilyRead, rec.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := s.Family(bg, a, rec.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.flushReads(bg); err != nil {
		t.Fatal(err)
	}
	if got := readEntries(); got != 1 {
		t.Fatalf("%d read entries after a flush, want 1", got)
	}

	if _, err := s.db.ExecContext(bg, `CREATE TRIGGER refuse_reads BEFORE INSERT ON audit_log
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Family(bg, a, rec.ID); err != nil {
		t.Fatalf("a batched read waited for its entry: %v", err)
	}
	if err := s.flushReads(bg); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("flush with the log refusing: %v", err)
	}
	if _, err := s.Family(bg, a, rec.ID); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Errorf("a read while the log refuses entries: %v, want refused with the reason", err)
	}
	if _, err := s.AuditLog(bg, a, rec.ID); err == nil {
		t.Error("the audit log was shown while an answered read's entry was missing from it")
	}
	f := *rec.Family
	f.Principal.Phone = "+1 510 555 0100"
	if _, err := s.UpdateFamily(bg, a, rec.ID, 1, &f); err == nil {
		t.Error("a write went into the log ahead of a read answered before it")
	}
	if _, err := s.db.ExecContext(bg, `DROP TRIGGER refuse_reads`); err != nil {
		t.Fatal(err)
	}
	// The writer tries again with a growing pause (at most 2 s).
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := s.Family(bg, a, rec.ID)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reads still refused after the log took entries again: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.flushReads(bg); err != nil {
		t.Fatal(err)
	}
	// The first read, the one answered while the log refused, the last.
	if got := readEntries(); got != 3 {
		t.Errorf("%d read entries, want 3: an answered read's entry was lost", got)
	}
	if _, err := s.UpdateFamily(bg, a, rec.ID, 1, &f); err != nil {
		t.Fatal(err)
	}
	if r, err := s.VerifyAudit(bg); err != nil || !r.OK() {
		t.Errorf("audit: %v, %v", r, err)
	}
}

// TestReadEntriesInSmallInserts: the writer of reads writes a batch in
// inserts of readEntriesPerInsert entries, pausing between them. The batch
// is numbered and chained across the inserts as one insert would do it:
// every entry is there, in its order, with consecutive numbers, and the
// log verifies.
func TestReadEntriesInSmallInserts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "us")
		batch := func(n int, tag string) []*auditRequest {
			rs := make([]*auditRequest, n)
			for i := range rs {
				rs[i] = &auditRequest{a: o.worker, at: time.Now(), action: ActionFamilyRead, family: o.family.ID, detail: fmt.Sprintf("%s %d", tag, i)}
			}
			return rs
		}
		statements := func(rs []*auditRequest) int64 {
			t.Helper()
			before := s.Statements()
			if err := s.commitReads(rs, rs); err != nil {
				t.Fatal(err)
			}
			return s.Statements() - before
		}
		statements(batch(1, "warm")) // the chain key is read once
		one := statements(batch(readEntriesPerInsert, "one"))
		n := 3*readEntriesPerInsert + 5
		if got := statements(batch(n, "many")); got != one+3 {
			t.Errorf("a batch of %d reads took %d statements, one of %d took %d: want 3 more inserts", n, got, readEntriesPerInsert, one)
		}

		log, err := s.AuditLog(ctx, o.admin, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		var many []AuditEntry
		for _, en := range log {
			if strings.HasPrefix(en.Detail, "many ") {
				many = append(many, en)
			}
		}
		if len(many) != n {
			t.Fatalf("%d entries of the batch in the log, want %d", len(many), n)
		}
		for i, en := range many {
			if want := fmt.Sprintf("many %d", i); en.Detail != want || en.Seq != many[0].Seq+int64(i) {
				t.Errorf("entry %d: seq %d %q, want seq %d %q", i, en.Seq, en.Detail, many[0].Seq+int64(i), want)
			}
		}
		r, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Errorf("the log does not verify: %v", r.Problems)
		}
	})
}
