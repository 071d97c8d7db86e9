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
//   - A kept session is used for at most sessionKeep, so that what a
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

// sessionKeep is how long a looked-up session is used without looking it
// up again.
const sessionKeep = time.Second

// maxKeptSessions bounds the sessions kept; beyond it, none is added
// until a write or the time empties the map.
const maxKeptSessions = 10000

type keptSession struct {
	a             Actor
	created, seen time.Time // as stored
	at            time.Time // when it was looked up
}

type sessionCache struct {
	on   bool // on SQLite only, set at Open: nothing is kept otherwise
	mu   sync.Mutex
	gen  uint64 // counts the forgets: a lookup keeps nothing across one
	kept map[string]keptSession
}

// get returns the session of tokenHash looked up less than sessionKeep
// before now, and the generation to give put after a lookup.
func (c *sessionCache) get(tokenHash []byte, now time.Time) (keptSession, bool, uint64) {
	if !c.on {
		return keptSession{}, false, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.kept[string(tokenHash)]
	if ok && (now.Sub(k.at) >= sessionKeep || now.Before(k.at)) {
		delete(c.kept, string(tokenHash))
		ok = false
	}
	return k, ok, c.gen
}

// put keeps a session looked up at k.at, unless something was written
// since the lookup began (gen).
func (c *sessionCache) put(tokenHash []byte, k keptSession, gen uint64) {
	if !c.on {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.kept == nil {
		c.kept = make(map[string]keptSession)
	}
	if len(c.kept) >= maxKeptSessions {
		for h, old := range c.kept {
			if k.at.Sub(old.at) >= sessionKeep {
				delete(c.kept, h)
			}
		}
		if len(c.kept) >= maxKeptSessions {
			return
		}
	}
	c.kept[string(tokenHash)] = k
}

// forget drops every kept session: called after each write.
func (c *sessionCache) forget() {
	c.mu.Lock()
	c.gen++
	clear(c.kept)
	c.mu.Unlock()
}
