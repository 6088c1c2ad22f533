// Package pool runs independent jobs on a bounded number of goroutines: the
// one worker pool of the generator; and it keeps the buffers that files are
// made in for reuse ([Buffers]).
//
// It may import nothing of Reckon.
//
// Jobs run in no particular order. A job writes only its own slot of its
// caller's result (out[i]), so that the result does not depend on
// scheduling; the caller merges the slots in order afterwards.
package pool
