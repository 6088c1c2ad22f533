package site

import (
	"math"
	"strconv"
	"strings"

	"reckon/generator/costmodel"
	"reckon/generator/unit"
)

// money writes an amount in a currency ("$5.576M", "CNY 1B").
func money(v float64, currency string) string { return costmodel.FormatMoney(v, currency) }

// quantity writes a value in its unit: money for a currency, money per
// something for a price ("$2 per GPU-h"), a number and its unit otherwise.
func (r *tr) quantity(v float64, u string) string {
	parsed, err := unit.Parse(u)
	if err != nil {
		return number(v) + " " + u
	}
	if cur, ok := parsed.Currency(); ok {
		return money(v, cur)
	}
	canon := parsed.String()
	if canon == "1" {
		return number(v)
	}
	if num, den, ok := strings.Cut(canon, "/"); ok && unit.IsCurrency(num) {
		return r.s("per", money(v, num), strings.Trim(den, "()"))
	}
	if strings.HasPrefix(canon, "1/") {
		return r.s("per", number(v), strings.Trim(strings.TrimPrefix(canon, "1/"), "()"))
	}
	return number(v) + " " + canon
}

// number writes a plain number: whole numbers grouped by thousands
// (2,788,000), others with at most four significant digits (7.296, 0.3224).
func number(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case math.IsNaN(v):
		return "?"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	if v >= 1000 || v == math.Trunc(v) {
		return sign + group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	return sign + strconv.FormatFloat(r, 'f', -1, 64)
}

// group inserts thousands separators into a string of digits.
func group(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// factor writes a ratio: "3.1×" below 10, "12×" above.
func factor(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) || v <= 0 {
		return ""
	}
	return costmodel.FormatFactor(v) + "×"
}

// machine writes a number for machines (data attributes, exports).
func machine(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// percent writes a share 0..1 as a whole percentage.
func percent(v float64) string { return strconv.FormatFloat(math.Round(v*100), 'f', 0, 64) + "%" }
