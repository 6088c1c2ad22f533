// Package claim is the data model and its one strict loader: it reads the
// site settings, topics, sources, cost models and claims under claims/,
// checks every rule and reference (rating conditions included) at load time,
// and reports every error at once as a sorted [diag.List]. After [Load]
// returns without error the data is trusted: no later stage validates it
// again.
//
// It may import: diag, formula, input, internal/pool, keypos, slug, spell
// and unit.
//
// # Concurrency
//
// The claim files of a topic are read, decoded and validated in parallel
// (on internal/pool), each into its own slot, and merged in name order, so
// that the result and its errors do not depend on scheduling. A loaded
// [Set] may be read from several goroutines at once.
package claim
