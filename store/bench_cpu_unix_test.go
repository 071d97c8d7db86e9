//go:build unix

package store

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (user and system): on
// a machine shared with other work, the time a benchmark waited for a core
// says little, the CPU it used says more.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
