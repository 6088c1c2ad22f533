package unit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxExp bounds the magnitude of an exponent written in a unit.
const maxExp = 99

// Unit is a product of base units raised to integer exponents. It holds its
// canonical form, so Units may be compared with == and used as map keys.
// The zero value, Unit{}, is dimensionless: the unit of plain numbers.
type Unit struct {
	s string // canonical form; "" when dimensionless
}

// Error is a syntax error in a unit.
type Error struct {
	Offset int    // byte offset of the problem in the input, from 0
	Msg    string // what is wrong, lower case
}

// Error returns the message and the column (Offset+1).
func (e *Error) Error() string {
	return fmt.Sprintf("%s at column %d", e.Msg, e.Offset+1)
}

// factor is a base unit with its exponent.
type factor struct {
	name string
	exp  int
}

// Parse parses s according to the package grammar and returns its canonical
// unit. Errors are of type *Error.
func Parse(s string) (Unit, error) {
	exps, err := parse(s)
	if err != nil {
		return Unit{}, err
	}
	return fromExps(exps), nil
}

// Mul returns u*v.
func (u Unit) Mul(v Unit) Unit {
	e := u.exps()
	for name, n := range v.exps() {
		e[name] += n
	}
	return fromExps(e)
}

// Div returns u/v.
func (u Unit) Div(v Unit) Unit {
	e := u.exps()
	for name, n := range v.exps() {
		e[name] -= n
	}
	return fromExps(e)
}

// Pow returns u raised to the power n.
func (u Unit) Pow(n int) Unit {
	e := u.exps()
	for name := range e {
		e[name] *= n
	}
	return fromExps(e)
}

// Sqrt returns the unit whose square is u, halving every exponent; ok is
// false when an exponent is odd.
func (u Unit) Sqrt() (root Unit, ok bool) {
	e := u.exps()
	for name, n := range e {
		if n%2 != 0 {
			return Unit{}, false
		}
		e[name] = n / 2
	}
	return fromExps(e), true
}

// Equal reports whether u and v are the same unit; it is the same as u == v.
func (u Unit) Equal(v Unit) bool { return u == v }

// IsDimensionless reports whether u is the unit of plain numbers.
func (u Unit) IsDimensionless() bool { return u.s == "" }

// String returns the canonical form of u; "1" when u is dimensionless.
func (u Unit) String() string {
	if u.s == "" {
		return "1"
	}
	return u.s
}

// Currency returns the currency code when u is an amount of money: exactly
// one base unit, with exponent 1, that is a currency.
func (u Unit) Currency() (string, bool) {
	if IsCurrency(u.s) {
		return u.s, true
	}
	return "", false
}

// Rate returns the two currencies when u is an exchange rate: one currency
// per another, such as CNY/USD (from CNY, to USD).
func (u Unit) Rate() (from, to string, ok bool) {
	from, to, ok = strings.Cut(u.s, "/")
	if !ok || !IsCurrency(from) || !IsCurrency(to) {
		return "", "", false
	}
	return from, to, true
}

// IsCurrency reports whether name is an ISO 4217 currency code, such as
// USD or CNY. Other three-letter units (GPU, kWh) are not money.
func IsCurrency(name string) bool {
	if len(name) != 3 {
		return false
	}
	for i := range 3 {
		if name[i] < 'A' || name[i] > 'Z' {
			return false
		}
	}
	for i := 0; i+3 <= len(iso4217); i += 4 {
		if iso4217[i:i+3] == name {
			return true
		}
	}
	return false
}

// iso4217 lists the active ISO 4217 currency codes (list one, 2024), each
// followed by a space.
const iso4217 = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV " +
	"BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF " +
	"DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF " +
	"IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR " +
	"LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO " +
	"NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK " +
	"SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX " +
	"USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG "

// exps returns the exponent of each base unit of u, in a new map. It
// decodes the canonical form written by fromExps.
func (u Unit) exps() map[string]int {
	e := make(map[string]int)
	num, den, _ := strings.Cut(u.s, "/")
	addFactors(e, num, 1)
	addFactors(e, strings.Trim(den, "()"), -1)
	return e
}

// addFactors adds to e the factors of list, as written by writeFactors,
// with their exponents multiplied by sign.
func addFactors(e map[string]int, list string, sign int) {
	if list == "" || list == "1" {
		return
	}
	for f := range strings.SplitSeq(list, "*") {
		name, exp, ok := strings.Cut(f, "^")
		n := 1
		if ok {
			n, _ = strconv.Atoi(exp)
		}
		e[name] += sign * n
	}
}

// fromExps builds the canonical unit from base-unit exponents.
func fromExps(e map[string]int) Unit {
	var num, den []factor
	for name, n := range e {
		switch {
		case n > 0:
			num = append(num, factor{name, n})
		case n < 0:
			den = append(den, factor{name, -n})
		}
	}
	if len(num) == 0 && len(den) == 0 {
		return Unit{}
	}
	byName := func(a, b factor) int { return cmp.Compare(a.name, b.name) }
	slices.SortFunc(num, byName)
	slices.SortFunc(den, byName)
	var b strings.Builder
	if len(num) == 0 {
		b.WriteString("1")
	}
	writeFactors(&b, num)
	if len(den) > 0 {
		b.WriteString("/")
		if len(den) > 1 {
			b.WriteString("(")
		}
		writeFactors(&b, den)
		if len(den) > 1 {
			b.WriteString(")")
		}
	}
	return Unit{b.String()}
}

func writeFactors(b *strings.Builder, fs []factor) {
	for i, f := range fs {
		if i > 0 {
			b.WriteString("*")
		}
		b.WriteString(f.name)
		if f.exp != 1 {
			b.WriteString("^")
			b.WriteString(strconv.Itoa(f.exp))
		}
	}
}
