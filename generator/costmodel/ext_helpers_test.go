package costmodel_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/costmodel/internal/synth"
)

// newTopic finishes m (as the claim loader would) and returns topic "t"
// with the claims, which get IDs "t/c0", "t/c1"… unless they have one.
func newTopic(t testing.TB, m *claim.Model, site map[string]*claim.Parameter, claims ...*claim.Claim) *claim.Topic {
	t.Helper()
	if m.File == "" {
		m.File = "claims/t/model.toml"
	}
	if err := synth.Finish(m, site); err != nil {
		t.Fatal(err)
	}
	top := &claim.Topic{ID: "t", Title: "T", Currency: "USD", Model: m, Claims: claims}
	for i, c := range claims {
		if c.ID == "" {
			c.ID = "t/c" + string(rune('0'+i))
		}
		c.Topic, c.File = "t", "claims/"+c.ID+".toml"
		if c.Date.IsZero() {
			c.Date = day("2025-01-28")
		}
		round(c)
	}
	slices.SortFunc(top.Claims, func(a, b *claim.Claim) int { return strings.Compare(a.ID, b.ID) })
	return top
}

func point(v float64, unit, source string) *claim.Parameter {
	return &claim.Parameter{Label: "point " + unit, Unit: unit, Value: &v, Source: source, SourceID: source}
}

func uniform(low, high float64, unit, source string) *claim.Parameter {
	return &claim.Parameter{Label: "range " + unit, Unit: unit, Low: &low, High: &high, Source: source, SourceID: source}
}

func usd(label, expr string) *claim.Component {
	return &claim.Component{Label: label, Expr: expr, Unit: "USD"}
}

func scope(label, extends string, add ...string) *claim.Scope {
	return &claim.Scope{Label: label, Extends: extends, Add: add}
}

func figure(v float64, qualifier claim.Qualifier) claim.Figure {
	return claim.Figure{Value: v, Currency: "USD", Qualifier: qualifier}
}

func compute(t testing.TB, top *claim.Topic, opt costmodel.Options) *costmodel.Topic {
	t.Helper()
	res, err := costmodel.ComputeTopic(top, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func scopeOf(res *costmodel.Topic, name string) *costmodel.Scope {
	for _, s := range res.Scopes {
		if s.Scope.Name == name {
			return s
		}
	}
	return nil
}

func ptr(v float64) *float64 { return &v }

func day(s string) claim.Date {
	d, err := claim.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// round sets the rounding of the claim's amounts that have none to the one
// implied by how their values are written, as the claim loader does.
func round(c *claim.Claim) {
	implied := func(v float64, r *float64) {
		if *r == 0 {
			*r = claim.ImpliedRounding(strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	implied(c.Figure.Value, &c.Figure.Rounding)
	for i := range c.Parts {
		implied(c.Parts[i].Value, &c.Parts[i].Rounding)
	}
	if c.Conversion != nil {
		implied(c.Conversion.Value, &c.Conversion.Rounding)
	}
}

func rateParam(v float64, unit, asOf, start, end string) *claim.Parameter {
	p := &claim.Parameter{Label: "rate", Unit: unit, Value: &v, AsOf: day(asOf), SourceID: "fed"}
	if start != "" {
		p.Period = claim.Period{Start: day(start), End: day(end)}
	}
	return p
}
