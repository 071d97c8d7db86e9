package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/reunite/reunite"
)

// A long list of families (the deadlines of two months among 100,000
// families are about 5,500 rows) was read in three steps, one after the
// other: every row read (database/sql's Scan copying each sealed label
// into a slice of its own, the integers through reflection), then every
// label opened, then the list's audit entry committed. Here each row is
// scanned into the values the driver has already made (an any, a
// sql.RawBytes for the sealed label), the sealed labels are copied once
// into the buffer of a chunk of rows, and each full chunk is opened on
// another core while the following rows are still read; the audit entry
// is handed over (and with DurableReads committed) meanwhile (summaries).

// labelChunkRows is how many rows are opened together: a goroutine's turn
// costs far less than opening a few hundred labels, and a list shorter
// than one chunk starts no goroutine at all.
const labelChunkRows = 256

// labelChunk is a run of consecutive rows of a list, with their labels
// still sealed until open is called.
type labelChunk struct {
	rows   []FamilySummary
	sealed []byte // the sealed labels, one after another
	ends   []int  // where each row's sealed label ends in sealed
	// pending are the rows whose data key was not yet in memory:
	// unwrapping it needs a query, which must wait until the rows are
	// read (PostgreSQL runs one statement at a time on a connection).
	pending []int
	err     error // the first error, in row order
	// plain, opened and openEnds are open's scratch space, kept with
	// the chunk for its next list.
	plain            []byte
	opened, openEnds []int
}

// labelChunks keeps the chunks of the lists already returned for the next
// lists: the buffers of a chunk (some 90 KB) were made anew for each of
// the 22 chunks of the deadline list of 5,551 families, and left to the
// garbage collector once it was returned, about 1.5 MB a list that the
// runtime kept collecting and giving back to the system.
var labelChunks = sync.Pool{New: func() any {
	return &labelChunk{
		rows:   make([]FamilySummary, 0, labelChunkRows),
		sealed: make([]byte, 0, labelChunkRows*96), // a label of 50 bytes sealed
		ends:   make([]int, 0, labelChunkRows),
	}
}}

func newLabelChunk() *labelChunk { return labelChunks.Get().(*labelChunk) }

// release gives the chunk back to labelChunks once its rows are copied
// out. Its rows are cleared, so that the pool holds no name.
func (c *labelChunk) release() {
	clear(c.rows)
	c.rows, c.sealed, c.ends, c.pending, c.err = c.rows[:0], c.sealed[:0], c.ends[:0], nil, nil
	labelChunks.Put(c)
}

// add appends a row and a copy of its sealed label (the driver may reuse
// the label's memory for the next row).
func (c *labelChunk) add(sum FamilySummary, label []byte) {
	c.rows = append(c.rows, sum)
	c.sealed = append(c.sealed, label...)
	c.ends = append(c.ends, len(c.sealed))
}

// open opens the labels of the rows listed (nil means every row) with the
// keys keyOf finds; a row whose key keyOf does not have is left pending.
// The plaintexts go into one buffer and become one string, which the
// labels share.
func (c *labelChunk) open(rows []int, keyOf func(uint32) *dataKey) {
	n := len(c.rows)
	if rows != nil {
		n = len(rows)
	}
	var (
		aad []byte
		// The AEAD appends to a slice without room by copying it whole:
		// room for every plaintext, which is shorter than its envelope.
		plain  = slices.Grow(c.plain[:0], len(c.sealed))
		opened = slices.Grow(c.opened[:0], n)
		ends   = slices.Grow(c.openEnds[:0], n)
		k      *dataKey // the key of the previous row, most often the next one's too
	)
	c.pending = nil
	for j := 0; j < n && c.err == nil; j++ {
		i := j
		if rows != nil {
			i = rows[j]
		}
		start := 0
		if i > 0 {
			start = c.ends[i-1]
		}
		aad = append(append(aad[:0], "families/label/"...), c.rows[i].ID...)
		e, err := parseEnvelope(c.sealed[start:c.ends[i]])
		if err != nil {
			c.err = fmt.Errorf("%s: %w", aad, err)
			break
		}
		if k == nil || k.version != e.keyVersion {
			k = keyOf(e.keyVersion)
		}
		if k == nil {
			c.pending = append(c.pending, i)
			continue
		}
		if plain, err = k.openAppend(plain, e, aad); err != nil {
			c.err = err
			break
		}
		opened = append(opened, i)
		ends = append(ends, len(plain))
	}
	labels := string(plain)
	from := 0
	for j, i := range opened {
		c.rows[i].Label = labels[from:ends[j]]
		from = ends[j]
	}
	// The names are in labels now: the scratch copy kept for the next
	// list is wiped.
	clear(plain)
	c.plain, c.opened, c.openEnds = plain[:0], opened[:0], ends[:0]
}

// labelOpener opens the chunks of one list, on every core once there is
// more than one chunk.
type labelOpener struct {
	keyOf  func(uint32) *dataKey
	chunks []*labelChunk
	work   chan *labelChunk
	wg     sync.WaitGroup
}

// add hands over a chunk, which the caller no longer touches until wait.
func (o *labelOpener) add(c *labelChunk) {
	o.chunks = append(o.chunks, c)
	if len(o.chunks) == 1 {
		return // perhaps the only chunk: opened in wait, without a goroutine
	}
	if o.work == nil {
		workers := runtime.GOMAXPROCS(0)
		o.work = make(chan *labelChunk, workers)
		for range workers {
			o.wg.Go(func() {
				for c := range o.work {
					c.open(nil, o.keyOf)
				}
			})
		}
		o.work <- o.chunks[0]
	}
	o.work <- c
}

// wait returns once every chunk handed over has been opened.
func (o *labelOpener) wait() {
	if o.work == nil {
		for _, c := range o.chunks {
			c.open(nil, o.keyOf)
		}
		return
	}
	close(o.work)
	o.wg.Wait()
}

// summaryRows is where a list's rows come from, one row at a time: its
// summary, and its sealed label, valid only until the next row. SQLite's
// come through database/sql (sqlSummaryRows); PostgreSQL's straight from
// pgx (list_read_pg.go).
type summaryRows interface {
	Next() bool
	summary() (FamilySummary, []byte, error)
	Err() error
	Close()
}

// sqlSummaryRows holds the scan destinations of a list's rows (id,
// version, label_enc, file_by, updated_at), made once per list: the
// values a row's scan is given escape to the heap, three allocations a
// row when they were the scanning function's own variables.
type sqlSummaryRows struct {
	rows                    *sql.Rows
	id                      string
	version, fileBy, update any
	label                   sql.RawBytes
	dest                    []any
}

func newSQLSummaryRows(rows *sql.Rows) *sqlSummaryRows {
	r := &sqlSummaryRows{rows: rows}
	r.dest = []any{&r.id, &r.version, &r.label, &r.fileBy, &r.update}
	return r
}

func (r *sqlSummaryRows) Next() bool { return r.rows.Next() }
func (r *sqlSummaryRows) Err() error { return r.rows.Err() }
func (r *sqlSummaryRows) Close()     { r.rows.Close() }

// summary reads one row as both drivers give it through database/sql:
// text as string, integers as int64.
func (r *sqlSummaryRows) summary() (sum FamilySummary, label []byte, err error) {
	if err := r.rows.Scan(r.dest...); err != nil {
		return sum, nil, err
	}
	v, ok1 := r.version.(int64)
	u, ok2 := r.update.(int64)
	if !ok1 || !ok2 {
		return sum, nil, fmt.Errorf("family %s: version %T, updated_at %T, want integers", r.id, r.version, r.update)
	}
	sum.ID, sum.Version, sum.UpdatedAt = r.id, int(v), fromMicros(u)
	switch d := r.fileBy.(type) {
	case nil:
	case string:
		sum.FileBy, _ = reunite.ParseDate(d)
	default:
		return sum, nil, fmt.Errorf("family %s: file_by %T, want text", r.id, r.fileBy)
	}
	return sum, r.label, nil
}

// readSummaries reads the rows of a list query of families (the columns
// of sqlSummaryRows, in that order) and opens their labels. once is called
// with the number of rows as soon as they are all read, before the labels
// are opened: the list's audit entry is handed over meanwhile.
func (t *txn) readSummaries(ctx context.Context, org, query string, args []any, once func(n int)) ([]FamilySummary, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	chunks, err := t.s.readLabelChunks(newSQLSummaryRows(rows), org, once)
	if err != nil {
		return nil, err
	}
	if err := t.openPending(ctx, org, chunks); err != nil {
		return nil, err
	}
	return joinChunks(chunks)
}

// readLabelChunks reads every row and opens the labels whose data key is
// in memory, chunk by chunk on every core while the following rows are
// read; rows whose key is not are left pending (openPending). once is
// called with the number of rows as soon as they are all read. rows is
// closed.
func (s *Store) readLabelChunks(rows summaryRows, org string, once func(n int)) ([]*labelChunk, error) {
	// The keys already in memory; one that is not is unwrapped after the
	// rows are read, and its labels opened then.
	o := &labelOpener{keyOf: func(v uint32) *dataKey {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.orgKeys[orgKeyID{org, v}]
	}}
	c := newLabelChunk()
	n := 0
	for rows.Next() {
		sum, label, err := rows.summary()
		if err != nil {
			rows.Close()
			o.wait()
			return nil, err
		}
		c.add(sum, label)
		n++
		if len(c.rows) == labelChunkRows {
			o.add(c)
			c = newLabelChunk()
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		o.wait()
		return nil, err
	}
	if len(c.rows) > 0 {
		o.add(c)
	}
	once(n)
	o.wait()
	return o.chunks, nil
}

// joinChunks is the list of the chunks' rows, or the first chunk's error.
func joinChunks(chunks []*labelChunk) ([]FamilySummary, error) {
	n := 0
	for _, c := range chunks {
		if c.err != nil {
			return nil, c.err
		}
		n += len(c.rows)
	}
	out := make([]FamilySummary, 0, n)
	for _, c := range chunks {
		out = append(out, c.rows...)
		c.release()
	}
	return out, nil
}

// openPending unwraps the data keys the chunks' pending rows need, now
// that the connection is free for a query, and opens those rows.
func (t *txn) openPending(ctx context.Context, org string, chunks []*labelChunk) error {
	keys := map[uint32]*dataKey{}
	for _, c := range chunks {
		if c.err != nil {
			return c.err
		}
		if len(c.pending) == 0 {
			continue
		}
		for _, i := range c.pending {
			start := 0
			if i > 0 {
				start = c.ends[i-1]
			}
			e, err := parseEnvelope(c.sealed[start:c.ends[i]])
			if err != nil {
				return err // parsed once already: cannot happen
			}
			if keys[e.keyVersion] == nil {
				if keys[e.keyVersion], err = t.dataKey(ctx, org, e.keyVersion); err != nil {
					return err
				}
			}
		}
		c.open(c.pending, func(v uint32) *dataKey { return keys[v] })
		if c.err != nil {
			return c.err
		}
	}
	return nil
}
