package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLimitMemory checks that limitMemory sets a limit above the heap in
// use, by memoryRoom at least, and returns the one it replaced; and that
// it sets none when the environment sets GOGC or GOMEMLIMIT.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	if old := limitMemory(); old != math.MaxInt64 {
		t.Errorf("limitMemory() = %d, want the old limit, %d", old, int64(math.MaxInt64))
	}
	if got := debug.SetMemoryLimit(-1); got < memoryRoom || got == math.MaxInt64 {
		t.Errorf("after limitMemory, the limit is %d, want at least %d and not none", got, memoryRoom)
	}
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "80")
			debug.SetMemoryLimit(math.MaxInt64)
			limitMemory()
			if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
				t.Errorf("with %s set, limitMemory set the limit to %d", v, got)
			}
		})
	}
}
