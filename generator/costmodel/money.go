package costmodel

import (
	"math"
	"strconv"
	"strings"
)

// FormatMoney writes an amount for a reader: US dollars as "$", any other
// currency as its code and a space ("CNY 1B"). Amounts of a million or more
// take a suffix (M, B, T) and at most four significant digits, with trailing
// zeros trimmed: $5.576M, $144.6M, $1.3B. Smaller amounts are written in
// full, whole from 1,000 up and with at most four significant digits below:
// $294,672, $2, $0.055. Negative amounts start with "-".
func FormatMoney(v float64, currency string) string {
	prefix := "$"
	if currency != "USD" {
		prefix = currency + " "
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + prefix + formatAmount(v)
}

// formatAmount formats a non-negative amount without its currency.
func formatAmount(v float64) string {
	switch {
	case math.IsInf(v, 0):
		return "∞"
	case math.IsNaN(v):
		return "?"
	}
	if r := math.Round(v); r < 1e6 {
		if r >= 1000 {
			return group(strconv.FormatFloat(r, 'f', 0, 64))
		}
		return trimZeros(strconv.FormatFloat(roundSig(v, 4), 'f', -1, 64))
	}
	v = roundSig(v, 4)
	switch {
	case v >= 1e12:
		return sig4(v/1e12) + "T"
	case v >= 1e9:
		return sig4(v/1e9) + "B"
	}
	return sig4(v/1e6) + "M"
}

// sig4 formats v, already rounded to four significant digits, without
// trailing zeros. Thousands of trillions are grouped.
func sig4(v float64) string {
	s := strconv.FormatFloat(roundSig(v, 4), 'f', -1, 64)
	if !strings.Contains(s, ".") && len(s) > 3 {
		return group(s)
	}
	return s
}

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
	return r
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
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

// formatNumber writes a plain number, such as a rate or a factor, in the
// shortest form that round-trips, without an exponent for ordinary sizes.
func formatNumber(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-4 || a >= 1e15) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// FormatFactor writes how many times one amount is another: one decimal
// below 10 (3.1), whole above (12), halves rounded up.
func FormatFactor(v float64) string {
	if v < 9.95 {
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	}
	return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// impliedRounding returns the unit of the last significant digit of v as
// written in its shortest form: 5.6e6 → 1e5, 5576000 → 1000, 1e9 → 1e9,
// 2.5 → 0.1.
func impliedRounding(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'e', -1, 64) // d.ddde±XX
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	digits := len(strings.Replace(mant, ".", "", 1))
	return math.Pow10(e - (digits - 1))
}
