package claim

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"reckon/generator/formula"
	"reckon/generator/keypos"
)

// maxSignCorners is the most inputs whose every combination of low and high
// ends checkSigns tries: 2⁸ = 256 evaluations of the model. With more, it
// tries each input's two ends alone, the others central.
const maxSignCorners = 8

// checkSigns reports every formula and component without negative = true,
// and every scope, whose value is below zero with every input at its
// central value or at a corner of the ranges of the inputs it depends on.
// A scope is not reported when one of its components is.
// m must be free of errors: its expressions compiled and ordered.
//
// Evaluation errors (a division by zero at a corner) are left to package
// costmodel, which reports them with the inputs' values.
func checkSigns(f *file, m *Model) {
	names := slices.Sorted(maps.Keys(m.Inputs))
	slot := map[string]int{}
	var low, high, central []float64
	varying := []bool{}
	for i, n := range names {
		p := m.Inputs[n]
		c, lo, hi, ok := p.ends()
		if !ok {
			return
		}
		slot[n] = i
		central, low, high = append(central, c), append(low, lo), append(high, hi)
		varying = append(varying, lo != hi)
	}
	type node struct {
		name, section string
		negative      bool
		eval          *formula.Evaluator
		args          []int
		deps          []int // the varying inputs it depends on, sorted
	}
	var nodes []node
	for _, n := range m.Order {
		nd := node{name: n, section: "formulas"}
		var prog *formula.Program
		if c := m.Components[n]; c != nil {
			nd.section, nd.negative, prog = "components", c.Negative, c.Program
		} else if fm := m.Formulas[n]; fm != nil {
			nd.negative, prog = fm.Negative, fm.Program
		}
		if prog == nil {
			return
		}
		nd.eval = prog.NewEvaluator()
		for _, a := range prog.Names() {
			s, ok := slot[a]
			if !ok {
				return
			}
			nd.args = append(nd.args, s)
			if s < len(names) {
				if varying[s] {
					nd.deps = append(nd.deps, s)
				}
			} else {
				nd.deps = append(nd.deps, nodes[s-len(names)].deps...)
			}
		}
		slices.Sort(nd.deps)
		nd.deps = slices.Compact(nd.deps)
		slot[n] = len(names) + len(nodes)
		nodes = append(nodes, nd)
	}
	np := len(names)
	// points returns the input vectors to try for the inputs deps: their
	// corners, or each one's ends alone, and a description of each.
	type point struct {
		vec []float64
		at  string
	}
	cache := map[string][]point{}
	points := func(deps []int) []point {
		key := fmt.Sprint(deps)
		if ps, ok := cache[key]; ok {
			return ps
		}
		ps := []point{{slices.Clone(central), "with every input at its central value"}}
		corner := func(ends map[int]bool) {
			vec := slices.Clone(central)
			var at []string
			for _, s := range deps {
				end, ok := ends[s]
				if !ok {
					continue
				}
				vec[s], at = low[s], append(at, names[s]+" at its low end")
				if end {
					vec[s], at[len(at)-1] = high[s], names[s]+" at its high end"
				}
			}
			ps = append(ps, point{vec, "with " + strings.Join(at, ", ")})
		}
		if len(deps) <= maxSignCorners {
			for mask := range 1 << len(deps) {
				ends := map[int]bool{}
				for i, s := range deps {
					ends[s] = mask&(1<<i) != 0
				}
				corner(ends)
			}
		} else {
			for _, s := range deps {
				corner(map[int]bool{s: false})
				corner(map[int]bool{s: true})
			}
		}
		vals := make([]float64, 0, 8)
		for i := range ps {
			vec := make([]float64, np+len(nodes))
			copy(vec, ps[i].vec)
			for j, nd := range nodes {
				vals = vals[:0]
				for _, a := range nd.args {
					vals = append(vals, vec[a])
				}
				v, err := nd.eval.Eval(vals)
				if err != nil {
					v = math.NaN() // and NaN in what uses it
				}
				vec[np+j] = v
			}
			ps[i].vec = vec
		}
		cache[key] = ps
		return ps
	}
	reported := map[string]bool{}
	for j, nd := range nodes {
		if nd.negative {
			continue
		}
		for _, p := range points(nd.deps) {
			if v := p.vec[np+j]; v < 0 {
				reported[nd.name] = true
				kind := strings.TrimSuffix(nd.section, "s")
				f.errorf(keypos.Path(nd.section, nd.name, "expr"), "check the expression and the ranges of its inputs; if the value may be below zero (a credit, a saving), set negative = true", "%s %q is below zero (%.4g) %s", kind, nd.name, v, p.at)
				break
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(m.Scopes)) {
		s := m.Scopes[name]
		if slices.ContainsFunc(s.Components, func(c string) bool { return reported[c] }) {
			continue // follows from that component
		}
		var deps []int
		for _, c := range s.Components {
			deps = append(deps, nodes[slot[c]-np].deps...)
		}
		slices.Sort(deps)
		deps = slices.Compact(deps)
		for _, p := range points(deps) {
			var sum float64
			for _, c := range s.Components {
				sum += p.vec[slot[c]]
			}
			if sum < 0 {
				f.errs.Add(s.Pos, "a scope adds up costs: check its components that may be below zero", "scope %q adds up to below zero (%.4g) %s", name, sum, p.at)
				break
			}
		}
	}
}

// ends returns a parameter's central value and the ends of its range (both
// the value, for a point), and whether it has them.
func (p *Parameter) ends() (central, low, high float64, ok bool) {
	switch {
	case p.Value != nil:
		return *p.Value, *p.Value, *p.Value, true
	case p.Low == nil || p.High == nil:
		return 0, 0, 0, false
	}
	low, high = *p.Low, *p.High
	switch {
	case p.Central != nil:
		central = *p.Central
	case p.Distribution == Lognormal:
		central = math.Sqrt(low * high)
	default:
		central = (low + high) / 2
	}
	return central, low, high, true
}
