package costmodel

import (
	"math"
)

// BridgeBetween explains the gap between scopes from and to of a computed
// topic: up the scope tree from from to the lowest scope both extend (or,
// when they share none, to nothing), undoing each scope's step, then down to
// to, applying each. Steps that change nothing are left out. It returns nil
// when either scope is unknown.
func BridgeBetween(t *Topic, from, to string) *Bridge {
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

// claimBridges adds to each claim the bridges to the scopes the topic's
// other claims measure, one per scope, in the order of those claims.
func (r *topicRun) claimBridges() {
	var targets []*Claim // the first claim of each scope
	seen := map[string]bool{}
	for _, d := range r.res.Claims {
		if !seen[d.Claim.Scope] {
			seen[d.Claim.Scope] = true
			targets = append(targets, d)
		}
	}
	for _, c := range r.res.Claims {
		bridges := make([]Bridge, 0, len(targets))
		for _, d := range targets {
			if d.Claim.Scope == c.Claim.Scope {
				continue
			}
			k := [2]string{c.Claim.Scope, d.Claim.Scope}
			b := r.bridges[k]
			if b == nil {
				b = BridgeBetween(r.res, k[0], k[1])
				r.bridges[k] = b
			}
			cb := *b
			cb.Claim = d.Claim.ID
			if c.Figure.Currency == d.Figure.Currency {
				cb.Residual = (d.Figure.Value - c.Figure.Value) - (b.ToValue.Central - b.FromValue.Central)
				cb.HasResidual = true
			}
			bridges = append(bridges, cb)
		}
		for i := range bridges {
			c.Bridges = append(c.Bridges, &bridges[i])
		}
	}
}

// topicBridge runs from the topic's narrowest to its broadest scope: those
// it names, or the measured scopes with the smallest and largest central
// values. It is nil when they are the same.
func (r *topicRun) topicBridge() *Bridge {
	from, to := r.t.Narrowest, r.t.Broadest
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
	if from == "" || to == "" || from == to {
		return nil
	}
	return BridgeBetween(r.res, from, to)
}

// headline decides the bridge a claim's chart draws (see [Claim.Headline]).
func headline(t *Topic, c *Claim) *Bridge {
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
		return nil
	}
	var br *Bridge
	for _, b := range c.Bridges {
		if b.To == target {
			br = b
			break
		}
	}
	if br == nil {
		br = BridgeBetween(t, c.Claim.Scope, target)
	}
	if br == nil || len(br.Steps) == 0 {
		return nil
	}
	return br
}
