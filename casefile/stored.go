package casefile

import (
	"encoding/json"

	"github.com/reunite/reunite"
)

// DecodeStored reads a case file that Encode wrote and the store kept: the
// store keeps only files that Decode accepted, sealed and bound to their
// family and version, so nobody else's bytes reach here. It reads them
// with encoding/json into the domain types, without Decode's checks of
// every key, text and rule, which ran when the file was kept; for such a
// file the family is the one Decode gives (FuzzDecode and
// TestDecodeStoredAsDecode hold the two together).
//
// Why: every page of a family reads its case file, and Decode's checks
// were two fifths of that read's time and four fifths of its allocations
// (BenchmarkDecodeStored). A rule added to Decode later does not make a
// family stored before it unreadable: the family is shown, and the next
// save checks it against the new rule.
//
// Bytes that do not read as a case file of this format (not JSON, another
// format) go through Decode, whose error names what is wrong.
func DecodeStored(data []byte) (*reunite.Family, error) {
	var f reunite.Family
	if err := json.Unmarshal(data, &f); err != nil || f.Format != reunite.CaseFormat {
		return Decode(data)
	}
	return &f, nil
}
