package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"

	"modernc.org/sqlite"
)

// SQLite compiles every statement it is given: the driver prepares a
// query, runs it and throws the compiled program away, so each request's
// session lookup, reads and audit entries were compiled anew each time
// (a fifth of a "needs action" page's CPU time went to SQLite's parser).
// Each SQLite connection keeps the statements it compiled, the most
// recently used up to stmtCacheSize, and runs them again with new
// arguments. PostgreSQL's driver (pgx) keeps its own.
//
// A statement is in use from its execution until its rows are closed; the
// same query asked again on that connection meanwhile (a transaction that
// runs it inside a loop over its own rows) is compiled once more, apart,
// as before: one compiled statement never serves two result sets at once.

// stmtCacheSize bounds the statements kept per connection: the fixed
// queries of the application are fewer; the rest are queries built for
// one list (a VALUES list of n ids), which come and go.
const stmtCacheSize = 128

// sqliteConnector opens SQLite connections that keep their statements.
type sqliteConnector struct{ driver.Connector }

func newSQLiteConnector(dsn string) (driver.Connector, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sqliteConnector{c}, nil
}

func (c sqliteConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	// The interfaces every connection of the driver implements, which a
	// wrapper must pass on (see sqlite.NewConnector).
	inner, ok := conn.(sqliteConn)
	if !ok {
		conn.Close()
		return nil, errors.New("store: the SQLite driver's connection lacks an interface it had")
	}
	return &cachingConn{sqliteConn: inner, stmts: map[string]*cachedStmt{}}, nil
}

type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type stmtQuerier interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// cachingConn is a SQLite connection with its compiled statements.
type cachingConn struct {
	sqliteConn
	// database/sql uses a connection from one goroutine at a time, but a
	// result set may be closed from the goroutine that watches its context.
	mu    sync.Mutex
	stmts map[string]*cachedStmt
	clock uint64 // counts uses, for the least recently used
}

type cachedStmt struct {
	st   stmtQuerier
	used uint64 // the clock at its last use
	busy bool   // a result set of it is open
	gone bool   // evicted while busy: closed when its result set is
}

// Unwrap returns the driver's connection (sqlite.Limit and the like look
// through wrappers this way).
func (c *cachingConn) Unwrap() driver.Conn { return c.sqliteConn }

// take returns the compiled statement of query, compiling and keeping it
// if need be, marked busy; nil if it is busy already or does not compile
// (the caller then runs the query the driver's way, which reports the
// error).
func (c *cachingConn) take(ctx context.Context, query string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	if s := c.stmts[query]; s != nil {
		if s.busy {
			return nil
		}
		s.busy, s.used = true, c.clock
		return s
	}
	st, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	sq, ok := st.(stmtQuerier)
	if !ok {
		st.Close()
		return nil
	}
	if len(c.stmts) >= stmtCacheSize {
		c.evictLocked()
	}
	s := &cachedStmt{st: sq, used: c.clock, busy: true}
	c.stmts[query] = s
	return s
}

// evictLocked forgets the least recently used statement, closing it now
// or, when busy, once its result set is closed.
func (c *cachingConn) evictLocked() {
	var oldest string
	var o *cachedStmt
	for q, s := range c.stmts {
		if o == nil || s.used < o.used {
			oldest, o = q, s
		}
	}
	delete(c.stmts, oldest)
	if o.busy {
		o.gone = true
		return
	}
	o.st.Close()
}

// release marks s free again.
func (c *cachingConn) release(s *cachedStmt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s.busy = false
	if s.gone {
		s.st.Close()
	}
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s := c.take(ctx, query)
	if s == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	defer c.release(s)
	return s.st.ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s := c.take(ctx, query)
	if s == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.st.QueryContext(ctx, args)
	if err != nil {
		c.release(s)
		return nil, err
	}
	return &cachedRows{Rows: rows, release: func() { c.release(s) }}, nil
}

// Close closes the kept statements, then the connection.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	for q, s := range c.stmts {
		s.st.Close()
		delete(c.stmts, q)
	}
	c.mu.Unlock()
	return c.sqliteConn.Close()
}

// cachedRows is a result set of a kept statement, which it frees when
// closed.
type cachedRows struct {
	driver.Rows
	release func()
	closed  bool
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if !r.closed {
		r.closed = true
		r.release()
	}
	return err
}
