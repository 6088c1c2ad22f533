package text

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"reckon/generator/claim"
)

// Money writes an amount for a reader: US dollars as "$", any other
// currency as its code and a space ("CNY 1B"). Amounts of a million or more
// take a suffix (M, B, T) and at most four significant digits, with trailing
// zeros trimmed: $5.576M, $144.6M, $1.3B. Smaller amounts are written in
// full, whole from 1,000 up and with at most four significant digits below:
// $294,672, $2, $0.055. Negative amounts start with "-".
//
// That is English. The catalog says how a language writes them: the digits
// and signs (number_digits, number_decimal, number_group, number_minus),
// the words for a million, a billion and a trillion (the plural families
// amount_M, amount_B and amount_T, chosen by the number before them), the
// currency around the amount (money_CODE, such as money_USD = "${1}", or
// else money = "{code} {1}") and a frame around the whole
// (number_isolate, such as FSI {1} PDI for right-to-left text).
func (w *Words) Money(v float64, currency string) string { return w.money(v, currency) }

func (w *Words) money(v float64, currency string) string {
	if v < 0 {
		return w.cashIn(currency, -v, w.num.minus, "")
	}
	return w.cashIn(currency, v, "", "")
}

// cashIn writes an amount v ≥ 0 in currency ([Words.cash] of
// [Words.amount]) between pre and post, the whole in the numbers'
// isolation, into one buffer: the string it returns is its only
// allocation, where a currency has its frame (money_CODE).
func (w *Words) cashIn(currency string, v float64, pre, post string) string {
	var buf [128]byte
	b := append(buf[:0], w.num.isolate.pre...)
	b = append(b, pre...)
	if f, ok := w.num.frames["money_"+currency]; ok {
		b = append(b, f.pre...)
		b = w.appendAmount(b, v)
		b = append(b, f.post...)
	} else {
		b = append(b, w.cash(currency, w.amount(v))...)
	}
	b = append(b, post...)
	b = append(b, w.num.isolate.post...)
	return string(b)
}

// cash sets the currency around an amount already written.
func (w *Words) cash(currency, amount string) string {
	if f, ok := w.num.frames["money_"+currency]; ok {
		return f.wrap(amount)
	}
	if s, ok := w.cat.Strings["money"]; ok {
		return fill(s, []string{"code", currency, "1", amount})
	}
	return currency + " " + amount
}

// amount writes a non-negative amount without its currency, in the
// language's digits and words.
func (w *Words) amount(v float64) string { return string(w.appendAmount(nil, v)) }

// appendAmount appends [Words.amount] of v.
func (w *Words) appendAmount(b []byte, v float64) []byte {
	var buf [48]byte
	num, mag := appendAmountASCII(buf[:0], v)
	if mag == "" {
		return w.appendLocal(b, num)
	}
	m := w.num.mags[magIndex(mag)]
	f := m.other
	if m.plural {
		f = w.form("amount_"+mag, string(num))
	}
	b = append(b, f.pre...)
	b = w.appendLocal(b, num)
	return append(b, f.post...)
}

// magnitude writes num (ASCII) in the language's digits with the word for
// its magnitude mag: "", "M", "B" or "T".
func (w *Words) magnitude(num, mag string) string {
	if mag == "" {
		return w.local(num)
	}
	return w.form("amount_"+mag, num).wrap(w.local(num))
}

// Signed writes a change of money with its sign: +$16.73M, −$22.6M (a
// minus sign, U+2212), $0.
func (w *Words) Signed(v float64, currency string) string {
	switch {
	case v > 0:
		return w.cashIn(currency, v, w.num.signedPlus.pre, w.num.signedPlus.post)
	case v < 0:
		return w.cashIn(currency, -v, w.num.signedMinus.pre, w.num.signedMinus.post)
	}
	return w.money(0, currency)
}

// Round writes an amount for prose, where a reader wants its size, not
// its digits: two significant figures, or three when the first is 1, so
// that the rounding stays within about 5%: $2.4B, $1.45B, $160M, -$1.29B.
// Tables and checks keep [Words.Money].
func (w *Words) Round(v float64, currency string) string {
	return w.money(roundProse(v), currency)
}

// SignedRound is [Words.Signed] with the rounding of [Words.Round].
func (w *Words) SignedRound(v float64, currency string) string {
	return w.Signed(roundProse(v), currency)
}

// About writes how many times one amount is another, for prose: below 10
// as [Words.Factor] (3.1), above with the figures of [Words.Round], and
// "about" when that rounding changed it: "about 430" for 429.3, "12" for 12.
func (w *Words) About(v float64) string {
	if v < 9.95 {
		return w.Factor(v)
	}
	r := roundProse(v)
	s := w.num.isolate.wrap(w.local(group(strconv.FormatFloat(r, 'f', 0, 64))))
	if r != math.Round(v) {
		return w.Say("about_factor", "factor", s)
	}
	return s
}

// BridgeTimes says how much one amount is, v times another (v >= 1), as
// the words before the other amount in a bridge's takeaway: "about 430
// times", "9.0 times", and, where a factor would read "1.0 times", "4%
// above" or "about the same as".
func (w *Words) BridgeTimes(v float64) string {
	switch {
	case v < 1.005:
		return w.Say("bridge_about_same")
	case v < 1.1:
		return w.Say("bridge_above", "percent", w.Percent(v-1))
	}
	return w.Say("bridge_times", "factor", w.About(v))
}

// roundProse rounds v to two significant figures, or three when the first
// is 1.
func roundProse(v float64) float64 {
	a := math.Abs(v)
	if a == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	n := 2
	if lead := a / math.Pow(10, math.Floor(math.Log10(a))); lead < 2 {
		n = 3
	}
	return roundSig(v, n)
}

// amount formats a non-negative amount without its currency, in ASCII:
// its number and its magnitude ("M", "B", "T" or "").
func amount(v float64) (num, mag string) {
	var buf [48]byte
	b, mag := appendAmountASCII(buf[:0], v)
	return string(b), mag
}

// appendAmountASCII appends [amount]'s number of v to b, and returns its
// magnitude.
func appendAmountASCII(b []byte, v float64) ([]byte, string) {
	switch {
	case math.IsInf(v, 0):
		return append(b, "∞"...), ""
	case math.IsNaN(v):
		return append(b, "?"...), ""
	}
	if r := math.Round(v); r < 1e6 {
		if r >= 1000 {
			return appendGrouped(b, strconv.AppendInt(make([]byte, 0, 8), int64(r), 10)), ""
		}
		return appendSig(b, v, sigOf(v, 4), 4, 0), ""
	}
	// v rounded to four significant digits, by the power of ten of its
	// first digit.
	s := sigOf(v, 4)
	switch {
	case s.exp >= 12:
		return appendSig(b, v, s, 4, 12), "T"
	case s.exp >= 9:
		return appendSig(b, v, s, 4, 9), "B"
	}
	return appendSig(b, v, s, 4, 6), "M"
}

// sig is a float rounded to n significant digits (1 to 17), as strconv
// rounds it: its sign, its digits without trailing zeros, and the power
// of ten of the first.
type sig struct {
	neg    bool
	digits [17]byte
	n      int // digits[:n] are the digits
	exp    int
}

// sigOf rounds a finite v to n significant digits.
func sigOf(v float64, n int) sig {
	var buf [40]byte
	e := strconv.AppendFloat(buf[:0], v, 'e', n-1, 64) // [-]d.ddde±XX
	var s sig
	if e[0] == '-' {
		s.neg = true
		e = e[1:]
	}
	at := bytes.IndexByte(e, 'e')
	for _, c := range e[at+2:] {
		s.exp = s.exp*10 + int(c-'0')
	}
	if e[at+1] == '-' {
		s.exp = -s.exp
	}
	s.digits[0] = e[0]
	s.n = 1
	if at > 1 {
		s.n += copy(s.digits[1:], e[2:at])
	}
	for s.n > 1 && s.digits[s.n-1] == '0' {
		s.n--
	}
	return s
}

// appendSig appends v, whose rounding to n significant digits (1 to 17)
// is s, rounded and divided by 10^shift, without an exponent and without trailing zeros; a
// whole number of more than three digits is grouped when shift is not 0.
// It is FormatFloat(roundSig(roundSig(v, n) / 10^shift, n), 'f', -1),
// made from the n digits at once: in the range of normal floats, far from
// its ends, a decimal of at most 17 digits is the shortest that reads back
// as the float nearest to it. Near the ends (and for 0) it is made the
// long way.
func appendSig(b []byte, v float64, s sig, n, shift int) []byte {
	if a := math.Abs(v); a < 1e-290 || a > 1e290 {
		r := roundSig(v, n)
		if shift != 0 {
			r = roundSig(r/math.Pow10(shift), n)
		}
		f := strconv.FormatFloat(r, 'f', -1, 64)
		if shift != 0 && !strings.Contains(f, ".") && len(f) > 3 {
			return append(b, group(f)...)
		}
		return append(b, trimZeros(f)...)
	}
	if s.neg {
		b = append(b, '-')
	}
	d := s.digits[:s.n]
	point := s.exp - shift + 1 // the digits before the point
	switch {
	case point <= 0:
		b = append(b, "0."...)
		for range -point {
			b = append(b, '0')
		}
		return append(b, d...)
	case point >= len(d):
		var buf [40]byte
		whole := append(buf[:0], d...)
		for range point - len(d) {
			whole = append(whole, '0')
		}
		if shift != 0 {
			return appendGrouped(b, whole)
		}
		return append(b, whole...)
	}
	b = append(b, d[:point]...)
	b = append(b, '.')
	return append(b, d[point:]...)
}

// roundSig rounds v to n significant digits.
func roundSig(v float64, n int) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	var buf [40]byte
	r, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], v, 'g', n, 64)), 64)
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
	if len(digits) <= 3 {
		return digits
	}
	var buf [48]byte
	b := buf[:0]
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// appendGrouped appends ASCII digits with thousands separators, as
// [group] writes them.
func appendGrouped(b, digits []byte) []byte {
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}

// Exact writes a plain number, such as a rate or a factor, in the
// shortest form that round-trips, without an exponent for ordinary sizes.
func (w *Words) Exact(v float64) string { return w.num.isolate.wrap(w.local(exact(v))) }

func exact(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-4 || a >= 1e15) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Number writes a plain number: whole numbers grouped by thousands
// (2,788,000), others with at most four significant digits (7.296, 0.3224).
func (w *Words) Number(v float64) string {
	return w.num.isolate.wrap(w.local(number(v)))
}

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

// Factor writes how many times one amount is another: one decimal below
// 10 (3.1), whole and grouped above (12, 5,442), halves rounded up.
func (w *Words) Factor(v float64) string { return w.num.isolate.wrap(w.local(factor(v))) }

func factor(v float64) string {
	if v < 9.95 {
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	}
	return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// Percent writes a share 0..1 as a whole percentage.
func (w *Words) Percent(v float64) string {
	return w.num.isolate.wrap(w.num.frames["percent"].wrap(w.local(strconv.FormatFloat(math.Round(v*100), 'f', 0, 64))))
}

// Date writes a date for a reader, with the month's name from the catalog
// ("27 December 2024"), and only as much of it as is known ("December
// 2024", "2025", "before 27 December 2024", "on or after 31 January
// 2025"); the zero Date as "".
func (w *Words) Date(d claim.Date) string {
	if d.IsZero() {
		return ""
	}
	day := w.Say("date_format", "1", w.Int(d.Day), "2", w.Month(int(d.Month)), "3", w.Int(d.Year))
	switch d.Prec {
	case claim.PrecYear:
		return w.Say("date_year", "1", w.Int(d.Year))
	case claim.PrecMonth:
		return w.Say("date_month", "1", w.Month(int(d.Month)), "2", w.Int(d.Year))
	case claim.PrecBefore:
		return w.Say("date_before", "1", day)
	case claim.PrecOnOrAfter:
		return w.Say("date_on_or_after", "1", day)
	}
	return day
}

// When writes a date as the phrase that follows a verb ("said on 27
// December 2024", "said in 2025", "said before 27 December 2024"); the
// zero Date as "".
func (w *Words) When(d claim.Date) string {
	if d.IsZero() {
		return ""
	}
	switch d.Prec {
	case claim.PrecYear, claim.PrecMonth:
		return w.Say("when_in", "1", w.Date(d))
	case claim.PrecBefore, claim.PrecOnOrAfter:
		return w.Date(d)
	}
	return w.Say("when_on", "1", w.Date(d))
}

// Month returns the name of month m, 1 to 12.
func (w *Words) Month(m int) string { return w.lookup("month_" + strconv.Itoa(m)) }

// Figure writes a figure in its own currency with its qualifier in words:
// "more than $500M".
func (w *Words) Figure(f claim.Figure) string {
	return w.Qualified(f.Qualifier, w.money(f.Value, f.Currency))
}

// Qualified writes an amount with a qualifier in words: "more than $500M".
func (w *Words) Qualified(qualifier claim.Qualifier, amount string) string {
	if qualifier == "" {
		qualifier = claim.Exact
	}
	return w.Say("figure_"+string(qualifier), "1", amount)
}

// ShortFigure writes a figure with its qualifier as a sign, for axis
// labels: ">$1B", "~$1.6B".
func (w *Words) ShortFigure(f claim.Figure) string {
	m := w.money(f.Value, f.Currency)
	switch f.Qualifier {
	case "about":
		return "~" + m
	case "more-than":
		return ">" + m
	case "at-least":
		return "≥" + m
	case "less-than":
		return "<" + m
	case "at-most":
		return "≤" + m
	}
	return m
}
