package costmodel

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"

	"reckon/generator/claim"
)

// dist is a parameter read as a distribution.
type dist struct {
	point     bool
	kind      claim.Distribution
	low, high float64 // the stated coverage interval
	central   float64
	// Parameters of the distribution: uniform a..b, triangular a..b with
	// mode c, normal mean mu and sd sigma, lognormal mu and sigma of the log.
	a, b, c   float64
	mu, sigma float64
}

// newDist reads p. Point values have low = high = central.
func newDist(p *claim.Parameter) dist {
	if p.Value != nil {
		v := *p.Value
		return dist{point: true, low: v, high: v, central: v}
	}
	lo, hi := *p.Low, *p.High
	kind, cov := p.Spread()
	d := dist{kind: kind, low: lo, high: hi}
	mid := (lo + hi) / 2
	switch d.kind {
	case claim.Triangular:
		d.a, d.b, d.c = lo, hi, mid
		if p.Central != nil {
			d.c = *p.Central
		}
		d.central = triangularQuantile(d.a, d.b, d.c, 0.5)
	case claim.Normal:
		z := normalQuantile((1 + cov) / 2)
		d.mu, d.sigma = mid, (hi-lo)/(2*z)
		d.central = d.mu
	case claim.Lognormal:
		z := normalQuantile((1 + cov) / 2)
		ll, lh := math.Log(lo), math.Log(hi)
		d.mu, d.sigma = (ll+lh)/2, (lh-ll)/(2*z)
		d.central = math.Exp(d.mu)
	default: // uniform: Low..High cover cov of a wider interval
		w := (hi - lo) / cov
		d.a, d.b = mid-w/2, mid+w/2
		d.central = mid
	}
	if p.Central != nil {
		d.central = *p.Central
	}
	if lo == hi {
		d.point = true
	}
	return d
}

// quantile returns the value below which a share u of the distribution lies.
func (d dist) quantile(u float64) float64 {
	switch {
	case d.point:
		return d.central
	case d.kind == claim.Triangular:
		return triangularQuantile(d.a, d.b, d.c, u)
	case d.kind == claim.Normal:
		return d.mu + d.sigma*normalQuantile(u)
	case d.kind == claim.Lognormal:
		return math.Exp(d.mu + d.sigma*normalQuantile(u))
	}
	return d.a + u*(d.b-d.a)
}

func triangularQuantile(a, b, c, u float64) float64 {
	if b <= a {
		return a
	}
	f := (c - a) / (b - a)
	if u < f {
		return a + math.Sqrt(u*(b-a)*(c-a))
	}
	return b - math.Sqrt((1-u)*(b-a)*(b-c))
}

// sample fills out with values of d drawn by Latin hypercube sampling: one
// uniform draw in each of len(out) equal strata of (0, 1), in a random
// order, read through the quantile function; perm is scratch space of the
// same length. The stream depends only on seed and key, so that adding a
// parameter to a model does not change the samples of the others.
func (d dist) sample(out []float64, perm []int, seed uint64, key string) []float64 {
	n := len(out)
	if d.point {
		for i := range out {
			out[i] = d.central
		}
		return out
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	for i := range perm {
		perm[i] = i
	}
	rng.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	for i := range out {
		u := (float64(perm[i]) + rng.Float64()) / float64(n)
		if u <= 0 {
			u = 0.5 / float64(n)
		}
		out[i] = d.quantile(u)
	}
	return out
}

// normalQuantile is the inverse of the standard normal distribution function,
// by Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16.
func normalQuantile(p float64) float64 {
	switch {
	case p <= 0:
		return math.Inf(-1)
	case p >= 1:
		return math.Inf(1)
	}
	q := p - 0.5
	if math.Abs(q) <= 0.425 {
		r := 0.180625 - q*q
		return q * (((((((2509.0809287301226727*r+33430.575583588128105)*r+67265.770927008700853)*r+
			45921.953931549871457)*r+13731.693765509461125)*r+1971.5909503065514427)*r+133.14166789178437745)*r +
			3.387132872796366608) /
			(((((((5226.495278852545925*r+28729.085735721942674)*r+39307.89580009271061)*r+
				21213.794301586595867)*r+5394.1960214247511077)*r+687.1870074920579083)*r+42.313330701600911252)*r + 1)
	}
	r := p
	if q > 0 {
		r = 1 - p
	}
	r = math.Sqrt(-math.Log(r))
	var x float64
	if r <= 5 {
		r -= 1.6
		x = (((((((7.7454501427834140764e-4*r+0.0227238449892691845833)*r+0.24178072517745061177)*r+
			1.27045825245236838258)*r+3.64784832476320460504)*r+5.7694972214606914055)*r+4.6303378461565452959)*r +
			1.42343711074968357734) /
			(((((((1.05075007164441684324e-9*r+5.475938084995344946e-4)*r+0.0151986665636164571966)*r+
				0.14810397642748007459)*r+0.68976733498510000455)*r+1.6763848301838038494)*r+2.05319162663775882187)*r + 1)
	} else {
		r -= 5
		x = (((((((2.01033439929228813265e-7*r+2.71155556874348757815e-5)*r+0.0012426609473880784386)*r+
			0.026532189526576123093)*r+0.29656057182850489123)*r+1.7848265399172913358)*r+5.4637849111641143699)*r +
			6.6579046435011037772) /
			(((((((2.04426310338993978564e-15*r+1.4215117583164458887e-7)*r+1.8463183175100546818e-5)*r+
				7.868691311456132591e-4)*r+0.0148753612908506148525)*r+0.13692988092273580531)*r+0.59983220655588793769)*r + 1)
	}
	if q < 0 {
		x = -x
	}
	return x
}

// percentile returns the p-quantile (0..1) of xs, interpolating linearly
// between order statistics. It reorders xs.
func percentile(xs []float64, p float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	h := p * float64(n-1)
	i := int(math.Floor(h))
	if i >= n-1 {
		return slices.Max(xs)
	}
	lo := nth(xs, i)
	hi := slices.Min(xs[i+1:])
	return lo + (h-float64(i))*(hi-lo)
}

// nth reorders xs so that xs[k] is the value it would have if xs were
// sorted, with no larger value before it and no smaller after, and returns
// it (Hoare's selection, median-of-three pivots).
func nth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}
