package costmodel

import (
	"cmp"
	"slices"
)

// Lookups in a computed topic: the one place a claim is found by its ID,
// and a scope, component, formula, parameter or model value by its name.

// ScopeLabel returns the label of the scope called name, or name when the
// model has no such scope or it has no label.
func (t *Topic) ScopeLabel(name string) string {
	if s := t.Scope(name); s != nil && s.Scope.Label != "" {
		return s.Scope.Label
	}
	return name
}

// Claim returns the outcome of the claim with the ID id, or nil.
func (t *Topic) Claim(id string) *Claim {
	for _, c := range t.Claims {
		if c.Claim.ID == id {
			return c
		}
	}
	return nil
}

// Component returns the value of the component called name, as the first
// scope (by [Topic.Scopes]) that sums it has it, or nil.
func (t *Topic) Component(name string) *Component {
	for _, s := range t.Scopes {
		for _, c := range s.Components {
			if c.Component.Name == name {
				return c
			}
		}
	}
	return nil
}

// ComponentNames lists the components the topic's scopes sum, each once,
// in the order of [Topic.Scopes].
func (t *Topic) ComponentNames() []string {
	var out []string
	for _, s := range t.Scopes {
		for _, c := range s.Components {
			if !slices.Contains(out, c.Component.Name) {
				out = append(out, c.Component.Name)
			}
		}
	}
	return out
}

// Formula returns the value of the formula called name, or nil.
func (t *Topic) Formula(name string) *Formula {
	for _, f := range t.Formulas {
		if f.Formula.Name == name {
			return f
		}
	}
	return nil
}

// Param returns the value of the parameter called name (the topic's or a
// site-wide one it uses), or nil.
func (t *Topic) Param(name string) *Param {
	for _, p := range t.Params {
		if p.Param.Name == name {
			return p
		}
	}
	return nil
}

// ValueKind says what a [Value] is.
type ValueKind int

// Kinds of model values, in the order [Topic.Value] tries them.
const (
	ScopeValue ValueKind = iota
	ComponentValue
	FormulaValue
	ParamValue
)

// Value is a model value found by name.
type Value struct {
	Kind ValueKind
	Unit string // a scope's currency, the topic's for a component, else the canonical unit
	Estimate
}

// Value finds a model value by name, the way commentary names one: a
// scope, then a component, then a formula, then a parameter.
func (t *Topic) Value(name string) (Value, bool) {
	if s := t.Scope(name); s != nil {
		return Value{ScopeValue, s.Currency, s.Estimate}, true
	}
	if c := t.Component(name); c != nil {
		return Value{ComponentValue, t.Currency, c.Estimate}, true
	}
	if f := t.Formula(name); f != nil {
		return Value{FormulaValue, cmp.Or(f.Unit, f.Formula.Unit), f.Estimate}, true
	}
	if p := t.Param(name); p != nil {
		return Value{ParamValue, cmp.Or(p.Unit, p.Param.Unit), p.Estimate}, true
	}
	return Value{}, false
}

// ValueNames lists the names [Topic.Value] finds: scopes, parameters,
// formulas, then components.
func (t *Topic) ValueNames() []string {
	var names []string
	for _, s := range t.Scopes {
		names = append(names, s.Scope.Name)
	}
	for _, p := range t.Params {
		names = append(names, p.Param.Name)
	}
	for _, f := range t.Formulas {
		names = append(names, f.Formula.Name)
	}
	return append(names, t.ComponentNames()...)
}
