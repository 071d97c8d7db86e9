package store

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestKeyRotation re-wraps the data keys with a new master key while a
// server with the old key keeps running, then checks that the new key alone
// opens everything and the old key alone no longer does.
func TestKeyRotation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		oldKey, newKey := testKey(t), testKey(t)
		running := openAt(t, dsn, Keys{Current: oldKey})
		o := newOffice(t, running, "rot")

		rotator := openAt(t, dsn, Keys{Current: newKey, Previous: []*MasterKey{oldKey}})
		n, err := rotator.RewrapDataKeys(ctx)
		if err != nil || n != 1 {
			t.Fatalf("rewrapped %d, %v; want 1", n, err)
		}
		if ids, _ := rotator.MasterKeysInUse(ctx); len(ids) != 1 || ids[0] != newKey.ID() {
			t.Errorf("keys in use after rotation: %v, want only %s", ids, newKey.ID())
		}
		// The running server has its data key in memory: no downtime.
		if _, err := running.Family(ctx, o.rep, o.family.ID); err != nil {
			t.Errorf("the running server after rotation: %v", err)
		}
		if n, err := rotator.RewrapDataKeys(ctx); err != nil || n != 0 {
			t.Errorf("second rotation rewrapped %d, %v; want 0", n, err)
		}

		fresh := openAt(t, dsn, Keys{Current: newKey})
		rec, err := fresh.Family(ctx, o.rep, o.family.ID)
		if err != nil || rec.Family.Principal.Name.Family != "Tesfaye" {
			t.Fatalf("with the new key: %v", err)
		}
		if got, err := fresh.SearchFamilies(ctx, o.rep, "Tesfaye"); err != nil || len(got) != 1 {
			t.Errorf("search after rotation: %d, %v", len(got), err)
		}
		stale := openAt(t, dsn, Keys{Current: oldKey})
		if _, err := stale.Family(ctx, o.rep, o.family.ID); err == nil || !strings.Contains(err.Error(), "was not given") {
			t.Errorf("with the old key alone: %v, want a refusal naming the missing key", err)
		}
	})
}

func TestWrongMasterKeyReadsNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		good := openAt(t, dsn, Keys{Current: testKey(t)})
		o := newOffice(t, good, "wrong")
		bad := openAt(t, dsn, Keys{Current: testKey(t)})
		if _, err := bad.Family(ctx, o.rep, o.family.ID); err == nil {
			t.Fatal("read a family with another master key")
		}
	})
}

// TestSealedValuesAreBoundToTheirRow copies one family's sealed case file
// onto another family's row: it must not open as the other family.
func TestSealedValuesAreBoundToTheirRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "swap")
		var sealed []byte
		if err := s.db.QueryRow(s.q(`SELECT case_enc FROM family_versions WHERE family_id = ?`), o.family.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(s.q(`UPDATE family_versions SET case_enc = ? WHERE family_id = ?`), sealed, o.other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Family(ctx, o.rep, o.other.ID); err == nil || !strings.Contains(err.Error(), "altered") {
			t.Errorf("a moved ciphertext opened: %v", err)
		}
	})
}

func TestKeyFile(t *testing.T) {
	a, b := testKey(t), testKey(t)
	ks := Keys{Current: a, Previous: []*MasterKey{b}}
	got, err := ParseKeyFile(ks.KeyFile())
	if err != nil || got.Current.ID() != a.ID() || len(got.Previous) != 1 || got.Previous[0].ID() != b.ID() {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "# only a comment\n", "abc\n", strings.Repeat("0", 63) + "\n"} {
		if _, err := ParseKeyFile([]byte(bad)); err == nil {
			t.Errorf("key file %q accepted", bad)
		}
	}
	if !bytes.Contains(ks.KeyFile(), []byte(a.String())) {
		t.Error("key file does not hold the key")
	}
	if _, err := Open(context.Background(), Options{DSN: "sqlite:" + t.TempDir() + "/x.db"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("open without a key: %v", err)
	}
}
