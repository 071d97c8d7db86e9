package store

import (
	"context"
	"strings"
)

// maxParams bounds the parameters of one statement: SQLite refuses more
// than 32,766 and PostgreSQL more than 65,535.
const maxParams = 30000

// insertRows inserts rows (each with the same number of values) with as few
// statements as maxParams allows: one statement per row costs a parse and a
// round trip each, which is most of the price of writing many small rows.
// head is the statement up to VALUES, tail what follows the values (an ON
// CONFLICT clause, or "").
func (t *txn) insertRows(ctx context.Context, head, tail string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	tuple := "(" + marks(len(rows[0])) + ")"
	per := max(1, maxParams/len(rows[0]))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*len(rows[0]))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := head + " VALUES " + strings.TrimSuffix(strings.Repeat(tuple+", ", len(chunk)), ", ") + tail
		if _, err := t.exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
