package store

import (
	"context"
	"errors"
	"strings"
	"testing"
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

// TestDeferredReadAudit: under DeferReadAudit a read returns before its
// entry is committed, AwaitReadAudit returns once every entry is, and an
// entry that cannot be written makes AwaitReadAudit fail (the page then
// shows nothing), while the data written before stays.
func TestDeferredReadAudit(t *testing.T) {
	bg := context.Background()
	s := newStore(t, SQLite)
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
