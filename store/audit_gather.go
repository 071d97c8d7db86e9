package store

import (
	"context"
	"strings"
	"sync"
	"time"
)

// A page made of several audited reads of one family (the dashboard reads
// the case file, the documents, the petitions' events and the relatives'
// logs) wrote an entry for each. Under GatherReads they are logged as one
// entry per family, office and action, whose detail names every read in
// the order they were made ("latest; documents; petition events; relative
// logs"): the log says the same, and the writer of reads, whose commits
// were the other half of the dashboard's slowest answers (docs/web.md),
// inserts a quarter of the rows.

type gatherKey struct{}

// gathered holds the entries of a page's reads until LogGathered.
type gathered struct {
	mu      sync.Mutex
	done    bool // LogGathered was called: later reads log at once
	entries []*gatheredEntry
	read    sharedRead // the page's read transaction (read_shared.go)
}

type gatheredEntry struct {
	a              Actor
	at             time.Time // of the first read
	action, family string
	details        []string
}

// GatherReads returns a context under which the store's audited reads do
// not log their entries one by one: they are gathered, and LogGathered
// logs them, one per family, office and action. On SQLite the reads also
// share one transaction, which LogGathered ends (read_shared.go): the
// page reads one state of the data. Whoever uses it must call
// LogGathered before showing anything read under it, show nothing if that
// fails, and call it also when the page fails (a deferred call does), so
// that every read is logged.
func GatherReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, gatherKey{}, &gathered{})
}

// gather adds a read's entry to ctx's gathering and reports whether it
// did; false when ctx gathers nothing or no longer does.
func gather(ctx context.Context, at time.Time, a Actor, action, family, detail string) bool {
	g, ok := ctx.Value(gatherKey{}).(*gathered)
	if !ok {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.done {
		return false
	}
	for _, e := range g.entries {
		if e.a == a && e.action == action && e.family == family {
			e.details = append(e.details, detail)
			return true
		}
	}
	g.entries = append(g.entries, &gatheredEntry{a: a, at: at, action: action, family: family, details: []string{detail}})
	return true
}

// LogGathered logs the entries gathered under ctx (GatherReads), as every
// read logs its own: handed to the writer of reads, or committed with
// Options.DurableReads (waited for in AwaitReadAudit under
// DeferReadAudit). Reads made under ctx after it log at once. A second call
// logs nothing; without GatherReads it does nothing.
func (s *Store) LogGathered(ctx context.Context) error {
	g, ok := ctx.Value(gatherKey{}).(*gathered)
	if !ok {
		return nil
	}
	// The page's reads are over: their transaction ends before anything
	// read in it is shown. Reads commit nothing, so an error ending it
	// loses nothing; its connection is closed.
	g.read.end()
	g.mu.Lock()
	entries := g.entries
	g.entries, g.done = nil, true
	g.mu.Unlock()
	var first error
	for _, e := range entries {
		if err := s.logReadAt(ctx, e.at, e.a, e.action, e.family, strings.Join(e.details, "; ")); err != nil && first == nil {
			first = err
		}
	}
	return first
}
