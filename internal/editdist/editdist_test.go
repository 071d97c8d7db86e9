package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"relationship", "relatioship", 1}, {"tesfay", "tesfaye", 1},
		{"mohammad", "muhammad", 1}, {"haile", "gebre", 4}, {"سلام", "سلم", 1}, {"kitten", "sitting", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
