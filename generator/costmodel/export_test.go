package costmodel

import "reckon/generator/claim"

// FindRate is, for the tests of package costmodel_test, the rate between
// currencies a and b that holds at date among m's parameters.
func FindRate(m *claim.Model, a, b string, date claim.Date) *Rate {
	return newRates(m, newDist).find(a, b, date)
}

// The test helpers of package costmodel (helpers_test.go), for the tests of
// package costmodel_test, so that both build topics one way.
var (
	NewTopic  = newTopic
	Point     = point
	Uniform   = uniform
	USD       = usd
	ScopeDef  = scope
	ComputeT  = compute
	ScopeOf   = scopeOf
	Day       = day
	RateParam = rateParam
	Round     = round

	RangeTopic   = rangeTopic
	FramingTopic = framingTopic
)
