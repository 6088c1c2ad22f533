// Package text is the one place reader text is made, per language: amounts,
// ranges, numbers, dates, figures with their qualifiers, the cost model's
// findings as sentences and the steps of a bridge, all from the catalog
// templates/i18n/LANG.toml (see [Load] and [Words]). The model, the charts
// and the pages take their words from here, so that a second language is a
// translation of the catalog, not a change to the code.
//
// It may import: claim, costmodel, unit and reckon/templates.
package text
