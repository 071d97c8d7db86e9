package risk

import (
	"encoding/json"
	"reflect"
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

// FuzzIncidentJSON: a stored incident is JSON; whatever bytes come back,
// reading and checking them never panics, and an incident that passes its
// check is written and read back unchanged.
func FuzzIncidentJSON(f *testing.F) {
	f.Add([]byte(`{"when":"2026-02","kind":"detention","description":"held at a checkpoint","severity":3,"sources":[{"document_id":"d1"},{"title":"r","link":"https://example.org"}]}`))
	f.Add([]byte(`{"when":"2026","kind":"other","description":"x","severity":1}`))
	f.Add([]byte(`{"when":"20x6","severity":9}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in Incident
		if json.Unmarshal(data, &in) != nil || in.Validate() != nil {
			return
		}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var back Incident
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !reflect.DeepEqual(back, in) {
			t.Fatalf("round trip: %+v, want %+v", back, in)
		}
	})
}
