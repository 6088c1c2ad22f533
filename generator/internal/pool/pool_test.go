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

func TestBuffersReuse(t *testing.T) {
	b := NewBuffers(100, 40)
	small, big := b.Get(10), b.Get(30)
	if cap(*small) < 10 || cap(*big) < 30 || len(*small) != 0 {
		t.Fatalf("new buffers: cap %d and %d, len %d", cap(*small), cap(*big), len(*small))
	}
	*big = append(*big, "abc"...)
	bigData := &(*big)[:1][0]
	b.Put(small)
	b.Put(big)
	runtime.GC() // a sync.Pool would drop both here
	runtime.GC()
	got := b.Get(20) // the smallest that fits: big
	if &(*got)[:1][0] != bigData || len(*got) != 0 {
		t.Errorf("Get(20) did not return the kept 30-byte buffer, emptied")
	}
	if got := b.Get(50); cap(*got) != cap(*small) {
		t.Errorf("Get(50) with nothing that fits: cap %d, want the largest kept (%d)", cap(*got), cap(*small))
	}
	if got := b.Get(5); cap(*got) != 5 {
		t.Errorf("Get(5) from an empty list: cap %d, want a new buffer of 5", cap(*got))
	}
}

func TestBuffersBounded(t *testing.T) {
	b := NewBuffers(100, 40)
	huge := make([]byte, 0, 41)
	b.Put(&huge) // above max
	for range 3 {
		p := make([]byte, 0, 40)
		b.Put(&p) // the third would take it over 100
	}
	if b.held != 80 || len(b.free) != 2 {
		t.Errorf("kept %d buffers, %d bytes; want 2, 80", len(b.free), b.held)
	}
	c := NewBuffers(1<<30, 1)
	for range maxKept + 5 {
		p := make([]byte, 0, 1)
		c.Put(&p)
	}
	if len(c.free) != maxKept {
		t.Errorf("kept %d one-byte buffers, want at most %d", len(c.free), maxKept)
	}
	var none *Buffers
	none.Put(none.Get(3)) // a nil list keeps nothing and still gives buffers
}
