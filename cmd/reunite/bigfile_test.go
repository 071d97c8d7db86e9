package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHundredMegabyteFileRefused: check and import refuse a 100 MB file
// by name, reading no more of it than the limit (the review saw import
// use 1.2 GB and store 250 MB).
func TestHundredMegabyteFileRefused(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"format":"reunite.case/v1","principal":{"name":{"given":"`)
	f.Truncate(100 << 20) // the rest reads as zero bytes, and takes no disk
	f.Close()
	se := newStoreEnv(t)
	for _, cmd := range [][]string{{"check", big}, {"import", big}} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code, _, errs := se.run(cmd...)
		runtime.ReadMemStats(&after)
		if code != exitUsage || !strings.Contains(errs, "big.json") || !strings.Contains(errs, "larger than 1048576 bytes") {
			t.Errorf("%s of a 100 MB file: exit %d, %s", cmd[0], code, errs)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
			t.Errorf("%s of a 100 MB file allocated %d MB", cmd[0], grew>>20)
		}
	}
}
