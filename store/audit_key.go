package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strconv"
)

// The audit chain's key. A plain hash chain can be recomputed by anyone who
// can write to the database; an HMAC chain only by someone who also holds
// the master key. The key is random and wrapped by the master key (not
// derived from it), so that a rotation of the master key re-wraps it like
// the data keys and the chain does not change.

// auditKey is the unwrapped chain key and the first entry it links.
type auditKey struct {
	fromSeq int64
	key     []byte
}

func auditKeyAAD(fromSeq int64) string {
	return "audit_key/" + strconv.FormatInt(fromSeq, 10)
}

// auditKey returns the chain key, making it when none exists yet: then the
// entry numbered next is the first keyed one. Call it after the audit head
// is locked, so that two writers never make two keys.
func (t *txn) auditKey(ctx context.Context, next int64) (*auditKey, error) {
	k, err := t.s.loadAuditKey(ctx, t.queryRow)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return k, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	wrapped, err := t.s.keys.Current.wrapKey(key, auditKeyAAD(next))
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, `/* store.auditKey */
		INSERT INTO audit_key (id, from_seq, master_id, wrapped, created_at) VALUES (1, ?, ?, ?, ?)`,
		next, t.s.keys.Current.ID(), wrapped, micros(t.now)); err != nil {
		return nil, err
	}
	return &auditKey{fromSeq: next, key: key}, nil
}

// loadAuditKey reads and unwraps the chain key (sql.ErrNoRows when there
// is none yet). The unwrapped key is cached.
func (s *Store) loadAuditKey(ctx context.Context, queryRow func(context.Context, string, ...any) *sql.Row) (*auditKey, error) {
	var (
		fromSeq  int64
		masterID string
		wrapped  []byte
	)
	if err := queryRow(ctx, `/* store.loadAuditKey */ SELECT from_seq, master_id, wrapped FROM audit_key WHERE id = 1`).
		Scan(&fromSeq, &masterID, &wrapped); err != nil {
		return nil, err
	}
	// Cached by the first keyed entry only: a rotation re-wraps the key
	// (a server started with the old master key alone keeps working), and
	// a moved first entry misses the cache and fails to unwrap.
	cacheKey := auditKeyAAD(fromSeq)
	s.mu.Lock()
	k := s.auditKeys[cacheKey]
	s.mu.Unlock()
	if k != nil {
		return k, nil
	}
	mk := s.keys.byID(masterID)
	if mk == nil {
		return nil, fmt.Errorf("the audit key is wrapped by master key %s, which was not given", masterID)
	}
	key, err := mk.unwrapKey(wrapped, auditKeyAAD(fromSeq))
	if err != nil {
		return nil, fmt.Errorf("the audit key does not unwrap with master key %s (was its first entry moved?): %w", masterID, err)
	}
	k = &auditKey{fromSeq: fromSeq, key: key}
	s.mu.Lock()
	s.auditKeys[cacheKey] = k
	s.mu.Unlock()
	return k, nil
}

// rewrapAuditKey wraps the chain key with the current master key (keys
// rotate); it reports whether there was one to re-wrap.
func (t *txn) rewrapAuditKey(ctx context.Context) (bool, error) {
	k, err := t.s.loadAuditKey(ctx, t.queryRow)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	wrapped, err := t.s.keys.Current.wrapKey(k.key, auditKeyAAD(k.fromSeq))
	if err != nil {
		return false, err
	}
	_, err = t.exec(ctx, `/* store.rewrapAuditKey */ UPDATE audit_key SET master_id = ?, wrapped = ? WHERE id = 1`,
		t.s.keys.Current.ID(), wrapped)
	return err == nil, err
}

// entryHash links an entry to the one before: HMAC-SHA256 under the chain
// key from its first keyed entry on, plain SHA-256 before (entries written
// before the chain was keyed). The fields are length-prefixed so that no
// two different entries encode alike. The sequence number is left out on
// purpose: order is proven by the links, and so a moved entry shows up as
// out of place rather than as edited.
func (k *auditKey) entryHash(seq int64, prev []byte, at int64, actor, org, action, family, detail string) []byte {
	var h hash.Hash
	if k != nil && seq >= k.fromSeq {
		h = hmac.New(sha256.New, k.key)
		h.Write([]byte("reunite audit v2\x00"))
	} else {
		h = sha256.New()
		h.Write([]byte("reunite audit v1\x00"))
	}
	h.Write(prev)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(at))
	h.Write(n[:])
	for _, s := range []string{actor, org, action, family, detail} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return h.Sum(nil)
}
