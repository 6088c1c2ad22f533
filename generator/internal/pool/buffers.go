package pool

import (
	"slices"
	"sync"
)

// Buffers is a free list of byte slices, for code that makes one file
// after another in memory and hands each on: a buffer taken with Get and
// given back with Put is used again, so that a build does not allocate
// (and collect) every byte it writes. Unlike a [sync.Pool], it keeps its
// buffers through garbage collections, which a build kept to a small
// memory room runs several times a second, and it keeps them up to a total
// capacity and number: the memory it holds, and the time Get takes to
// find the buffer that fits, are bounded.
//
// A Buffers is safe for concurrent use. The zero value keeps nothing;
// make one with [NewBuffers].
type Buffers struct {
	mu    sync.Mutex
	free  []*[]byte
	held  int // the capacity of free, in bytes
	limit int // of held
	max   int // the capacity above which a buffer is not kept
}

// maxKept is the number of buffers a Buffers keeps at most: enough for
// every file on its way to a disk, which is what a build holds at once.
const maxKept = 128

// NewBuffers returns a free list that keeps buffers of at most max bytes
// each, up to limit bytes in all.
func NewBuffers(limit, max int) *Buffers {
	return &Buffers{limit: limit, max: max}
}

// Get returns an empty buffer that holds at least n bytes without growing
// when one is kept, or else the largest one kept, or a new one of
// capacity n.
func (b *Buffers) Get(n int) *[]byte {
	if b != nil {
		b.mu.Lock()
		best := -1 // the smallest that fits, or else the largest
		for i, p := range b.free {
			c := cap(*p)
			if best < 0 {
				best = i
				continue
			}
			bc := cap(*b.free[best])
			if c >= n && (bc < n || c < bc) || bc < n && c > bc {
				best = i
			}
		}
		if best >= 0 {
			p := b.free[best]
			b.free = slices.Delete(b.free, best, best+1)
			b.held -= cap(*p)
			b.mu.Unlock()
			*p = (*p)[:0]
			return p
		}
		b.mu.Unlock()
	}
	p := make([]byte, 0, n)
	return &p
}

// Put gives p back, to be returned by a later Get; p must not be used
// again. A buffer larger than the list's max, or that would take it over
// its limit or beyond maxKept buffers, is left to the garbage collector.
func (b *Buffers) Put(p *[]byte) {
	if b == nil || p == nil {
		return
	}
	c := cap(*p)
	if c == 0 || c > b.max {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.held+c > b.limit || len(b.free) >= maxKept {
		return
	}
	b.free = append(b.free, p)
	b.held += c
}
