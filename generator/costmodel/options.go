package costmodel

import (
	"fmt"

	"reckon/generator/claim"
	"reckon/generator/formula"
)

// Options tune [Compute] and [ComputeTopic]. The zero value gives the
// defaults written beside each field; [Compute] first takes any zero field
// it can from the site's settings (claim.Site).
type Options struct {
	// Samples is the number of Monte Carlo samples (default 2000).
	Samples int
	// Seed seeds the sampling (default 0x5eed). Each topic and parameter
	// draws from its own stream, derived from Seed, the topic's ID and the
	// parameter's name, so the same inputs always give the same results.
	Seed uint64
	// MaxCorners is the largest number of varying inputs for which a range
	// is found from the corners of the inputs' ranges rather than by Monte
	// Carlo (default 3, that is at most 2³ = 8 corners; negative: never).
	MaxCorners int
	// Tolerance is the factor by which a figure may fall outside the
	// model's range and still be plausible (default 2).
	Tolerance float64
	// About is the relative width of the qualifier "about" (default 0.1).
	About float64
	// Residual is the share of a figure above which the part of the gap
	// between two claims' figures that the model leaves unexplained is
	// shown (default 0.05).
	Residual float64
	// Rating is the scale the axes fold into (default [claim.DefaultRating]).
	Rating claim.RatingScale
	// Currency is the currency of topics that name none (default "USD").
	Currency string
}

// Defaults of the options that are not site settings. Those that are
// (Tolerance, About, Rating, Currency) default to the claim loader's
// defaults ([claim.DefaultTolerance] and so on).
const (
	DefaultSamples    = 2000
	DefaultSeed       = 0x5eed
	DefaultMaxCorners = 3
)

// withSite fills the zero fields of o from the site's settings.
func (o Options) withSite(s *claim.Site) Options {
	if s == nil {
		return o
	}
	if o.Tolerance == 0 {
		o.Tolerance = s.Tolerance
	}
	if o.About == 0 {
		o.About = s.About
	}
	if o.Residual == 0 {
		o.Residual = s.Residual
	}
	if o.Currency == "" {
		o.Currency = s.Currency
	}
	if len(o.Rating.Levels) == 0 {
		o.Rating = s.Rating
	}
	return o
}

// withDefaults fills the zero fields of o with the defaults.
func (o Options) withDefaults() Options {
	if o.Samples <= 0 {
		o.Samples = DefaultSamples
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.MaxCorners == 0 {
		o.MaxCorners = DefaultMaxCorners
	}
	if o.Tolerance == 0 {
		o.Tolerance = claim.DefaultTolerance
	}
	if o.About == 0 {
		o.About = claim.DefaultAbout
	}
	if o.Residual == 0 {
		o.Residual = claim.DefaultResidual
	}
	if o.Currency == "" {
		o.Currency = claim.DefaultCurrency
	}
	if len(o.Rating.Levels) == 0 {
		o.Rating = claim.DefaultRating()
	}
	return o
}

// config is the options with defaults applied and the rating compiled.
type config struct {
	Options
	levels []*formula.Condition
}

// ratingEnv is what a rating level's condition sees: the axes, in the
// order of [claim.RatingAxes].
type ratingEnv struct {
	Figure, Framing, Parts, Conversion, Support Verdict
}

// newConfig applies the defaults to o. The claim loader compiles the
// site's rating conditions; only a scale made by hand (the default, or
// one in o) is compiled here, the same way.
func newConfig(o Options) (*config, error) {
	c := &config{Options: o.withDefaults()}
	for i, l := range c.Rating.Levels {
		cond := l.Cond
		if cond == nil {
			var err error
			if cond, err = formula.CompileCondition(l.When, claim.RatingAxes()); err != nil {
				return nil, fmt.Errorf("rating level %d (%q): %v", i+1, l.Label, err)
			}
		}
		c.levels = append(c.levels, cond)
	}
	return c, nil
}

// rate folds the axes into the first level whose condition holds.
func (c *config) rate(env ratingEnv) (Rating, error) {
	r := Rating{Best: c.Rating.Best, Worst: c.Rating.Worst, Value: c.Rating.Worst}
	axes := []string{string(env.Figure), string(env.Framing), string(env.Parts), string(env.Conversion), string(env.Support)}
	for i, cond := range c.levels {
		holds, err := cond.Holds(axes)
		if err != nil {
			return r, fmt.Errorf("rating level %d (%q): %v", i+1, c.Rating.Levels[i].Label, err)
		}
		if holds {
			l := c.Rating.Levels[i]
			r.Value, r.Label = l.Value, l.Label
			return r, nil
		}
	}
	return r, nil
}
