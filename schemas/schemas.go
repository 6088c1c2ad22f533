// Package schemas holds the JSON Schemas (draft-07) of Reckon's input files,
// one per file kind, embedded so that every build publishes them under
// /schemas/ (see package build).
//
//	site.schema.json                claims/site.toml
//	sources.schema.json             claims/sources.toml, claims/TOPIC/sources.toml
//	parameters.schema.json          claims/parameters.toml
//	topic.schema.json               claims/TOPIC/topic.toml
//	model.schema.json               claims/TOPIC/model.toml
//	claim.schema.json               claims/TOPIC/NAME.toml, every other file of a topic
//	topic-front-matter.schema.json  the +++ front matter of content/topics/TOPIC.md
//	claim-front-matter.schema.json  that of content/claims/TOPIC/NAME.md
//	page-front-matter.schema.json   that of content/NAME.md
//
// The repository's .taplo.toml maps each TOML file kind to its schema, so
// that editors with Taplo (Even Better TOML) validate the files as they are
// typed. The schemas see one file at a time, as Taplo presents it (dates as
// strings): the Go decoder in package claim stays the authority, and checks
// what no schema can, such as references between files, units of formulas,
// comparisons between two fields, and values computed from expressions.
// Every string is checked as text (the text definition of each schema: no
// control character but tab and line breaks, no bidirectional embedding
// or override, isolates closed on their line), and patterns are written in
// ECMA-262 syntax, which Taplo's regexp engine reads. The tests of this
// package prove that the schemas and the decoder agree on every case a
// schema can decide.
package schemas

import "embed"

// FS holds the *.schema.json files.
//
//go:embed *.schema.json
var FS embed.FS
