package site

import (
	"math"
	"strconv"
	"strings"

	"reckon/generator/unit"
)

// quantity writes a value in its unit: money for a currency, money per
// something for a price ("$2 per GPU-h"), a number and its unit otherwise.
func (r *tr) quantity(v float64, u string) string {
	w := r.w
	parsed, err := unit.Parse(u)
	if err != nil {
		return w.Number(v) + " " + u
	}
	if cur, ok := parsed.Currency(); ok {
		return w.Money(v, cur)
	}
	canon := parsed.String()
	if canon == "1" {
		return w.Number(v)
	}
	if num, den, ok := strings.Cut(canon, "/"); ok && unit.IsCurrency(num) {
		return r.s("per", w.Money(v, num), strings.Trim(den, "()"))
	}
	if strings.HasPrefix(canon, "1/") {
		return r.s("per", w.Number(v), strings.Trim(strings.TrimPrefix(canon, "1/"), "()"))
	}
	return w.Number(v) + " " + canon
}

// factor writes a ratio: "3.1×" below 10, "12×" above; "" when there is none.
func (r *renderer) factor(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) || v <= 0 {
		return ""
	}
	return r.tr.w.Say("times_sign", "factor", r.tr.w.Factor(v))
}

// machine writes a number for machines (data attributes, exports).
func machine(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
