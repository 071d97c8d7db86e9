package casefile

import (
	"bytes"
	"encoding/json"

	"github.com/reunite/reunite"
)

// Encode writes the family as a canonical case file: keys in the order of
// the contract (the order of the domain types' fields), unknown facts left
// out, two-space indentation and a final newline. Decoding the result gives
// the same family, and encoding that gives the same bytes.
func Encode(f *reunite.Family) ([]byte, error) {
	out := *f
	out.Format = reunite.CaseFormat
	if out.Members == nil {
		out.Members = []reunite.Member{} // "family" is required, even empty
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // names and addresses stay readable
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
