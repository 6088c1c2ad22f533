package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// noMemorySettings runs the test with no memory limit and neither GOGC
// nor GOMEMLIMIT set, and puts the runtime's limit back after it.
func noMemorySettings(t *testing.T) {
	old := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
}

// TestLimitMemory checks that limitMemory sets a limit above the heap in
// use, by memoryRoom at least, and returns the one it replaced; and that
// it sets none when the environment sets GOGC or GOMEMLIMIT.
func TestLimitMemory(t *testing.T) {
	noMemorySettings(t)
	old, stop := limitMemory()
	if old != math.MaxInt64 {
		t.Errorf("limitMemory() = %d, want the old limit, %d", old, int64(math.MaxInt64))
	}
	first := debug.SetMemoryLimit(-1)
	if first < memoryRoom || first == math.MaxInt64 {
		t.Errorf("after limitMemory, the limit is %d, want at least %d and not none", first, memoryRoom)
	}
	// As the heap in use grows past the limit's reach, the limit is
	// raised to keep memoryRoom above it, once a collection has seen it.
	held := make([]byte, 64<<20)
	for i := range held {
		held[i] = byte(i)
	}
	want := int64(len(held)) + memoryRoom
	got := first
	for start := time.Now(); got < want && time.Since(start) < 10*time.Second; got = debug.SetMemoryLimit(-1) {
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
	}
	if got < want {
		t.Errorf("with %d bytes held, the limit is %d, want at least %d", len(held), got, want)
	}
	stop()
	runtime.KeepAlive(held)
	debug.SetMemoryLimit(first)
	held = nil
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != first {
		t.Errorf("once stopped, the limit is %d, want it left at %d", got, first)
	}
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "80")
			debug.SetMemoryLimit(math.MaxInt64)
			_, stop := limitMemory()
			defer stop()
			if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
				t.Errorf("with %s set, limitMemory set the limit to %d", v, got)
			}
		})
	}
}
