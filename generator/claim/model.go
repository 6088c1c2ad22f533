package claim

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"reckon/generator/diag"
	"reckon/generator/formula"
	"reckon/generator/keypos"
	"reckon/generator/slug"
	"reckon/generator/unit"
)

// validateModel checks a topic's model, compiles its expressions, orders
// them and resolves its scopes.
func (l *loader) validateModel(f *file, t *Topic, m *Model) {
	n := len(*f.errs)
	units := map[string]unit.Unit{}
	kinds := map[string]string{}
	// untyped holds the names whose unit is missing or bad, and clashed
	// those declared twice: both are reported where they are declared, and
	// the expressions that use them are not checked again.
	untyped := map[string]bool{}
	clashed := map[string]bool{}
	m.Inputs = map[string]*Parameter{}
	for name, p := range l.set.Parameters {
		if u, err := unit.Parse(p.Unit); err == nil {
			units[name] = u
		} else {
			untyped[name] = true
		}
		kinds[name] = "site-wide parameter"
		m.Inputs[name] = p
	}
	for _, name := range slices.Sorted(maps.Keys(m.Parameters)) {
		p := keypos.Path("parameters", name)
		prm := m.Parameters[name]
		if kinds[name] != "" {
			f.errs.Add(f.keyPos(p), "rename it, or use the site-wide one from claims/parameters.toml", "parameter %q shadows a site-wide parameter", name)
		}
		l.validateParameter(f, t.ID, p, name, prm)
		if u, err := unit.Parse(prm.Unit); err == nil {
			units[name] = u
			delete(untyped, name)
		} else {
			untyped[name] = true
		}
		kinds[name] = "parameter"
		m.Inputs[name] = prm
	}
	declare := func(section, name, unitText string) {
		p := keypos.Path(section, name)
		if k := kinds[name]; k != "" {
			f.errs.Add(f.keyPos(p), "parameters, formulas and components share one namespace: rename one", "%q is already a %s", name, k)
			clashed[name] = true
			return
		}
		if !validName(name) {
			f.errs.Add(f.keyPos(p), "names are used in formulas: letters, digits and underscores, not starting with a digit", "name %q is not a valid identifier", name)
		}
		kinds[name] = strings.TrimSuffix(section, "s")
		untyped[name] = true
		if f.required(p+".unit", unitText, `e.g. "USD"`) {
			if u, err := unit.Parse(unitText); err == nil {
				units[name] = u
				delete(untyped, name)
			} else {
				f.unit(p+".unit", unitText)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(m.Formulas)) {
		m.Formulas[name].Name = name
		m.Formulas[name].Pos = f.keyPos(keypos.Path("formulas", name))
		declare("formulas", name, m.Formulas[name].Unit)
		f.required(keypos.Path("formulas", name, "label"), m.Formulas[name].Label, "")
	}
	for _, name := range slices.Sorted(maps.Keys(m.Components)) {
		c := m.Components[name]
		c.Name = name
		c.Pos = f.keyPos(keypos.Path("components", name))
		declare("components", name, c.Unit)
		p := keypos.Path("components", name)
		f.required(p+".label", c.Label, "")
		if u, ok := units[name]; ok {
			if cur, ok := u.Currency(); !ok {
				f.errorf(p+".unit", "a component is a cost: its unit is a currency such as \"USD\"", "component unit %q is not a currency", c.Unit)
			} else if t.Currency != "" && cur != t.Currency {
				f.errorf(p+".unit", fmt.Sprintf("convert to %s in the expression with an exchange-rate parameter", t.Currency), "component is in %s, the topic in %s", cur, t.Currency)
			}
		}
	}

	// Compile every expression.
	deps := map[string][]string{}
	type mismatch struct {
		path      string
		got, want unit.Unit
		uses      []string
	}
	var mismatches []mismatch
	wrongUnit := map[string]bool{}
	compile := func(section, name, src string) *formula.Program {
		p := keypos.Path(section, name, "expr")
		if !f.required(p, src, "an expression over parameter and formula names, e.g. \"gpu_hours * rental_rate\"") {
			return nil
		}
		if slices.ContainsFunc(formula.Identifiers(src), func(n string) bool { return untyped[n] }) {
			return nil
		}
		prog, err := formula.Compile(src, units)
		if err != nil {
			var fe *formula.Error
			if errors.As(err, &fe) {
				hint := fe.Hint
				switch {
				case hint != "":
				case fe.Msg == "division by zero":
					hint = "divide by a name, or by a number other than 0"
				case strings.HasPrefix(fe.Msg, "unknown name"):
					hint = "define it under [parameters], [formulas] or [components], or site-wide in claims/parameters.toml"
				default:
					hint = "a formula is arithmetic over names: + - * / ** and parentheses, e.g. \"gpu_hours * rate\""
				}
				f.errs.Add(f.exprPos(p, src, fe.Offset), hint, "%s", oneLine(fe.Msg))
			} else {
				f.errorf(p, "", "%s", oneLine(err.Error()))
			}
			return nil
		}
		if want, ok := units[name]; ok && !clashed[name] && !prog.Unit().Equal(want) {
			mismatches = append(mismatches, mismatch{p, prog.Unit(), want, prog.Names()})
			wrongUnit[name] = true
		}
		for _, n := range prog.Names() {
			if k := kinds[n]; k == "formula" || k == "component" {
				deps[name] = append(deps[name], n)
			}
		}
		return prog
	}
	for _, name := range slices.Sorted(maps.Keys(m.Formulas)) {
		fm := m.Formulas[name]
		fm.Program = compile("formulas", name, fm.Expr)
	}
	for _, name := range slices.Sorted(maps.Keys(m.Components)) {
		c := m.Components[name]
		c.Program = compile("components", name, c.Expr)
		for i, o := range c.Contains {
			p := fmt.Sprintf("%s.contains[%d]", keypos.Path("components", name), i)
			if o == name {
				f.errorf(p, "", "component %q contains itself", name)
			} else {
				ref(f, p, o, "component", m.Components)
			}
		}
		for i, o := range c.Overlaps {
			p := fmt.Sprintf("%s.overlaps[%d]", keypos.Path("components", name), i)
			if o == name {
				f.errorf(p, "", "component %q overlaps itself", name)
			} else {
				ref(f, p, o, "component", m.Components)
			}
		}
	}
	// A unit mismatch in an expression that uses a name whose own
	// expression mismatches its unit follows from that one: report the first.
	for _, mm := range mismatches {
		if !slices.ContainsFunc(mm.uses, func(n string) bool { return wrongUnit[n] }) {
			f.errorf(mm.path, fmt.Sprintf("check the expression's terms, or set unit = %q", mm.got.String()), "unit mismatch: the expression gives %s, the declared unit is %s", mm.got, mm.want)
		}
	}
	m.Order = l.order(f, m, deps)
	l.resolveScopes(f, t, m)
	if len(*f.errs) == n {
		// Only a model without errors can be evaluated.
		checkSigns(f, m)
	}
}

// exprPos maps a byte offset inside an expression to file:line:col when the
// expression is a one-line string written without escapes.
func (f *file) exprPos(p, src string, off int) diag.Pos {
	pos := f.valPos(p)
	raw := f.raw(p)
	if pos.Line == 0 || len(raw) < 2 || strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''") {
		return pos
	}
	if raw[1:len(raw)-1] != src || off < 0 || off > len(src) {
		return pos
	}
	pos.Col += 1 + off // columns count bytes, as toml's and keypos's do
	return pos
}

// order sorts formulas and components so that each follows what it uses,
// and reports cycles.
func (l *loader) order(f *file, m *Model, deps map[string][]string) []string {
	var names []string
	names = append(names, slices.Sorted(maps.Keys(m.Formulas))...)
	names = append(names, slices.Sorted(maps.Keys(m.Components))...)
	slices.Sort(names)
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var out []string
	var stack []string
	var visit func(n string) bool
	visit = func(n string) bool {
		switch state[n] {
		case done:
			return true
		case active:
			i := slices.Index(stack, n)
			cycle := append(slices.Clone(stack[i:]), n)
			section := "formulas"
			if _, ok := m.Components[n]; ok {
				section = "components"
			}
			f.errorf(keypos.Path(section, n, "expr"), "a formula may not use itself, directly or through others", "formula cycle: %s", strings.Join(cycle, " → "))
			return false
		}
		state[n] = active
		stack = append(stack, n)
		ok := true
		ds := slices.Clone(deps[n])
		slices.Sort(ds)
		for _, d := range ds {
			if !visit(d) {
				ok = false
				break
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = done
		out = append(out, n)
		return ok
	}
	for _, n := range names {
		if state[n] == unseen {
			visit(n)
		}
	}
	return out
}

func (l *loader) resolveScopes(f *file, t *Topic, m *Model) {
	names := slices.Sorted(maps.Keys(m.Scopes))
	for _, name := range names {
		s := m.Scopes[name]
		s.Name = name
		p := keypos.Path("scopes", name)
		s.Pos = f.keyPos(p)
		if !slug.Valid(name) {
			f.errs.Add(f.keyPos(p), "use lower-case letters, digits and hyphens", "scope name %q is not a valid slug", name)
		}
		f.required(p+".label", s.Label, "")
		if s.Extends != "" {
			ref(f, p+".extends", s.Extends, "scope", m.Scopes)
		}
	}
	resolved := map[string]bool{}
	var resolve func(name string, seen []string) bool
	resolve = func(name string, seen []string) bool {
		s := m.Scopes[name]
		if resolved[name] {
			return s.Components != nil
		}
		p := keypos.Path("scopes", name)
		if slices.Contains(seen, name) {
			f.errorf(p+".extends", "a scope may not extend itself, directly or through others", "scope cycle: %s", strings.Join(append(seen[slices.Index(seen, name):], name), " → "))
			resolved[name] = true
			return false
		}
		var set []string
		if s.Extends != "" {
			if m.Scopes[s.Extends] == nil || !resolve(s.Extends, append(seen, name)) {
				resolved[name] = true
				return false
			}
			set = slices.Clone(m.Scopes[s.Extends].Components)
		} else if len(s.Replaces) > 0 {
			f.errorf(p+".replaces", "only a scope that extends another can replace its components", "scope %q replaces components but extends no scope", name)
		}
		for i, r := range s.Replaces {
			rp := fmt.Sprintf("%s.replaces[%d]", p, i)
			if !ref(f, rp, r, "component", m.Components) {
				continue
			}
			if j := slices.Index(set, r); j >= 0 {
				set = slices.Delete(set, j, j+1)
			} else if s.Extends != "" {
				f.errorf(rp, "replace only components of the scope it extends", "component %q is not in scope %q", r, s.Extends)
			}
		}
		for i, a := range s.Add {
			ap := fmt.Sprintf("%s.add[%d]", p, i)
			if !ref(f, ap, a, "component", m.Components) {
				continue
			}
			if slices.Contains(set, a) {
				where := "this scope"
				if s.Extends != "" && slices.Contains(m.Scopes[s.Extends].Components, a) && !slices.Contains(s.Replaces, a) {
					where = fmt.Sprintf("scope %q, which this one extends", s.Extends)
				}
				f.errorf(ap, "list each component once", "component %q is already in %s", a, where)
				continue
			}
			set = append(set, a)
		}
		if len(set) == 0 {
			f.errorf(p, "add components with add = [\"...\"]", "scope %q has no components", name)
		}
		slices.Sort(set)
		l.checkDoubleCounting(f, m, name, s, set)
		s.Components = set
		if s.Components == nil {
			s.Components = []string{}
		}
		resolved[name] = true
		return true
	}
	for _, name := range names {
		resolve(name, nil)
	}
	if len(names) == 0 {
		f.missing("scopes", "add at least one [scopes.NAME] with the components it sums")
	}
	if t.Narrowest != "" {
		tf := &file{path: t.Pos.File, errs: f.errs, ix: l.index(t.Pos.File)}
		ref(tf, "narrowest", t.Narrowest, "scope", m.Scopes)
	}
	if t.Broadest != "" {
		tf := &file{path: t.Pos.File, errs: f.errs, ix: l.index(t.Pos.File)}
		ref(tf, "broadest", t.Broadest, "scope", m.Scopes)
	}
}

// checkDoubleCounting reports a scope that sums a component with one it
// contains, or two components that measure the same thing.
func (l *loader) checkDoubleCounting(f *file, m *Model, name string, s *Scope, set []string) {
	contains := func(a, b string) bool {
		seen := map[string]bool{}
		var walk func(x string) bool
		walk = func(x string) bool {
			if seen[x] {
				return false
			}
			seen[x] = true
			c := m.Components[x]
			if c == nil {
				return false
			}
			for _, y := range c.Contains {
				if y == b || walk(y) {
					return true
				}
			}
			return false
		}
		return walk(a)
	}
	overlaps := func(a, b string) bool {
		ca, cb := m.Components[a], m.Components[b]
		return ca != nil && slices.Contains(ca.Overlaps, b) || cb != nil && slices.Contains(cb.Overlaps, a)
	}
	where := func(c string) string {
		if i := slices.Index(s.Add, c); i >= 0 {
			return fmt.Sprintf("%s.add[%d]", keypos.Path("scopes", name), i)
		}
		return keypos.Path("scopes", name)
	}
	for i, a := range set {
		for _, b := range set[i+1:] {
			switch {
			case contains(a, b), contains(b, a):
				outer, inner := a, b
				if contains(b, a) {
					outer, inner = b, a
				}
				at := where(outer)
				if !slices.Contains(s.Add, outer) {
					at = where(inner)
				}
				f.errorf(at, fmt.Sprintf("%q already includes %q: remove one, or use replaces", outer, inner), "scope %q would count %q twice: %q contains it", name, inner, outer)
			case overlaps(a, b):
				at := where(b)
				if !slices.Contains(s.Add, b) {
					at = where(a)
				}
				f.errorf(at, "two components that measure the same thing may not be summed: keep one", "scope %q sums %q and %q, which overlap", name, a, b)
			}
		}
	}
}
