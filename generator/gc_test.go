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
// use, by buildRoom at least, and returns the one it replaced; that after
// collections the limit follows the heap in use, up and back down; and
// that it sets none when the environment sets GOGC or GOMEMLIMIT.
func TestLimitMemory(t *testing.T) {
	noMemorySettings(t)
	old, stop := limitMemory()
	if old != math.MaxInt64 {
		t.Errorf("limitMemory() = %d, want the old limit, %d", old, int64(math.MaxInt64))
	}
	first := debug.SetMemoryLimit(-1)
	if first < buildRoom || first == math.MaxInt64 {
		t.Errorf("after limitMemory, the limit is %d, want at least %d and not none", first, buildRoom)
	}
	// until waits, collecting, for the limit to satisfy ok, and returns it.
	until := func(ok func(int64) bool) int64 {
		got := debug.SetMemoryLimit(-1)
		for start := time.Now(); !ok(got) && time.Since(start) < 10*time.Second; got = debug.SetMemoryLimit(-1) {
			runtime.GC()
			time.Sleep(50 * time.Millisecond)
		}
		return got
	}
	// As the heap in use grows, the limit is raised to keep half of it
	// above it, once a collection has seen it.
	held := make([]byte, 256<<20) // half of it is more than buildRoom
	for i := range held {
		held[i] = byte(i)
	}
	want := int64(len(held)) + int64(len(held))/2
	if got := until(func(l int64) bool { return l >= want }); got < want {
		t.Errorf("with %d bytes held, the limit is %d, want at least %d", len(held), got, want)
	}
	runtime.KeepAlive(held)
	held = nil
	// Once they are let go of, it comes back down.
	if got := until(func(l int64) bool { return l < want/2 }); got >= want/2 {
		t.Errorf("with the bytes let go of, the limit is %d, want it below %d", got, want/2)
	}
	stop()
	debug.SetMemoryLimit(first)
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
