package web

import "testing"

// TestFieldScratchListsNeverOverlap: lists taken from one scratch stay
// apart however much is appended to them (beyond its room a list moves to
// the heap), a new block is started when the old one is full without
// moving the lists in it, and release leaves nothing reachable.
func TestFieldScratchListsNeverOverlap(t *testing.T) {
	s := getScratch()
	q := qb{scratch: s}
	a := q.list(field{Name: "a1"}, field{Name: "a2"})
	b := q.list(field{Name: "b1"})
	for i := range 2 + spare + 3 { // past a's room
		a = append(a, field{Name: "a+"})
		if b[0].Name != "b1" {
			t.Fatalf("after %d appends to the first list, the second holds %q", i+1, b[0].Name)
		}
	}
	// Fill past the block: the lists already taken keep their questions.
	var many [][]field
	for i := range 40 {
		many = append(many, q.list(field{Name: string(rune('A' + i%26))}))
	}
	if b[0].Name != "b1" || a[1].Name != "a2" {
		t.Fatalf("a new block moved the lists: %q, %q", a[1].Name, b[0].Name)
	}
	for i, l := range many {
		if want := string(rune('A' + i%26)); l[0].Name != want {
			t.Fatalf("list %d holds %q, want %q", i, l[0].Name, want)
		}
	}
	s.reset()
	if c := q.list(field{Name: "c"}); c[0].Name != "c" || len(c) != 1 {
		t.Fatalf("after reset: %+v", c)
	}
	block := s.block[:cap(s.block)]
	s.release()
	for i := range block {
		if block[i].Name != "" {
			t.Fatalf("release left question %d (%q) in the block", i, block[i].Name)
		}
	}
}
