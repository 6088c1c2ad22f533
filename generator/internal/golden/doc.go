// Package golden compares test output with golden files kept in testdata,
// and rewrites them when tests run with -update:
//
// It may import nothing of Reckon.
//
//	go test ./generator/site -update
//
// Golden diffs are reviewed like code and never edited by hand.
package golden
