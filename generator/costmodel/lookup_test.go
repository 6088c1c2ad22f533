package costmodel_test

import (
	"slices"
	"testing"

	"reckon/generator/costmodel"
)

func TestValueLookup(t *testing.T) {
	res := compute(t, treeTopic(t), costmodel.Options{})
	for _, tc := range []struct {
		name    string
		kind    costmodel.ValueKind
		unit    string
		central float64
	}{
		{"a2", costmodel.ScopeValue, "USD", 111},
		{"ca3", costmodel.ComponentValue, "USD", 1000},
		{"unit", costmodel.ParamValue, "USD", 1},
	} {
		v, ok := res.Value(tc.name)
		if !ok || v.Kind != tc.kind || v.Unit != tc.unit || v.Central != tc.central {
			t.Errorf("Value(%q) = %+v, %v; want kind %d, %s %g", tc.name, v, ok, tc.kind, tc.unit, tc.central)
		}
	}
	if v, ok := res.Value("nope"); ok {
		t.Errorf("Value(nope) = %+v, want none", v)
	}
	if got, want := res.ValueNames(), []string{"a", "a1", "a2", "a3", "b", "unit", "ca", "ca1", "ca2", "ca3", "cb"}; !slices.Equal(got, want) {
		t.Errorf("ValueNames = %q, want %q", got, want)
	}
	if got := res.ScopeLabel("missing"); got != "missing" {
		t.Errorf("ScopeLabel(missing) = %q", got)
	}
}
