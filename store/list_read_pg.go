package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/reunite/reunite"
)

// On PostgreSQL a long list of families is read through pgx itself, not
// database/sql. Through database/sql, pgx's driver turns every column of
// every row into a driver value first (a string, a copy of the sealed
// label, each integer boxed in an interface: about five allocations a
// row), which database/sql then copies into the scan destinations: for
// the deadlines of two months among 100,000 families (5,551 rows) that
// was a third of the list's CPU time in this process. pgx's own rows give
// the sealed label as the bytes received, which a chunk copies once, and
// decode the rest straight into the destinations. The read is still one
// read-only transaction, on a connection of the same pool.

// pgSummaryRows reads a list's rows (id, version, label_enc, file_by,
// updated_at) from pgx.
type pgSummaryRows struct {
	rows            pgx.Rows
	id              string
	version, update int64
	label           []byte // the label, when the server sent it as text
	dest            []any  // made at the first row, once the columns are described
	// days are the deadlines already parsed: a list of two months has
	// some 60 of them for thousands of rows.
	days map[string]reunite.Date
}

func newPGSummaryRows(rows pgx.Rows) *pgSummaryRows {
	return &pgSummaryRows{rows: rows, days: map[string]reunite.Date{}}
}

func (r *pgSummaryRows) Next() bool { return r.rows.Next() }
func (r *pgSummaryRows) Err() error { return r.rows.Err() }
func (r *pgSummaryRows) Close()     { r.rows.Close() }

// The sealed label and the deadline are read as the bytes received (text
// is the same bytes in either format), the rest decoded by pgx.
func (r *pgSummaryRows) summary() (sum FamilySummary, label []byte, err error) {
	if r.dest == nil {
		r.dest = []any{&r.id, &r.version, nil, nil, &r.update}
		if f := r.rows.FieldDescriptions(); len(f) == 5 && f[2].Format != pgx.BinaryFormatCode {
			// A bytea sent as text (a connection set to the simple
			// protocol) is escaped: pgx decodes it, into a copy.
			r.dest[2] = &r.label
		}
	}
	if err := r.rows.Scan(r.dest...); err != nil {
		return sum, nil, err
	}
	sum.ID, sum.Version, sum.UpdatedAt = r.id, int(r.version), fromMicros(r.update)
	raw := r.rows.RawValues()
	if day := raw[3]; day != nil {
		var ok bool
		if sum.FileBy, ok = r.days[string(day)]; !ok {
			sum.FileBy, _ = reunite.ParseDate(string(day))
			r.days[string(day)] = sum.FileBy
		}
	}
	if r.dest[2] != nil {
		return sum, r.label, nil
	}
	return sum, raw[2], nil
}

// readSummariesPG is txn.readSummaries for PostgreSQL: the same rows, in
// a read-only transaction of its own, with pgx's rows.
func (s *Store) readSummariesPG(ctx context.Context, org, query string, args []any, once func(n int)) ([]FamilySummary, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var chunks []*labelChunk
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("PostgreSQL connection of type %T, want pgx's", dc)
		}
		tx, err := c.Conn().BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		// Rolling back after the commit does nothing; after a failure it
		// ends the transaction, or pgx closes a connection it cannot
		// roll back on, which the pool then drops.
		defer tx.Rollback(context.WithoutCancel(ctx))
		rows, err := tx.Query(ctx, s.q(query), args...)
		if err != nil {
			return err
		}
		if chunks, err = s.readLabelChunks(newPGSummaryRows(rows), org, once); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return nil, err
	}
	if pendingLabels(chunks) {
		// A data key not yet in memory is unwrapped with a query, in a
		// transaction of the pool's usual kind.
		if err := s.readTx(ctx, func(t *txn) error { return t.openPending(ctx, org, chunks) }); err != nil {
			return nil, err
		}
	}
	return joinChunks(chunks)
}

// pendingLabels reports whether any row of the chunks waits for its key.
func pendingLabels(chunks []*labelChunk) bool {
	for _, c := range chunks {
		if len(c.pending) > 0 {
			return true
		}
	}
	return false
}
