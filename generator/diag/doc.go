// Package diag reports problems in input files: a position, a message and a
// hint, collected into a sorted list so that a run reports every error at once.
//
// It may import nothing of Reckon. It imports only the standard library, so
// that every other package may use it.
package diag
