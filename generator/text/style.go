package text

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Numbers is how an edition writes numbers. Its zero value keeps the
// catalog's own style (the keys number_digits, number_decimal and
// number_group); [Words.With] sets another.
type Numbers struct {
	// Digits is the number system: "latn" for 0123456789 or "arab" for the
	// Arabic-Indic ٠١٢٣٤٥٦٧٨٩; "" keeps the catalog's.
	Digits string
	// Decimal and Group are the decimal and thousands separators. "" keeps
	// the catalog's when Digits is the catalog's too, and otherwise takes
	// the system's usual ones: "." and "," for latn, "٫" and "٬" for arab.
	Decimal, Group string
}

// digitSets are the number systems Numbers.Digits may name, with their
// usual separators.
var digitSets = map[string]struct {
	digits   [10]string
	dec, grp string
}{
	"latn": {[10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, ".", ","},
	"arab": {[10]string{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"}, "٫", "٬"},
}

// NumberSystems returns the names Numbers.Digits may take, sorted.
func NumberSystems() []string { return []string{"arab", "latn"} }

// style is a language's way of writing numbers, read from its catalog once.
type style struct {
	tag     language.Tag
	sys     string // the number system: "latn" or "arab"
	plain   bool   // latn digits, "." and ",", "-" and no isolation: ASCII as formatted
	digits  [10]string
	dec     string
	grp     string
	minus   string
	isolate frame // around each formatted number
	frames  map[string]frame
	forms   map[string]bool // the plural families that have more than KEY_other
	// mags are, of the magnitudes "M", "B" and "T" (see [magIndex]), the
	// frame of amount_MAG_other and whether amount_MAG has more forms;
	// signedPlus and signedMinus are the frames signed_plus and
	// signed_minus: what amounts look up.
	mags                    [3]magnitudeForms
	signedPlus, signedMinus frame
}

// magnitudeForms is the plural family of the word of a magnitude.
type magnitudeForms struct {
	other  frame
	plural bool
}

// frame is a catalog string with one placeholder, {1}, cut around it.
type frame struct{ pre, post string }

func (f frame) wrap(s string) string {
	if f.pre == "" && f.post == "" {
		return s
	}
	return f.pre + s + f.post
}

// cut makes a frame of s at its {1}; ok is false when s has none.
func cut(s string) (frame, bool) {
	pre, post, ok := strings.Cut(s, "{1}")
	return frame{pre, post}, ok
}

// framed are the catalog keys made into frames, with their English
// defaults for a catalog that lacks them. The amount_ keys are plural
// families (amount_M_other, amount_M_few...): the form is chosen by the
// number before the word.
var framed = map[string]string{
	"number_isolate": "{1}",
	"isolate":        "{1}",
	"percent":        "{1}%",
	"money_USD":      "${1}",
	"signed_plus":    "+{1}",
	"signed_minus":   "−{1}",
	"amount_K_other": "{1}K",
	"amount_M_other": "{1}M",
	"amount_B_other": "{1}B",
	"amount_T_other": "{1}T",
}

// newStyle reads the number style of a catalog, with n laid over it.
func newStyle(lang string, strs map[string]string, n Numbers) style {
	get := func(key, def string) string {
		if s, ok := strs[key]; ok {
			return s
		}
		return def
	}
	s := style{tag: language.Make(lang), frames: map[string]frame{}, forms: map[string]bool{}}
	sys := get("number_digits", "latn")
	dec, grp := get("number_decimal", "."), get("number_group", ",")
	if n.Digits != "" && n.Digits != sys {
		sys = n.Digits
		dec, grp = digitSets[sys].dec, digitSets[sys].grp
	}
	set, ok := digitSets[sys]
	if !ok {
		sys, set = "latn", digitSets["latn"]
	}
	s.digits, s.sys = set.digits, sys
	s.dec, s.grp = cmpOr(n.Decimal, dec), cmpOr(n.Group, grp)
	s.minus = get("number_minus", "-")
	for key, def := range framed {
		if f, ok := cut(get(key, def)); ok {
			s.frames[key] = f
		}
	}
	for key, v := range strs {
		if strings.HasPrefix(key, "amount_") || strings.HasPrefix(key, "money_") {
			if f, ok := cut(v); ok {
				s.frames[key] = f
			}
			if i := strings.LastIndexByte(key, '_'); i > 0 && key[i+1:] != "other" {
				s.forms[key[:i]] = true
			}
		}
	}
	s.isolate = s.frames["number_isolate"]
	s.plain = sys == "latn" && s.dec == "." && s.grp == "," && s.minus == "-"
	for _, mag := range []string{"M", "B", "T"} {
		s.mags[magIndex(mag)] = magnitudeForms{other: s.frames["amount_"+mag+"_other"], plural: s.forms["amount_"+mag]}
	}
	s.signedPlus, s.signedMinus = s.frames["signed_plus"], s.frames["signed_minus"]
	return s
}

// magIndex is the index in [style.mags] of a magnitude, "M", "B" or "T".
func magIndex(mag string) int {
	switch mag {
	case "M":
		return 0
	case "B":
		return 1
	}
	return 2
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// With returns words that write numbers in the style n (see [Numbers]),
// and otherwise as w does.
func (w *Words) With(n Numbers) *Words {
	return &Words{lang: w.lang, cat: w.cat, num: newStyle(w.lang, w.cat.Strings, n)}
}

// Digits returns the number system the words write numbers in: "latn"
// or "arab" (see [Numbers]).
func (w *Words) Digits() string { return w.num.sys }

// Isolate sets a name or label from the site's files apart from the text
// around it, in the catalog's frame "isolate" (for a right-to-left
// language FSI and PDI, U+2068 and U+2069), so that a Latin name keeps its
// order inside Arabic text and Arabic inside English.
func (w *Words) Isolate(s string) string { return w.num.frames["isolate"].wrap(s) }

// appendLocal appends [Words.local] of an ASCII-formatted number.
func (w *Words) appendLocal(b, s []byte) []byte {
	if w.num.plain {
		return append(b, s...)
	}
	for _, c := range s {
		switch {
		case '0' <= c && c <= '9':
			b = append(b, w.num.digits[c-'0']...)
		case c == '.':
			b = append(b, w.num.dec...)
		case c == ',':
			b = append(b, w.num.grp...)
		case c == '-':
			b = append(b, w.num.minus...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// local writes an ASCII-formatted number (digits, ".", ",", "-") in the
// language's digits and signs. Other characters stay.
func (w *Words) local(s string) string {
	if w.num.plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			b.WriteString(w.num.digits[r-'0'])
		case r == '.':
			b.WriteString(w.num.dec)
		case r == ',':
			b.WriteString(w.num.grp)
		case r == '-':
			b.WriteString(w.num.minus)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pluralForm returns the CLDR plural category of the number written in
// ASCII as s ("3", "5.576", "1,200"), in the words' language.
func (w *Words) pluralForm(s string) string {
	i, v, f := 0, 0, 0
	frac := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c == '.':
			frac = true
		case c >= '0' && c <= '9' && frac:
			v++
			if v <= 6 {
				f = f*10 + int(c-'0')
			}
		case c >= '0' && c <= '9':
			i = (i*10 + int(c-'0')) % 1000000
		}
	}
	return formName(plural.Cardinal.MatchPlural(w.num.tag, i, v, v, f, f))
}

// formName names a plural form as the catalog's keys do.
func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// form returns the frame of the plural family key for the number s: the
// form of the language's rule if the catalog has it, else KEY_other.
func (w *Words) form(key, s string) frame {
	if !w.num.forms[key] {
		return w.num.frames[key+"_other"]
	}
	if f, ok := w.num.frames[key+"_"+w.pluralForm(s)]; ok {
		return f
	}
	return w.num.frames[key+"_other"]
}
