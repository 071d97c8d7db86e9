package store

import (
	"strconv"
	"testing"
)

// TestSQLitePragmas reads back, on every connection the pool opens, the
// settings sqliteDSN asks for: a pragma the driver does not apply fails
// silently otherwise (the log would be checkpointed every 1,000 pages, the
// statement journals written to temporary files).
func TestSQLitePragmas(t *testing.T) {
	s := newStore(t, SQLite)
	ctx := t.Context()
	var conns []interface{ Close() error }
	for range 3 {
		c, err := s.db.Conn(ctx) // held, so that each is another connection
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1",
			"temp_store": "2", "wal_autocheckpoint": strconv.Itoa(walPages)} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
				t.Errorf("PRAGMA %s: %q, %v; want %q", pragma, got, err, want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
