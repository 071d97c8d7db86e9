package store

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// An envelope is how a sealed value is stored in an _enc column:
//
//	byte 0      format, 1
//	bytes 1-4   version of the organization's data key, big-endian
//	bytes 5-28  XChaCha20 nonce (random)
//	bytes 29-   ciphertext and Poly1305 tag
//
// The additional data is "table/column/row", so a ciphertext moved to
// another row or column fails to open instead of showing the wrong person.
const (
	envelopeFormat = 1
	envelopeHeader = 1 + 4 + chacha20poly1305.NonceSizeX
)

// envelope is a parsed, still sealed, value.
type envelope struct {
	keyVersion uint32
	nonce      []byte
	sealed     []byte
}

// parseEnvelope splits a stored value into its parts, checking only its
// shape; opening it checks the rest.
func parseEnvelope(b []byte) (envelope, error) {
	if len(b) < envelopeHeader+chacha20poly1305.Overhead {
		return envelope{}, errors.New("sealed value too short")
	}
	if b[0] != envelopeFormat {
		return envelope{}, fmt.Errorf("sealed value in unknown format %d", b[0])
	}
	return envelope{
		keyVersion: binary.BigEndian.Uint32(b[1:5]),
		nonce:      b[5:envelopeHeader],
		sealed:     b[envelopeHeader:],
	}, nil
}

// seal encrypts plaintext with a data key into an envelope.
func (k *dataKey) seal(plaintext []byte, aad string) []byte {
	out := make([]byte, envelopeHeader, envelopeHeader+len(plaintext)+chacha20poly1305.Overhead)
	out[0] = envelopeFormat
	binary.BigEndian.PutUint32(out[1:5], k.version)
	rand.Read(out[5:envelopeHeader])
	return k.aead.Seal(out, out[5:envelopeHeader], plaintext, []byte(aad))
}

// open decrypts an envelope sealed with this data key.
func (k *dataKey) open(e envelope, aad string) ([]byte, error) {
	if e.keyVersion != k.version {
		return nil, fmt.Errorf("sealed with key version %d, not %d", e.keyVersion, k.version)
	}
	pt, err := k.aead.Open(nil, e.nonce, e.sealed, []byte(aad))
	if err != nil {
		return nil, fmt.Errorf("cannot decrypt %s: wrong key or altered data", aad)
	}
	return pt, nil
}

// openAppend is open for many values in a row: the plaintext is appended
// to dst and the place is given as bytes, so that opening a long list
// allocates nothing per value.
func (k *dataKey) openAppend(dst []byte, e envelope, aad []byte) ([]byte, error) {
	if e.keyVersion != k.version {
		return dst, fmt.Errorf("sealed with key version %d, not %d", e.keyVersion, k.version)
	}
	out, err := k.aead.Open(dst, e.nonce, e.sealed, aad)
	if err != nil {
		return dst, fmt.Errorf("cannot decrypt %s: wrong key or altered data", aad)
	}
	return out, nil
}

// aad names the place a sealed value belongs.
func aad(table, column, row string) string { return table + "/" + column + "/" + row }
