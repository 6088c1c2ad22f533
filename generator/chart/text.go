package chart

import (
	"math"
	"strings"
	"unicode/utf8"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/text"
)

// money writes an amount as the rest of the site does: $5.576M, CNY 1B.
func (mk *maker) money(v float64, currency string) string {
	return mk.amounts.write(mk.w, writeMoney, v, currency)
}

// signed writes a change with its sign: +$16.73M, −$22.6M.
func (mk *maker) signed(v float64, currency string) string {
	return mk.amounts.write(mk.w, writeSigned, v, currency)
}

// round writes an amount for a caption or a label on the plot, where a
// reader wants its size: $2.4B, $1.45B ([text.Words.Round]); tables,
// tooltips and descriptions keep [maker.money].
func (mk *maker) round(v float64, currency string) string {
	return mk.amounts.write(mk.w, writeRound, v, currency)
}

// signedRound writes a change for a caption or a label: +$1.45B.
func (mk *maker) signedRound(v float64, currency string) string {
	return mk.amounts.write(mk.w, writeSignedRound, v, currency)
}

// amounts remembers the last amounts a maker wrote: a chart writes most of
// its amounts several times, in its tips, its table, its labels and its
// description. It is not safe for concurrent use.
type amounts struct {
	keys [16]amountKey
	vals [16]string
	next int // the entry to replace next
}

// amountKey is an amount written: how, the number's bits (so that -0 is
// not 0) and the currency.
type amountKey struct {
	how  byte
	bits uint64
	cur  string
}

// How amounts are written ([text.Words]' methods); 0 is no entry.
const (
	writeMoney byte = 1 + iota
	writeSigned
	writeRound
	writeSignedRound
)

// write returns the amount v in currency written how, by w, as w last wrote
// it when it is remembered.
func (a *amounts) write(w *text.Words, how byte, v float64, currency string) string {
	k := amountKey{how, math.Float64bits(v), currency}
	for i := range a.keys {
		if a.keys[i] == k {
			return a.vals[i]
		}
	}
	var s string
	switch how {
	case writeMoney:
		s = w.Money(v, currency)
	case writeSigned:
		s = w.Signed(v, currency)
	case writeRound:
		s = w.Round(v, currency)
	default:
		s = w.SignedRound(v, currency)
	}
	a.keys[a.next], a.vals[a.next] = k, s
	a.next = (a.next + 1) % len(a.keys)
	return s
}

// about writes how many times one amount is another for a caption: 3.1,
// "about 430".
func (mk *maker) about(v float64) string { return mk.w.About(v) }

// figure writes a claim's figure in its own currency with its qualifier in
// words: "more than $1B".
func (mk *maker) figure(f claim.Figure) string { return mk.w.Figure(f) }

// shortFigure writes a figure with its qualifier as a sign, for axis labels:
// ">$1B", "~$1.6B".
func (mk *maker) shortFigure(f claim.Figure) string { return mk.w.ShortFigure(f) }

// percent writes a share 0..1 as a whole percentage.
func (mk *maker) percent(v float64) string { return mk.w.Percent(v) }

// date writes a date as the site does: "27 December 2024".
func (mk *maker) date(d claim.Date) string { return mk.w.Date(d) }

// verdictWord is a figure verdict as a word for labels: "consistent",
// "not rated".
func (mk *maker) verdictWord(v costmodel.Verdict) string {
	return mk.w.Say(verdictKey("chart_verdict_", v))
}

// verdictPhrase is a figure verdict with the preposition that ties it to
// the model's estimate: "consistent with", "contradicted by".
func (mk *maker) verdictPhrase(v costmodel.Verdict) string {
	return mk.w.Say(verdictKey("chart_verdict_with_", v))
}

// verdictKey is the catalog key of a figure verdict: prefix and the verdict,
// or prefix and "none" for a verdict that is not a figure's.
func verdictKey(prefix string, v costmodel.Verdict) string {
	switch v {
	case costmodel.Consistent, costmodel.Partial, costmodel.Plausible, costmodel.Contradicted:
		return prefix + string(v)
	}
	return prefix + "none"
}

// claimFigure names a claim by its claimant and figure: "DeepSeek's $5.576M".
func (mk *maker) claimFigure(c *costmodel.Claim) string {
	return mk.w.Say("chart_claimants_figure", "claimant", mk.w.Isolate(c.Claim.Claimant), "figure", mk.figure(c.Claim.Figure))
}

// span writes a range of two amounts already written: "$1M to $2M".
func (mk *maker) span(low, high string) string {
	return mk.w.Say("chart_span", "low", low, "high", high)
}

// shorten cuts s to at most n runes, at a space when there is one near the
// end, and adds an ellipsis.
func (mk *maker) shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n-1]
	cut := len(rs)
	for i := len(rs) - 1; i > n*2/3; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return mk.w.Say("chart_shortened", "text", strings.TrimRight(string(rs[:cut]), " ,;:"))
}

// lines estimates how many lines a category label wraps to at a width in
// pixels, at about 6.5 pixels a character.
func lines(s string, width int) int {
	perLine := max(1, width*2/13)
	return max(1, (utf8.RuneCountInString(s)+perLine-1)/perLine)
}

// list joins items as "a; b; c" and says how many more there are beyond n.
func (mk *maker) list(items []string, n int) string {
	if len(items) == 0 {
		return ""
	}
	head := items[0]
	for _, it := range items[1:min(n, len(items))] {
		head = mk.w.Say("chart_list_item", "head", head, "item", it)
	}
	if len(items) <= n {
		return head
	}
	return mk.w.Say("chart_list_rest", "head", head, "n", mk.w.Int(len(items)-n))
}
