package claim

import "testing"

func TestParameterRate(t *testing.T) {
	for _, tc := range []struct {
		unit     string
		from, to string
		ok       bool
	}{
		{"CNY/USD", "CNY", "USD", true},
		{"USD/GPU-h", "", "", false},
		{"USD", "", "", false},
		{"CNY/", "", "", false},
	} {
		from, to, ok := (&Parameter{Unit: tc.unit}).Rate()
		if from != tc.from || to != tc.to || ok != tc.ok {
			t.Errorf("Rate of %q = %q, %q, %v; want %q, %q, %v", tc.unit, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}

func TestParameterSpread(t *testing.T) {
	lo, hi, half := 1.0, 2.0, 0.5
	for _, tc := range []struct {
		p    Parameter
		dist Distribution
		cov  float64
	}{
		{Parameter{Low: &lo, High: &hi}, Uniform, 1},
		{Parameter{Low: &lo, High: &hi, Distribution: Triangular}, Triangular, 1},
		{Parameter{Low: &lo, High: &hi, Distribution: Lognormal}, Lognormal, DefaultCoverage},
		{Parameter{Low: &lo, High: &hi, Distribution: Normal, Coverage: &half}, Normal, 0.5},
	} {
		d, c := tc.p.Spread()
		if d != tc.dist || c != tc.cov {
			t.Errorf("Spread of %+v = %s, %v; want %s, %v", tc.p, d, c, tc.dist, tc.cov)
		}
		p := tc.p
		p.SetDefaults()
		if p.Distribution != tc.dist || p.Coverage == nil || *p.Coverage != tc.cov {
			t.Errorf("SetDefaults gave %s, %v; want %s, %v", p.Distribution, p.Coverage, tc.dist, tc.cov)
		}
	}
}
