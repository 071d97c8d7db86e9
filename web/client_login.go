package web

import (
	"crypto/rand"
)

// clientLoginAlphabet leaves out letters and digits that are easily
// confused when read aloud or copied by hand (0 and o, 1 and l and i).
const clientLoginAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// newClientLogin makes a client's login: three groups of four characters
// (about 59 bits), read to the client or passed on with the invitation.
// Generated rather than chosen, it carries no name and no office can learn
// from a "taken" answer that a person is a client elsewhere.
func newClientLogin() string {
	b := make([]byte, 14)
	rand.Read(b)
	out := make([]byte, 0, 14)
	for i, c := range b {
		if i == 4 || i == 9 {
			out = append(out, '-')
			continue
		}
		out = append(out, clientLoginAlphabet[int(c)%len(clientLoginAlphabet)])
	}
	return string(out)
}
