package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// newToken returns a random secret for a cookie, a one-time link or an API
// token: 32 bytes, URL-safe.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash is what the database keeps of a secret. The secrets are random
// and long, so a plain SHA-256 cannot be reversed by guessing.
func tokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// NewSetupToken returns a secret for the first-admin link.
func NewSetupToken() string { return newToken() }

// TokenHash is what the database keeps of a one-time link's secret, for
// tools that make links outside the web pages (reunite serve).
func TokenHash(secret string) []byte { return tokenHash(secret) }
