package costmodel

import "reckon/generator/claim"

// FindingKind says what a check found. Package text writes each kind as a
// sentence; the model holds no text.
type FindingKind int

// The kinds of findings, by check.
const (
	// The figure against the model's range for the scope it measures.
	FigureWithinRange   FindingKind = iota + 1 // the figure fits the range throughout
	FigureAboveRange                           // the figure's low end is above the range's high end
	FigureBelowRange                           // the range's low end is above the figure's high end
	FigurePartlyInRange                        // the figure's interval meets the range only in part

	// The parts the claimant named.
	PartsFit      // their sum fits the figure
	PartsDoNotFit // it does not

	// The scope the figure was presented as.
	FramingFits     // the figure fits the presented scope too
	FramingPart     // it measures only a part of the presented scope
	FramingBroader  // it measures a broader scope that builds on the presented one
	FramingElsewise // it measures something else
	FramingUnstated // the claimant did not say what the figure covers

	// A stated conversion, when one rate holds at both dates.
	ConversionOneRateMatches
	ConversionOneRateMismatch
	// A stated conversion, when the two dates have different rates.
	ConversionAtSpending       // it follows the rate of the spending date
	ConversionAtLater          // it follows the later rate of the conversion's date
	ConversionAtConversionDate // it follows the rate of the conversion's date, not later
	ConversionAtNeither        // it matches neither

	// Where the model's inputs for the measured scope come from.
	SupportUnsourced   // no input has a source
	SupportOwnSource   // every input comes from the claim's own source
	SupportOwnAndOther // the claim's own source and Count others
	SupportOthers      // Count sources other than the claim's own
	// Count sources other than the claim's own, all taking their figures
	// from the claim's own source (derived_from): no independent origin.
	SupportDerived

	// What would have to be true for the figure's verdict to stand, the
	// Kind of a [Threshold]: the verdict holds while the input stays at or
	// below its High, at or above its Low, or between the two.
	ThresholdAtMost
	ThresholdAtLeast
	ThresholdBetween
)

// Finding is what one check found: a kind plus the numbers and names that
// its sentence cites.
type Finding struct {
	Kind FindingKind
	// Figure is the claim's figure as stated.
	Figure claim.Figure
	// Verdict is the check's verdict: for a figure outside the range,
	// Plausible or Contradicted says how far.
	Verdict Verdict
	// Scope is the scope the finding is about: the one the figure measures
	// (figure, support) or the one it was presented as (framing).
	Scope *Scope
	// Compared is true for a figure set against a scope of the claim's
	// compare_with rather than the one it measures.
	Compared bool
	// Measured is, for framing, the scope the figure measures.
	Measured *Scope
	// Amount is, for a figure, the figure in the scope's currency when Rate
	// converted it; for parts, their sum in the figure's currency.
	Amount float64
	// Rate converted the figure (figure), or is the rate at the spending
	// date (conversion).
	Rate *Rate
	// Ratio is, for a figure outside the range, the larger over the smaller
	// of the figure and the range's nearer end; 0 when either is not positive.
	Ratio float64
	// Tolerance is the factor within which a figure outside the range is
	// plausible.
	Tolerance float64
	// Count is, for support, the number of sources other than the claim's own.
	Count int
	// Origins is, for support, the number of independent origins among the
	// inputs' sources (see [SupportCheck.Origins]).
	Origins int
	// For a conversion: the stated conversion, the rate at the conversion's
	// date, and the figure converted at each rate.
	Conversion *claim.Conversion
	ClaimRate  *Rate
	AtSpending float64
	AtClaim    float64
}
