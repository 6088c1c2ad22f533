package text

import (
	"math"
	"strconv"
	"strings"

	"reckon/generator/costmodel"
	"reckon/generator/unit"
)

// Quantity writes a value in its unit: money for a currency ("$5.328M"),
// money per something for a price ("$2 per GPU-h"), a plain number for a
// dimensionless value, and a number and its unit otherwise
// ("2,788,000 GPU-h").
func (w *Words) Quantity(v float64, u string) string {
	return w.quantity(u, w.money, w.Number, v)
}

// quantity writes v in unit u with the given ways of writing money and
// plain numbers.
func (w *Words) quantity(u string, cash func(float64, string) string, num func(float64) string, v float64) string {
	parsed, err := unit.Parse(u)
	if err != nil {
		return num(v) + " " + u
	}
	if cur, ok := parsed.Currency(); ok {
		return cash(v, cur)
	}
	canon := parsed.String()
	if canon == "1" {
		return num(v)
	}
	if n, den, ok := strings.Cut(canon, "/"); ok && unit.IsCurrency(n) {
		return w.Say("per", "1", cash(v, n), "2", strings.Trim(den, "()"))
	}
	if strings.HasPrefix(canon, "1/") {
		return w.Say("per", "1", num(v), "2", strings.Trim(strings.TrimPrefix(canon, "1/"), "()"))
	}
	return num(v) + " " + canon
}

// Arithmetic writes the arithmetic behind a value: its formula with each
// name replaced by its value and unit, and the result in its unit:
// "2,664,000 GPU-h × $2 per GPU-h = $5.328M". The operators come from the
// catalog (op_times and so on).
func (w *Words) Arithmetic(tokens []costmodel.Token, result float64, resultUnit string) string {
	var b strings.Builder
	for _, t := range tokens {
		switch t.Kind {
		case costmodel.TokenQuantity:
			b.WriteString(w.Quantity(t.Value, t.Unit))
		case costmodel.TokenNumber:
			b.WriteString(w.Number(t.Value))
		case costmodel.TokenOperator:
			b.WriteString(" " + w.operator(t.Text) + " ")
		case costmodel.TokenNegate:
			b.WriteString(w.lookup("op_negate"))
		case costmodel.TokenComma:
			b.WriteString(", ")
		default: // parentheses, function names
			b.WriteString(t.Text)
		}
	}
	return w.Say("arithmetic", "expr", b.String(), "result", w.Quantity(result, resultUnit))
}

func (w *Words) operator(op string) string {
	switch op {
	case "+":
		return w.lookup("op_plus")
	case "-":
		return w.lookup("op_minus")
	case "*":
		return w.lookup("op_times")
	case "/":
		return w.lookup("op_divide")
	}
	return w.lookup("op_power")
}

// Threshold writes what would have to be true for the verdict on a claim's
// figure to stand, as a clause: "the figure holds while the H800 rental
// price assumed by DeepSeek stays at or below $2.15 per GPU-h (the model
// uses $2 per GPU-h); above that, it would be plausible". Each bound is
// rounded towards the input's central value, to the fewest significant
// digits (3 or more) that keep it apart from the central value rounded
// alike, so the clause never claims more room than the model gives. A
// bound that three significant digits cannot tell apart from the central
// value coincides with it, and the clause says so instead of printing
// digits the model does not have: "the figure holds only while the rate
// is exactly $2 per GPU-h, the value the model uses; at any other value,
// it would be plausible".
func (w *Words) Threshold(th *costmodel.Threshold) string {
	central := w.Quantity(th.Central, th.Unit)
	lowAt, highAt := coincides(th.Low, th.Central), coincides(th.High, th.Central)
	bound := func(v float64, at bool) string {
		if at {
			return w.Say("threshold_bound_central", "central", central)
		}
		return w.thresholdValue(v, th.Central, th.Unit)
	}
	args := []string{
		"holds", w.lookup("threshold_holds_" + string(th.Verdict)),
		"input", w.Isolate(lowerFirst(th.Label)),
		"central", central,
		"low", bound(th.Low, lowAt), "high", bound(th.High, highAt),
		"below", w.lookup("threshold_state_" + string(th.Below)),
		"above", w.lookup("threshold_state_" + string(th.Above)),
	}
	key := ""
	switch th.Kind {
	case costmodel.ThresholdAtMost:
		key = "threshold_at_most"
		if highAt {
			key = "threshold_at_most_central"
		}
	case costmodel.ThresholdAtLeast:
		key = "threshold_at_least"
		if lowAt {
			key = "threshold_at_least_central"
		}
	default:
		key = "threshold_between"
		if lowAt && highAt {
			key = "threshold_only_at"
		}
		if th.Below != th.Above {
			key += "_two"
		}
	}
	return w.Say(key, args...)
}

// coincides reports whether a finite bound v of an input with central
// value c rounds, at three significant digits towards c, to c itself.
func coincides(v, c float64) bool {
	if math.IsInf(v, 0) || math.IsNaN(v) || v <= 0 || c <= 0 {
		return false
	}
	return roundToward(v, 3, c) == roundSig(c, 3)
}

// thresholdValue writes a bound v of an input whose central value is c.
func (w *Words) thresholdValue(v, c float64, u string) string {
	if math.IsInf(v, 0) || v <= 0 {
		return w.Quantity(v, u)
	}
	sig := 3
	r := roundToward(v, sig, c)
	for ; sig < 12 && r == roundSig(c, sig); sig++ {
		r = roundToward(v, sig+1, c)
	}
	written := func(x float64) string { return w.magnitude(digits(x, sig)) }
	return w.quantity(u, func(x float64, cur string) string {
		return w.num.isolate.wrap(w.cash(cur, written(x)))
	}, func(x float64) string { return w.num.isolate.wrap(written(x)) }, r)
}

// roundToward rounds v to sig significant digits, towards toward.
func roundToward(v float64, sig int, toward float64) float64 {
	scale := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-float64(sig)+1)
	if toward < v {
		return math.Floor(v/scale+1e-9) * scale
	}
	return math.Ceil(v/scale-1e-9) * scale
}

// digits writes a positive v, already rounded to sig significant digits,
// the way Money writes amounts: a suffix from a million (M, B, T), whole
// and grouped from 1,000, and its decimals below; in ASCII, with the
// magnitude apart, as [amount] returns them.
func digits(v float64, sig int) (num, mag string) {
	short := func(x float64, suffix string) (string, string) {
		return trimZeros(strconv.FormatFloat(x, 'f', max(0, sig-1-int(math.Floor(math.Log10(x)+1e-9))), 64)), suffix
	}
	switch {
	case v >= 1e12:
		return short(v/1e12, "T")
	case v >= 1e9:
		return short(v/1e9, "B")
	case v >= 1e6:
		return short(v/1e6, "M")
	case v >= 1000:
		return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64)), ""
	}
	return short(v, "")
}

// lowerFirst lowers the first letter of a label for use inside a clause,
// unless its first word is a name or an acronym (has another capital or a
// digit): "Experiment compute" becomes "experiment compute", "H800 rental
// price" and "DeepSeek-V3 pre-training" stay.
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	if word == "" || !('A' <= word[0] && word[0] <= 'Z') {
		return s
	}
	for _, r := range word[1:] {
		if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return s
		}
	}
	return strings.ToLower(s[:1]) + s[1:]
}
