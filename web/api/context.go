package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"github.com/reunite/reunite/store"
)

type actorKey struct{}

func withActor(ctx context.Context, a store.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

func actorOf(ctx context.Context) store.Actor {
	a, _ := ctx.Value(actorKey{}).(store.Actor)
	return a
}

// TokenPrefix starts every API token, so that a leaked one is easy to
// recognise (and to search for in logs and repositories).
const TokenPrefix = "reunite_"

// NewToken returns a fresh API token secret, shown once to its owner.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is what the database keeps of a token.
func TokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
