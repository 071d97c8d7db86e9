package store

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestSealedLabelsByVersion keeps labels by family, version and time of
// the version, refuses what it cannot key, and starts again empty once
// its blocks are full, leaving the labels handed out before intact.
func TestSealedLabelsByVersion(t *testing.T) {
	var c sealedLabels
	if _, ok := c.get("fabc", 1, 7); ok {
		t.Fatal("an empty cache found a label")
	}
	c.put("fabc", 1, 7, []byte("sealed one"))
	c.put("fabc", 2, 7, []byte("sealed two"))
	c.put("fabc", 2, 7, []byte("not kept: the version is kept already"))
	for v, want := range map[int]string{1: "sealed one", 2: "sealed two"} {
		if got, ok := c.get("fabc", v, 7); !ok || string(got) != want {
			t.Errorf("version %d: %q, %v", v, got, ok)
		}
	}
	if _, ok := c.get("fabc", 3, 7); ok {
		t.Error("a version never kept was found")
	}
	if _, ok := c.get("fab", 1, 7); ok {
		t.Error("a prefix of a kept id was found")
	}
	// The same version number saved at another time (a database put
	// back under the server) is another label.
	if _, ok := c.get("fabc", 1, 8); ok {
		t.Error("a version saved at another time was found")
	}
	long := "f" + string(bytes.Repeat([]byte("x"), labelIDMax))
	c.put(long, 1, 7, []byte("sealed"))
	if _, ok := c.get(long, 1, 7); ok {
		t.Error("an id longer than the key was kept")
	}
	// A label handed out is capped: appending to it cannot reach the
	// next one.
	one, _ := c.get("fabc", 1, 7)
	_ = append(one, "XX"...)
	if two, _ := c.get("fabc", 2, 7); string(two) != "sealed two" {
		t.Fatalf("the next label was overwritten: %q", two)
	}

	// Fill every block: the first label is dropped with the rest, and the
	// bytes handed out for it stay as they were.
	big := bytes.Repeat([]byte("s"), labelBlock/4)
	for i := range 4*maxLabelBytes/labelBlock + 1 {
		c.put(fmt.Sprintf("f%d", i), 1, 7, big)
	}
	if _, ok := c.get("fabc", 1, 7); ok {
		t.Error("the cache did not start again when full")
	}
	if string(one) != "sealed one" {
		t.Errorf("a label handed out changed: %q", one)
	}
	if got, ok := c.get(fmt.Sprintf("f%d", 4*maxLabelBytes/labelBlock), 1, 7); !ok || !bytes.Equal(got, big) {
		t.Error("the label put after starting again is missing")
	}
	if n := len(c.blocks); n > maxLabelBytes/labelBlock {
		t.Errorf("%d blocks, more than %d", n, maxLabelBytes/labelBlock)
	}
	c.reset()
	if _, ok := c.get(fmt.Sprintf("f%d", 4*maxLabelBytes/labelBlock), 1, 7); ok {
		t.Error("a label was found after reset")
	}
}

// TestSealedLabelsConcurrently reads and keeps labels from several
// goroutines at once, through blocks filling and the cache starting
// again: each label read is the one kept for its key. Run with -race, it
// also checks the locking (go test -race ./store -run SealedLabels).
func TestSealedLabelsConcurrently(t *testing.T) {
	var c sealedLabels
	label := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 1+i%4000) }
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20000 {
				k := (i*7 + g) % 15000
				id := fmt.Sprintf("f%d", k)
				if b, ok := c.get(id, 1, 7); ok {
					if !bytes.Equal(b, label(k)) {
						t.Errorf("%s: a label of %d bytes, not its own", id, len(b))
						return
					}
					continue
				}
				c.put(id, 1, 7, label(k))
			}
		}()
	}
	wg.Wait()
}
