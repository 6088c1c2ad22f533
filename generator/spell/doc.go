// Package spell suggests the name a misspelt one was meant to be, for the
// "did you mean" hints of every error that names something unknown.
//
// It may import nothing of Reckon.
package spell
