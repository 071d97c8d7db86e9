package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// cachingDB opens a SQLite database of its own through the connector of
// connections that keep their statements, with one connection, so that
// every statement meets the ones kept before it.
func cachingDB(t *testing.T) *sql.DB {
	t.Helper()
	c, err := newSQLiteConnector(sqliteDSN(filepath.Join(t.TempDir(), "cache.db")))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE n (v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if _, err := db.Exec(`INSERT INTO n (v) VALUES (?)`, i); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// columnOf returns a reader of a query's one column of values of type T.
func columnOf[T any](t *testing.T) func(*sql.Rows, error) []T {
	return func(rows *sql.Rows, err error) []T { t.Helper(); return readColumn[T](t, rows, err) }
}

// readColumn reads the rows of a query's one column, or fails t.
func readColumn[T any](t *testing.T, rows *sql.Rows, err error) []T {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStmtCacheNested runs a query inside the loop over its own rows, in
// one transaction: each result set is whole, and the kept statement is
// used again afterwards.
func TestStmtCacheNested(t *testing.T) {
	db, ints := cachingDB(t), columnOf[int](t)
	const q = `SELECT v FROM n WHERE v >= ? ORDER BY v`
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.Query(q, 2)
	if err != nil {
		t.Fatal(err)
	}
	var outer []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		outer = append(outer, v)
		if inner := ints(tx.Query(q, v)); inner[0] != v || len(inner) != 6-v {
			t.Errorf("inner result from %d: %v", v, inner)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if !slices.Equal(outer, []int{2, 3, 4, 5}) {
		t.Errorf("outer result %v", outer)
	}
	if got := ints(tx.Query(q, 4)); !slices.Equal(got, []int{4, 5}) {
		t.Errorf("after: %v", got)
	}
}

// TestStmtCacheEvicts asks more distinct queries than a connection keeps,
// while the first one's rows are still being read: every answer is right,
// the connection keeps no more than stmtCacheSize, and a statement changed
// by the schema is compiled again by SQLite.
func TestStmtCacheEvicts(t *testing.T) {
	db, ints := cachingDB(t), columnOf[int](t)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	first, err := conn.QueryContext(ctx, `SELECT v FROM n ORDER BY v`)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Next() {
		t.Fatal("no first row")
	}
	for i := range stmtCacheSize + 20 {
		q := fmt.Sprintf(`SELECT v + %d FROM n WHERE v = ?`, i)
		if got := ints(conn.QueryContext(ctx, q, 3)); !slices.Equal(got, []int{3 + i}) {
			t.Fatalf("query %d: %v", i, got)
		}
	}
	var rest []int
	for first.Next() {
		var v int
		first.Scan(&v)
		rest = append(rest, v)
	}
	first.Close()
	if !slices.Equal(rest, []int{2, 3, 4, 5}) {
		t.Errorf("the first query's rows after its eviction: %v", rest)
	}
	conn.Raw(func(dc any) error {
		if n := len(dc.(*cachingConn).stmts); n > stmtCacheSize || n < stmtCacheSize/2 {
			t.Errorf("%d statements kept", n)
		}
		return nil
	})
	const all = `SELECT * FROM n`
	conn.QueryRowContext(ctx, all).Scan(new(int))
	if _, err := conn.ExecContext(ctx, `ALTER TABLE n ADD COLUMN w INTEGER DEFAULT 7`); err != nil {
		t.Fatal(err)
	}
	var v, w int
	if err := conn.QueryRowContext(ctx, all).Scan(&v, &w); err != nil || w != 7 {
		t.Errorf("after the schema changed: %d, %d, %v", v, w, err)
	}
}

// BenchmarkStmtCache runs a small indexed query with a join, as the
// session lookup of every request is, on connections that keep their
// statements and on the driver's own, alternately in the same run.
//
//	go test ./store -run '^$' -bench StmtCache
func BenchmarkStmtCache(b *testing.B) {
	dsn := sqliteDSN(filepath.Join(b.TempDir(), "bench.db"))
	c, err := newSQLiteConnector(dsn)
	if err != nil {
		b.Fatal(err)
	}
	kept, plain := sql.OpenDB(c), must(sql.Open("sqlite", dsn))
	defer kept.Close()
	defer plain.Close()
	for _, q := range []string{`CREATE TABLE u (id TEXT PRIMARY KEY, org TEXT, role TEXT, gone INTEGER)`,
		`CREATE TABLE w (token BLOB PRIMARY KEY, user_id TEXT, created INTEGER, seen INTEGER)`,
		`INSERT INTO u VALUES ('u1', 'o1', 'caseworker', NULL)`, `INSERT INTO w VALUES (x'0102', 'u1', 1, 2)`} {
		if _, err := kept.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	const q = `/* store.Session */ SELECT u.id, u.org, u.role, w.created, w.seen
		FROM w JOIN u ON u.id = w.user_id WHERE w.token = ? AND u.gone IS NULL`
	for _, db := range []struct {
		name string
		db   *sql.DB
	}{{"kept", kept}, {"compiled-each-time", plain}, {"kept", kept}, {"compiled-each-time", plain}} {
		b.Run(db.name, func(b *testing.B) {
			var id, org, role string
			var created, seen int64
			for b.Loop() {
				if err := db.db.QueryRow(q, []byte{1, 2}).Scan(&id, &org, &role, &created, &seen); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
