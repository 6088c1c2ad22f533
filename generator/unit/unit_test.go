package unit

import (
	"errors"
	"testing"
)

func mustParse(t testing.TB, s string) Unit {
	t.Helper()
	u, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return u
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"single", "USD", "USD"},
		{"rate", "USD/GPU-h", "USD/GPU-h"},
		{"cancel", "GPU-h*USD/GPU-h", "USD"},
		{"sorted numerator", "kW*h/GPU", "h*kW/GPU"},
		{"hyphen is part of the name", "GPU-h/GPU*h", "GPU-h*h/GPU"},
		{"left to right", "a/b*c", "a*c/b"},
		{"parentheses", "USD/(GPU*h)", "USD/(GPU*h)"},
		{"chained division", "USD/GPU/h", "USD/(GPU*h)"},
		{"nested parentheses", "a/(b/(c*d))", "a*c*d/b"},
		{"dimensionless", "1", "1"},
		{"all cancel", "USD/USD", "1"},
		{"reciprocal", "1/h", "1/h"},
		{"negative exponent", "h^-1", "1/h"},
		{"positive sign", "m^+2", "m^2"},
		{"exponents add", "m^2*m", "m^3"},
		{"exponent in denominator", "kg/s^2", "kg/s^2"},
		{"zero exponent", "USD*h^0", "USD"},
		{"spaces", "  USD / ( GPU * h ) ", "USD/(GPU*h)"},
		{"tabs and spaced caret", "m\t^ 2", "m^2"},
		{"underscore and digits", "tok_1M", "tok_1M"},
		{"one as factor", "1*USD", "USD"},
		{"upper case sorts first", "h*USD*GPU", "GPU*USD*h"},
		{"largest exponent", "m^99", "m^99"},
		{"smallest exponent", "m^-99", "1/m^99"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := mustParse(t, tc.in)
			if got := u.String(); got != tc.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
			}
			again := mustParse(t, u.String())
			if again != u {
				t.Errorf("Parse(%q) = %v, not %v", u.String(), again, u)
			}
		})
	}
}

func TestParseError(t *testing.T) {
	tests := []struct {
		name, in string
		offset   int
		msg      string
	}{
		{"empty", "", 0, "empty unit"},
		{"blank", "   ", 0, "empty unit"},
		{"stray close", "USD/h)", 5, `unexpected ")"`},
		{"missing operator", "USD h", 4, `expected "*" or "/", found "h"`},
		{"trailing operator", "USD/", 4, "expected a unit name, found end of unit"},
		{"leading operator", "*USD", 0, `expected a unit name, found "*"`},
		{"double operator", "USD**h", 4, `expected a unit name, found "*"`},
		{"number", "2h", 0, `expected a unit name, found "2"`},
		{"number after one", "1h", 1, `expected "*" or "/", found "h"`},
		{"bad character", "USD/€", 4, `expected a unit name, found "€"`},
		{"bad character after name", "USD.h", 3, `expected "*" or "/", found "."`},
		{"unclosed", "USD/(GPU*h", 4, `unclosed "("`},
		{"junk in parentheses", "USD/(GPU h)", 9, `expected "*", "/" or ")", found "h"`},
		{"empty parentheses", "USD/()", 5, `expected a unit name, found ")"`},
		{"no exponent", "m^", 2, "expected an integer exponent, found end of unit"},
		{"name as exponent", "m^x", 2, `expected an integer exponent, found "x"`},
		{"sign without digits", "m^-", 2, `expected an integer exponent, found "-"`},
		{"fraction exponent", "m^1.5", 3, `expected "*" or "/", found "."`},
		{"exponent too large", "m^100", 2, "exponent 100 is out of range (at most 99)"},
		{"exponent too small", "m^-100", 2, "exponent -100 is out of range (at most 99)"},
		{"exponent overflows", "m^99999999999999999999", 2, "exponent 99999999999999999999 is out of range (at most 99)"},
		{"caret after parentheses", "(m*s)^2", 5, `expected "*" or "/", found "^"`},
		{"hyphen starts name", "-h", 0, `expected a unit name, found "-"`},
		{"too deep", "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))", 32, "too many nested parentheses"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) error = %v, want *Error", tc.in, err)
			}
			if e.Offset != tc.offset || e.Msg != tc.msg {
				t.Errorf("Parse(%q) error = {%d, %q}, want {%d, %q}", tc.in, e.Offset, e.Msg, tc.offset, tc.msg)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	_, err := Parse("USD/h)")
	if got, want := err.Error(), `unexpected ")" at column 6`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAlgebra(t *testing.T) {
	p := func(s string) Unit { return mustParse(t, s) }
	tests := []struct {
		name string
		got  Unit
		want string
	}{
		{"mul cancels", p("GPU-h").Mul(p("USD/GPU-h")), "USD"},
		{"div by rate", p("CNY").Div(p("CNY/USD")), "USD"},
		{"div by itself", p("USD").Div(p("USD")), "1"},
		{"mul by dimensionless", p("USD").Mul(Unit{}), "USD"},
		{"dimensionless div", Unit{}.Div(p("h")), "1/h"},
		{"pow", p("USD/h").Pow(2), "USD^2/h^2"},
		{"pow negative", p("USD/h").Pow(-1), "h/USD"},
		{"pow zero", p("USD/h").Pow(0), "1"},
		{"pow of dimensionless", Unit{}.Pow(3), "1"},
		{"energy", p("kW").Mul(p("h")).Div(p("GPU")), "h*kW/GPU"},
		{"two denominators", p("USD").Div(p("GPU")).Div(p("h")), "USD/(GPU*h)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.got.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.got != p(tc.want) || !tc.got.Equal(p(tc.want)) {
				t.Errorf("%v is not equal to Parse(%q)", tc.got, tc.want)
			}
		})
	}
}

func TestSqrt(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"USD^2/h^2", "USD/h", true},
		{"m^4", "m^2", true},
		{"1/s^2", "1/s", true},
		{"1", "1", true},
		{"USD", "1", false},
		{"m^2*s", "1", false},
	}
	for _, tc := range tests {
		got, ok := mustParse(t, tc.in).Sqrt()
		if got.String() != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q).Sqrt() = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestZeroIsDimensionless(t *testing.T) {
	var zero Unit
	if !zero.IsDimensionless() || zero.String() != "1" {
		t.Errorf("zero Unit: IsDimensionless() = %v, String() = %q", zero.IsDimensionless(), zero.String())
	}
	if one := mustParse(t, "1"); one != zero {
		t.Errorf(`Parse("1") = %#v, want the zero Unit`, one)
	}
	if mustParse(t, "USD").IsDimensionless() {
		t.Error("USD is dimensionless")
	}
}

func TestCurrency(t *testing.T) {
	tests := []struct {
		in   string
		code string
		ok   bool
	}{
		{"USD", "USD", true},
		{"CNY", "CNY", true},
		{"USD^2", "", false},
		{"USD/h", "", false},
		{"USD*h", "", false},
		{"1/USD", "", false},
		{"Usd", "", false},
		{"USDT", "", false},
		{"1", "", false},
	}
	for _, tc := range tests {
		code, ok := mustParse(t, tc.in).Currency()
		if code != tc.code || ok != tc.ok {
			t.Errorf("Parse(%q).Currency() = %q, %v; want %q, %v", tc.in, code, ok, tc.code, tc.ok)
		}
	}
}

func TestIsCurrency(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"USD", true},
		{"EUR", true},
		{"usd", false},
		{"US", false},
		{"USDT", false},
		{"US1", false},
		{"ÜSD", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := IsCurrency(tc.in); got != tc.want {
			t.Errorf("IsCurrency(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"USD", "USD/GPU-h", "kW*h/GPU", "a/(b*c)^2", "m^-3", "1/h", "(((a)))", "USD/(", "é", "a^99*a^99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) error %v is not an *Error", s, err)
			}
			if e.Offset < 0 || e.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d out of range", s, e.Offset)
			}
			return
		}
		// The canonical form parses back to the same unit (unless its
		// exponents grew past the limit of written exponents).
		again, err := Parse(u.String())
		if err == nil && again != u {
			t.Fatalf("Parse(%q) = %q, but Parse(%q) = %q", s, u, u, again)
		}
		if !u.Div(u).IsDimensionless() || u.Mul(Unit{}) != u || u.Pow(1) != u {
			t.Fatalf("algebra identities fail for %q", u)
		}
		if u.Mul(u).Div(u) != u {
			t.Fatalf("u*u/u != u for %q", u)
		}
		if root, ok := u.Mul(u).Sqrt(); !ok || root != u {
			t.Fatalf("sqrt(u*u) = %q, %v for %q", root, ok, u)
		}
	})
}

func TestRate(t *testing.T) {
	tests := []struct {
		in, from, to string
		ok           bool
	}{
		{"CNY/USD", "CNY", "USD", true},
		{"USD / EUR", "USD", "EUR", true},
		{"USD", "", "", false},
		{"USD/GPU-h", "", "", false},
		{"GPU/USD", "", "", false},
		{"CNY*USD", "", "", false},
		{"1", "", "", false},
	}
	for _, tc := range tests {
		u, err := Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		from, to, ok := u.Rate()
		if from != tc.from || to != tc.to || ok != tc.ok {
			t.Errorf("Parse(%q).Rate() = %q, %q, %v; want %q, %q, %v", tc.in, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}
