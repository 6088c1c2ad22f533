package costmodel_test

import (
	"reckon/generator/claim"
	"reckon/generator/costmodel"
)

// The helpers of package costmodel's own tests (helpers_test.go), through
// export_test.go.
var (
	newTopic  = costmodel.NewTopic
	point     = costmodel.Point
	uniform   = costmodel.Uniform
	usd       = costmodel.USD
	scope     = costmodel.ScopeDef
	compute   = costmodel.ComputeT
	scopeOf   = costmodel.ScopeOf
	day       = costmodel.Day
	rateParam = costmodel.RateParam
	round     = costmodel.Round

	rangeTopic   = costmodel.RangeTopic
	framingTopic = costmodel.FramingTopic
)

func figure(v float64, qualifier claim.Qualifier) claim.Figure {
	return claim.Figure{Value: v, Currency: "USD", Qualifier: qualifier}
}

func ptr(v float64) *float64 { return &v }
