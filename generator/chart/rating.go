package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"reckon/generator/costmodel"
)

// ratingMark is how the ladder and the timeline mark a claim's rating: a
// symbol and a colour for its place on the site's scale, and the rating's
// label, which the legend and every point's label say in words, so that a
// rating never rests on colour or shape alone.
type ratingMark struct {
	Value  int
	Label  string // the rating's label ("Misleading"), or the catalog's word for no rating
	Symbol string
	Color  string
}

// bandMarks are the symbols and colours of the five bands of a scale, from
// the worst (0) to the best (4): the site's rating badges use the same bands.
var bandMarks = [5]struct{ Symbol, Color string }{
	{crossSymbol, colBand0},
	{"triangle", colBand1},
	{"emptyRect", colBand2},
	{"diamond", colBand3},
	{"circle", colBand4},
}

// band places a rating on a scale of five bands, 0 the worst and 4 the
// best, as the site's badges do.
func band(r costmodel.Rating) int {
	if r.Best <= r.Worst {
		return 2
	}
	b := int(math.Round(float64(r.Value-r.Worst) / float64(r.Best-r.Worst) * 4))
	return min(max(b, 0), 4)
}

// ratingLabel is a claim's rating in words: its label, or "Not rated".
func (mk *maker) ratingLabel(r costmodel.Rating) string {
	if r.Label == "" {
		return mk.w.Say("chart_rating_none")
	}
	return r.Label
}

// markOfRating is the mark of a rating.
func (mk *maker) markOfRating(r costmodel.Rating) ratingMark {
	if r.Label == "" {
		return ratingMark{Value: r.Value, Label: mk.ratingLabel(r), Symbol: "emptyCircle", Color: colMuted}
	}
	b := bandMarks[band(r)]
	return ratingMark{Value: r.Value, Label: r.Label, Symbol: b.Symbol, Color: b.Color}
}

// ratingMarks lists the distinct ratings of claims, best first, and the
// claims' ratings' keys, so that each rating is one series of the chart and
// one entry of its legend.
func (mk *maker) ratingMarks(claims []*costmodel.Claim) []ratingMark {
	var out []ratingMark
	seen := map[string]bool{}
	for _, c := range claims {
		m := mk.markOfRating(c.Rating)
		if k := ratingKey(c.Rating); !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b ratingMark) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// ratingKey tells ratings apart: the same value and label are one rating.
func ratingKey(r costmodel.Rating) string { return strconv.Itoa(r.Value) + "\x00" + r.Label }

// sameRating reports whether a claim's rating is the one marked by m.
func (mk *maker) sameRating(c *costmodel.Claim, m ratingMark) bool {
	return c.Rating.Value == m.Value && mk.ratingLabel(c.Rating) == m.Label
}
