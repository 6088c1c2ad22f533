package costmodel

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"reckon/generator/claim"
)

func TestNormalQuantile(t *testing.T) {
	for _, tc := range []struct{ p, want float64 }{
		{0.5, 0},
		{0.975, 1.959963984540054},
		{0.95, 1.6448536269514722},
		{0.05, -1.6448536269514722},
		{0.8413447460685429, 1},
		{1e-10, -6.361340902404056},
	} {
		if got := normalQuantile(tc.p); math.Abs(got-tc.want) > 1e-12*max(1, math.Abs(tc.want)) {
			t.Errorf("normalQuantile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}

func rangeParam(low, high float64, distribution string, coverage, central *float64) *claim.Parameter {
	return &claim.Parameter{Name: "p", Low: &low, High: &high, Distribution: claim.Distribution(distribution), Coverage: coverage, Central: central}
}

// TestDist checks each distribution's central value and that its stated
// interval has the stated coverage.
func TestDist(t *testing.T) {
	for _, tc := range []struct {
		name        string
		p           *claim.Parameter
		central     float64
		qlow, qhigh float64 // the quantiles that should give Low and High
	}{
		{"point", &claim.Parameter{Value: ptr(7)}, 7, 0, 1},
		{"uniform", rangeParam(10, 30, "", nil, nil), 20, 0, 1},
		{"uniform-50%", rangeParam(10, 30, "uniform", ptr(0.5), nil), 20, 0.25, 0.75},
		{"uniform-central", rangeParam(10, 30, "uniform", nil, ptr(12)), 12, 0, 1},
		{"triangular", rangeParam(10, 30, "triangular", nil, nil), 20, 0, 1},
		{"triangular-mode", rangeParam(10, 30, "triangular", nil, ptr(15)), 15, 0, 1},
		{"normal", rangeParam(10, 30, "normal", nil, nil), 20, 0.05, 0.95},
		{"normal-80%", rangeParam(10, 30, "normal", ptr(0.8), nil), 20, 0.1, 0.9},
		{"lognormal", rangeParam(1e6, 16e6, "lognormal", nil, nil), 4e6, 0.05, 0.95},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDist(tc.p)
			if math.Abs(d.central-tc.central) > 1e-9*tc.central {
				t.Errorf("central = %v, want %v", d.central, tc.central)
			}
			for _, q := range []struct{ u, want float64 }{{tc.qlow, d.low}, {tc.qhigh, d.high}} {
				if got := d.quantile(q.u); math.Abs(got-q.want) > 1e-9*q.want {
					t.Errorf("quantile(%v) = %v, want %v", q.u, got, q.want)
				}
			}
		})
	}
}

func TestTriangularMedian(t *testing.T) {
	// With the mode at 15 of 10..30, half the mass lies below 30-sqrt(20*15/2).
	d := newDist(rangeParam(10, 30, "triangular", nil, nil))
	d.c = 15
	if got, want := d.quantile(0.5), 30-math.Sqrt(150); math.Abs(got-want) > 1e-12 {
		t.Errorf("median = %v, want %v", got, want)
	}
}

// TestSampleCoverage checks that Latin hypercube samples reproduce a
// distribution's percentiles closely.
func TestSampleCoverage(t *testing.T) {
	for _, dist := range []string{"uniform", "triangular", "normal", "lognormal"} {
		t.Run(dist, func(t *testing.T) {
			cov := 0.9
			if dist == "uniform" || dist == "triangular" {
				cov = 1
			}
			d := newDist(rangeParam(2e6, 8e6, dist, &cov, nil))
			xs := d.sample(make([]float64, 2000), make([]int, 2000), 1, "topic\x00p")
			lo, hi := (1-cov)/2, (1+cov)/2
			if cov == 1 {
				lo, hi = 0.001, 0.999
			}
			for _, q := range []struct{ p, want float64 }{{lo, d.quantile(lo)}, {0.5, d.quantile(0.5)}, {hi, d.quantile(hi)}} {
				got := percentile(slices.Clone(xs), q.p)
				if math.Abs(got-q.want) > 0.01*q.want {
					t.Errorf("p%v = %v, want %v within 1%%", q.p*100, got, q.want)
				}
			}
		})
	}
}

func TestSampleStreams(t *testing.T) {
	d := newDist(rangeParam(1, 2, "", nil, nil))
	draw := func(seed uint64, key string) []float64 {
		return d.sample(make([]float64, 100), make([]int, 100), seed, key)
	}
	a, b := draw(1, "t\x00a"), draw(1, "t\x00a")
	if !slices.Equal(a, b) {
		t.Error("the same seed and key gave different samples")
	}
	if c := draw(1, "t\x00b"); slices.Equal(a, c) {
		t.Error("two keys gave the same samples")
	}
	if c := draw(2, "t\x00a"); slices.Equal(a, c) {
		t.Error("two seeds gave the same samples")
	}
}

func TestPercentile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 60 {
		for range 20 {
			xs := make([]float64, n+1)
			for i := range xs {
				xs[i] = float64(rng.IntN(5 + n/2)) // with many ties
			}
			sorted := slices.Sorted(slices.Values(xs))
			for _, p := range []float64{0, 0.05, 0.5, 0.95, 1} {
				h := p * float64(len(xs)-1)
				i := int(h)
				want := sorted[i]
				if i+1 < len(sorted) {
					want += (h - float64(i)) * (sorted[i+1] - sorted[i])
				}
				if got := percentile(slices.Clone(xs), p); got != want {
					t.Fatalf("percentile(%v, %v) = %v, want %v", xs, p, got, want)
				}
			}
		}
	}
}
