package store

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newID returns a random identifier with a one-letter kind prefix
// ("f" family, "u" user...). Random rather than sequential ids mean that a
// restored backup can be merged into a live database without renumbering and
// that ids in URLs reveal nothing about how many families an office keeps.
func newID(prefix string) string {
	var b [10]byte
	rand.Read(b[:])
	return prefix + strings.ToLower(idEncoding.EncodeToString(b[:]))
}
