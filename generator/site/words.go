package site

import (
	"io/fs"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/text"
)

// Words is the reader text that the machine outputs (package publish)
// need, in a site's language, from the interface strings of the templates.
// It is a bridge: package text is to provide it, and then this file goes.
// It is safe for concurrent use.
type Words struct {
	r *renderer // only its strings and site: see NewWords
}

// NewWords loads the interface strings of tmpl for the site s's language,
// to write numbers in the number system digits ("latn", "arab"; "" for the
// catalog's own).
func NewWords(tmpl fs.FS, s *claim.Site, digits string) (*Words, error) {
	c, err := text.Load(tmpl, language(s))
	if err != nil {
		return nil, err
	}
	return WordsOf(c, s, digits), nil
}

// WordsOf is [NewWords] of the catalog c of the site's language.
func WordsOf(c *text.Catalog, s *claim.Site, digits string) *Words {
	texts := textsOf(c, language(s), digits)
	return &Words{r: &renderer{site: s, tr: &tr{t: texts, w: texts.words(language(s))}}}
}

// Lang is the site's language ("en" by default).
func (w *Words) Lang() string { return language(w.r.site) }

// String returns the interface string key with {1}, {2}... replaced by args.
func (w *Words) String(key string, args ...any) string { return w.r.tr.s(key, args...) }

// Date writes a date for a reader ("27 December 2024").
func (w *Words) Date(d claim.Date) string { return w.r.tr.date(d) }

// Figure writes a claim's figure with its qualifier ("more than $500M").
func (w *Words) Figure(f claim.Figure) string { return w.r.figure(f) }

// RatingLabel is the label of a rating as the pages show it.
func (w *Words) RatingLabel(v costmodel.Rating) string { return w.r.newRating(v).Label }

// Reasons writes a claim's reasons as sentences.
func (w *Words) Reasons(c *costmodel.Claim) []string { return w.r.tr.w.Reasons(c) }

// Threshold writes what would have to be true for the verdict on a claim's
// figure to stand, as a sentence.
func (w *Words) Threshold(th *costmodel.Threshold) string {
	return w.r.tr.w.Sentence(w.r.tr.w.Threshold(th))
}

// Arithmetic writes the arithmetic behind a value ("2,788,000 GPU-h × $2
// per GPU-h = $5.576M").
func (w *Words) Arithmetic(tokens []costmodel.Token, v float64, unit string) string {
	return w.r.arithmetic(tokens, v, unit)
}

// StepLabel writes a bridge step in words.
func (w *Words) StepLabel(t *costmodel.Topic, s costmodel.Step) string {
	return w.r.tr.w.StepLabel(t, s)
}

// Err returns the first interface string that was asked for and is missing.
func (w *Words) Err() error { return w.r.tr.error() }
