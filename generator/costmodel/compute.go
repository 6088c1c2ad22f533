package costmodel

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/diag"
	"reckon/generator/internal/pool"
	"reckon/generator/unit"
)

// Compute reconciles every topic of set, in parallel, and returns the
// results in the order of set.Topics. Zero fields of opt are first taken
// from set.Site, then from the defaults.
//
// The only errors are evaluation failures (a division by zero at one corner
// or sample, say) and missing exchange rates: a [diag.List] pointing at the
// formula or claim, sorted.
func Compute(set *claim.Set, opt Options) (*Results, error) {
	cfg, err := newConfig(opt.withSite(set.Site))
	if err != nil {
		return nil, err
	}
	n := len(set.Topics)
	res := &Results{Topics: make([]*Topic, n)}
	errs := make([]error, n)
	pool.EachWith(n, func() *buffers { return &buffers{} }, func(buf *buffers, i int) {
		res.Topics[i], errs[i] = computeTopic(cfg, set.Topics[i], buf)
	})
	var list diag.List
	for _, err := range errs {
		list.Append(diag.Pos{}, err)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// ComputeTopic reconciles one topic. Unlike [Compute] it does not read the
// site's settings: opt must carry them. Topics share nothing, so several may
// be computed at once.
func ComputeTopic(t *claim.Topic, opt Options) (*Topic, error) {
	cfg, err := newConfig(opt)
	if err != nil {
		return nil, err
	}
	return computeTopic(cfg, t, &buffers{})
}

// topicRun holds what computing one topic needs.
type topicRun struct {
	cfg    *config
	e      *engine
	t      *claim.Topic
	res    *Topic
	scopes map[string]*Scope
	rates  *rates
	// ratings memoizes the rating by its axes.
	ratings   map[ratingEnv]Rating
	usedRates map[string]bool
	bridges   map[[2]string]*Bridge
	supports  map[[2]string]SupportCheck // by scope and the claim's source
}

func computeTopic(cfg *config, t *claim.Topic, buf *buffers) (*Topic, error) {
	e, err := newEngine(cfg, t, buf)
	if err != nil {
		return nil, err
	}
	defer e.release()
	m := t.Model
	r := &topicRun{cfg: cfg, e: e, t: t, scopes: map[string]*Scope{},
		ratings: map[ratingEnv]Rating{}, usedRates: map[string]bool{}, bridges: map[[2]string]*Bridge{},
		supports: map[[2]string]SupportCheck{}}
	r.res = &Topic{Topic: t, Currency: cmp.Or(t.Currency, cfg.Currency)}
	r.rates = newRates(m, func(p *claim.Parameter) dist {
		if i, ok := e.slot[p.Name]; ok && i < len(e.params) && e.params[i] == p {
			return e.dists[i]
		}
		return newDist(p)
	})

	comps := map[string]*Component{}
	for _, n := range slices.Sorted(maps.Keys(m.Components)) {
		est, err := e.estimate([]term{{e.slot[n], 1}})
		if err != nil {
			return nil, err
		}
		comps[n] = &Component{Component: m.Components[n], Unit: canonicalUnit(m.Components[n].Unit), Estimate: est,
			Arithmetic: r.arithmetic(m.Components[n].Program)}
	}
	formulas := map[string]*Formula{}
	for _, n := range slices.Sorted(maps.Keys(m.Formulas)) {
		est, err := e.estimate([]term{{e.slot[n], 1}})
		if err != nil {
			return nil, err
		}
		f := m.Formulas[n]
		formulas[n] = &Formula{Formula: f, Unit: canonicalUnit(f.Unit), Estimate: est, Arithmetic: r.arithmetic(f.Program)}
		r.res.Formulas = append(r.res.Formulas, formulas[n])
	}
	for _, n := range slices.Sorted(maps.Keys(m.Scopes)) {
		s, err := r.scope(m.Scopes[n], comps)
		if err != nil {
			return nil, err
		}
		s.Formulas = r.scopeFormulas(s, formulas)
		r.scopes[n] = s
		r.res.Scopes = append(r.res.Scopes, s)
	}
	slices.SortStableFunc(r.res.Scopes, func(a, b *Scope) int { return cmp.Compare(a.Central, b.Central) })

	var list diag.List
	for _, c := range t.Claims {
		rc, err := r.claim(c)
		if err != nil {
			list.Append(c.Pos, err)
			continue
		}
		r.res.Claims = append(r.res.Claims, rc)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	if r.res.Bridge, err = r.topicBridge(); err != nil {
		return nil, err
	}
	if err := r.claimBridges(); err != nil {
		return nil, err
	}
	for _, c := range r.res.Claims {
		if c.Headline, err = r.headline(c); err != nil {
			return nil, err
		}
	}
	r.params()
	return r.res, nil
}

// scope estimates a scope, its sensitivity and its step.
func (r *topicRun) scope(cs *claim.Scope, comps map[string]*Component) (*Scope, error) {
	e := r.e
	s := &Scope{Scope: cs, Currency: r.res.Currency}
	var terms []term
	for _, n := range cs.Components {
		terms = append(terms, term{e.slot[n], 1})
		s.Components = append(s.Components, comps[n])
		if cur, ok := currencyOf(r.t.Model.Components[n].Unit); ok {
			s.Currency = cur
		}
	}
	slices.SortStableFunc(s.Components, func(a, b *Component) int { return cmp.Compare(b.Central, a.Central) })
	est, err := e.estimate(terms)
	if err != nil {
		return nil, err
	}
	s.Estimate = est

	in := e.inputs(terms)
	var total float64
	for _, p := range in.list() {
		s.Inputs = append(s.Inputs, e.params[p].Name)
		if e.dists[p].point {
			continue
		}
		vecs, err := e.sensitivity(p)
		if err != nil {
			return nil, err
		}
		lo, hi := e.value(vecs[0], terms), e.value(vecs[1], terms)
		sw := math.Abs(hi - lo)
		total += sw
		s.Sensitivity = append(s.Sensitivity, Sensitivity{Param: e.params[p].Name, Label: e.params[p].Label, AtLow: lo, AtHigh: hi, Swing: sw})
	}
	for i := range s.Sensitivity {
		if total > 0 {
			s.Sensitivity[i].Share = s.Sensitivity[i].Swing / total
		}
	}
	slices.SortStableFunc(s.Sensitivity, func(a, b Sensitivity) int {
		return cmp.Or(cmp.Compare(b.Swing, a.Swing), cmp.Compare(a.Param, b.Param))
	})

	// The step from the scope it extends (or from nothing).
	var parent []string
	if p := r.t.Model.Scopes[cs.Extends]; p != nil {
		parent = p.Components
	}
	st := Step{Scope: cs.Name, Cumulative: est.Central}
	var delta []term
	for _, n := range cs.Components {
		if !slices.Contains(parent, n) {
			st.Added = append(st.Added, n)
			delta = append(delta, term{e.slot[n], 1})
		}
	}
	for _, n := range parent {
		if !slices.Contains(cs.Components, n) {
			st.Removed = append(st.Removed, n)
			delta = append(delta, term{e.slot[n], -1})
		}
	}
	if st.Delta, err = e.estimate(delta); err != nil {
		return nil, err
	}
	st.Kind = stepKind(st.Added, st.Removed)
	s.Step = st
	return s, nil
}

// params lists the parameters with their values: those the engine holds and
// the exchange rates the claims used.
func (r *topicRun) params() {
	e := r.e
	seen := map[string]bool{}
	add := func(p *claim.Parameter, d dist) {
		if seen[p.Name] {
			return
		}
		seen[p.Name] = true
		est := Estimate{Central: d.central, Low: d.low, High: d.high, P50: d.central, Method: "point"}
		if !d.point {
			est.Method = "corners"
		}
		r.res.Params = append(r.res.Params, &Param{Param: p, Unit: canonicalUnit(p.Unit), Estimate: est})
	}
	for i, p := range e.params {
		add(p, e.dists[i])
	}
	for _, n := range slices.Sorted(maps.Keys(r.usedRates)) {
		p := r.t.Model.Inputs[n]
		add(p, newDist(p))
	}
	slices.SortFunc(r.res.Params, func(a, b *Param) int { return strings.Compare(a.Param.Name, b.Param.Name) })
}

func canonicalUnit(s string) string {
	u, err := unit.Parse(s)
	if err != nil {
		return s
	}
	return u.String()
}

func currencyOf(s string) (string, bool) {
	u, err := unit.Parse(s)
	if err != nil {
		return "", false
	}
	return u.Currency()
}
