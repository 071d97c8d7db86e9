package store

import "sync"

// The office view shows each of its rows' names, sealed in
// families.label_enc. At 100,000 families, reading a search's fifty
// labels was most of its cost: fifty look-ups of pages spread over the
// whole table, which every commit of the audit writer drops from each
// connection's cache (SQLite's cache is per connection). A family's
// sealed label never changes for a version (a new version writes a new
// one, and rotation re-wraps the data keys without touching a sealed
// value), so the store keeps the sealed labels it has read in memory, by
// family, version and time of that version. The time guards against a
// version number written twice with different names, as after a
// database is put back from a backup, or a PostgreSQL failover loses
// the last commits, under a running server. They stay sealed there, as
// on disk: each request still opens the ones it shows, with the office's
// key, which binds each to its family.
//
// The cache holds no pointer per entry (fixed-size keys, spans of a few
// large blocks), so that the collector has nothing more to scan with
// 100,000 families in it; it is emptied when it reaches maxLabelBytes.

// labelIDMax is the longest family id kept (ids are 17 bytes, ids.go);
// a longer one is read from the database each time.
const labelIDMax = 24

// labelBlock is the size of the blocks the sealed labels are copied to.
const labelBlock = 1 << 20

// maxLabelBytes bounds the blocks; the cache starts again empty when they
// are full (about 200,000 labels).
const maxLabelBytes = 32 << 20

type labelKey struct {
	id      [labelIDMax]byte
	n       uint8
	version int32
	updated int64 // families.updated_at, in microseconds
}

type labelSpan struct {
	block, off, n uint32
}

// sealedLabels is the cache of sealed labels. Its zero value is empty and
// ready.
type sealedLabels struct {
	mu     sync.RWMutex
	spans  map[labelKey]labelSpan
	blocks [][]byte
}

func newLabelKey(id string, version int, updated int64) (labelKey, bool) {
	var k labelKey
	if len(id) > labelIDMax || version <= 0 || version > 1<<31-1 {
		return k, false
	}
	k.n = uint8(copy(k.id[:], id))
	k.version = int32(version)
	k.updated = updated
	return k, true
}

// get returns the sealed label of a family's version saved at updated
// (microseconds), if kept. The bytes are shared: the caller must not
// change them.
func (c *sealedLabels) get(id string, version int, updated int64) ([]byte, bool) {
	k, ok := newLabelKey(id, version, updated)
	if !ok {
		return nil, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	sp, ok := c.spans[k]
	if !ok {
		return nil, false
	}
	b := c.blocks[sp.block]
	return b[sp.off : sp.off+sp.n : sp.off+sp.n], true
}

// put keeps a copy of the sealed label of a family's version saved at
// updated.
func (c *sealedLabels) put(id string, version int, updated int64, sealed []byte) {
	k, ok := newLabelKey(id, version, updated)
	if !ok || len(sealed) == 0 || len(sealed) > labelBlock {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.spans[k]; ok {
		return
	}
	last := len(c.blocks) - 1
	if last < 0 || len(c.blocks[last])+len(sealed) > labelBlock {
		if len(c.blocks) == maxLabelBytes/labelBlock {
			// Full: start again. Blocks handed out by get stay valid
			// for whoever holds them; nothing is written into them again.
			c.blocks, c.spans = nil, nil
		}
		c.blocks = append(c.blocks, make([]byte, 0, labelBlock))
		last = len(c.blocks) - 1
	}
	if c.spans == nil {
		c.spans = make(map[labelKey]labelSpan)
	}
	b := c.blocks[last]
	c.spans[k] = labelSpan{block: uint32(last), off: uint32(len(b)), n: uint32(len(sealed))}
	c.blocks[last] = append(b, sealed...)
}

// reset empties the cache (Restore).
func (c *sealedLabels) reset() {
	c.mu.Lock()
	c.blocks, c.spans = nil, nil
	c.mu.Unlock()
}
