package store

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// MasterKey is a 256-bit key-encryption key. It wraps the data keys of the
// organizations and is never written to the database: it comes from a key
// file or the environment (cmd/reunite/storeconfig.go).
type MasterKey struct {
	id  string
	key [32]byte
}

// ID names the key without revealing it: the first 8 bytes of a hash, in
// hex. org_keys.master_id records which master key wrapped a data key.
func (k *MasterKey) ID() string { return k.id }

// String encodes the key for a key file or environment variable: 64 hex
// digits. Treat the result as a secret.
func (k *MasterKey) String() string { return hex.EncodeToString(k.key[:]) }

func newMasterKey(raw [32]byte) *MasterKey {
	sum := sha256.Sum256(append([]byte("reunite master key id\x00"), raw[:]...))
	return &MasterKey{id: hex.EncodeToString(sum[:8]), key: raw}
}

// GenerateMasterKey returns a new random master key.
func GenerateMasterKey() (*MasterKey, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	return newMasterKey(raw), nil
}

// ParseMasterKey reads one key written by MasterKey.String.
func ParseMasterKey(s string) (*MasterKey, error) {
	s = strings.TrimSpace(s)
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != 32 {
		return nil, errors.New("a master key is 64 hexadecimal digits")
	}
	return newMasterKey([32]byte(raw)), nil
}

// Keys are the master keys a store may use: Current wraps, and any of
// Current and Previous unwraps. Previous keys let servers keep working
// while `reunite keys rotate` re-wraps the data keys.
type Keys struct {
	Current  *MasterKey
	Previous []*MasterKey
}

// ParseKeyFile reads a key file: one key per line, the current one first,
// then any previous ones; blank lines and lines starting with # are ignored.
func ParseKeyFile(data []byte) (Keys, error) {
	var ks Keys
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		k, err := ParseMasterKey(s)
		if err != nil {
			return Keys{}, fmt.Errorf("line %d: %w", line, err)
		}
		if ks.Current == nil {
			ks.Current = k
		} else {
			ks.Previous = append(ks.Previous, k)
		}
	}
	if ks.Current == nil {
		return Keys{}, errors.New("no key in the key file")
	}
	return ks, nil
}

// KeyFile writes keys in the format ParseKeyFile reads.
func (ks Keys) KeyFile() []byte {
	var b bytes.Buffer
	b.WriteString("# Reunite master keys: the first is current. Keep this file secret and backed up\n")
	b.WriteString("# apart from the database: without it the data cannot be read.\n")
	for _, k := range append([]*MasterKey{ks.Current}, ks.Previous...) {
		b.WriteString(k.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func (ks Keys) byID(id string) *MasterKey {
	for _, k := range append([]*MasterKey{ks.Current}, ks.Previous...) {
		if k != nil && k.id == id {
			return k
		}
	}
	return nil
}

// wrapKey seals a data key with the master key (AES-256-GCM). The AAD binds
// the wrapped key to its organization and version, so a wrapped key copied
// onto another organization's row does not unwrap.
func (k *MasterKey) wrapKey(dek []byte, aad string) ([]byte, error) {
	gcm, err := k.gcm()
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, dek, []byte(aad)), nil
}

func (k *MasterKey) unwrapKey(wrapped []byte, aad string) ([]byte, error) {
	gcm, err := k.gcm()
	if err != nil {
		return nil, err
	}
	if len(wrapped) < gcm.NonceSize()+gcm.Overhead() {
		return nil, errors.New("wrapped key too short")
	}
	n := gcm.NonceSize()
	return gcm.Open(nil, wrapped[:n], wrapped[n:], []byte(aad))
}

func (k *MasterKey) gcm() (cipher.AEAD, error) {
	b, err := aes.NewCipher(k.key[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}
