package costmodel

import (
	"math"
	"slices"
	"strings"
)

// path lists the scope steps between scopes from and to of a computed
// topic: up the scope tree from from to the lowest scope both extend (or,
// when they share none, to nothing), undoing each scope's step, then down to
// to, applying each. Steps that change nothing are left out. It returns nil
// when either scope is unknown.
func path(t *Topic, from, to string) *Bridge {
	byName := make(map[string]*Scope, len(t.Scopes))
	for _, s := range t.Scopes {
		byName[s.Scope.Name] = s
	}
	a, b := byName[from], byName[to]
	if a == nil || b == nil {
		return nil
	}
	chain := func(s *Scope) []*Scope {
		var out []*Scope
		for ; s != nil && len(out) <= len(t.Scopes); s = byName[s.Scope.Extends] {
			out = append(out, s)
		}
		return out
	}
	ca, cb := chain(a), chain(b)
	ia, ib := len(ca), len(cb) // the common ancestor's index in each; the virtual root by default
	pos := make(map[string]int, len(cb))
	for j, s := range cb {
		pos[s.Scope.Name] = j
	}
	for i, s := range ca {
		if j, ok := pos[s.Scope.Name]; ok {
			ia, ib = i, j
			break
		}
	}

	br := &Bridge{From: from, To: to, FromValue: a.Estimate, ToValue: b.Estimate}
	for i := range ia {
		st := ca[i].Step
		if len(st.Added)+len(st.Removed) == 0 {
			continue
		}
		st = Step{
			Kind:    stepKind(st.Removed, st.Added),
			Scope:   st.Scope,
			Undo:    true,
			Added:   st.Removed,
			Removed: st.Added,
			Delta:   st.Delta.negate(),
		}
		if i+1 < len(ca) {
			st.Cumulative = ca[i+1].Central
		}
		br.Steps = append(br.Steps, st)
	}
	for i := ib - 1; i >= 0; i-- {
		if st := cb[i].Step; len(st.Added)+len(st.Removed) > 0 {
			br.Steps = append(br.Steps, st)
		}
	}
	return br
}

// bridge is the bridge between two scopes that the pages show: the path
// of [path], netted so that no component is taken out and put back (or put
// in and taken out again) on the way, and with each step that would both
// remove and add components split in two, the removal first, so that every
// step does one named thing. The steps' changes are estimated anew where
// netting or splitting changed them. Bridges are memoized by their ends.
func (r *topicRun) bridge(from, to string) (*Bridge, error) {
	k := [2]string{from, to}
	if b, ok := r.bridges[k]; ok {
		return b, nil
	}
	b := path(r.res, from, to)
	if b != nil {
		var err error
		if b.Steps, err = r.net(b.FromValue.Central, b.Steps); err != nil {
			return nil, err
		}
	}
	r.bridges[k] = b
	return b, nil
}

// net nets and splits the steps of a path that starts at value start (see
// [topicRun.bridge]).
func (r *topicRun) net(start float64, steps []Step) ([]Step, error) {
	// Each component's moves, in order: a move that undoes the one before
	// it cancels both.
	type move struct {
		step int
		add  bool
	}
	moves := map[string][]move{}
	var names []string
	for i, st := range steps {
		for _, n := range st.Removed {
			if moves[n] == nil {
				names = append(names, n)
			}
			moves[n] = append(moves[n], move{i, false})
		}
		for _, n := range st.Added {
			if moves[n] == nil {
				names = append(names, n)
			}
			moves[n] = append(moves[n], move{i, true})
		}
	}
	cancelled := map[[2]int]bool{} // {step, index of the component in names}
	for ci, n := range names {
		var kept []move
		for _, m := range moves[n] {
			if k := len(kept); k > 0 && kept[k-1].add != m.add {
				cancelled[[2]int{kept[k-1].step, ci}] = true
				cancelled[[2]int{m.step, ci}] = true
				kept = kept[:k-1]
				continue
			}
			kept = append(kept, m)
		}
	}
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	keep := func(i int, list []string) []string {
		var out []string
		for _, n := range list {
			if !cancelled[[2]int{i, index[n]}] {
				out = append(out, n)
			}
		}
		return out
	}

	var out []Step
	cum := start
	emit := func(st Step, changed bool) error {
		if changed {
			var terms []term
			for _, n := range st.Added {
				terms = append(terms, term{r.e.slot[n], 1})
			}
			for _, n := range st.Removed {
				terms = append(terms, term{r.e.slot[n], -1})
			}
			d, err := r.e.estimate(terms)
			if err != nil {
				return err
			}
			st.Delta = d
		}
		st.Kind = stepKind(st.Added, st.Removed)
		cum += st.Delta.Central
		st.Cumulative = cum
		out = append(out, st)
		return nil
	}
	for i, st := range steps {
		added, removed := keep(i, st.Added), keep(i, st.Removed)
		changed := len(added) != len(st.Added) || len(removed) != len(st.Removed)
		switch {
		case len(added) == 0 && len(removed) == 0:
			continue
		case len(added) > 0 && len(removed) > 0:
			rm, add := st, st
			rm.Added, rm.Removed = nil, removed
			add.Added, add.Removed = added, nil
			if err := emit(rm, true); err != nil {
				return nil, err
			}
			if err := emit(add, true); err != nil {
				return nil, err
			}
		default:
			st.Added, st.Removed = added, removed
			if err := emit(st, changed); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// negate returns the estimate of minus the value.
func (e Estimate) negate() Estimate {
	return Estimate{Central: -e.Central, Low: -e.High, High: -e.Low, Method: e.Method, P50: -e.P50}
}

func stepKind(added, removed []string) string {
	switch {
	case len(removed) == 0:
		return "add"
	case len(added) == 0:
		return "remove"
	}
	return "replace"
}

// ends returns the topic's narrowest and broadest scopes: those it names,
// or the measured scopes with the smallest and largest central values.
func (r *topicRun) ends() (from, to string) {
	from, to = r.t.Narrowest, r.t.Broadest
	var lo, hi *Scope
	for _, c := range r.res.Claims {
		s := r.scopes[c.Claim.Scope]
		if lo == nil || s.Central < lo.Central || s.Central == lo.Central && s.Scope.Name < lo.Scope.Name {
			lo = s
		}
		if hi == nil || s.Central > hi.Central || s.Central == hi.Central && s.Scope.Name < hi.Scope.Name {
			hi = s
		}
	}
	if from == "" && lo != nil {
		from = lo.Scope.Name
	}
	if to == "" && hi != nil {
		to = hi.Scope.Name
	}
	return from, to
}

// claimBridges gives each claim its bridges: to the topic's narrowest and
// broadest scopes, then to the scope of each claim it is confused with
// (the topic's confused_with), then to those of its compare_with, one per
// scope and none to its own. A bridge
// to a scope that a claim measures is measured against that claim's
// figure: one it is confused with when there is one, else the first.
func (r *topicRun) claimBridges() error {
	first := map[string]*Claim{} // the first claim of each scope
	byName := map[string]*Claim{}
	for _, d := range r.res.Claims {
		if first[d.Claim.Scope] == nil {
			first[d.Claim.Scope] = d
		}
		byName[strings.TrimPrefix(d.Claim.ID, r.t.ID+"/")] = d
	}
	narrow, broad := r.ends()
	for _, c := range r.res.Claims {
		var confused []*Claim
		for _, g := range r.t.ConfusedWith {
			if !slices.Contains(g, strings.TrimPrefix(c.Claim.ID, r.t.ID+"/")) {
				continue
			}
			for _, n := range g {
				if d := byName[n]; d != nil && d != c && !slices.Contains(confused, d) {
					confused = append(confused, d)
				}
			}
		}
		against := func(scope string) *Claim {
			for _, d := range confused {
				if d.Claim.Scope == scope {
					return d
				}
			}
			return first[scope]
		}
		seen := map[string]bool{c.Claim.Scope: true}
		var scopes []string
		for _, s := range []string{narrow, broad} {
			if s != "" && !seen[s] {
				seen[s] = true
				scopes = append(scopes, s)
			}
		}
		for _, d := range confused {
			if !seen[d.Claim.Scope] {
				seen[d.Claim.Scope] = true
				scopes = append(scopes, d.Claim.Scope)
			}
		}
		for _, s := range c.Claim.CompareWith {
			if !seen[s] {
				seen[s] = true
				scopes = append(scopes, s)
			}
		}
		for _, s := range scopes {
			b, err := r.bridge(c.Claim.Scope, s)
			if err != nil {
				return err
			}
			if b == nil {
				continue
			}
			cb := *b
			if d := against(s); d != nil {
				cb.Claim = d.Claim.ID
				if c.Figure.Currency == d.Figure.Currency {
					cb.Residual = (d.Figure.Value - c.Figure.Value) - (b.ToValue.Central - b.FromValue.Central)
					cb.HasResidual = math.Abs(cb.Residual) > r.cfg.Residual*math.Abs(d.Figure.Value)
				}
			}
			c.Bridges = append(c.Bridges, &cb)
		}
	}
	return nil
}

// topicBridge runs from the topic's narrowest to its broadest scope. It is
// nil when they are the same.
func (r *topicRun) topicBridge() (*Bridge, error) {
	from, to := r.ends()
	if from == "" || to == "" || from == to {
		return nil, nil
	}
	return r.bridge(from, to)
}

// headline decides the bridge a claim's chart draws (see [Claim.Headline]).
func (r *topicRun) headline(c *Claim) (*Bridge, error) {
	t := r.res
	target := ""
	if t.Bridge != nil {
		target = t.Bridge.To
		if c.Claim.Scope == target {
			target = t.Bridge.From
		}
	} else {
		far := -1.0
		for _, b := range c.Bridges {
			if d := math.Abs(b.ToValue.Central - b.FromValue.Central); d > far {
				far, target = d, b.To
			}
		}
	}
	if target == "" || target == c.Claim.Scope {
		return nil, nil
	}
	var br *Bridge
	for _, b := range c.Bridges {
		if b.To == target {
			br = b
			break
		}
	}
	if br == nil {
		var err error
		if br, err = r.bridge(c.Claim.Scope, target); err != nil {
			return nil, err
		}
	}
	if br == nil || len(br.Steps) == 0 {
		return nil, nil
	}
	return br, nil
}
