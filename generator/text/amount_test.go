package text

import (
	"maps"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// amountByRoundTrips is amount as it was written before sigDecimal: each
// rounding a trip through strconv's formatting and parsing. The two must
// agree on every float.
func amountByRoundTrips(v float64) (num, mag string) {
	roundSig := func(v float64, n int) float64 {
		if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return v
		}
		r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
		return r
	}
	sig4 := func(v float64) string {
		s := strconv.FormatFloat(roundSig(v, 4), 'f', -1, 64)
		if !strings.Contains(s, ".") && len(s) > 3 {
			return group(s)
		}
		return s
	}
	switch {
	case math.IsInf(v, 0):
		return "∞", ""
	case math.IsNaN(v):
		return "?", ""
	}
	if r := math.Round(v); r < 1e6 {
		if r >= 1000 {
			return group(strconv.FormatFloat(r, 'f', 0, 64)), ""
		}
		return trimZeros(strconv.FormatFloat(roundSig(v, 4), 'f', -1, 64)), ""
	}
	v = roundSig(v, 4)
	switch {
	case v >= 1e12:
		return sig4(v / 1e12), "T"
	case v >= 1e9:
		return sig4(v / 1e9), "B"
	}
	return sig4(v / 1e6), "M"
}

// TestAmountAsByRoundTrips compares amount with amountByRoundTrips on the
// edges of its branches and of floats, and on a million floats of every
// size and sign.
func TestAmountAsByRoundTrips(t *testing.T) {
	vs := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -5e-324, 2.2250738585072014e-308,
		1e-290, 1.0001e-290, 9.999e-291, 1e290, 1.0001e290, 9.9995e289, math.MaxFloat64, -math.MaxFloat64, 1.7e308,
		0.055, 0.00012345, 0.99995, 999.4999, 999.5, 999.96, 1000, 999999.4, 999999.5, 999999.6, 1e6, 9.9995e8, 9.99949e8,
		999.96e6, 1e9, 9.9995e11, 9.99949e11, 1e12, 2.5e13, 1.5e15, 1e21, 1e25, 1.2345e25, 5576000, 155038759.68992248,
		1444424000, -5e6, -1234.5, -0.1, 12345678901234567890, 0.30000000000000004, 1.0005, 1.00050000001, 2.0005e9}
	for e := -20; e <= 30; e++ {
		for _, m := range []float64{1, 1.0005, 1.00049999, 1.00050001, 9.9995, 9.99949999, 5.5555, 1.2345, 1.2355, 3.14159} {
			vs = append(vs, m*math.Pow10(e), -m*math.Pow10(e))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		switch r.IntN(3) {
		case 0: // any bits
			vs = append(vs, math.Float64frombits(r.Uint64()))
		case 1: // an amount of a few digits at any size
			vs = append(vs, float64(r.IntN(100000))*math.Pow10(r.IntN(40)-15)/10)
		default:
			vs = append(vs, math.Exp(r.Float64()*80-20))
		}
	}
	bad := 0
	for _, v := range vs {
		num, mag := amount(v)
		wantNum, wantMag := amountByRoundTrips(v)
		if num != wantNum || mag != wantMag {
			if bad++; bad <= 10 {
				t.Errorf("amount(%v) = %q %q, want %q %q", v, num, mag, wantNum, wantMag)
			}
		}
	}
}

// TestGroup groups digits by thousands, and whatever else it is given as
// if it were digits.
func TestGroup(t *testing.T) {
	for in, want := range map[string]string{"": "", "1": "1", "123": "123", "1234": "1,234", "123456": "123,456",
		"1234567": "1,234,567", "-123": "-,123", "+Inf": "+,Inf"} {
		if got := group(in); got != want {
			t.Errorf("group(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMoneyAsComposed compares Money and Signed, written into one buffer,
// with the frames set around each other one at a time, in English and in
// Arabic with its digits, for a currency with a frame of its own and for
// others.
func TestMoneyAsComposed(t *testing.T) {
	ar := arabic(t)
	en := English()
	strs := maps.Clone(en.cat.Strings)
	strs["money"] = "{1} {code}"
	words := []*Words{en, ar, ar.With(Numbers{Digits: "arab"}), For("en", &Catalog{Strings: strs})}
	vs := []float64{0, math.Copysign(0, -1), 5576000, 294672, 0.055, 1.5e15, 999999.6, math.Inf(1), math.NaN(), 1e300}
	for _, w := range words {
		for _, cur := range []string{"USD", "CNY", "EUR", ""} {
			for _, v := range append(vs, negated(vs)...) {
				composed := func(v float64) string {
					num, mag := amountByRoundTrips(v)
					return w.cash(cur, w.magnitude(num, mag))
				}
				want := w.num.isolate.wrap(composed(v))
				if v < 0 {
					want = w.num.isolate.wrap(w.num.minus + composed(-v))
				}
				if got := w.Money(v, cur); got != want {
					t.Errorf("%s: Money(%v, %q) = %q, want %q", w.Lang(), v, cur, got, want)
				}
				switch {
				case v > 0:
					want = w.num.isolate.wrap(w.num.frames["signed_plus"].wrap(composed(v)))
				case v < 0:
					want = w.num.isolate.wrap(w.num.frames["signed_minus"].wrap(composed(-v)))
				default: // 0 and NaN
					want = w.num.isolate.wrap(composed(0))
				}
				if got := w.Signed(v, cur); got != want {
					t.Errorf("%s: Signed(%v, %q) = %q, want %q", w.Lang(), v, cur, got, want)
				}
			}
		}
	}
}

func negated(vs []float64) []float64 {
	var out []float64
	for _, v := range vs {
		out = append(out, -v)
	}
	return out
}

// fillByScan is fill as it was written before appendFill, on Scan.
func fillByScan(s string, args []string) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	Scan(s, func(text string) { b.WriteString(text) }, func(name string) bool {
		for k := 0; k+1 < len(args); k += 2 {
			if args[k] == name {
				b.WriteString(args[k+1])
				return true
			}
		}
		return false
	})
	return b.String()
}

// TestFillAsScan compares fill with fillByScan on every catalog string,
// with arguments of every name it holds, and on strings of braces.
func TestFillAsScan(t *testing.T) {
	strs := []string{"", "{", "}", "{}", "{{a}}", "{a", "a}", "{a}{b}", "{a}{a}", "x{b}y{c}z{", "{\u2028}", "{1}{2}", "}{a}{"}
	for _, s := range English().cat.Strings {
		strs = append(strs, s)
	}
	for _, s := range arabic(t).cat.Strings {
		strs = append(strs, s)
	}
	argSets := [][]string{nil, {"a", "A"}, {"a", "{b}", "b", "B", "c", ""}, {"1", "one", "2", strings.Repeat("long ", 200)}, {"a"}}
	for _, s := range strs {
		// The names the string holds, each set to a value.
		var names []string
		Scan(s, func(string) {}, func(name string) bool { names = append(names, name, "<"+name+">"); return false })
		for _, args := range append(argSets, names) {
			if got, want := fill(s, args), fillByScan(s, args); got != want {
				t.Errorf("fill(%q, %q) = %q, want %q", s, args, got, want)
			}
		}
	}
}
