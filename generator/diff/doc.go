// Package diff compares two versions of a site and reports everything a
// reviewer of the change must see: claims added, removed, renamed and
// changed key by key; sources; the model's parameters, formulas,
// components and scopes; what those do to each scope's estimate and to
// every claim's verdict; commentary and the model values it quotes; and the
// charts that change. A published claim whose figure, scope or rating
// changes without a new correction entry is listed in
// [Report.Uncorrected], so that the command can fail the check.
//
// It may import: chart, claim, content, costmodel, diag, keypos, route and
// text.
//
// Claims, sources, topics, the site settings and models are compared
// generically, by reflection over their decoded types (see [Field]), so a
// key added to a claim file's format is reported without a change here.
//
// The report is data ([Report], also written as JSON) and Markdown for a
// pull-request comment ([Report.Markdown]); every sentence of the Markdown
// is in markdown.go.
package diff
