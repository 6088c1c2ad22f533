// Package synth builds claim values in memory, without files: [Finish]
// completes a hand-written model the way the claim loader would, and [Set]
// generates a synthetic site of any size for benchmarks.
//
// It may import: claim, formula and unit.
//
// It trusts its input: it is for tests and benchmarks of the cost model,
// not a second loader.
package synth
