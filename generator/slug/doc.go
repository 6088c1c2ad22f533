// Package slug checks the names that become parts of URLs: topic folders,
// claim files, sources, scopes and pages.
//
// It may import nothing of Reckon.
package slug
