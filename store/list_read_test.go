package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/reunite/reunite"
)

// seedListFamilies puts n families into the actor's office directly, as
// seedFamilies does for the benchmark: labels sealed with the office's
// newest data key, deadlines over four months from the test day, every
// seventh one without a deadline.
func seedListFamilies(t *testing.T, s *Store, a Actor, n int) {
	t.Helper()
	ctx := context.Background()
	err := s.tx(ctx, func(tx *txn) error {
		for i := range n {
			id := newID("f")
			label, err := tx.sealFor(ctx, a.org, []byte(fmt.Sprintf("Given%d Family%d %s", i, i, strings.Repeat("é", i%9))), aad("families", "label", id))
			if err != nil {
				return err
			}
			var fileBy any
			if i%7 != 0 {
				fileBy = reunite.DateOf(testClock).AddDays(i % 120).String()
			}
			if _, err := tx.exec(ctx, `INSERT INTO families (id, org_id, version, label_enc, file_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, a.org, 1+i%3, label, fileBy, micros(tx.now), micros(tx.now)+int64(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// addDataKeyVersion gives the office a new data key version, which seals
// what is written from then on, as a restore from another server may.
func addDataKeyVersion(t *testing.T, s *Store, org string, version uint32) {
	t.Helper()
	dek := make([]byte, 32)
	for i := range dek {
		dek[i] = byte(i + int(version))
	}
	wrapped, err := s.keys.Current.wrapKey(dek, orgKeyAAD(org, version))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(s.q(`INSERT INTO org_keys (org_id, version, master_id, wrapped, created_at) VALUES (?, ?, ?, ?, ?)`),
		org, version, s.keys.Current.ID(), wrapped, micros(testClock)); err != nil {
		t.Fatal(err)
	}
}

// referenceSummaries reads a list the plain way, row by row, each label
// opened on its own: what the list must give.
func referenceSummaries(t *testing.T, s *Store, org, query string, args ...any) []FamilySummary {
	t.Helper()
	ctx := context.Background()
	var out []FamilySummary
	err := s.readTx(ctx, func(tx *txn) error {
		rows, err := tx.query(ctx, query, args...)
		if err != nil {
			return err
		}
		var sealed [][]byte
		for rows.Next() {
			var sum FamilySummary
			var label []byte
			var fileBy sql.NullString
			var updated int64
			if err := rows.Scan(&sum.ID, &sum.Version, &label, &fileBy, &updated); err != nil {
				rows.Close()
				return err
			}
			sum.FileBy, sum.UpdatedAt = dateOrZero(fileBy), fromMicros(updated)
			out = append(out, sum)
			sealed = append(sealed, label)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			l, err := tx.openFor(ctx, org, sealed[i], aad("families", "label", out[i].ID))
			if err != nil {
				return err
			}
			out[i].Label = string(l)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestListsReadAsRowByRow checks that the lists, read in chunks whose
// labels are opened on several cores, give exactly what reading them row
// by row gives: several chunks, labels sealed with two key versions, keys
// already in memory or not yet (a store just opened), families without a
// deadline.
func TestListsReadAsRowByRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		s := openAt(t, dsn, keys)
		a, err := s.CreateOrg(ctx, "Lists", NewUser{Login: "lists"})
		if err != nil {
			t.Fatal(err)
		}
		seedListFamilies(t, s, a, 2*labelChunkRows+30)
		addDataKeyVersion(t, s, a.org, 2)
		seedListFamilies(t, s, a, labelChunkRows+7)
		from, to := reunite.DateOf(testClock).AddDays(10), reunite.DateOf(testClock).AddDays(100)
		wantDeadlines := referenceSummaries(t, s, a.org, `SELECT f.id, f.version, f.label_enc, f.file_by, f.updated_at FROM families f
			WHERE f.org_id = ? AND f.file_by >= ? AND f.file_by <= ? ORDER BY f.file_by, f.id`, a.org, from.String(), to.String())
		wantAll := referenceSummaries(t, s, a.org, `SELECT f.id, f.version, f.label_enc, f.file_by, f.updated_at FROM families f
			WHERE f.org_id = ? ORDER BY f.updated_at DESC, f.id`, a.org)
		if len(wantDeadlines) < 2*labelChunkRows || len(wantAll) != 3*labelChunkRows+37 {
			t.Fatalf("seeded %d deadlines among %d families, want more than two chunks", len(wantDeadlines), len(wantAll))
		}
		// The same store (keys in memory), then a fresh one on the same
		// database (no key in memory: every label waits for its key).
		for _, st := range []*Store{s, openAt(t, dsn, keys)} {
			got, err := st.Deadlines(ctx, a, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, wantDeadlines) {
				t.Errorf("deadlines differ from the row-by-row read:\n%s", firstDifference(got, wantDeadlines))
			}
			all, err := st.Families(ctx, a, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(all, wantAll) {
				t.Errorf("families differ from the row-by-row read:\n%s", firstDifference(all, wantAll))
			}
		}
	})
}

// TestListRefusesAnAlteredLabel checks that a label moved to another row
// of a long list fails the list, naming the row, as it did when every
// label was opened after the rows were read.
func TestListRefusesAnAlteredLabel(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		a, err := s.CreateOrg(ctx, "Altered", NewUser{Login: "altered"})
		if err != nil {
			t.Fatal(err)
		}
		seedListFamilies(t, s, a, 3*labelChunkRows)
		all, err := s.Families(ctx, a, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		victim, donor := all[2*labelChunkRows+5].ID, all[3].ID
		if _, err := s.db.Exec(s.q(`UPDATE families SET label_enc = (SELECT label_enc FROM families WHERE id = ?) WHERE id = ?`), donor, victim); err != nil {
			t.Fatal(err)
		}
		_, err = s.Families(ctx, a, 0, 0)
		if err == nil || !strings.Contains(err.Error(), "cannot decrypt families/label/"+victim) {
			t.Errorf("list with a label moved onto %s: %v", victim, err)
		}
	})
}

// firstDifference describes where two lists first differ.
func firstDifference(got, want []FamilySummary) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("row %d: %+v\nwant   %+v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("%d rows, want %d", len(got), len(want))
}

// TestListsReadInTextFormat checks the lists on a PostgreSQL connection
// set to the simple protocol, where every column, the sealed label
// included, comes as text (list_read_pg.go reads the label as the bytes
// received only when they are binary).
func TestListsReadInTextFormat(t *testing.T) {
	t.Parallel()
	if pg == nil {
		t.Skip("!! PostgreSQL NOT INSTALLED: this PostgreSQL test is skipped")
	}
	ctx := context.Background()
	dsn := newDSN(t, Postgres)
	keys := Keys{Current: testKey(t)}
	s := openAt(t, dsn, keys)
	a, err := s.CreateOrg(ctx, "Text", NewUser{Login: "text"})
	if err != nil {
		t.Fatal(err)
	}
	seedListFamilies(t, s, a, 2*labelChunkRows)
	from, to := reunite.DateOf(testClock).AddDays(10), reunite.DateOf(testClock).AddDays(100)
	want := referenceSummaries(t, s, a.org, `SELECT f.id, f.version, f.label_enc, f.file_by, f.updated_at FROM families f
		WHERE f.org_id = ? AND f.file_by >= ? AND f.file_by <= ? ORDER BY f.file_by, f.id`, a.org, from.String(), to.String())
	text := openAt(t, dsn+"&default_query_exec_mode=simple_protocol", keys)
	got, err := text.Deadlines(ctx, a, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) <= labelChunkRows || !reflect.DeepEqual(got, want) {
		t.Errorf("deadlines read as text differ from the row-by-row read:\n%s", firstDifference(got, want))
	}
}
