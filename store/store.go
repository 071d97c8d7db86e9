package store

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reunite/reunite/risk"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
)

// Engine names the database behind a Store.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Options configure Open.
type Options struct {
	// DSN picks the database: "postgres://..." or "postgresql://..." for
	// PostgreSQL; "sqlite:PATH" or a plain file path for SQLite.
	DSN string
	// Keys are the master keys: the current one wraps new data keys, the
	// previous ones are still accepted while a rotation is under way.
	Keys Keys
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Risk are the office's settings for the relatives' warnings (days
	// without contact, a status about to expire); zero means
	// risk.DefaultRules.
	Risk risk.Rules
	// DurableReads makes every read wait until its audit entry is
	// committed before it returns. Without it a read returns once its
	// entry is handed to the writer of reads, which commits within
	// ReadAuditDelay: a crash can lose the entries of the reads answered
	// just before it (audit_writer.go says exactly which).
	DurableReads bool
}

// Store is an open database. It is safe for concurrent use, and several
// processes may share one PostgreSQL database.
type Store struct {
	db     *sql.DB
	engine Engine
	path   string // the SQLite file, for backups and tests
	keys   Keys
	now    func() time.Time
	risk   risk.Rules

	mu      sync.Mutex
	orgKeys map[orgKeyID]*dataKey
	// auditKeys caches the unwrapped audit chain key by its first entry.
	auditKeys map[string]*auditKey

	loginKey []byte // keys LoginHash

	familyDocLimit atomic.Int64 // bytes of one family's files; 0 is the default (documents.go)
	reads          auditWriter  // writes the audit entries of reads (audit_writer.go)
	// verdictsChecked holds the offices whose families' verdict counts
	// were checked for old, missing ones (office_page.go).
	verdictsChecked sync.Map
	// statements counts the SQL statements sent (Statements), for the
	// benchmarks' queries per request.
	statements atomic.Int64
	// dueChecked holds the offices whose needs-action index was checked
	// for families saved before it was kept with every version (due_index.go).
	dueChecked sync.Map
	// derivedBuilt holds the derived tables known to be built (buildOnce).
	derivedBuilt sync.Map
	// labels keeps the sealed labels the office view has read (label_cache.go).
	labels sealedLabels
	// sessions and staff keep, on SQLite, the sessions looked up and the
	// offices' staff lists until the next write (kept.go).
	sessions kept[string, keptSession]
	staff    kept[string, []StaffMember]
	// intakeState writes down the intake's state of a version (intake_state.go).
	intakeState atomic.Pointer[IntakeStateFunc]
}

// Open connects to the database named by opt.DSN, creating a SQLite file
// (and its directory) if needed, and applies pending migrations.
func Open(ctx context.Context, opt Options) (s *Store, err error) {
	defer wrap(&err, "store.Open")
	if opt.Keys.Current == nil {
		return nil, fmt.Errorf("%w: no master key", ErrInvalid)
	}
	s = &Store{keys: opt.Keys, now: opt.Now, risk: opt.Risk, orgKeys: map[orgKeyID]*dataKey{}, auditKeys: map[string]*auditKey{}}
	s.reads.durable = opt.DurableReads
	if s.loginKey, err = hkdf.Key(sha256.New, opt.Keys.Current.key[:], nil, "reunite login lockout v1", 32); err != nil {
		return nil, err
	}
	if s.now == nil {
		s.now = time.Now
	}
	switch {
	case strings.HasPrefix(opt.DSN, "postgres://"), strings.HasPrefix(opt.DSN, "postgresql://"):
		s.engine = Postgres
		s.db, err = sql.Open("pgx", opt.DSN)
	case opt.DSN == "":
		return nil, fmt.Errorf("%w: no database named", ErrInvalid)
	default:
		s.engine = SQLite
		s.sessions.on, s.staff.on = true, true // one server per file (kept.go)
		s.path = strings.TrimPrefix(opt.DSN, "sqlite:")
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return nil, err
		}
		// The database is created private to its owner; SQLite gives the
		// WAL and shared-memory files the same mode.
		f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		f.Close()
		// Connections that keep their compiled statements (stmt_cache.go).
		c, err := newSQLiteConnector(sqliteDSN(s.path))
		if err != nil {
			return nil, err
		}
		s.db = sql.OpenDB(c)
	}
	if err != nil {
		return nil, err
	}
	// Writers queue on the audit head anyway (audit.go), so more
	// connections would only wait; and several servers share a PostgreSQL
	// database's connection limit. Every open connection is kept idle in
	// the pool: database/sql keeps only two by default, and under load the
	// others were closed and reopened per request, each reopening paying
	// for the pragmas and a parse of the whole SQLite schema (16% of the
	// dashboard's time at 16 concurrent requests).
	s.db.SetMaxOpenConns(16)
	s.db.SetMaxIdleConns(16)
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.sealClientLogins(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("sealing client logins: %w", err)
	}
	return s, nil
}

// sqliteDSN sets the pragmas on every connection the pool opens: WAL so that
// readers do not block the writer, synchronous=FULL so that a commit that
// returned survives a crash or power loss, foreign keys, a wait instead of
// an immediate "database is locked", and BEGIN IMMEDIATE so that two writers
// queue for the lock up front instead of deadlocking on an upgrade.
// Temporary files in memory: an insert of many rows (the writer of reads'
// batch of audit entries) keeps a statement journal to undo itself, which
// was otherwise a temporary file, written to and read back: a third of the
// write calls of a busy office's reads (scripts/load). Nothing that must
// survive a crash is in them.
//
// The log is copied back into the database (a checkpoint) once it holds
// walPages pages instead of SQLite's 1,000. The writer of reads' entries
// land on pages all over the index of the audit log by family, and each
// checkpoint copied about a thousand of them, in a burst that took one of
// the two cores from the pages being computed; with ten times the log,
// each page is copied once for several commits that changed it. Measured
// with scripts/load at 100,000 families, builds alternated, the
// dashboard's 99th percentile: 12.5-14.5 -> 10.7-11.7 ms in a busy hour,
// 10.8-11.5 -> 10.5-11.2 ms in a quiet one (three pairs each). The log
// then takes up to about 40 MB of disk; a crash loses nothing more, since
// the log is what a commit syncs.
func sqliteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)", "temp_store(MEMORY)",
		"wal_autocheckpoint(" + strconv.Itoa(walPages) + ")"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// walPages is the size of SQLite's log, in pages of 4 KiB, at which a
// commit copies it back into the database (sqliteDSN).
const walPages = 10000

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.stopReads(), s.db.Close())
}

// Engine reports which database the store uses.
func (s *Store) Engine() Engine { return s.engine }

// DurableReads reports Options.DurableReads: each read waits for its
// audit entry's commit.
func (s *Store) DurableReads() bool { return s.reads.durable }

// Path returns the SQLite database file, or "" for PostgreSQL.
func (s *Store) Path() string { return s.path }

// q rewrites the ? placeholders of a query for the engine: PostgreSQL
// wants $1, $2... The queries never contain a literal question mark.
func (s *Store) q(query string) string {
	s.statements.Add(1)
	if s.engine != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Statements is how many SQL statements the store has sent since it was
// opened: every statement goes through q (a few fixed ones of the audit
// check and of key handling aside), so a benchmark can report its queries
// per operation.
func (s *Store) Statements() int64 { return s.statements.Load() }

// tx runs fn in a transaction, committing if it returns nil. now is the
// transaction's time, read once, so every row it writes agrees.
func (s *Store) tx(ctx context.Context, fn func(t *txn) error) error {
	return s.txAt(ctx, s.now().UTC(), fn)
}

// txAt is tx with a time read before: work that needs the time but not the
// database (encoding, assessing) can then be done before the transaction
// takes its locks.
func (s *Store) txAt(ctx context.Context, now time.Time, fn func(t *txn) error) error {
	// The entries of reads answered before this write go into the log
	// before it, so that the log keeps the order in which things happened.
	if s.reads.pending.Load() > 0 {
		if err := s.flushReads(ctx); err != nil {
			return err
		}
	}
	// A write may end a session or change its user: the sessions kept
	// are looked up again, and so are the staff lists (kept.go).
	defer s.forgetKept()
	return s.writeTx(ctx, now, fn)
}

// writeTx is txAt without waiting for the reads' entries: the writer of
// reads commits them with it.
func (s *Store) writeTx(ctx context.Context, now time.Time, fn func(t *txn) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &txn{sqlRunner: sqlTx, s: s, now: now}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return err
	}
	return sqlTx.Commit()
}

// readTx runs fn in a read-only transaction. On SQLite it begins DEFERRED
// instead of the IMMEDIATE of tx (the _txlock of the DSN), so that readers
// never queue for the write lock behind writers and each other: in WAL mode
// they read a snapshot while one writer commits. PostgreSQL refuses a write
// in it. Reads log their audit entry after it, through the writer of reads.
func (s *Store) readTx(ctx context.Context, fn func(t *txn) error) error {
	ctx, err := s.readCtx(ctx)
	if err != nil {
		return err
	}
	if s.engine == SQLite {
		if ran, err := s.readShared(ctx, fn); ran {
			return err
		}
		return s.readConnTx(ctx, fn)
	}
	sqlTx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	t := &txn{sqlRunner: sqlTx, s: s, now: s.now().UTC()}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return err
	}
	return sqlTx.Commit()
}

// readConnTx is readTx on SQLite: a connection of the pool in a
// transaction begun and ended by our own statements, instead of a sql.Tx.
// database/sql starts a goroutine for every sql.Tx (to roll it back if its
// context ends, even a context that cannot end) and then one for every
// result set read in it: about twenty per dashboard, which the page waited
// behind for the processor (docs/web.md).
func (s *Store) readConnTx(ctx context.Context, fn func(t *txn) error) (err error) {
	r, err := s.beginRead(ctx)
	if err != nil {
		return err
	}
	if err := r.run(fn); err != nil {
		r.end(false)
		return err
	}
	return r.end(true)
}

// connRead is a read transaction on a connection of the SQLite pool.
type connRead struct {
	conn *sql.Conn
	t    *txn
}

// beginRead takes a connection from the pool and begins a read on it.
func (s *Store) beginRead(ctx context.Context) (*connRead, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	r := &connRead{conn: conn, t: &txn{sqlRunner: conn, s: s, now: s.now().UTC(), uninterrupted: true}}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		r.drop()
		return nil, err
	}
	return r, nil
}

// run runs fn in the read. If fn panics, the connection, in an unknown
// state, is closed before the panic goes on.
func (r *connRead) run(fn func(t *txn) error) error {
	returned := false
	defer func() {
		if !returned {
			r.drop()
		}
	}()
	err := fn(r.t)
	returned = true
	return err
}

// end commits the read (ok) or rolls it back, and gives the connection
// back to the pool. A connection whose transaction could not be ended is
// closed instead of going back to the pool in the middle of a transaction.
func (r *connRead) end(ok bool) error {
	end := "ROLLBACK"
	if ok {
		end = "COMMIT"
	}
	if _, err := r.conn.ExecContext(context.Background(), end); err != nil {
		r.drop()
		return err
	}
	return r.conn.Close()
}

// drop closes the connection rather than giving it back to the pool.
func (r *connRead) drop() {
	r.conn.Raw(func(any) error { return driver.ErrBadConn })
	r.conn.Close()
}

// readCtx is the context a read runs under: on SQLite one that cannot
// end, once ctx has been checked. A read there is over in a few
// milliseconds, and the SQLite driver starts a goroutine per statement,
// BEGIN included, to watch a context that can end.
func (s *Store) readCtx(ctx context.Context) (context.Context, error) {
	if s.engine != SQLite {
		return ctx, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return context.WithoutCancel(ctx), nil
}

// sqlRunner runs a transaction's statements: a *sql.Tx, or on SQLite for
// reads a *sql.Conn in a transaction of its own (readTx).
type sqlRunner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txn is a transaction with its store and its time.
type txn struct {
	sqlRunner
	s   *Store
	now time.Time
	// newest caches each organization's newest data key for the
	// transaction (datakeys.go): a write seals several values per family.
	newest map[string]*dataKey
	// uninterrupted: the statements run to their end even if the request
	// that asked them ends first (a read on SQLite, readConnTx). The
	// SQLite driver starts a goroutine per statement to watch a context
	// that can end, about fifteen per dashboard; a read is over in a few
	// milliseconds.
	uninterrupted bool
	// visible holds the families the actors were found to see, in a
	// page's shared read (read_shared.go); nil elsewhere.
	visible map[visibleKey]bool
}

// stmtCtx is the context a statement of t runs under.
func (t *txn) stmtCtx(ctx context.Context) context.Context {
	if t.uninterrupted {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

func (t *txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.ExecContext(t.stmtCtx(ctx), t.s.q(query), args...)
}

func (t *txn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(t.stmtCtx(ctx), t.s.q(query), args...)
}

func (t *txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.QueryRowContext(t.stmtCtx(ctx), t.s.q(query), args...)
}

// micros is how times are stored: microseconds since 1970 UTC.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(n int64) time.Time { return time.UnixMicro(n).UTC() }

// notFound turns sql.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
