package site

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/route"
	"reckon/generator/spell"
)

// Lookup returns the lookup that checks the commentary's references
// ([content.Set.Check]) against what the site shows: a reference it finds
// resolves when the site is rendered from set and res.
//
// When res is nil, because the claims did not load or reconcile, set may
// be incomplete (what loaded of the claims folder) and the lookup reports
// only what is certain: a topic or claim that has no file at all, a value
// name that its topic's model does not declare, a chart name that is none
// of the site's. It stays silent about everything else (a claim whose file
// failed to load, a topic without a model, a topic with no bridge), so that
// an error in the claims never adds false errors in the commentary.
//
// unpublished maps the topics and claims that the build leaves out, as
// published after its date, to that date: a reference to one is an error
// that says so.
func Lookup(set *claim.Set, res *costmodel.Results, unpublished map[string]claim.Date) content.Lookup {
	topics := map[string]*costmodel.Topic{}
	if res != nil {
		for _, t := range res.Topics {
			topics[t.Topic.ID] = t
		}
	}
	// read says whether the claims folder had a file at p, or under p/.
	read := func(p string) bool {
		if _, ok := set.Files[p]; ok {
			return true
		}
		for f := range set.Files {
			if strings.HasPrefix(f, p+"/") {
				return true
			}
		}
		return false
	}
	topicIDs := func() []string {
		var ids []string
		for _, t := range set.Topics {
			ids = append(ids, t.ID)
		}
		return ids
	}
	// topic returns whether the topic id exists, and its results and
	// claims topic when they are known.
	topic := func(id string) (*costmodel.Topic, *claim.Topic, error) {
		if t := set.Topic(id); t != nil {
			return topics[id], t, nil
		}
		if res == nil && read(path.Join("claims", id)) {
			return nil, nil, nil
		}
		return nil, nil, unknown("topic", id, topicIDs())
	}
	return func(kind string, args []string) error {
		if d, ok := unpublished[args[0]]; ok && kind != content.Image {
			what := "claim"
			if kind != content.Claim {
				what = "topic"
			}
			return &refError{
				msg:  fmt.Sprintf("%s %q is not published until %s, so this build leaves it out", what, args[0], d),
				hint: "build with -future to include it, or add the reference when it is published",
			}
		}
		switch kind {
		case content.Topic:
			_, _, err := topic(args[0])
			return err
		case content.Claim:
			if set.Claim(args[0]) != nil || res == nil && read(path.Join("claims", args[0]+".toml")) {
				return nil
			}
			var ids []string
			for _, t := range set.Topics {
				for _, c := range t.Claims {
					ids = append(ids, c.ID)
				}
			}
			return unknown("claim", args[0], ids)
		case content.Value:
			rt, ct, err := topic(args[0])
			switch {
			case err != nil:
				return err
			case rt != nil:
				if _, ok := findValue(rt, args[1]); !ok {
					return unknownValue(ct.ID, args[1], rt.ValueNames())
				}
			case ct != nil && ct.Model != nil:
				if names := declaredNames(set, ct.Model); !slices.Contains(names, args[1]) {
					return unknownValue(ct.ID, args[1], names)
				}
			}
			return nil
		case content.Chart:
			rt, _, err := topic(args[0])
			if err != nil {
				return err
			}
			name := args[1]
			if !slices.Contains(chartNames(), name) {
				return unknown("chart", name, chartNames())
			}
			if rt != nil && !hasChart(rt, name) {
				hint := "a bridge runs between the scopes of two claims, or the narrowest and broadest scopes that topic.toml names"
				if name == "sensitivity" {
					hint = "the sensitivity needs an input of the broadest scope given as a range (low and high)"
				}
				return &refError{msg: fmt.Sprintf("topic %q has no %s chart", rt.Topic.ID, name), hint: hint}
			}
			return nil
		}
		return fmt.Errorf("unknown reference kind %q", kind)
	}
}

// refError is a reference that does not resolve, with a hint.
type refError struct{ msg, hint string }

func (e *refError) Error() string { return e.msg }
func (e *refError) Hint() string  { return e.hint }

func unknown(what, name string, known []string) error {
	hint := ""
	if near := spell.Closest(name, known); near != "" {
		hint = fmt.Sprintf("did you mean %q?", near)
	}
	if len(known) > 0 && len(known) <= 12 {
		hint = strings.TrimSpace(hint + " known: " + strings.Join(known, ", "))
	}
	return &refError{msg: fmt.Sprintf("no %s %q", what, name), hint: hint}
}

func unknownValue(topic, name string, names []string) error {
	slices.Sort(names)
	names = slices.Compact(names)
	err := unknown("scope, component, formula or parameter", name, names).(*refError)
	err.msg += fmt.Sprintf(" in topic %q", topic)
	return err
}

// value is a model value that a {{value}} reference may name.
type value struct {
	est    costmodel.Estimate
	money  bool   // a scope's or component's value, in the topic's currency
	unit   string // else its unit
	anchor string // the id of its row on the topic's page
}

// findValue finds a model value by name: a scope, then a component, then a
// formula, then a parameter.
func findValue(t *costmodel.Topic, name string) (value, bool) {
	v, ok := t.Value(name)
	if !ok {
		return value{}, false
	}
	out := value{est: v.Estimate, unit: v.Unit}
	switch v.Kind {
	case costmodel.ScopeValue:
		out.money, out.unit, out.anchor = true, "", route.ScopeID(name)
	case costmodel.ComponentValue:
		out.money, out.unit, out.anchor = true, "", route.ComponentID(name)
	case costmodel.FormulaValue:
		out.anchor = route.FormulaID(name)
	default:
		out.anchor = route.ParamID(name)
	}
	return out, true
}

// declaredNames lists every name a model and the site declare: a value
// that is none of them cannot resolve, whatever the results.
func declaredNames(set *claim.Set, m *claim.Model) []string {
	var names []string
	for _, ns := range [][]string{keys(m.Scopes), keys(m.Components), keys(m.Formulas), keys(m.Parameters), keys(set.Parameters)} {
		names = append(names, ns...)
	}
	return names
}

func keys[V any](m map[string]V) []string { return slices.Collect(maps.Keys(m)) }

// hasChart reports whether the topic page of t draws the chart name.
func hasChart(t *costmodel.Topic, name string) bool {
	switch name {
	case "bridge":
		return t.Bridge != nil
	case "sensitivity":
		s := t.Broadest()
		return s != nil && len(s.Sensitivity) > 0
	}
	return slices.Contains(chartNames(), name)
}
