package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2 is the cost of argon2id password hashing. The default follows
// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane), which a 2-core
// office server computes in tens of milliseconds; tests use a smaller one.
type Argon2 struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultArgon2 is the cost used by `reunite serve`.
var DefaultArgon2 = Argon2{Memory: 19 * 1024, Time: 2, Threads: 1}

const argonKeyLen = 32

var b64 = base64.RawStdEncoding

// hash returns a PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash.
// The cost is written into the string, so raising it later still verifies
// old hashes.
func (c Argon2) hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.Memory, c.Time, c.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("web: not an argon2id hash")

// verifyPassword checks password against a PHC string in constant time.
func verifyPassword(phc, password string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var v int
	var c Argon2
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.Memory, &c.Time, &c.Threads); err != nil {
		return false, errBadHash
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || c.Memory > 1<<22 || c.Time > 100 || c.Threads == 0 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Password rules: long enough to resist guessing, short enough that the
// hash's cost is bounded. Length is counted in characters, so that a
// passphrase in Arabic counts as fairly as one in English.
const (
	minPassword = 10
	maxPassword = 256
	// maxLogin bounds a typed login (in bytes); longer ones name no one.
	maxLogin = 200
)

func passwordProblem(p string) string {
	n := len([]rune(p))
	switch {
	case n < minPassword:
		return "password.too_short"
	case n > maxPassword:
		return "password.too_long"
	}
	return ""
}

// Hash returns the PHC string of a password at this cost, for tools that
// create users outside the web pages (the load benchmark).
func (c Argon2) Hash(password string) (string, error) { return c.hash(password) }
