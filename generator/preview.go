package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A previewMemory keeps the preview's memory near twice what it holds
// between builds, with a soft limit as GOMEMLIMIT sets one. The default
// GOGC lets the heap grow to twice what was in use at the last
// collection: during a build that makes every page again (a template
// edit), the last build's files and most of the new one's, so that at
// 10,000 claims the preview went from about 1 GB in use to over 4 GB. The
// limit is twice the heap in use after the first build (collected and
// returned to the system then, while the preview serves it), scaled by
// the bytes of the site's files since, which are most of it, plus
// memoryRoom. Nothing is set when the environment sets GOGC or
// GOMEMLIMIT. Its settled is the server's [serve.Server.Settled]: the one
// place where the preview collects its garbage.
type previewMemory struct {
	mu      sync.Mutex
	perByte float64 // the heap in use after the first build, per byte of its files; 0 until known
}

// settled collects the garbage of a build, once the server serves its
// files (nil after a failed build) and holds no other build's, and sets
// the limit after a good build.
func (m *previewMemory) settled(files map[string][]byte) {
	n := 0
	for _, data := range files {
		n += len(data)
	}
	if n == 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		runtime.GC()
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.perByte > 0 {
		m.limit(n)
		runtime.GC()
		return
	}
	debug.FreeOSMemory() // what the first build left behind
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	m.perByte = float64(live[0].Value.Uint64()) / float64(n)
	m.limit(n)
}

// limit sets the limit for files of n bytes. m.mu is held.
func (m *previewMemory) limit(n int) {
	debug.SetMemoryLimit(int64(min(2*m.perByte*float64(n)+memoryRoom, math.MaxInt64/2)))
}
