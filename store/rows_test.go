package store

import (
	"context"
	"fmt"
	"testing"
)

// TestInsertRowsBeyondOneStatement inserts more rows than one statement may
// carry parameters for, on both engines: insertRows splits them, and every
// row arrives once, in full.
func TestInsertRowsBeyondOneStatement(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "rows")
		n := maxParams/3 + 7 // family_index rows have three values
		rows := make([][]any, n)
		for i := range rows {
			rows[i] = []any{o.admin.org, o.family.ID, []byte(fmt.Sprintf("hash %d", i))}
		}
		count := func() (rows, distinct int) {
			if err := s.db.QueryRow(s.q(`SELECT COUNT(*), COUNT(DISTINCT hash) FROM family_index WHERE family_id = ?`),
				o.family.ID).Scan(&rows, &distinct); err != nil {
				t.Fatal(err)
			}
			return rows, distinct
		}
		before, _ := count()
		err := s.tx(ctx, func(t *txn) error {
			return t.insertRows(ctx, `INSERT INTO family_index (org_id, family_id, hash)`, "", rows)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, distinct := count()
		if got-before != n || distinct < n {
			t.Errorf("%d rows (%d distinct) stored, want %d", got, distinct, n)
		}
	})
}
