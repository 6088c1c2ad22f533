package claim

import (
	"cmp"

	"reckon/generator/formula"
)

// Site is claims/site.toml: settings that hold for every topic.
type Site struct {
	Title       string `toml:"title"`       // required
	Description string `toml:"description"` // required; one sentence
	Language    string `toml:"language"`    // BCP 47; default "en"
	BaseURL     string `toml:"base_url"`    // absolute http(s) URL; the build's -base-url overrides it
	Publisher   string `toml:"publisher"`   // the organisation that publishes the fact-checks; required
	Currency    string `toml:"currency"`    // the currency figures are compared in; default "USD"

	// Tolerance is how far outside the model's range a figure may fall and
	// still be called plausible, as a factor (default 2: between half the
	// low end and twice the high end).
	Tolerance float64 `toml:"tolerance"`

	// About is the relative tolerance used for the qualifier "about" when it
	// is wider than the rounding the figure implies (default 0.1, 10%).
	About float64 `toml:"about"`

	// Residual is the share of the figure a bridge is measured against
	// above which the part of the gap the model leaves unexplained is shown
	// (default 0.05, 5%).
	Residual float64 `toml:"residual"`

	Rating RatingScale `toml:"rating"`

	// Editions are the site's editions, the main one first (see [Edition]);
	// none for a site of one language.
	Editions []Edition `toml:"editions"`
	// Translations holds, by edition language, the title and description
	// in that language (see [Translations]).
	Translations Translations `toml:"translations"`
}

// RatingScale is the folded rating published in ClaimReview.
type RatingScale struct {
	Best   int           `toml:"best"`  // required
	Worst  int           `toml:"worst"` // required, below Best
	Levels []RatingLevel `toml:"level"` // tried in order; the first whose When holds gives the rating
}

// RatingLevel is one rating on the scale.
type RatingLevel struct {
	Value       int    `toml:"value"`       // between Worst and Best
	Label       string `toml:"label"`       // the alternateName in ClaimReview, e.g. "Misleading"
	Description string `toml:"description"` // what the label means, for the methodology page
	// When is an expr-lang condition over the verdict's axes: figure
	// ("consistent", "partial", "plausible", "contradicted"), framing
	// ("none", "fair", "misattributed", "misleading", "unstated"), parts ("none", "add-up",
	// "do-not-add-up"), conversion ("none", "spending-date", "claim-date",
	// "neither") and support ("independent", "own-source"). The last level
	// usually has When = "true".
	When string `toml:"when"`
	// Translations: label and description, by edition language.
	Translations Translations `toml:"translations"`
	// Cond is When compiled, at load time, over [RatingAxes].
	Cond *formula.Condition `toml:"-"`
}

// RatingAxes returns the names a rating condition sees, in the order
// [formula.Condition.Holds] takes their values.
func RatingAxes() []string {
	return []string{"figure", "framing", "parts", "conversion", "support"}
}

// Source is one entry of a sources.toml file (site-wide in claims/sources.toml
// or per topic in claims/TOPIC/sources.toml), keyed by its name.
type Source struct {
	ID         string     `toml:"-"`         // "name" for site-wide sources, "topic/name" for a topic's
	Title      string     `toml:"title"`     // required
	Publisher  string     `toml:"publisher"` // required
	Author     string     `toml:"author"`
	URL        string     `toml:"url"` // required, http or https
	Published  Date       `toml:"published"`
	Accessed   Date       `toml:"accessed"`
	ArchiveURL string     `toml:"archive_url"` // http or https
	Kind       SourceKind `toml:"kind"`        // required: "primary", "secondary" or "estimate"
	Language   string     `toml:"language"`    // BCP 47; default the site's language
	// TitleLanguage is the language of Title when it is not the
	// document's: a description of ours for a document in another
	// language (default Language). A translated title is in its edition's.
	TitleLanguage string `toml:"title_language"`
	Locator       string `toml:"locator"` // table, page or section
	Quote         string `toml:"quote"`
	// Verified is false when the source could not be opened and checked;
	// Note then says why. The site shows unverified sources as such.
	Verified *bool  `toml:"verified"` // required
	Note     string `toml:"note"`     // public: shown with the source
	// EditorNote is for the site's editors (what is left to check, how the
	// source was read); it is never published.
	EditorNote string `toml:"editor_note"`
	// DerivedFrom names the sources this one takes its figures from (the
	// AI Index's estimates are Epoch AI's): support for a claim counts
	// independent origins, not sources (resolved to full IDs at load time).
	DerivedFrom []string `toml:"derived_from"`
	// Translations: note and locator, and title and publisher when they
	// are descriptions of ours, by edition language.
	Translations Translations `toml:"translations"`
	// Origins are the IDs of the sources this one's figures come from at
	// the end of its derived_from links: itself when it derives from none
	// (set at load time, sorted).
	Origins []string `toml:"-"`

	Pos Pos `toml:"-"`
}

// TitleLang returns the language of the source's title: its
// title_language, or else the document's.
func (s *Source) TitleLang() string { return cmp.Or(s.TitleLanguage, s.Language) }

// Topic is claims/TOPIC/topic.toml.
type Topic struct {
	ID        string `toml:"-"`         // the folder name
	Title     string `toml:"title"`     // required
	Question  string `toml:"question"`  // required: the question the topic answers
	Summary   string `toml:"summary"`   // required: the answer in a sentence or two
	Published Date   `toml:"published"` // required
	Updated   Date   `toml:"updated"`   // optional, not before Published
	Currency  string `toml:"currency"`  // default the site's currency
	// Narrowest and Broadest name the scopes the topic's main bridge runs
	// between; by default the measured scopes of its claims with the
	// smallest and largest central values.
	Narrowest string `toml:"narrowest"`
	Broadest  string `toml:"broadest"`
	Order     int    `toml:"order"` // topics are listed by Order, then ID
	// ConfusedWith lists groups of the topic's claims (by file name, without
	// ".toml") that readers take for one another: each claim of a group has
	// a bridge to the scope of each other claim of it, beside those to the
	// narrowest and broadest scopes.
	ConfusedWith [][]string `toml:"confused_with"`
	// Translations: title, question and summary, by edition language.
	Translations Translations `toml:"translations"`

	Model   *Model    `toml:"-"`
	Sources []*Source `toml:"-"` // sorted by ID
	Claims  []*Claim  `toml:"-"` // sorted by ID
	Pos     Pos       `toml:"-"`
}

// Model is claims/TOPIC/model.toml, the topic's cost model.
type Model struct {
	Parameters map[string]*Parameter `toml:"parameters"`
	Formulas   map[string]*Formula   `toml:"formulas"`
	Components map[string]*Component `toml:"components"`
	Scopes     map[string]*Scope     `toml:"scopes"`

	File string `toml:"-"`
	// Order lists the names of every formula and component such that each
	// comes after everything its expression uses (set at load time).
	Order []string `toml:"-"`
	// Inputs maps every name an expression may use to its parameter: the
	// model's own and the site-wide ones (set at load time).
	Inputs map[string]*Parameter `toml:"-"`
}

// Parameter is an input of a model: a point value, or a range read through a
// distribution. Site-wide parameters (claims/parameters.toml, such as
// exchange rates) have the same form and are visible to every model.
type Parameter struct {
	Name  string `toml:"-"`
	Label string `toml:"label"` // required
	Unit  string `toml:"unit"`  // required; see [ParseUnit]; "1" for a pure number

	Value *float64 `toml:"value"` // a point value; or Low and High
	Low   *float64 `toml:"low"`
	High  *float64 `toml:"high"`
	// Central is the value used for the central estimate of a range; default
	// the median of the distribution.
	Central *float64 `toml:"central"`
	// Distribution of a range: "uniform" (default), "triangular",
	// "normal" or "lognormal". Low and High are its Coverage interval.
	Distribution Distribution `toml:"distribution"`
	Coverage     *float64     `toml:"coverage"` // the probability between Low and High; default 0.9 (1 for uniform and triangular)

	AsOf       Date   `toml:"as_of"` // required; for a currency rate, the date it holds at
	Period     Period `toml:"period"`
	Source     string `toml:"source"` // required: a source ID
	Locator    string `toml:"locator"`
	Quote      string `toml:"quote"`
	Note       string `toml:"note"`        // public
	EditorNote string `toml:"editor_note"` // never published

	SourceID string   `toml:"-"` // the full ID Source resolves to
	Origins  []string `toml:"-"` // the origins of that source (see [Source.Origins])
	// Verified is false when the figure could not be checked against its source.
	Verified *bool `toml:"verified"`
	// Negative allows Value, Low, High and Central below zero; without it
	// they are errors.
	Negative bool `toml:"negative"`
	// Translations: label and note, by edition language.
	Translations Translations `toml:"translations"`

	Site bool `toml:"-"` // declared in claims/parameters.toml
	Pos  Pos  `toml:"-"`
}

// Period is the span a rate or figure covers, such as a calendar year for an
// annual average exchange rate.
type Period struct {
	Start Date `toml:"start"`
	End   Date `toml:"end"`
}

// Formula is a derived quantity: an expression over parameters and other formulas.
type Formula struct {
	Name  string `toml:"-"`
	Label string `toml:"label"` // required
	Expr  string `toml:"expr"`  // required; an expr-lang expression
	Unit  string `toml:"unit"`  // required; the expression's unit must equal it
	Note  string `toml:"note"`
	// Negative allows the value below zero; without it, a value below zero
	// at the inputs' central values or at a corner of their ranges is an
	// error.
	Negative bool `toml:"negative"`
	// Translations: label and note (description for a component), by
	// edition language.
	Translations Translations `toml:"translations"`

	Program *formula.Program `toml:"-"` // compiled at load time
	Pos     Pos              `toml:"-"`
}

// Component is a cost: an expression in money that scopes add up.
type Component struct {
	Name        string   `toml:"-"`
	Label       string   `toml:"label"` // required
	Expr        string   `toml:"expr"`  // required
	Unit        string   `toml:"unit"`  // required: a currency
	Description string   `toml:"description"`
	Contains    []string `toml:"contains"` // components this one already includes
	Overlaps    []string `toml:"overlaps"` // components that measure the same thing
	// Negative allows the cost below zero (a credit, a resale value), as
	// for [Formula].
	Negative bool `toml:"negative"`
	// Translations: label and note (description for a component), by
	// edition language.
	Translations Translations `toml:"translations"`

	Program *formula.Program `toml:"-"` // compiled at load time
	Pos     Pos              `toml:"-"`
}

// Scope is a named set of components. A scope that extends another starts
// from its components, removes those it Replaces and adds those in Add.
type Scope struct {
	Name        string   `toml:"-"`
	Label       string   `toml:"label"` // required
	Description string   `toml:"description"`
	Extends     string   `toml:"extends"`
	Add         []string `toml:"add"`
	Replaces    []string `toml:"replaces"`
	// Translations: label and description, by edition language.
	Translations Translations `toml:"translations"`

	Components []string `toml:"-"` // resolved, sorted
	Pos        Pos      `toml:"-"`
}

// Claim is claims/TOPIC/NAME.toml: one figure someone stated.
type Claim struct {
	ID    string `toml:"-"`     // "topic/name", from the file path
	Topic string `toml:"-"`     // the topic ID
	Title string `toml:"title"` // required; the claim as reviewed, under 75 characters

	// Claimant is who made the claim as worded (for wording a report gave
	// in its own words, that report's publisher), not who first produced
	// the figure: that is Origin.
	Claimant     string       `toml:"claimant"`      // required
	ClaimantKind ClaimantKind `toml:"claimant_kind"` // "person" or "organization" (default)
	ClaimantRole string       `toml:"claimant_role"` // e.g. "CEO, OpenAI"
	// Unnamed says Claimant is a description ("an Arabic-language news
	// site"), not a name: structured data then gives no name.
	Unnamed   bool   `toml:"claimant_unnamed"`
	Date      Date   `toml:"date"`      // required: when the claim was made as worded; may be inexact
	Published Date   `toml:"published"` // required: when our fact-check was published
	Summary   string `toml:"summary"`   // our one-paragraph finding, in words

	Scope       string `toml:"scope"`        // required: the scope the figure measures
	PresentedAs string `toml:"presented_as"` // the scope it was presented as, when different
	// ScopeUnstated records that the claimant did not say what the figure
	// covers: Scope is then our reading of it, and the framing is
	// "unstated" rather than fair. It excludes PresentedAs.
	ScopeUnstated bool `toml:"scope_unstated"`
	// CompareWith names further scopes the figure is set against, such as
	// an independent estimate of what Scope measures (a floor from known
	// hardware beside a fleet estimate): each gives a reason and a bridge,
	// never the rating, which follows Scope alone.
	CompareWith []string `toml:"compare_with"`
	Spent       Date     `toml:"spent"` // when the money was spent, for conversions

	Figure     Figure       `toml:"figure"` // required
	Conversion *Conversion  `toml:"conversion"`
	Source     Citation     `toml:"source"` // required: where the claim was made as worded
	Origin     *Origin      `toml:"origin"` // who first produced the figure, when not the claimant
	Repeated   []Citation   `toml:"repeated"`
	Parts      []Part       `toml:"parts"`
	Evidence   []string     `toml:"evidence"` // further source IDs that bear on the claim (resolved to full IDs at load time)
	Correction []Correction `toml:"corrections"`
	EditorNote string       `toml:"editor_note"` // for the site's editors; never published
	// Translations: title, summary, claimant, claimant_role, quote (the
	// source's quote in that language), note (the source's note),
	// origin_quote and origin_note (the origin's), by edition language.
	Translations Translations `toml:"translations"`

	File string `toml:"-"`
	Pos  Pos    `toml:"-"`
}

// Figure is the number a claim states.
type Figure struct {
	Value     float64   `toml:"value"`     // required, > 0
	Currency  string    `toml:"currency"`  // required
	Qualifier Qualifier `toml:"qualifier"` // "exact" (default), "about", "more-than", "at-least", "less-than", "at-most"
	// Rounding is the unit the figure was rounded to; by default it is implied
	// by how Value is written (5.6e6 → 1e5).
	Rounding float64 `toml:"rounding"`
	Text     string  `toml:"text"` // the figure as stated, e.g. "$5.6 million"
}

// Conversion is a currency conversion the claim stated beside its figure.
type Conversion struct {
	Value    float64 `toml:"value"`    // required
	Currency string  `toml:"currency"` // required
	Rounding float64 `toml:"rounding"`
	Date     Date    `toml:"date"` // when the conversion was made; default the claim's date
	By       string  `toml:"by"`   // who converted, when not the claimant
}

// Citation is where a claim was made or repeated.
type Citation struct {
	Source      string `toml:"source"` // required: a source ID
	Date        Date   `toml:"date"`
	Locator     string `toml:"locator"`
	Quote       string `toml:"quote"`       // verbatim, in Language
	Language    string `toml:"language"`    // default the source's
	Translation string `toml:"translation"` // required when Language is not the site's
	Note        string `toml:"note"`        // public
	EditorNote  string `toml:"editor_note"` // never published
	// Translations: locator and note of a [[repeated]] citation, by
	// edition language; a claim's own source is translated in the claim's.
	Translations Translations `toml:"translations"`

	SourceID string   `toml:"-"` // the full ID Source resolves to
	Origins  []string `toml:"-"` // the origins of that source (see [Source.Origins])
}

// Origin is who first produced a claim's figure, and in what document,
// when that is not the claimant: DeepSeek's V3 report for the $5.576M
// that other outlets reworded.
type Origin struct {
	By          string       `toml:"by"`      // required: a name, or with Unnamed a description
	Kind        ClaimantKind `toml:"kind"`    // "person" or "organization" (default)
	Unnamed     bool         `toml:"unnamed"` // By is a description, not a name
	Source      string       `toml:"source"`  // required: the source ID of the document
	Date        Date         `toml:"date"`    // default the source's published date; may be inexact
	Locator     string       `toml:"locator"`
	Quote       string       `toml:"quote"`
	Language    string       `toml:"language"`    // the quote's; default the source's
	Translation string       `toml:"translation"` // of the quote, when its language is not the site's
	Figure      string       `toml:"figure"`      // the figure as that document gives it, e.g. "$5.576M"
	Note        string       `toml:"note"`        // public
	SourceID    string       `toml:"-"`           // the full ID Source resolves to
	Origins     []string     `toml:"-"`           // the origins of that source (see [Source.Origins])
}

// Part is one of the components a claimant says the figure sums from.
type Part struct {
	Label    string  `toml:"label"`    // required
	Value    float64 `toml:"value"`    // required
	Currency string  `toml:"currency"` // required
	Rounding float64 `toml:"rounding"`
	Claim    string  `toml:"claim"` // a claim ID this part repeats
	Note     string  `toml:"note"`
	// Translations: label and note, by edition language.
	Translations Translations `toml:"translations"`
}

// Correction is a change to a published fact-check.
type Correction struct {
	Date   Date   `toml:"date"`   // required
	Change string `toml:"change"` // required: what changed
	Reason string `toml:"reason"` // required: why
}
