//go:build unix

package chart

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system: a
// benchmark's measure on a machine whose cores other work shares, where
// its wall time says little.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
