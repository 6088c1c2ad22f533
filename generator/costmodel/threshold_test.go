package costmodel

import (
	"math"
	"testing"

	"reckon/generator/claim"
)

// hoursTimesRate computes a claim of the figure fig on the model cost =
// hours × rate, with 1,000,000 hours.
func hoursTimesRate(t *testing.T, rate *claim.Parameter, fig claim.Figure) *Claim {
	t.Helper()
	top := newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{"hours": point(1e6, "GPU-h", ""), "rate": rate},
		Components: map[string]*claim.Component{"run": usd("Run", "hours * rate")},
		Scopes:     map[string]*claim.Scope{"s": scope("S", "", "run")},
	}, nil, &claim.Claim{Scope: "s", Figure: fig})
	return compute(t, top, Options{}).Claims[0]
}

// TestThreshold checks the root search against thresholds known
// analytically: cost = hours × rate with 1,000,000 hours, the rate central
// at 3 USD/GPU-h (a point, or a range 2 to 4 that ranks it first), and the
// default tolerance of 2.
func TestThreshold(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name         string
		rate         *claim.Parameter
		fig          claim.Figure
		verdict      Verdict
		kind         FindingKind
		param        string
		low, high    float64
		below, above Verdict
	}{
		// 1e6 × rate ≤ 6e6 while rate ≤ 6; above, the figure is within a
		// factor of 2 of the model: plausible.
		{"at most", uniform(2, 4, "USD/GPU-h", ""), figure(6e6, "at-most"), Consistent, ThresholdAtMost, "rate", -inf, 6, None, Plausible},
		// 2.9e6 ≤ hours × 3 ≤ 3.1e6: every input a point, equally elastic,
		// so the first by name.
		{"exact", point(3, "USD/GPU-h", ""), claim.Figure{Value: 3e6, Currency: "USD", Rounding: 2e5}, Consistent, ThresholdBetween, "hours", 2.9e6 / 3, 3.1e6 / 3, Plausible, Plausible},
		// More than $100M is contradicted until the model reaches $50M:
		// rate 50.
		{"contradicted", uniform(2, 4, "USD/GPU-h", ""), figure(100e6, "more-than"), Contradicted, ThresholdAtMost, "rate", -inf, 50, None, Plausible},
		// At least $20M is contradicted until the model reaches half of
		// it: rate 10.
		{"at least", uniform(2, 4, "USD/GPU-h", ""), figure(20e6, "at-least"), Contradicted, ThresholdAtMost, "rate", -inf, 10, None, Plausible},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := hoursTimesRate(t, tc.rate, tc.fig)
			th := c.Threshold
			if c.Figure.Verdict != tc.verdict || th == nil {
				t.Fatalf("verdict %s, threshold %+v", c.Figure.Verdict, th)
			}
			// Bisection stops at a relative width of 1e-10; the point model
			// computes hours × rate, exact to a few ulps.
			near := func(got, want float64) bool {
				return got == want || math.Abs(got-want) <= 1e-9*math.Abs(want)
			}
			if th.Kind != tc.kind || th.Param != tc.param || th.Verdict != tc.verdict || !near(th.Low, tc.low) || !near(th.High, tc.high) ||
				th.Below != tc.below || th.Above != tc.above {
				t.Errorf("threshold = %+v, want %v %s [%v, %v] below %s above %s", *th, tc.kind, tc.param, tc.low, tc.high, tc.below, tc.above)
			}
			// The verdict holds at the bound and not past it.
			if tc.kind == ThresholdAtMost && !(th.High <= tc.high) {
				t.Errorf("high %v is past the threshold %v", th.High, tc.high)
			}
		})
	}
}

// TestThresholdNone: no threshold when no input within the search span
// (1000 times the central value) changes the verdict, or when the figure
// meets the model's range but not its central value (the point model's
// verdict is not the claim's).
func TestThresholdNone(t *testing.T) {
	for _, tc := range []struct {
		name string
		rate *claim.Parameter
		fig  claim.Figure
	}{
		{"beyond the span", point(3, "USD/GPU-h", ""), figure(6e9, "at-most")}, // rate would have to pass 6,000
		{"off centre", uniform(2, 4, "USD/GPU-h", ""), claim.Figure{Value: 2.05e6, Currency: "USD", Rounding: 1e5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := hoursTimesRate(t, tc.rate, tc.fig)
			if c.Figure.Verdict != Consistent {
				t.Errorf("verdict %s, want consistent", c.Figure.Verdict)
			}
			if th := c.Threshold; th != nil {
				t.Errorf("threshold = %+v, want none", *th)
			}
		})
	}
}

// TestArithmetic: each component and formula carries its expression with
// the central value and unit of each name.
func TestArithmetic(t *testing.T) {
	top := newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{"a": point(2e6, "GPU-h", ""), "b": point(1e5, "GPU-h", ""), "rate": point(2, "USD/GPU-h", "")},
		Formulas:   map[string]*claim.Formula{"hours": {Label: "Hours", Expr: "a + b", Unit: "GPU-h"}, "other": {Label: "Other", Expr: "rate * 2", Unit: "USD/GPU-h"}},
		Components: map[string]*claim.Component{"run": usd("Run", "(hours - 0) * rate")},
		Scopes:     map[string]*claim.Scope{"s": scope("S", "", "run")},
	}, nil, &claim.Claim{Scope: "s", Figure: figure(4.2e6, "")})
	res := compute(t, top, Options{})
	s := scopeOf(res, "s")
	got := func(ts []Token) string {
		var out string
		for _, tk := range ts {
			switch tk.Kind {
			case TokenQuantity:
				out += tk.Text + "=" + formatNumber(tk.Value) + "[" + tk.Unit + "]"
			case TokenNumber:
				out += formatNumber(tk.Value)
			case TokenOperator:
				out += " " + tk.Text + " "
			default:
				out += tk.Text
			}
		}
		return out
	}
	if g, w := got(s.Components[0].Arithmetic), "(hours=2100000[GPU-h] - 0) * rate=2[USD/GPU-h]"; g != w || s.Components[0].Unit != "USD" {
		t.Errorf("component: %s (unit %s), want %s", g, s.Components[0].Unit, w)
	}
	// The scope's derived quantities: hours (which run uses) and other
	// (which rests on rate alone), in dependency order.
	var names []string
	for _, f := range s.Formulas {
		names = append(names, f.Formula.Name+": "+got(f.Arithmetic))
	}
	if len(names) != 2 || names[0] != "hours: a=2000000[GPU-h] + b=100000[GPU-h]" || names[1] != "other: rate=2[USD/GPU-h] * 2" {
		t.Errorf("scope formulas = %q", names)
	}
}
