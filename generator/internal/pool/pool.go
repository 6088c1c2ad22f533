package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls job(i) for every i in [0, n), on at most GOMAXPROCS
// goroutines, and returns when every call has returned.
func Each(n int, job func(i int)) {
	EachWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { job(i) })
}

// EachWith is [Each] with state per goroutine: each goroutine makes its
// own w with newState before its first job and passes it to every job it
// runs, so a job may use w (buffers, a parser) without locking.
func EachWith[W any](n int, newState func() W, job func(w W, i int)) {
	each(n, runtime.GOMAXPROCS(0), newState, job)
}

// EachOn is [Each] on at most workers goroutines, for jobs that mostly
// wait on the kernel (removing files) rather than compute.
func EachOn(n, workers int, job func(i int)) {
	each(n, workers, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { job(i) })
}

func each[W any](n, workers int, newState func() W, job func(w W, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(max(workers, 1), n) {
		wg.Go(func() {
			w := newState()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				job(w, i)
			}
		})
	}
	wg.Wait()
}
