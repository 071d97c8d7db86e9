package store

import (
	"context"
	"errors"
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
