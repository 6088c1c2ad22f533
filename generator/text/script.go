package text

import (
	"strings"
)

// ScriptNumbers is what a page's script needs to write the numbers of a
// chart's axis as the words write amounts ([Words.Money]): the digits and
// signs, the frame of number_isolate, the currency around an amount and
// the words for a thousand, a million, a billion and a trillion, each by
// plural form. Every frame is [before, after] the number it holds. The
// script picks the magnitude, rounds to three significant digits, takes
// the plural form of the rounded number by the language's CLDR rule
// (Intl.PluralRules), writes it in these digits and sets the frames
// around it, inside out: amount, money, minus, isolate.
type ScriptNumbers struct {
	Digits  [10]string `json:"digits"`
	Decimal string     `json:"decimal"`
	Group   string     `json:"group"`
	Minus   string     `json:"minus"`
	Isolate [2]string  `json:"isolate"`
	// Money is the currency around an amount; empty for plain numbers.
	Money [2]string `json:"money"`
	// Amounts holds, by magnitude ("K", "M", "B", "T"), the frame of
	// each plural form the catalog gives (at least "other"). The
	// thousands (amount_K) are for axes only: prose writes them in full.
	Amounts map[string]map[string][2]string `json:"amounts"`
}

// Script returns the [ScriptNumbers] of amounts in currency, or of plain
// numbers when currency is "".
func (w *Words) Script(currency string) ScriptNumbers {
	n := ScriptNumbers{
		Digits: w.num.digits, Decimal: w.num.dec, Group: w.num.grp, Minus: w.num.minus,
		Isolate: pair(w.num.isolate), Amounts: map[string]map[string][2]string{},
	}
	if currency != "" {
		const mark = "\x00"
		pre, post, _ := strings.Cut(w.cash(currency, mark), mark)
		n.Money = [2]string{pre, post}
	}
	for _, mag := range []string{"K", "M", "B", "T"} {
		forms := map[string][2]string{}
		for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
			if f, ok := w.num.frames["amount_"+mag+"_"+form]; ok {
				forms[form] = pair(f)
			}
		}
		if _, ok := forms["other"]; ok {
			n.Amounts[mag] = forms
		}
	}
	return n
}

func pair(f frame) [2]string { return [2]string{f.pre, f.post} }
