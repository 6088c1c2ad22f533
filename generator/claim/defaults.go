package claim

// Defaults of the site's settings and of a parameter's range, set once, by
// the loader; later stages read the loaded values and never default them
// again.
const (
	DefaultLanguage  = "en"  // Site.Language
	DefaultCurrency  = "USD" // Site.Currency, and a topic's when neither names one
	DefaultTolerance = 2     // Site.Tolerance
	DefaultAbout     = 0.1   // Site.About
	DefaultResidual  = 0.05  // Site.Residual
	// DefaultCoverage is the Coverage of a normal or lognormal range;
	// uniform and triangular ranges cover 1.
	DefaultCoverage = 0.9
)

// Spread returns the distribution and coverage of a range parameter: the
// ones it states, or else the defaults ("uniform"; [DefaultCoverage] for a
// normal or lognormal range, 1 for the others). It is the one place the
// defaults are decided: the loader stores them ([Parameter.SetDefaults]),
// and what reads a parameter made by hand asks here.
func (p *Parameter) Spread() (distribution Distribution, coverage float64) {
	distribution = p.Distribution
	if distribution == "" {
		distribution = Uniform
	}
	switch {
	case p.Coverage != nil:
		coverage = *p.Coverage
	case distribution == Uniform || distribution == Triangular:
		coverage = 1
	default:
		coverage = DefaultCoverage
	}
	return distribution, coverage
}

// SetDefaults stores the distribution and coverage of [Parameter.Spread]
// in a range parameter (one with Low and High) that states none. The
// loader calls it on every parameter.
func (p *Parameter) SetDefaults() {
	if p.Value != nil || p.Low == nil || p.High == nil {
		return
	}
	d, c := p.Spread()
	p.Distribution, p.Coverage = d, &c
}

// DefaultRating returns the scale of a site that gives none to the cost
// model (the loader requires a [rating] table, so only a caller of the
// model that makes its own settings sees it):
//
//	5 Accurate         consistent, fairly framed, parts and conversion right
//	4 Mostly accurate  consistent or plausible, fairly framed, parts add up
//	2 Misleading       consistent or plausible, but framed or summed wrongly
//	1 False            contradicted by the model
func DefaultRating() RatingScale {
	return RatingScale{
		Best:  5,
		Worst: 1,
		Levels: []RatingLevel{
			{Value: 5, Label: "Accurate", Description: "The figure agrees with the model, is framed fairly, and its parts and conversion check out.",
				When: `figure == "consistent" && framing in ["none", "fair"] && parts != "do-not-add-up" && conversion in ["none", "spending-date"]`},
			{Value: 4, Label: "Mostly accurate", Description: "The figure is within the model's tolerance and framed fairly, but a detail is off: it fits the range only in part, its scope was not stated, or it falls just outside.",
				When: `figure in ["consistent", "partial", "plausible"] && framing in ["none", "fair", "unstated"] && parts != "do-not-add-up"`},
			{Value: 2, Label: "Misleading", Description: "The number is about right, but it is presented as something it does not measure, or its parts do not add up.",
				When: `figure in ["consistent", "partial", "plausible"]`},
			{Value: 1, Label: "False", Description: "The figure is far from anything the model allows.", When: "true"},
		},
	}
}
