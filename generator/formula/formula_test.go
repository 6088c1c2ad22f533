package formula

import (
	"errors"
	"math"
	"slices"
	"testing"

	"reckon/generator/unit"
)

func mustUnit(t testing.TB, s string) unit.Unit {
	t.Helper()
	u, err := unit.Parse(s)
	if err != nil {
		t.Fatalf("unit.Parse(%q): %v", s, err)
	}
	return u
}

// testNames is the scope of most tests.
func testNames(t testing.TB) map[string]unit.Unit {
	return map[string]unit.Unit{
		"gpu_hours":   mustUnit(t, "GPU-h"),
		"gpu_rate":    mustUnit(t, "USD/GPU-h"),
		"cost_cny":    mustUnit(t, "CNY"),
		"cny_per_usd": mustUnit(t, "CNY/USD"),
		"salary":      mustUnit(t, "USD/h"),
		"hours":       mustUnit(t, "h"),
		"staff_cost":  mustUnit(t, "USD"),
		"capex":       mustUnit(t, "USD"),
		"area":        mustUnit(t, "m^2"),
		"share":       {},
		"years":       {},
		"sqrt":        mustUnit(t, "h"), // a name may shadow a function name
	}
}

func TestCompileUnit(t *testing.T) {
	tests := []struct {
		name, src, unit string
		names           []string
	}{
		{"product", "gpu_hours * gpu_rate", "USD", []string{"gpu_hours", "gpu_rate"}},
		{"conversion", "cost_cny / cny_per_usd", "USD", []string{"cny_per_usd", "cost_cny"}},
		{"sum", "gpu_hours * gpu_rate + staff_cost - capex", "USD", []string{"capex", "gpu_hours", "gpu_rate", "staff_cost"}},
		{"literal factor", "2 * capex * 1.5e-3", "USD", []string{"capex"}},
		{"share", "capex * (1 - share)", "USD", []string{"capex", "share"}},
		{"dimensionless plus literal", "1 + share", "1", []string{"share"}},
		{"literal only", "1 + 2", "1", nil},
		{"zero added", "capex + 0", "USD", []string{"capex"}},
		{"zero subtracted from", "0 - capex", "USD", []string{"capex"}},
		{"negative zero", "capex + -0.0", "USD", []string{"capex"}},
		{"negation", "-capex", "USD", []string{"capex"}},
		{"unary plus", "+capex", "USD", []string{"capex"}},
		{"rate", "capex / hours", "USD/h", []string{"capex", "hours"}},
		{"reciprocal", "1 / hours", "1/h", []string{"hours"}},
		{"power", "hours ** 2", "h^2", []string{"hours"}},
		{"caret power", "hours ^ 3", "h^3", []string{"hours"}},
		{"negative power", "hours ** -1", "1/h", []string{"hours"}},
		{"power zero", "hours ** 0", "1", []string{"hours"}},
		{"integral float power", "hours ** 2.0", "h^2", []string{"hours"}},
		{"growth", "capex * (1 + share) ** years", "USD", []string{"capex", "share", "years"}},
		{"sqrt", "sqrt(area)", "m", []string{"area"}},
		{"sqrt of square", "sqrt(capex * capex)", "USD", []string{"capex"}},
		{"abs", "abs(capex - staff_cost)", "USD", []string{"capex", "staff_cost"}},
		{"max", "max(capex, staff_cost, 0)", "USD", []string{"capex", "staff_cost"}},
		{"min zero first", "min(0, capex)", "USD", []string{"capex"}},
		{"min of plain numbers", "min(share, 1)", "1", []string{"share"}},
		{"duplicates", "capex + capex * share", "USD", []string{"capex", "share"}},
		{"shadowed function name", "sqrt * salary", "USD", []string{"salary", "sqrt"}},
		{"hex and underscores", "0x10 * 1_000 * capex", "USD", []string{"capex"}},
		{"newlines", "capex\n  + staff_cost", "USD", []string{"capex", "staff_cost"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compile(tc.src, testNames(t))
			if err != nil {
				t.Fatalf("Compile(%q): %v", tc.src, err)
			}
			if got := p.Unit().String(); got != tc.unit {
				t.Errorf("Unit() = %q, want %q", got, tc.unit)
			}
			if !slices.Equal(p.Names(), tc.names) {
				t.Errorf("Names() = %q, want %q", p.Names(), tc.names)
			}
			if p.Source() != tc.src {
				t.Errorf("Source() = %q, want %q", p.Source(), tc.src)
			}
		})
	}
}

func TestCompileError(t *testing.T) {
	const (
		fxHint  = "convert with an exchange-rate parameter whose unit is CNY/USD"
		fnHint  = "the functions are abs, max, min and sqrt"
		numHint = "a number has no unit: make it a parameter with unit USD"
		expHint = "write the power as a whole number, such as 2 or -1"
	)
	tests := []struct {
		name, src string
		offset    int
		msg, hint string
	}{
		// Names.
		{"unknown name", "gpu_hourz * gpu_rate", 0, `unknown name "gpu_hourz"`, `did you mean "gpu_hours"?`},
		{"unknown name later", "capex + capexx", 8, `unknown name "capexx"`, `did you mean "capex"?`},
		{"unknown name far from all", "zzz", 0, `unknown name "zzz"`, ""},
		{"env is not a name", "$env", 0, `unknown name "$env"`, ""},

		// Units.
		{"two currencies", "capex + cost_cny", 6, "cannot add USD and CNY", fxHint},
		{"two currencies reversed", "cost_cny + capex", 9, "cannot add CNY and USD", "convert with an exchange-rate parameter whose unit is USD/CNY"},
		{"subtract currencies", "capex - cost_cny", 6, "cannot subtract CNY from USD", fxHint},
		{"plain number", "capex + 1", 6, "cannot add USD and a plain number", numHint},
		{"plain number first", "1000 - capex", 5, "cannot subtract USD from a plain number", numHint},
		{"dimensionless quantity", "capex + share", 6, "cannot add USD and a dimensionless quantity", ""},
		{"different units", "gpu_hours + hours", 10, "cannot add GPU-h and h", ""},
		{"two currency rates", "salary - cost_cny / hours", 7, "cannot subtract CNY/h from USD/h", fxHint},
		{"rate plus amount", "gpu_rate + capex", 9, "cannot add USD/GPU-h and USD", ""},
		{"max of currencies", "max(capex, cost_cny)", 11, "cannot take the max of USD and CNY", fxHint},
		{"min with a number", "min(capex, 0, 5)", 14, "cannot take the min of USD and a plain number", numHint},
		{"sqrt of odd exponent", "sqrt(capex)", 0, "cannot take the square root of USD: its exponents must be even", ""},
		{"exponent with unit", "2 ** hours", 5, "exponent must be dimensionless, not h", ""},
		{"exponent not literal", "capex ** years", 9, "exponent of USD must be an integer literal", expHint},
		{"exponent fraction", "hours ** 0.5", 9, "exponent of h must be an integer literal", expHint},
		{"exponent too large", "hours ** 100", 9, "exponent 100 is out of range (at most 99)", ""},
		{"power of a power too large", "(hours ** 50) ** 2", 14, "unit h^100 has an exponent beyond 99", ""},
		{"division by literal zero", "capex / 0", 6, "division by zero", ""},
		{"division by literal negative zero", "capex / -0.0", 6, "division by zero", ""},

		// Functions.
		{"abs arguments", "abs(capex, capex)", 0, "abs takes 1 argument, not 2", ""},
		{"sqrt arguments", "sqrt()", 0, "sqrt takes 1 argument, not 0", ""},
		{"max arguments", "max(capex)", 0, "max needs at least 2 arguments", ""},
		{"builtin", "len(capex)", 0, "function len is not allowed in a formula", fnHint},
		{"builtin round", "1 + round(share)", 4, "function round is not allowed in a formula", fnHint},
		{"unknown function", "pow(share, 2)", 0, "function pow is not allowed in a formula", fnHint},
		{"predicate", "map(share, # * 2)", 0, "function map is not allowed in a formula", fnHint},
		{"pipe", "capex | abs()", 8, "the pipe operator is not allowed in a formula", "write abs(x) instead"},
		{"method call", "capex.f()", 6, "member access is not allowed in a formula", ""},

		// Syntax that is not arithmetic.
		{"string", `"5"`, 0, "a string is not allowed in a formula", ""},
		{"boolean", "true", 0, "a boolean is not allowed in a formula", ""},
		{"nil", "nil", 0, "nil is not allowed in a formula", ""},
		{"comparison", "capex > 0", 6, `operator ">" is not allowed in a formula`, ""},
		{"equality", "share == 1", 6, `operator "==" is not allowed in a formula`, ""},
		{"logic", "share && years", 6, `operator "&&" is not allowed in a formula`, ""},
		{"not", "!share", 0, `operator "!" is not allowed in a formula`, ""},
		{"modulo", "years % 2", 6, `operator "%" is not allowed in a formula`, ""},
		{"coalesce", "share ?? 1", 6, `operator "??" is not allowed in a formula`, ""},
		{"range", "1..3", 1, `operator ".." is not allowed in a formula`, ""},
		{"ternary", "share > 0 ? capex : 0", 10, "the conditional operator is not allowed in a formula", ""},
		{"if", "if share > 0 { capex } else { 0 }", 0, "if/else is not allowed in a formula", ""},
		{"member", "capex.usd", 6, "member access is not allowed in a formula", ""},
		{"index", "capex[0]", 5, "member access is not allowed in a formula", ""},
		{"array", "[capex]", 0, "an array is not allowed in a formula", ""},
		{"map", "{a: 1}", 0, "a map is not allowed in a formula", ""},
		{"let", "let x = capex; x", 4, "let is not allowed in a formula", ""},
		{"sequence", "capex; capex", 0, "a sequence of expressions is not allowed in a formula", ""},

		// Syntax errors from expr's parser.
		{"empty", "", 0, "unexpected end of formula", ""},
		{"trailing operator", "capex +", 7, "unexpected end of formula", ""},
		{"unclosed parenthesis", "(capex", 6, "unexpected end of formula", ""},
		{"stray parenthesis", "capex)", 5, `unexpected ")"`, ""},
		{"two names", "capex staff_cost", 6, `unexpected "staff_cost"`, ""},
		{"offset in bytes", "é + )", 5, `unexpected ")"`, ""},
		{"offset on second line", "capex +\n  )", 10, `unexpected ")"`, ""},
		{"bad character", "capex @ 2", 6, "unrecognized character: U+0040 '@'", ""},
		{"unterminated string", `"abc`, 4, "literal not terminated", ""},
		{"integer out of range", "capex * 99999999999999999999", 8, "number out of range", ""},
		{"float out of range", "1e999 * capex", 0, "number out of range", ""},
		{"bad hex", "0x * capex", 0, "invalid hex literal", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.src, testNames(t))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Compile(%q) error = %v, want *Error", tc.src, err)
			}
			if e.Offset != tc.offset || e.Msg != tc.msg || e.Hint != tc.hint {
				t.Errorf("Compile(%q) error =\n{%d, %q, %q}, want\n{%d, %q, %q}", tc.src, e.Offset, e.Msg, e.Hint, tc.offset, tc.msg, tc.hint)
			}
			if e.Error() != tc.msg {
				t.Errorf("Error() = %q, want %q", e.Error(), tc.msg)
			}
		})
	}
}

// evalBoth evaluates p with expr's VM and with an Evaluator, and fails
// unless they agree.
func evalBoth(t testing.TB, p *Program, vals map[string]float64) (float64, error) {
	t.Helper()
	v1, err1 := p.Eval(vals)
	slots := make([]float64, len(p.Names()))
	for i, name := range p.Names() {
		slots[i] = vals[name]
	}
	v2, err2 := p.NewEvaluator().Eval(slots)
	if math.Float64bits(v1) != math.Float64bits(v2) || !errors.Is(err1, err2) || (err1 == nil) != (err2 == nil) {
		t.Fatalf("%q: Program.Eval = %v, %v; Evaluator.Eval = %v, %v", p.Source(), v1, err1, v2, err2)
	}
	return v1, err1
}

var testVals = map[string]float64{
	"gpu_hours":   2788000,
	"gpu_rate":    2,
	"cost_cny":    1e9,
	"cny_per_usd": 6.45,
	"salary":      50,
	"hours":       4,
	"staff_cost":  1e6,
	"capex":       -3,
	"area":        9,
	"share":       0.25,
	"years":       2,
	"sqrt":        10,
}

func TestEval(t *testing.T) {
	cny, rate := 1e9, 6.45 // variables, so that Go divides in float64
	tests := []struct {
		src  string
		want float64
	}{
		{"gpu_hours * gpu_rate", 5576000},
		{"cost_cny / cny_per_usd", cny / rate},
		{"gpu_hours * gpu_rate + staff_cost", 6576000},
		{"staff_cost - capex", 1000003},
		{"-capex", 3},
		{"+capex", -3},
		{"1 + 2 * 3", 7},
		{"(1 + 2) * 3", 9},
		{"7 / 2", 3.5},
		{"hours ** 2", 16},
		{"hours ^ -1", 0.25},
		{"2 ** 3 ** 2", 512},
		{"-2 ** 2", -4}, // as in expr and mathematics: -(2 ** 2)
		{"staff_cost * (1 + share) ** years", 1562500},
		{"sqrt(area)", 3},
		{"sqrt * salary", 500},
		{"abs(capex)", 3},
		{"abs(staff_cost)", 1e6},
		{"max(capex, 0)", 0},
		{"max(share - 1, -5, -1)", -0.75},
		{"min(capex, 0)", -3},
		{"min(4, share, 1)", 0.25},
		{"0x10 + 1_000", 1016},
		{"1e9 * 1e9 / 1e18", 1},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			p, err := Compile(tc.src, testNames(t))
			if err != nil {
				t.Fatal(err)
			}
			got, err := evalBoth(t, p, testVals)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEvalError(t *testing.T) {
	tests := []struct {
		src  string
		vals map[string]float64
		want error
	}{
		{"capex / hours", map[string]float64{"capex": 1, "hours": 0}, ErrDivisionByZero},
		{"capex / hours", map[string]float64{"capex": 0, "hours": 0}, ErrDivisionByZero},
		{"max(capex / hours, 0)", map[string]float64{"capex": 1, "hours": 0}, ErrDivisionByZero},
		{"sqrt(0 / share)", map[string]float64{"share": 0}, ErrDivisionByZero},
		{"share * 1e300 * 1e300 + 1 / (years - 2)", map[string]float64{"share": 1, "years": 2}, ErrDivisionByZero},
		{"capex * 1e300 * 1e300", map[string]float64{"capex": 1}, ErrNotFinite},
		{"sqrt(share - 1)", map[string]float64{"share": 0}, ErrNotFinite},
		{"capex * share", map[string]float64{"capex": math.Inf(1), "share": 0}, ErrNotFinite},
		{"share ** years", map[string]float64{"share": 0, "years": -1}, ErrNotFinite},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			p, err := Compile(tc.src, testNames(t))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := evalBoth(t, p, tc.vals); err != tc.want {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestNegativeZero(t *testing.T) {
	tests := []struct {
		src  string
		vals map[string]float64
		want float64
	}{
		// 0 ** -1 is +Inf, and (-0) ** +Inf is 0; with expr's constant
		// folding, -0 would also replace the second 0, giving +Inf.
		{"(-0) ** 0 ** years", map[string]float64{"years": -1}, 0},
		{"-0 * share", map[string]float64{"share": 1}, 0}, // +0, not -0
	}
	for _, tc := range tests {
		p, err := Compile(tc.src, testNames(t))
		if err != nil {
			t.Fatal(err)
		}
		got, err := evalBoth(t, p, tc.vals)
		if err != nil || math.Float64bits(got) != math.Float64bits(tc.want) {
			t.Errorf("%q = %v, %v; want %v", tc.src, got, err, tc.want)
		}
	}
}

func TestEvalMissingValue(t *testing.T) {
	p, err := Compile("capex + staff_cost", testNames(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Eval(map[string]float64{"capex": 1})
	if got, want := err.Error(), `no value for "staff_cost"`; got != want {
		t.Errorf("Eval error = %q, want %q", got, want)
	}
	_, err = p.NewEvaluator().Eval([]float64{1})
	if got, want := err.Error(), "got 1 values for 2 names"; got != want {
		t.Errorf("Evaluator.Eval error = %q, want %q", got, want)
	}
}

func TestEvaluatorReuse(t *testing.T) {
	p, err := Compile("capex / hours", testNames(t))
	if err != nil {
		t.Fatal(err)
	}
	e := p.NewEvaluator()
	for _, tc := range []struct {
		capex, hours, want float64
		err                error
	}{
		{6, 3, 2, nil},
		{6, 0, 0, ErrDivisionByZero},
		{6, 2, 3, nil}, // the error above does not stick
	} {
		got, err := e.Eval([]float64{tc.capex, tc.hours})
		if got != tc.want || err != tc.err {
			t.Errorf("Eval(%v, %v) = %v, %v; want %v, %v", tc.capex, tc.hours, got, err, tc.want, tc.err)
		}
	}
	vals := []float64{1, 2}
	if n := testing.AllocsPerRun(100, func() { e.Eval(vals) }); n != 0 {
		t.Errorf("Evaluator.Eval allocates %v times", n)
	}
}

func TestSuggest(t *testing.T) {
	names := map[string]unit.Unit{"gpu_hours": {}, "gpu_rate": {}, "ab": {}, "ac": {}}
	tests := []struct{ in, want string }{
		{"gpu_hourz", `did you mean "gpu_hours"?`},
		{"gpu_rates", `did you mean "gpu_rate"?`},
		{"GPU_hours", `did you mean "gpu_hours"?`}, // three edits for nine letters
		{"GPU_HOURS", ""},
		{"ax", `did you mean "ab"?`}, // ties go to the first name
		{"xyz", ""},
	}
	for _, tc := range tests {
		if got := suggest(tc.in, names); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// fuzzNames is the fixed scope of FuzzCompile.
var fuzzNames = map[string]string{
	"a": "USD", "b": "USD", "c": "CNY", "fx": "CNY/USD", "h": "GPU-h",
	"r": "USD/GPU-h", "x": "1", "y": "1", "m2": "m^2",
}

// fuzzVals are value sets that reach zero divisors, negative roots and
// overflow.
var fuzzVals = []map[string]float64{
	{"a": 1, "b": 2, "c": 3, "fx": 6.45, "h": 2788000, "r": 2, "x": 0.5, "y": 3, "m2": 4},
	{"a": 0, "b": math.Copysign(0, -1), "c": 0, "fx": 0, "h": 0, "r": 0, "x": 0, "y": 0, "m2": 0},
	{"a": -1, "b": 1e308, "c": -1e-308, "fx": 1, "h": -2, "r": 1e300, "x": -7, "y": 2.5, "m2": -4},
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"h * r", "c / fx", "a + b - 0", "max(a, b, 0)", "min(x, 1)", "abs(a - b)",
		"sqrt(m2)", "a ** 2 / b", "x ** y", "(1 + x) ^ -y", "a + c", "a > b ? a : b",
		"len(a)", "a | abs()", "-a * +b", "1 / (x - x)", "1e308 * 10 * x", "0x1F * a",
		`"s" + a`, "[a][0]", "{a: 1}.a", "let z = a; z", "a; b", "é", "sqrt(x) + min(x, y, 2)",
	} {
		f.Add(s)
	}
	names := make(map[string]unit.Unit)
	for name, u := range fuzzNames {
		names[name] = mustUnit(f, u)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile(src, names)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Compile(%q) error %v is not an *Error", src, err)
			}
			if e.Offset < 0 || e.Offset > len(src) || e.Msg == "" {
				t.Fatalf("Compile(%q) error {%d, %q} is malformed", src, e.Offset, e.Msg)
			}
			if len(e.Msg) >= 14 && e.Msg[:14] == "internal error" {
				t.Fatalf("Compile(%q): %v", src, err)
			}
			return
		}
		for _, vals := range fuzzVals {
			_, err := evalBoth(t, p, vals)
			if err != nil && err != ErrDivisionByZero && err != ErrNotFinite {
				t.Fatalf("Eval(%q): %v", src, err)
			}
		}
	})
}

func BenchmarkEval(b *testing.B) {
	// A typical cost component: compute, staff and a currency conversion.
	const src = "gpu_hours * gpu_rate * (1 + share) + max(salary * hours - capex, 0) + cost_cny / cny_per_usd"
	p, err := Compile(src, testNames(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Evaluator", func(b *testing.B) {
		e := p.NewEvaluator()
		vals := make([]float64, len(p.Names()))
		for i, name := range p.Names() {
			vals[i] = testVals[name]
		}
		b.ReportAllocs()
		for b.Loop() {
			vals[0]++ // vary an input, as a Monte Carlo loop does
			if _, err := e.Eval(vals); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Program", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Eval(testVals); err != nil {
				b.Fatal(err)
			}
		}
	})
}
