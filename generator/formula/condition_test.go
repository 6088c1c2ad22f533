package formula

import (
	"slices"
	"testing"
)

func TestConditionHolds(t *testing.T) {
	names := []string{"figure", "framing"}
	for _, tc := range []struct {
		src  string
		vals []string
		want bool
	}{
		{`figure == "consistent"`, []string{"consistent", "none"}, true},
		{`figure == "consistent" && framing in ["none", "fair"]`, []string{"consistent", "misleading"}, false},
		{`figure in ["consistent", "plausible"] || framing == "fair"`, []string{"contradicted", "fair"}, true},
		{"true", []string{"", ""}, true},
	} {
		c, err := CompileCondition(tc.src, names)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if got, err := c.Holds(tc.vals); err != nil || got != tc.want {
			t.Errorf("%s with %q = %v, %v; want %v", tc.src, tc.vals, got, err, tc.want)
		}
	}
}

func TestCompileConditionErrors(t *testing.T) {
	for _, tc := range []struct {
		src    string
		offset int
		msg    string
	}{
		{`verdict == "x"`, 0, "unknown name verdict"},
		{`figure == `, 9, "unexpected token EOF"},
		{`figure`, -1, "expected bool, but got string"},
		{`figure == "é" && nope`, 18, "unknown name nope"}, // bytes, not runes,
	} {
		_, err := CompileCondition(tc.src, []string{"figure"})
		fe, ok := err.(*Error)
		if !ok || fe.Offset != tc.offset || fe.Msg != tc.msg {
			t.Errorf("CompileCondition(%q) = %#v, want offset %d and %q", tc.src, err, tc.offset, tc.msg)
		}
	}
}

func TestIdentifiers(t *testing.T) {
	if got, want := Identifiers("max(a, b) * a + c ** 2"), []string{"a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("Identifiers = %q, want %q", got, want)
	}
	if got := Identifiers("a +"); got != nil {
		t.Errorf("Identifiers of a syntax error = %q, want nil", got)
	}
}
