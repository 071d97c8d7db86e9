package web

import (
	"runtime/debug"
	"testing"
)

func TestSetServerGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	t.Setenv("GOGC", "")
	SetServerGC()
	if got := debug.SetGCPercent(100); got != serverGCPercent {
		t.Errorf("GOGC unset: the collector's percent is %d, want %d", got, serverGCPercent)
	}
	t.Setenv("GOGC", "150") // the operator's choice, read by the runtime at start
	SetServerGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set: SetServerGC changed the percent to %d", got)
	}
}
