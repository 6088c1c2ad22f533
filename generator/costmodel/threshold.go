package costmodel

import (
	"cmp"
	"math"
	"slices"
)

// Threshold is what would have to be true for the verdict on a claim's
// figure to stand: the values of one input of the measured scope between
// which the verdict holds, every other input at its central value.
//
// It is found by a root search on the model: with every input at its
// central value except the one searched, the scope is a single value, and
// the figure's verdict against it is the claim's. The search steps the
// input up (and down) from its central value by factors of
// [thresholdStep], as far as [thresholdSpan] times (or a [thresholdSpan]th
// of) the central value, until the verdict changes, then bisects the last
// step (on a log scale) to [thresholdTolerance]. So it finds the nearest
// change on each side. Inputs whose central value is not positive are not
// searched.
//
// The input is the first of the scope's inputs, in the order of the
// scope's sensitivity (inputs that vary), then of elasticity at the central
// value (inputs given as a point), then by name, whose search finds a
// change on either side. A claim has no threshold when the verdict against
// the central value differs from its verdict (a figure that meets the
// model's range only away from its central value), when the scope depends
// on no input, or when no input changes the verdict within the span.
type Threshold struct {
	Param   string  // the input's name
	Label   string  // the input's label
	Unit    string  // the input's unit, canonical
	Central float64 // the input's central value
	// Verdict is the figure's verdict, which holds while the input stays
	// between Low and High (inclusive); Low is -Inf when it holds all the
	// way down the search, High +Inf all the way up, never both.
	Verdict   Verdict
	Low, High float64
	// Below and Above are the verdicts just past Low and High; None on a
	// side with no change.
	Below, Above Verdict
	Kind         FindingKind // ThresholdAtMost, ThresholdAtLeast or ThresholdBetween
}

// The search's bounds and precision.
const (
	thresholdSpan      = 1000  // search from central/span to central*span
	thresholdStep      = 1.25  // the factor of each step out from the central value
	thresholdTolerance = 1e-10 // the relative width at which bisection stops
)

// threshold searches the measured scope's inputs for the value at which
// the figure's verdict changes.
func (r *topicRun) threshold(fc FigureCheck, s *Scope) *Threshold {
	e := r.e
	var terms []term
	for _, n := range s.Scope.Components {
		terms = append(terms, term{e.slot[n], 1})
	}
	verdictAt := func(p int, x float64) (Verdict, bool) {
		v, ok := e.valueAt(p, x, terms)
		if !ok {
			return "", false
		}
		return pointVerdict(fc.Low, fc.High, v, r.cfg.Tolerance), true
	}
	c := e.value(e.central, terms)
	if pointVerdict(fc.Low, fc.High, c, r.cfg.Tolerance) != fc.Verdict {
		return nil
	}
	for _, p := range r.thresholdInputs(s, terms) {
		c0 := e.central[p]
		if c0 <= 0 {
			continue
		}
		th := &Threshold{Param: e.params[p].Name, Label: e.params[p].Label, Unit: canonicalUnit(e.params[p].Unit),
			Central: c0, Verdict: fc.Verdict, Low: math.Inf(-1), High: math.Inf(1), Below: None, Above: None}
		if x, v, ok := search(c0, c0*thresholdSpan, fc.Verdict, func(x float64) (Verdict, bool) { return verdictAt(p, x) }); ok {
			th.High, th.Above = x, v
		}
		if x, v, ok := search(c0, c0/thresholdSpan, fc.Verdict, func(x float64) (Verdict, bool) { return verdictAt(p, x) }); ok {
			th.Low, th.Below = x, v
		}
		switch {
		case th.Above == None && th.Below == None:
			continue
		case th.Below == None:
			th.Kind = ThresholdAtMost
		case th.Above == None:
			th.Kind = ThresholdAtLeast
		default:
			th.Kind = ThresholdBetween
		}
		return th
	}
	return nil
}

// thresholdInputs orders the scope's inputs for the search: those that
// vary by their sensitivity, then the others by elasticity (how much a 1%
// change moves the scope), largest first, then by name.
func (r *topicRun) thresholdInputs(s *Scope, terms []term) []int {
	e := r.e
	var out []int
	ranked := map[int]bool{}
	for _, sv := range s.Sensitivity {
		p := e.slot[sv.Param]
		out = append(out, p)
		ranked[p] = true
	}
	type cand struct {
		p   int
		el  float64
		nam string
	}
	var rest []cand
	c := e.value(e.central, terms)
	for _, n := range s.Inputs {
		p := e.slot[n]
		if ranked[p] {
			continue
		}
		el := 0.0
		if v, ok := e.valueAt(p, e.central[p]*1.01, terms); ok && c != 0 {
			// Rounded, so that inputs alike tie and go by name.
			el = math.Round(math.Abs((v-c)/c/0.01)*1e9) / 1e9
		}
		rest = append(rest, cand{p, el, n})
	}
	slices.SortStableFunc(rest, func(a, b cand) int { return cmp.Or(cmp.Compare(b.el, a.el), cmp.Compare(a.nam, b.nam)) })
	for _, cd := range rest {
		out = append(out, cd.p)
	}
	return out
}

// valueAt is the sum of terms with parameter slot p at x and every other
// input central; false when the model cannot be evaluated there.
func (e *engine) valueAt(p int, x float64, terms []term) (float64, bool) {
	if e.point == nil {
		e.point, e.pointChanged = make([]float64, len(e.central)), newBits(len(e.params))
	}
	vec, changed := e.point, e.pointChanged
	copy(vec, e.central)
	vec[p] = x
	clear(changed)
	changed.set(p)
	if err := e.evalNodes(vec, changed, ""); err != nil {
		return 0, false
	}
	return e.value(vec, terms), true
}

// search steps from start towards end (both positive) by factors of
// thresholdStep until verdict(x) differs from want, then bisects the last
// step on a log scale. It returns the last value at which the verdict is
// still want, the verdict past it, and whether the verdict changed at all
// before end. A point where the model cannot be evaluated ends the search
// without a change.
func search(start, end float64, want Verdict, verdict func(float64) (Verdict, bool)) (float64, Verdict, bool) {
	step := thresholdStep
	if end < start {
		step = 1 / thresholdStep
	}
	in := start
	for {
		out := in * step
		if (step > 1 && out > end) || (step < 1 && out < end) {
			out = end
		}
		v, ok := verdict(out)
		if !ok {
			return 0, "", false
		}
		if v != want {
			return bisect(in, out, want, v, verdict)
		}
		if out == end {
			return 0, "", false
		}
		in = out
	}
}

// bisect narrows [in, out], where the verdict is want at in and past at
// out, to the last value at which it is still want.
func bisect(in, out float64, want, past Verdict, verdict func(float64) (Verdict, bool)) (float64, Verdict, bool) {
	for range 200 {
		if math.Abs(out-in) <= thresholdTolerance*math.Abs(in) {
			break
		}
		mid := math.Sqrt(in * out)
		if mid == in || mid == out {
			break
		}
		v, ok := verdict(mid)
		if !ok {
			break
		}
		if v == want {
			in = mid
		} else {
			out, past = mid, v
		}
	}
	return in, past, true
}

// pointVerdict is the verdict on a figure's interval [lo, hi] against a
// model that is a single value v, as [topicRun.figure] decides it against
// a range.
func pointVerdict(lo, hi, v, tol float64) Verdict {
	switch {
	case overlaps(lo, hi, v, v):
		return Consistent
	case overlaps(lo, hi, shrink(v, tol), grow(v, tol)):
		return Plausible
	}
	return Contradicted
}
