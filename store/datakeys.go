package store

import (
	"context"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"strconv"

	"golang.org/x/crypto/chacha20poly1305"
)

// dataKey is an organization's unwrapped data key, kept in memory only.
type dataKey struct {
	version uint32
	aead    cipher.AEAD
	// blind keys the search hashes. It is derived from version 1 of the
	// organization's data key, so that the hashes stay valid whichever
	// key seals new data.
	blind []byte
}

type orgKeyID struct {
	org     string
	version uint32
}

func orgKeyAAD(org string, version uint32) string {
	return "org_keys/" + org + "/" + strconv.FormatUint(uint64(version), 10)
}

// createDataKey makes version 1 of a new organization's data key.
func (t *txn) createDataKey(ctx context.Context, org string) error {
	dek := make([]byte, chacha20poly1305.KeySize)
	if _, err := rand.Read(dek); err != nil {
		return err
	}
	wrapped, err := t.s.keys.Current.wrapKey(dek, orgKeyAAD(org, 1))
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `/* store.createDataKey */
		INSERT INTO org_keys (org_id, version, master_id, wrapped, created_at) VALUES (?, 1, ?, ?, ?)`,
		org, t.s.keys.Current.ID(), wrapped, micros(t.now))
	return err
}

// dataKey returns version v of an organization's data key, unwrapping and
// caching it on first use; v = 0 means the newest version.
func (t *txn) dataKey(ctx context.Context, org string, v uint32) (*dataKey, error) {
	if v == 0 {
		// Which version is the newest is read once per transaction (a
		// write seals several values per family): a newer version could
		// only come from a restore, which replaces the whole database,
		// and a value sealed with an older one still opens with it.
		if k := t.newest[org]; k != nil {
			return k, nil
		}
		k, err := t.unwrapDataKey(ctx, org, 0)
		if err == nil {
			if t.newest == nil {
				t.newest = map[string]*dataKey{}
			}
			t.newest[org] = k
		}
		return k, err
	}
	return t.unwrapDataKey(ctx, org, v)
}

// unwrapDataKey is dataKey without the transaction's cache.
func (t *txn) unwrapDataKey(ctx context.Context, org string, v uint32) (*dataKey, error) {
	if v != 0 {
		t.s.mu.Lock()
		k := t.s.orgKeys[orgKeyID{org, v}]
		t.s.mu.Unlock()
		if k != nil {
			return k, nil
		}
	}
	var (
		version  uint32
		masterID string
		wrapped  []byte
	)
	err := t.queryRow(ctx, `/* store.dataKey */
		SELECT version, master_id, wrapped FROM org_keys
		WHERE org_id = ? AND (version = ? OR ? = 0) ORDER BY version DESC LIMIT 1`,
		org, v, v).Scan(&version, &masterID, &wrapped)
	if err != nil {
		return nil, fmt.Errorf("data key %d of %s: %w", v, org, notFound(err))
	}
	if v == 0 {
		t.s.mu.Lock()
		k := t.s.orgKeys[orgKeyID{org, version}]
		t.s.mu.Unlock()
		if k != nil {
			return k, nil
		}
	}
	mk := t.s.keys.byID(masterID)
	if mk == nil {
		return nil, fmt.Errorf("data key %d of %s is wrapped by master key %s, which was not given", version, org, masterID)
	}
	dek, err := mk.unwrapKey(wrapped, orgKeyAAD(org, version))
	if err != nil {
		return nil, fmt.Errorf("data key %d of %s does not unwrap with master key %s: %w", version, org, masterID, err)
	}
	k, err := newDataKey(version, dek)
	if err != nil {
		return nil, err
	}
	if version != 1 {
		first, err := t.dataKey(ctx, org, 1)
		if err != nil {
			return nil, err
		}
		k.blind = first.blind
	}
	t.s.mu.Lock()
	t.s.orgKeys[orgKeyID{org, version}] = k
	t.s.mu.Unlock()
	return k, nil
}

func newDataKey(version uint32, dek []byte) (*dataKey, error) {
	aead, err := chacha20poly1305.NewX(dek)
	if err != nil {
		return nil, err
	}
	blind, err := hkdf.Key(sha256.New, dek, nil, "reunite blind index v1", 32)
	if err != nil {
		return nil, err
	}
	return &dataKey{version: version, aead: aead, blind: blind}, nil
}

// sealFor seals plaintext with the organization's newest data key.
func (t *txn) sealFor(ctx context.Context, org string, plaintext []byte, aad string) ([]byte, error) {
	k, err := t.dataKey(ctx, org, 0)
	if err != nil {
		return nil, err
	}
	return k.seal(plaintext, aad), nil
}

// openFor opens a value sealed with one of the organization's data keys.
func (t *txn) openFor(ctx context.Context, org string, sealed []byte, aad string) ([]byte, error) {
	e, err := parseEnvelope(sealed)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", aad, err)
	}
	k, err := t.dataKey(ctx, org, e.keyVersion)
	if err != nil {
		return nil, err
	}
	return k.open(e, aad)
}
