package costmodel

import (
	"math"
	"testing"

	"reckon/generator/claim"
)

// methodTopic has scopes whose values depend on no varying input, on two,
// and on five.
func methodTopic(t *testing.T) *claim.Topic {
	return newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{
			"fixed_cost": point(10e6, "USD", "t/a"),
			"hours":      uniform(1e6, 3e6, "GPU-h", "t/a"),
			"rate":       uniform(1, 3, "USD/GPU-h", "t/a"),
			"staff":      uniform(100, 200, "person", "t/b"),
			"salary":     {Label: "salary", Unit: "USD/person", Low: ptr(1e5), High: ptr(4e5), Distribution: "lognormal", SourceID: "t/b"},
			"extra":      {Label: "extra", Unit: "USD", Low: ptr(1e6), High: ptr(3e6), Distribution: "normal", SourceID: "t/b"},
		},
		Formulas: map[string]*claim.Formula{
			"payroll": {Label: "payroll", Expr: "staff * salary", Unit: "USD"},
		},
		Components: map[string]*claim.Component{
			"fixed":   usd("fixed costs", "fixed_cost"),
			"compute": usd("compute", "hours * rate"),
			"people":  usd("people", "payroll"),
			"extra":   usd("extras", "extra"),
		},
		Scopes: map[string]*claim.Scope{
			"fixed": scope("Fixed", "", "fixed"),
			"run":   scope("Run", "fixed", "compute"),
			"all":   scope("All", "run", "people", "extra"),
		},
	}, nil, &claim.Claim{Scope: "run", Figure: figure(14e6, "")})
}

func TestEstimateMethods(t *testing.T) {
	res := compute(t, methodTopic(t), Options{})
	fixed, run, all := scopeOf(res, "fixed"), scopeOf(res, "run"), scopeOf(res, "all")
	if want := (Estimate{Central: 10e6, Low: 10e6, High: 10e6, Method: "point", P50: 10e6}); fixed.Estimate != want {
		t.Errorf("fixed = %+v, want %+v", fixed.Estimate, want)
	}
	// Corners of hours × rate: 1e6 to 9e6, central 4e6.
	if want := (Estimate{Central: 14e6, Low: 11e6, High: 19e6, Method: "corners", P50: 14e6}); run.Estimate != want {
		t.Errorf("run = %+v, want %+v", run.Estimate, want)
	}
	if all.Method != "monte-carlo" {
		t.Fatalf("all: method %q, want monte-carlo", all.Method)
	}
	// Central: 10M + 4M + 150 × 200,000 + 2M.
	if want := 46e6; math.Abs(all.Central-want) > 1e-6 {
		t.Errorf("all: central %v, want %v", all.Central, want)
	}
	if !(all.Low < all.P50 && all.P50 < all.High && all.Low > 11e6 && all.High < 19e6+200*4e5+4e6) {
		t.Errorf("all: p5, p50, p95 = %v, %v, %v out of order or bounds", all.Low, all.P50, all.High)
	}
	if got, want := all.Inputs, []string{"extra", "fixed_cost", "hours", "rate", "salary", "staff"}; !equal(got, want) {
		t.Errorf("all: inputs %v, want %v", got, want)
	}
	// MaxCorners moves the boundary both ways.
	res = compute(t, methodTopic(t), Options{MaxCorners: 5})
	if m := scopeOf(res, "all").Method; m != "corners" {
		t.Errorf("all with MaxCorners 5: method %q, want corners", m)
	}
	res = compute(t, methodTopic(t), Options{MaxCorners: -1})
	if m := scopeOf(res, "run").Method; m != "monte-carlo" {
		t.Errorf("run with MaxCorners -1: method %q, want monte-carlo", m)
	}
	// Formulas and parameters are reported too.
	if f := res.Formulas[0]; f.Formula.Name != "payroll" || f.Unit != "USD" || math.Abs(f.Central-30e6) > 1e-6 {
		t.Errorf("formula %s: %s %v", f.Formula.Name, f.Unit, f.Central)
	}
	var names []string
	for _, p := range res.Params {
		names = append(names, p.Param.Name+":"+p.Method)
	}
	if want := []string{"extra:corners", "fixed_cost:point", "hours:corners", "rate:corners", "salary:corners", "staff:corners"}; !equal(names, want) {
		t.Errorf("params %v, want %v", names, want)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSensitivity(t *testing.T) {
	res := compute(t, methodTopic(t), Options{})
	got := scopeOf(res, "all").Sensitivity
	// Swings: salary 150 × 3e5 = 45M; staff 100 × 2e5 = 20M (lognormal
	// median 2e5); hours 2e6 × 2 = 4M; rate 2 × 2e6 = 4M; extra 2M.
	want := []struct {
		param string
		swing float64
	}{{"salary", 45e6}, {"staff", 20e6}, {"hours", 4e6}, {"rate", 4e6}, {"extra", 2e6}}
	if len(got) != len(want) {
		t.Fatalf("sensitivity has %d inputs, want %d: %+v", len(got), len(want), got)
	}
	var share float64
	for i, w := range want {
		if got[i].Param != w.param || math.Abs(got[i].Swing-w.swing) > 1 {
			t.Errorf("sensitivity[%d] = %s %v, want %s %v", i, got[i].Param, got[i].Swing, w.param, w.swing)
		}
		share += got[i].Share
	}
	if math.Abs(share-1) > 1e-12 {
		t.Errorf("shares sum to %v", share)
	}
	if s := got[2]; s.AtLow != 46e6-2e6 || s.AtHigh != 46e6+2e6 || s.Label != "range GPU-h" {
		t.Errorf("hours: %+v", s)
	}
}

func TestEvaluationError(t *testing.T) {
	top := newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{
			"budget": point(1e6, "USD", ""),
			"share":  uniform(0, 1, "1", ""),
		},
		Components: map[string]*claim.Component{
			"c": {Label: "c", Expr: "budget / share", Unit: "USD", Pos: claim.Pos{File: "claims/t/model.toml", Line: 12, Col: 8}},
		},
		Scopes: map[string]*claim.Scope{"s": scope("S", "", "c")},
	}, nil, &claim.Claim{Scope: "s", Figure: figure(1e6, "")})
	_, err := ComputeTopic(top, Options{})
	want := `claims/t/model.toml:12:8: cannot evaluate component "c" with share at its low end: division by zero (budget = 1000000, share = 0)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

// TestStreamsIndependent checks that a parameter's samples do not depend on
// the rest of the model: adding an unrelated varying input leaves a Monte
// Carlo estimate unchanged.
func TestStreamsIndependent(t *testing.T) {
	a := methodTopic(t)
	before := *scopeOf(compute(t, a, Options{}), "all")
	b := methodTopic(t)
	b.Model.Parameters["aaa"] = uniform(1, 2, "1", "")
	b.Model.Formulas["unrelated"] = &claim.Formula{Label: "u", Expr: "aaa * 2", Unit: "1"}
	b = newTopic(t, b.Model, nil, b.Claims...)
	after := *scopeOf(compute(t, b, Options{}), "all")
	if before.Estimate != after.Estimate {
		t.Errorf("estimate changed from %+v to %+v", before.Estimate, after.Estimate)
	}
	c := *scopeOf(compute(t, methodTopic(t), Options{Seed: 99}), "all")
	if c.Estimate == before.Estimate {
		t.Error("another seed gave the same Monte Carlo estimate")
	}
}
