package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]atomic.Int32, n)
		Each(n, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if got := counts[i].Load(); got != 1 {
				t.Errorf("n=%d: job %d ran %d times, want 1", n, i, got)
			}
		}
	}
}

func TestEachWithStatePerGoroutine(t *testing.T) {
	const n = 500
	var made atomic.Int32
	var mu sync.Mutex
	owner := map[*int]int{} // state -> jobs run with it
	EachWith(n, func() *int { made.Add(1); return new(int) }, func(w *int, i int) {
		*w++ // unsynchronised: the race detector fails this if w were shared
		mu.Lock()
		owner[w]++
		mu.Unlock()
	})
	if max := int32(min(runtime.GOMAXPROCS(0), n)); made.Load() > max || made.Load() < 1 {
		t.Errorf("made %d states, want between 1 and %d", made.Load(), max)
	}
	total := 0
	for w, jobs := range owner {
		if *w != jobs {
			t.Errorf("state counted %d jobs, map says %d", *w, jobs)
		}
		total += jobs
	}
	if total != n {
		t.Errorf("ran %d jobs, want %d", total, n)
	}
}
