package store

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSealedLabelsByVersion keeps labels by family and version, refuses
// what it cannot key, and starts again empty once its blocks are full,
// leaving the labels handed out before intact.
func TestSealedLabelsByVersion(t *testing.T) {
	var c sealedLabels
	if _, ok := c.get("fabc", 1); ok {
		t.Fatal("an empty cache found a label")
	}
	c.put("fabc", 1, []byte("sealed one"))
	c.put("fabc", 2, []byte("sealed two"))
	c.put("fabc", 2, []byte("not kept: the version is kept already"))
	for v, want := range map[int]string{1: "sealed one", 2: "sealed two"} {
		if got, ok := c.get("fabc", v); !ok || string(got) != want {
			t.Errorf("version %d: %q, %v", v, got, ok)
		}
	}
	if _, ok := c.get("fabc", 3); ok {
		t.Error("a version never kept was found")
	}
	if _, ok := c.get("fab", 1); ok {
		t.Error("a prefix of a kept id was found")
	}
	long := "f" + string(bytes.Repeat([]byte("x"), labelIDMax))
	c.put(long, 1, []byte("sealed"))
	if _, ok := c.get(long, 1); ok {
		t.Error("an id longer than the key was kept")
	}
	// A label handed out is capped: appending to it cannot reach the
	// next one.
	one, _ := c.get("fabc", 1)
	_ = append(one, "XX"...)
	if two, _ := c.get("fabc", 2); string(two) != "sealed two" {
		t.Fatalf("the next label was overwritten: %q", two)
	}

	// Fill every block: the first label is dropped with the rest, and the
	// bytes handed out for it stay as they were.
	big := bytes.Repeat([]byte("s"), labelBlock/4)
	for i := range 4*maxLabelBytes/labelBlock + 1 {
		c.put(fmt.Sprintf("f%d", i), 1, big)
	}
	if _, ok := c.get("fabc", 1); ok {
		t.Error("the cache did not start again when full")
	}
	if string(one) != "sealed one" {
		t.Errorf("a label handed out changed: %q", one)
	}
	if got, ok := c.get(fmt.Sprintf("f%d", 4*maxLabelBytes/labelBlock), 1); !ok || !bytes.Equal(got, big) {
		t.Error("the label put after starting again is missing")
	}
	if n := len(c.blocks); n > maxLabelBytes/labelBlock {
		t.Errorf("%d blocks, more than %d", n, maxLabelBytes/labelBlock)
	}
}
