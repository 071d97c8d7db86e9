package risk

import (
	"encoding/json"
	"testing"
)

// FuzzParseApprox: whatever is typed, the parser either refuses it or
// returns a day whose text reads back to the same day, with its first day
// no later than its last.
func FuzzParseApprox(f *testing.F) {
	for _, s := range []string{"2025-03-14", "2025-03", "2024", "2024-02-29", "2023-02-29", "0999", "2025-3", "", "２０２５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseApprox(s)
		if err != nil {
			return
		}
		if a.String() != s {
			t.Fatalf("%q read back as %q", s, a)
		}
		if a.Last().Before(a.First()) {
			t.Fatalf("%q: last %s before first %s", s, a.Last(), a.First())
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back Approx
		if err := json.Unmarshal(b, &back); err != nil || back != a {
			t.Fatalf("%q: JSON round trip %v, %v", s, back, err)
		}
	})
}
