package costmodel

import (
	"encoding/json"
	"math"

	"reckon/generator/claim"
)

// Results is the outcome of [Compute] for a whole site.
type Results struct {
	Topics []*Topic // sorted by Topic.Order, then ID
}

// Topic is the outcome for one topic.
type Topic struct {
	Topic    *claim.Topic
	Currency string     // the topic's currency: its own, or the site's
	Params   []*Param   // every parameter the model uses (its own, and site-wide ones its expressions or conversions use), sorted by name
	Formulas []*Formula // every formula, sorted by name
	Scopes   []*Scope   // every scope of the model, sorted by central value, then name
	Claims   []*Claim   // sorted by claim ID
	// Bridge runs from the narrowest to the broadest scope (see claim.Topic).
	Bridge *Bridge
}

// Scope returns the result of the scope called name, or nil.
func (t *Topic) Scope(name string) *Scope {
	for _, s := range t.Scopes {
		if s.Scope.Name == name {
			return s
		}
	}
	return nil
}

// Broadest returns the scope the topic's bridge ends at, or else the one
// with the largest central value; nil when the topic has no scopes.
func (t *Topic) Broadest() *Scope {
	if t.Bridge != nil {
		if s := t.Scope(t.Bridge.To); s != nil {
			return s
		}
	}
	if len(t.Scopes) == 0 {
		return nil
	}
	return t.Scopes[len(t.Scopes)-1]
}

// Param is a parameter with the values it takes: Low and High are its
// stated range (Method "corners"), or all three its value (Method "point").
type Param struct {
	Param *claim.Parameter
	Unit  string // canonical form
	Estimate
}

// Formula is a derived quantity's value; sorted by name in [Topic].
type Formula struct {
	Formula *claim.Formula
	Unit    string // canonical form
	Estimate
	// Arithmetic is the formula with each name replaced by its central
	// value: the arithmetic behind Central.
	Arithmetic []Token
}

// Estimate is a value with its uncertainty.
type Estimate struct {
	Central float64 // the value with every input at its central value
	Low     float64 // p5 under Monte Carlo, the lowest corner otherwise
	High    float64 // p95 under Monte Carlo, the highest corner otherwise
	// Method says how Low and High were found: "point" (no input varies),
	// "corners" (every combination of the varying inputs' low and high, when
	// few vary) or "monte-carlo" (seeded sampling; Low and High are p5 and p95).
	Method string
	P50    float64 // the Monte Carlo median; Central otherwise
}

// Scope is a scope's value.
type Scope struct {
	Scope    *claim.Scope
	Currency string
	Estimate
	Components  []*Component  // the scope's components, sorted by central value, largest first
	Inputs      []string      // parameters the scope depends on, sorted
	Sensitivity []Sensitivity // inputs that move the scope most first; only inputs that vary
	// Formulas are the derived quantities that rest on the scope's inputs
	// alone, in the model's dependency order (shared with [Topic.Formulas]).
	Formulas []*Formula
	// Step applies the scope's definition to the scope it extends: what it
	// adds, removes or replaces, and the change in value. A root scope's step
	// adds its components to nothing.
	Step Step
}

// Component is a component's value.
type Component struct {
	Component *claim.Component
	Unit      string // canonical form
	Estimate
	// Arithmetic is the component's formula with each name replaced by its
	// central value: the arithmetic behind Central.
	Arithmetic []Token
}

// Sensitivity is how much the scope moves when one input goes from its low
// to its high end while every other input stays central.
type Sensitivity struct {
	Param  string
	Label  string
	AtLow  float64 // the scope's value with the input at its low end
	AtHigh float64 // with the input at its high end
	Swing  float64 // |AtHigh - AtLow|
	Share  float64 // Swing's share of the sum of all swings, 0..1
}

// Bridge explains the gap between two scopes step by step along the scope
// tree: up from From to the scopes' common ancestor (removing what each scope
// on the way added), then down to To. Scopes that share no ancestor meet at
// a virtual empty root: every component of From's root is removed, then
// every component of To's root added. Steps that change nothing are left
// out. Bridges may share their Steps: treat them as read-only.
type Bridge struct {
	From, To  string // scope names
	FromValue Estimate
	ToValue   Estimate
	Steps     []Step
	// For a bridge between two claims: the difference between their figures
	// that the model does not explain, in the scopes' currency (the
	// topic's): (figure To - figure From) - (model To - model From), with
	// each figure's Value whatever its qualifier. HasResidual says whether
	// it is material, more than [Options.Residual] of the figure of Claim,
	// and so shown; it is false for other bridges, and when the two figures
	// are in different currencies.
	Residual    float64
	HasResidual bool
	// Claim is, for a bridge between claims, the ID of the claim whose
	// figure stands at To; empty otherwise.
	Claim string
}

// Step is one step of a bridge.
type Step struct {
	Kind       string   // "add", "remove" or "replace" (both Added and Removed are set)
	Scope      string   // the scope whose definition this step undoes or applies
	Undo       bool     // the step undoes Scope's definition (on the way up the tree)
	Added      []string // component names
	Removed    []string // component names
	Delta      Estimate // the change in value, with its own range (not the difference of two ranges)
	Cumulative float64  // the central value after this step (on a scope's own step, that of the scope reached)
}

// Claim is the reconciliation of one claim.
type Claim struct {
	Claim *claim.Claim

	Figure     FigureCheck
	Framing    *FramingCheck    // nil when the claim was not presented as another scope
	Parts      *PartsCheck      // nil when the claim names no parts
	Conversion *ConversionCheck // nil when the claim stated no conversion
	Support    SupportCheck
	// Threshold is the input value at which the figure's verdict would
	// change; nil when there is none (see [Threshold]).
	Threshold *Threshold
	// Compared sets the figure against the scopes of the claim's
	// compare_with, in order; they do not enter the rating.
	Compared []FigureCheck

	Rating Rating
	// Findings are what each check found, in order: figure, parts,
	// framing, conversion, support, then each comparison (package text
	// writes them as reasons).
	Findings []Finding

	// Bridges to the topic's narrowest and broadest scopes, then to the
	// scopes of the claims it is confused with (the topic's confused_with),
	// one per distinct scope, none to the claim's own scope.
	Bridges []*Bridge
	// Headline is the bridge the claim's chart draws: to the topic's
	// broadest scope (from the narrowest, for a claim that measures the
	// broadest) or, when the topic has no bridge, to the scope among
	// those of Bridges farthest from the claim's. It is the one of Bridges
	// to that scope when there is one; nil when there is no such scope or
	// the bridge has no steps.
	Headline *Bridge
}

// Verdict is the value of one axis of a claim's reconciliation (its
// figure, framing, parts, conversion or support); the rating conditions
// of claim.RatingLevel see them by these names. Each axis lists its values
// once: [FigureVerdicts], [FramingVerdicts], [PartsVerdicts],
// [ConversionVerdicts], [SupportVerdicts].
type Verdict string

// Verdicts. None is the value of an axis that does not apply.
const (
	Consistent   Verdict = "consistent"
	Partial      Verdict = "partial"
	Plausible    Verdict = "plausible"
	Contradicted Verdict = "contradicted"

	Fair          Verdict = "fair"
	Misattributed Verdict = "misattributed"
	Misleading    Verdict = "misleading"
	Unstated      Verdict = "unstated"

	AddUp      Verdict = "add-up"
	DoNotAddUp Verdict = "do-not-add-up"

	SpendingDate Verdict = "spending-date"
	ClaimDate    Verdict = "claim-date"
	Neither      Verdict = "neither"

	Independent Verdict = "independent"
	OwnSource   Verdict = "own-source"

	None Verdict = "none"
)

// FigureVerdicts returns the values of the figure axis.
func FigureVerdicts() []Verdict { return []Verdict{Consistent, Partial, Plausible, Contradicted} }

// FramingVerdicts returns the values of the framing axis.
func FramingVerdicts() []Verdict { return []Verdict{None, Fair, Misattributed, Misleading, Unstated} }

// PartsVerdicts returns the values of the parts axis.
func PartsVerdicts() []Verdict { return []Verdict{None, AddUp, DoNotAddUp} }

// ConversionVerdicts returns the values of the conversion axis.
func ConversionVerdicts() []Verdict { return []Verdict{None, SpendingDate, ClaimDate, Neither} }

// SupportVerdicts returns the values of the support axis.
func SupportVerdicts() []Verdict { return []Verdict{Independent, OwnSource} }

// FigureCheck sets the figure against the model's range for the scope it measures.
type FigureCheck struct {
	// Consistent when the figure fits the model's range throughout (for a
	// one-sided qualifier, the whole range is on the figure's side; for
	// another, the figure itself is in the range, or the range is within
	// its rounding); Partial when its interval meets the range only in
	// part; Plausible or Contradicted when it misses the range.
	Verdict Verdict
	// The figure in the currency of the scope it measures, which is the
	// topic's (converted at the rate of the spending date, or of the claim's
	// date when none is given, when stated in another currency), and the
	// interval its qualifier and rounding allow; High is +Inf for "more
	// than" and "at least", Low is 0 for "less than" and "at most".
	Value, Low, High float64
	Currency         string
	Rounding         float64  // the rounding allowed for, in the figure's own currency
	Rate             *Rate    // the rate used to convert, if any
	Model            Estimate // the scope's value
	Ratio            float64  // figure / model central
	Finding          Finding
}

// FramingCheck sets the figure against the scope it was presented as.
type FramingCheck struct {
	Verdict   Verdict // Fair, Misattributed, Misleading, or Unstated when the claimant did not say what the figure covers
	Presented string  // scope name; "" when Unstated
	Model     Estimate
	Ratio     float64 // figure / presented scope's central
	Finding   Finding
}

// PartsCheck adds up the parts the claimant named.
type PartsCheck struct {
	Verdict   Verdict // AddUp or DoNotAddUp
	Sum       float64 // in the figure's currency, parts in another converted like the figure
	Low, High float64 // the sum's interval under the parts' rounding
	Finding   Finding
}

// Rate is an exchange rate found among the parameters.
type Rate struct {
	Param    string  // parameter name
	Value    float64 // units of From per one To (the parameter's central value)
	From, To string
	AsOf     claim.Date
	Period   claim.Period
}

// ConversionCheck checks a stated currency conversion.
type ConversionCheck struct {
	Verdict      Verdict // SpendingDate, ClaimDate or Neither
	AtSpending   float64 // the figure converted at the rate of the spending date (0 if no rate)
	SpendingRate *Rate
	AtClaim      float64 // at the rate of the conversion's date (default the claim's)
	ClaimRate    *Rate
	Finding      Finding
}

// SupportCheck says whether the model's inputs for the claim's scope come only
// from the claimant's own source.
type SupportCheck struct {
	Verdict Verdict  // Independent or OwnSource
	Sources []string // source IDs behind the scope's inputs, sorted
	// Origins are the independent origins among them: the sources their
	// derived_from links end at, less the claim's own source's origins.
	Origins []string
	Finding Finding
}

// Rating is the folded rating: the first level of the scale whose condition
// holds. When none holds, Value is Worst and Label is empty.
type Rating struct {
	Value       int
	Label       string
	Best, Worst int
}

// MarshalJSON writes the check with an unbounded High as null, since JSON
// has no infinity.
func (f FigureCheck) MarshalJSON() ([]byte, error) {
	type plain FigureCheck
	out := struct {
		plain
		High *float64
	}{plain: plain(f)}
	if !math.IsInf(f.High, 0) {
		out.High = &f.High
	}
	return json.Marshal(out)
}
