package costmodel

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/diag"
	"reckon/generator/formula"
)

// engine evaluates one topic's model. Every quantity has a slot: the
// parameters first (sorted by name), then the formulas and components in
// the model's dependency order. A vector holds one value per slot.
//
// The engine is used by one goroutine at a time.
type engine struct {
	cfg   *config
	topic *claim.Topic

	params []*claim.Parameter // slots 0..len(params)-1
	dists  []dist
	nodes  []*node // slot = len(params) + index
	slot   map[string]int

	central []float64 // every input at its central value
	deps    []bits    // per slot, the parameter slots it depends on, directly or not
	varying bits      // parameter slots whose value is a range

	corners map[string][][]float64 // by input set: one vector per corner
	mc      [][]float64            // per slot, the samples; nil for constant slots
	scratch []float64              // one value per sample
	// point and pointChanged are valueAt's vector and the slots it
	// changes, used again at each call: a topic's engine is used from one
	// goroutine.
	point        []float64
	pointChanged bits
	buf          *buffers
}

// node is a formula or a component.
type node struct {
	name      string
	component bool
	eval      *evaluator
	pos       claim.Pos
	args      []int // the slots of eval's names, in order
}

func newEngine(cfg *config, t *claim.Topic, buf *buffers) (*engine, error) {
	m := t.Model
	e := &engine{cfg: cfg, topic: t, buf: buf, slot: map[string]int{},
		corners: map[string][][]float64{}}

	// The parameters: the model's own, and site-wide ones an expression uses.
	isNode := func(n string) bool { return m.Formulas[n] != nil || m.Components[n] != nil }
	used := map[string]bool{}
	for n := range m.Parameters {
		used[n] = true
	}
	for _, n := range m.Order {
		for _, a := range programOf(m, n).Names() {
			if !isNode(a) && m.Inputs[a] != nil {
				used[a] = true
			}
		}
	}
	names := slices.Sorted(maps.Keys(used))
	for _, n := range names {
		p := m.Inputs[n]
		if p == nil {
			p = m.Parameters[n]
		}
		e.slot[n] = len(e.params)
		e.params = append(e.params, p)
		e.dists = append(e.dists, newDist(p))
	}
	np := len(e.params)
	e.varying = newBits(np)
	for i, d := range e.dists {
		if !d.point {
			e.varying.set(i)
		}
	}
	for _, n := range m.Order {
		nd := &node{name: n}
		if c := m.Components[n]; c != nil {
			nd.component, nd.pos = true, c.Pos
		} else {
			nd.pos = m.Formulas[n].Pos
		}
		prog := programOf(m, n)
		nd.eval = newEvaluator(prog)
		for _, a := range prog.Names() {
			nd.args = append(nd.args, e.slot[a])
		}
		e.slot[n] = np + len(e.nodes)
		e.nodes = append(e.nodes, nd)
	}

	// Dependencies, in slot order: a node's arguments come before it.
	e.deps = make([]bits, np+len(e.nodes))
	for i := range np {
		e.deps[i] = newBits(np)
		e.deps[i].set(i)
	}
	for j, nd := range e.nodes {
		d := newBits(np)
		for _, a := range nd.args {
			d.or(e.deps[a])
		}
		e.deps[np+j] = d
	}

	e.central = make([]float64, len(e.deps))
	for i, d := range e.dists {
		e.central[i] = d.central
	}
	if err := e.evalNodes(e.central, nil, "with every input at its central value"); err != nil {
		return nil, err
	}
	return e, nil
}

func programOf(m *claim.Model, name string) *formula.Program {
	if c := m.Components[name]; c != nil {
		return c.Program
	}
	return m.Formulas[name].Program
}

// evalNodes evaluates every node into vec, whose parameter slots are set.
// With changed non-nil, a node that depends on no changed parameter keeps
// its central value. at describes the point, for errors.
func (e *engine) evalNodes(vec []float64, changed bits, at string) error {
	np := len(e.params)
	for j, nd := range e.nodes {
		s := np + j
		if changed != nil && !e.deps[s].intersects(changed) {
			vec[s] = e.central[s]
			continue
		}
		v, err := nd.eval.eval(vec, nd.args)
		if err != nil {
			return e.evalError(nd, vec, at, err)
		}
		vec[s] = v
	}
	return nil
}

func (e *engine) evalError(nd *node, vec []float64, at string, err error) error {
	var args []string
	for i, n := range nd.eval.names() {
		args = append(args, n+" = "+formatNumber(vec[nd.args[i]]))
	}
	what := "formula"
	if nd.component {
		what = "component"
	}
	msg := fmt.Sprintf("cannot evaluate %s %q %s: %v", what, nd.name, at, err)
	if len(args) > 0 {
		msg += " (" + strings.Join(args, ", ") + ")"
	}
	return diag.List{{Pos: nd.pos, Msg: msg, Hint: "check the expression against the ranges of its inputs"}}
}

// term is a slot with a sign: estimates are of sums of terms.
type term struct {
	slot int
	sign float64
}

func (e *engine) value(vec []float64, terms []term) float64 {
	var v float64
	for _, t := range terms {
		v += t.sign * vec[t.slot]
	}
	return v
}

// inputs returns the parameter slots that terms depend on.
func (e *engine) inputs(terms []term) bits {
	b := newBits(len(e.params))
	for _, t := range terms {
		b.or(e.deps[t.slot])
	}
	return b
}

// estimate finds the value and range of a sum of terms: a point when no
// input varies, the extremes of the corners when few do, and Monte Carlo
// percentiles otherwise. Every term is read from the same corners or
// samples, so that the range of a difference is right.
func (e *engine) estimate(terms []term) (Estimate, error) {
	c := e.value(e.central, terms)
	est := Estimate{Central: c, Low: c, High: c, P50: c, Method: "point"}
	vary := e.inputs(terms).and(e.varying).list()
	switch {
	case len(vary) == 0:
		return est, nil
	case len(vary) <= e.cfg.MaxCorners:
		vecs, err := e.cornerVectors(vary)
		if err != nil {
			return est, err
		}
		est.Method = "corners"
		for _, v := range vecs {
			x := e.value(v, terms)
			est.Low, est.High = min(est.Low, x), max(est.High, x)
		}
		return est, nil
	}
	if err := e.sample(); err != nil {
		return est, err
	}
	n := e.cfg.Samples
	if e.scratch == nil {
		e.scratch = e.buf.floats(n)
	}
	xs := e.scratch
	clear(xs)
	for _, t := range terms {
		col := e.mc[t.slot]
		if col == nil {
			for i := range xs {
				xs[i] += t.sign * e.central[t.slot]
			}
			continue
		}
		for i, v := range col {
			xs[i] += t.sign * v
		}
	}
	est.Method = "monte-carlo"
	est.Low, est.P50, est.High = percentile(xs, 0.05), percentile(xs, 0.5), percentile(xs, 0.95)
	return est, nil
}

// cornerVectors evaluates the model at every combination of the low and
// high ends of the given parameter slots, others central.
func (e *engine) cornerVectors(vary []int) ([][]float64, error) {
	key := fmt.Sprint(vary)
	if v, ok := e.corners[key]; ok {
		return v, nil
	}
	changed := newBits(len(e.params))
	for _, p := range vary {
		changed.set(p)
	}
	var vecs [][]float64
	for mask := range 1 << len(vary) {
		vec := slices.Clone(e.central)
		var at []string
		for i, p := range vary {
			end := "low"
			vec[p] = e.dists[p].low
			if mask&(1<<i) != 0 {
				end, vec[p] = "high", e.dists[p].high
			}
			at = append(at, e.params[p].Name+" at its "+end+" end")
		}
		if err := e.evalNodes(vec, changed, "with "+joinAnd(at)); err != nil {
			return nil, err
		}
		vecs = append(vecs, vec)
	}
	e.corners[key] = vecs
	return vecs, nil
}

// sensitivity returns the model with parameter slot p at its low and at its
// high end, every other input central: the corners of p alone.
func (e *engine) sensitivity(p int) ([2][]float64, error) {
	vecs, err := e.cornerVectors([]int{p})
	if err != nil {
		return [2][]float64{}, err
	}
	return [2][]float64{vecs[0], vecs[1]}, nil
}

// sample draws the Monte Carlo samples once: every varying parameter, then
// every node that depends on one, sample by sample.
func (e *engine) sample() error {
	if e.mc != nil {
		return nil
	}
	n := e.cfg.Samples
	mc := make([][]float64, len(e.deps))
	vary := e.varying.list()
	for _, p := range vary {
		mc[p] = e.dists[p].sample(e.buf.floats(n), e.buf.ints(n), e.cfg.Seed, e.topic.ID+"\x00"+e.params[p].Name)
	}
	np := len(e.params)
	var live []int // node slots that vary
	for j := range e.nodes {
		if s := np + j; e.deps[s].intersects(e.varying) {
			live = append(live, s)
			mc[s] = e.buf.floats(n)
		}
	}
	vec := slices.Clone(e.central)
	for i := range n {
		for _, p := range vary {
			vec[p] = mc[p][i]
		}
		for _, s := range live {
			nd := e.nodes[s-np]
			v, err := nd.eval.eval(vec, nd.args)
			if err != nil {
				return e.evalError(nd, vec, "at Monte Carlo sample "+strconv.Itoa(i+1), err)
			}
			vec[s] = v
			mc[s][i] = v
		}
	}
	e.mc = mc
	return nil
}

// release returns the engine's sample buffers for the next topic; the
// engine may not be used afterwards.
func (e *engine) release() {
	for _, col := range e.mc {
		if col != nil {
			e.buf.free = append(e.buf.free, col)
		}
	}
	if e.scratch != nil {
		e.buf.free = append(e.buf.free, e.scratch)
	}
	e.mc, e.scratch = nil, nil
}

// buffers keeps sample-sized slices for reuse by the topics one goroutine
// computes in turn, which spares the garbage collector most of the Monte
// Carlo work. Every slice handed out is overwritten in full before it is read.
type buffers struct {
	free [][]float64
	perm []int
}

func (b *buffers) floats(n int) []float64 {
	if k := len(b.free); k > 0 && len(b.free[k-1]) == n {
		s := b.free[k-1]
		b.free = b.free[:k-1]
		return s
	}
	return make([]float64, n)
}

func (b *buffers) ints(n int) []int {
	if len(b.perm) != n {
		b.perm = make([]int, n)
	}
	return b.perm
}

// bits is a set of small integers.
type bits []uint64

func newBits(n int) bits { return make(bits, (n+63)/64) }

func (b bits) set(i int) { b[i/64] |= 1 << (i % 64) }

func (b bits) or(c bits) {
	for i := range b {
		b[i] |= c[i]
	}
}

// and returns a new set b ∩ c.
func (b bits) and(c bits) bits {
	out := make(bits, len(b))
	for i := range b {
		out[i] = b[i] & c[i]
	}
	return out
}

func (b bits) intersects(c bits) bool {
	for i := range b {
		if b[i]&c[i] != 0 {
			return true
		}
	}
	return false
}

// list returns the members in increasing order.
func (b bits) list() []int {
	var out []int
	for i, w := range b {
		for j := range 64 {
			if w&(1<<j) != 0 {
				out = append(out, i*64+j)
			}
		}
	}
	return out
}
