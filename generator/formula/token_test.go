package formula

import (
	"strings"
	"testing"

	"reckon/generator/unit"
)

// render writes tokens back as a formula.
func render(ts []Token) string {
	var b strings.Builder
	for _, t := range ts {
		switch {
		case t.Kind == Operator:
			b.WriteString(" " + t.Text + " ")
		case t.Kind == Comma:
			b.WriteString(", ")
		default:
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestTokensParentheses(t *testing.T) {
	names := map[string]unit.Unit{}
	for _, n := range []string{"a", "b", "c"} {
		names[n] = unit.Unit{}
	}
	tests := []struct{ src, want string }{
		{"a * b", "a * b"},
		{"a + b * c", "a + b * c"},
		{"(a + b) * c", "(a + b) * c"},
		{"a - (b + c)", "a - (b + c)"},
		{"a - (b - c)", "a - (b - c)"},
		{"a + (b + c)", "a + b + c"},
		{"(a - b) - c", "a - b - c"},
		{"a / (b * c)", "a / (b * c)"},
		{"a / b / c", "a / b / c"},
		{"(a ** b) ** c", "(a ** b) ** c"},
		{"a ^ b ^ c", "a ** b ** c"},
		{"(-a) ** 2", "(-a) ** 2"},
		{"-(a + b)", "-(a + b)"},
		{"+a * 2.5", "a * 2.5"},
		{"max(a, b * 2, 0) + sqrt(c)", "max(a, b * 2, 0) + sqrt(c)"},
		{"1_000 * a", "1000 * a"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			p, err := Compile(tc.src, names)
			if err != nil {
				t.Fatal(err)
			}
			got := render(p.Tokens())
			if got != tc.want {
				t.Errorf("Tokens(%q) = %q, want %q", tc.src, got, tc.want)
			}
			// The tokens mean what the source means.
			q, err := Compile(got, names)
			if err != nil {
				t.Fatal(err)
			}
			vals := map[string]float64{"a": 3, "b": 2, "c": 1.5}
			x, err1 := p.Eval(vals)
			y, err2 := q.Eval(vals)
			if err1 != nil || err2 != nil || x != y {
				t.Errorf("%q = %v (%v), %q = %v (%v)", tc.src, x, err1, got, y, err2)
			}
		})
	}
}
