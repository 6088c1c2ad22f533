//go:build !unix

package chart

import "time"

// cpuTime is 0 where getrusage is not: the benchmarks then report no CPU
// time.
func cpuTime() time.Duration { return 0 }
