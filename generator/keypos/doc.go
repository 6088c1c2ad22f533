// Package keypos finds where each key of a TOML document stands, so that
// errors found after decoding (unknown keys, cross-field rules) can still
// point at file:line:col.
//
// It may import nothing of Reckon.
//
// BurntSushi/toml, which decodes our files, keeps key positions private (its
// issue #462), so the document is parsed a second time with the AST parser of
// github.com/pelletier/go-toml/v2/unstable, which reports byte offsets.
//
// Paths are written the way [Path] joins them: keys separated by dots, a key
// that is not a bare word quoted, and array-of-tables elements and array
// elements indexed, as in `repeated[1].quote` or `parameters."a.b".low`.
package keypos
