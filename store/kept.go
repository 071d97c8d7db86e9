package store

import (
	"sync"
	"time"
)

// Every request of a signed-in person looks its session up, and on
// SQLite that lookup was a transaction of its own before the page's: a
// connection from the pool, a read lock on the database's shared memory
// (taken and released with system calls) and a join of two tables. With
// sixteen requests at once on two cores it was about a tenth of the
// family dashboard's work (scripts/load), done outside the page's turn.
//
// So on SQLite the store keeps the sessions it has looked up, briefly:
//
//   - Whatever this store writes forgets them all (txAt, and
//     DeleteSession, written outside it). A sign-out,
//     a disabled user, a changed role, a used sign-in link: the next
//     request looks its session up again, as it always did. A lookup that
//     raced with a write keeps nothing (gen).
//   - A kept session is used for at most keepFor, so that what a
//     writer other than this store changes (another process on the same
//     file; Reunite's commands change no user and no session, but a
//     person with the sqlite3 shell may) is seen within that time.
//   - The idle and absolute limits are checked against the kept times on
//     every request, as against the stored ones, and a session last
//     marked seen more than a minute ago is looked up again, which marks
//     it seen: the store writes seen_at exactly as often as before.
//
// Not on PostgreSQL: several servers may share one database there, and a
// sign-out on one of them must end the session on all of them at once.
// Nothing secret is kept: the key is the token's hash (what the table
// holds), the value the actor and two times.

// keepFor is how long a kept read is used without reading it again.
const keepFor = time.Second

// maxKept bounds the entries of one kind kept; beyond it, none is added
// until a write or the time empties the map.
const maxKept = 10000

type keptSession struct {
	a             Actor
	created, seen time.Time // as stored
}

// The office's staff list (StaffMembers) is read by every dashboard and
// office view, for the assignment form and the filter: on SQLite it is
// kept the same way, forgotten at every write of this store (a new,
// renamed or disabled member) and read again after keepFor at most. A
// list a second old offers a name only; Assign checks the member again.
// Unlike a session, the list holds what is sealed at rest: the staff's
// names, opened, as every page that shows them holds them, for that
// second at most.

// kept holds reads of one kind on SQLite, by key, until this store writes
// anything or keepFor has passed.
type kept[K comparable, V any] struct {
	on  bool // on SQLite only, set at Open: nothing is kept otherwise
	mu  sync.Mutex
	gen uint64 // counts the forgets: a read keeps nothing across one
	m   map[K]keptValue[V]
}

type keptValue[V any] struct {
	v  V
	at time.Time // when it was read
}

// get returns the value of k read less than keepFor before now, and the
// generation to give put after a read.
func (c *kept[K, V]) get(k K, now time.Time) (V, bool, uint64) {
	var zero V
	if !c.on {
		return zero, false, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if ok && (now.Sub(e.at) >= keepFor || now.Before(e.at)) {
		delete(c.m, k)
		ok = false
	}
	if !ok {
		return zero, false, c.gen
	}
	return e.v, true, c.gen
}

// put keeps v, read at at, unless something was written since the read
// began (gen).
func (c *kept[K, V]) put(k K, v V, at time.Time, gen uint64) {
	if !c.on {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil {
		c.m = make(map[K]keptValue[V])
	}
	if len(c.m) >= maxKept {
		for old, e := range c.m {
			if at.Sub(e.at) >= keepFor {
				delete(c.m, old)
			}
		}
		if len(c.m) >= maxKept {
			return
		}
	}
	c.m[k] = keptValue[V]{v, at}
}

// forget drops everything kept: called after each write.
func (c *kept[K, V]) forget() {
	c.mu.Lock()
	c.gen++
	clear(c.m)
	c.mu.Unlock()
}

// forgetKept drops every kept read of the store: called after each write.
func (s *Store) forgetKept() {
	s.sessions.forget()
	s.staff.forget()
}
