// Package synthsite writes synthetic sites, in the documented file formats,
// for benchmarks: a number of topics, each with a cost model of a dozen
// parameters, a chain of scopes and a given number of claims, plus an article
// per topic and a commentary of a given length per claim.
//
// It may import nothing of Reckon.
//
// The same options always give the same files.
package synthsite
