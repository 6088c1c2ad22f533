package main

import (
	"bytes"
	"math"
	"runtime/debug"
	"testing"
)

// TestPreviewMemory checks that previewMemory sets, once the first build's
// heap is measured, a limit of at least twice the bytes of its files plus
// memoryRoom, and after a build of twice the bytes a limit twice as far
// above memoryRoom; and that it sets none when the environment sets GOGC
// or GOMEMLIMIT.
func TestPreviewMemory(t *testing.T) {
	noMemorySettings(t)
	const n = 64 << 20
	files := map[string][]byte{"index.html": bytes.Repeat([]byte("x"), n)}
	var m previewMemory
	m.settled(files)
	first := debug.SetMemoryLimit(-1)
	if first < 2*n+memoryRoom || first == math.MaxInt64 {
		t.Fatalf("after the first build of %d bytes, the limit is %d, want at least %d", n, first, 2*n+memoryRoom)
	}
	m.settled(nil) // a failed build
	if got := debug.SetMemoryLimit(-1); got != first {
		t.Errorf("after a failed build, the limit is %d, want %d as before", got, first)
	}
	files["other.html"] = files["index.html"]
	m.settled(files)
	if got, want := debug.SetMemoryLimit(-1)-memoryRoom, 2*(first-memoryRoom); got < want-2 || got > want+2 {
		t.Errorf("after a build of twice the bytes, the limit is memoryRoom and %d, want %d", got, want)
	}
	runtimeLimit := debug.SetMemoryLimit(-1)
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "80")
			var m previewMemory
			m.settled(files)
			files["third.html"] = files["index.html"]
			m.settled(files)
			if got := debug.SetMemoryLimit(-1); got != runtimeLimit {
				t.Errorf("with %s set, previewMemory set the limit to %d", v, got)
			}
		})
	}
}
