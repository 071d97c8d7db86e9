package tracking

import (
	"strings"
	"testing"
)

func TestParseReceipt(t *testing.T) {
	for in, want := range map[string]string{
		"SRC2612345678": "SRC2612345678", "SRC-26-123-45678": "SRC2612345678", " src 26 123 45678 ": "SRC2612345678",
		"IOE0912345678": "IOE0912345678", "eac2201234567": "EAC2201234567",
	} {
		got, err := ParseReceipt(in)
		if err != nil || string(got) != want {
			t.Errorf("ParseReceipt(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if c := Receipt("SRC2612345678").Center(); c != "Texas Service Center" {
		t.Errorf("center = %q", c)
	}
	for in, want := range map[string]string{
		"":               "empty",
		"SRC261234567":   "12 characters",
		"SRC26123456789": "14 characters",
		"ABC2612345678":  `"ABC" is not the prefix`,
		"SRC26123456X8":  "must be digits",
		"SRC.2612345678": "14 characters",
		"ÉAC2612345678":  "characters",
	} {
		_, err := ParseReceipt(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseReceipt(%q) = %v, want an error with %q", in, err, want)
		}
	}
}

func FuzzParseReceipt(f *testing.F) {
	for _, s := range []string{"SRC2612345678", "SRC-26-123-45678", "src 2612345678", "", "ÉAC2612345678", "SRC\x002612345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseReceipt(s)
		if err != nil {
			return
		}
		// A number that passes is canonical: parsing it again gives itself.
		if len(r) != 13 || r.Center() == "" {
			t.Fatalf("ParseReceipt(%q) = %q", s, r)
		}
		if again, err := ParseReceipt(string(r)); err != nil || again != r {
			t.Fatalf("not canonical: %q -> %q, %v", r, again, err)
		}
	})
}
