package chart

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/costmodel"
)

// day is a day in milliseconds, the unit of ECharts' time axis.
const day = 24 * 60 * 60 * 1000

// timeline sets the claims by the date they were made (x, a UTC time axis)
// against their figures in the topic's currency (y, log), each marked by
// its rating with a symbol and labelled with its claimant and rating.
func (mk *maker) timeline(t *costmodel.Topic) *spec {
	if len(t.Claims) == 0 {
		return nil
	}
	cur := t.Currency
	claims := slices.Clone(t.Claims)
	slices.SortStableFunc(claims, func(a, b *costmodel.Claim) int {
		return cmp.Or(a.Claim.Date.Compare(b.Claim.Date), strings.Compare(a.Claim.ID, b.Claim.ID))
	})
	first, last := claims[0], claims[len(claims)-1]
	var rows []string
	var values []float64
	for _, c := range claims {
		rows = append(rows, mk.w.Say("chart_timeline_row", "date", mk.date(c.Claim.Date), "claimant", mk.w.Isolate(c.Claim.Claimant),
			"figure", mk.figure(c.Claim.Figure), "rating", mk.ratingLabel(c.Rating)))
		values = append(values, c.Figure.Value)
	}
	s := mk.newSpec(t.Topic.ID, Timeline, Timeline, mk.w.Say("chart_timeline_description", "n", mk.w.Int(len(claims)), "rows", mk.list(rows, 12)))
	s.title = mk.w.Say("chart_timeline_title")
	if len(claims) == 1 {
		s.caption = mk.w.Say("chart_timeline_one", "date", mk.date(first.Claim.Date), "claim", mk.claimFigure(first))
	} else {
		s.caption = mk.w.Say("chart_timeline_many", "n", mk.w.Int(len(claims)), "first_date", mk.date(first.Claim.Date), "last_date", mk.date(last.Claim.Date),
			"first", mk.claimFigure(first), "last", mk.claimFigure(last))
	}

	lo, hi, log := logExtent(values)
	yType := "log"
	if !log {
		yType = "value"
		lo, hi = linearExtent(values)
	}
	t0, t1 := first.Claim.Date.Time().UnixMilli(), last.Claim.Date.Time().UnixMilli()
	pad := max((t1-t0)/12, 30*day)
	x0, x1 := t0-pad, t1+pad
	s.b.v.useUTC = true
	s.b.axes(
		opts.XAxis{Type: "time", Min: x0, Max: x1, SplitNumber: 4,
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: fmtDate, Color: colMuted, HideOverlap: opts.Bool(true)},
			SplitLine: splitLine()},
		opts.YAxis{Type: yType, Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine()},
	)
	s.b.grid(32)
	var legend []string
	for _, rm := range mk.ratingMarks(claims) {
		var data []item
		for _, c := range claims {
			if !mk.sameRating(c, rm) || !finite(c.Figure.Value) || log && c.Figure.Value <= 0 {
				continue
			}
			ms := c.Claim.Date.Time().UnixMilli()
			pos := "right"
			if float64(ms-x0) > 0.7*float64(x1-x0) {
				pos = "left"
			}
			data = append(data, item{Name: c.Claim.Claimant, Value: []any{ms, plot(c.Figure.Value)}, Claim: c.Claim.ID, Rating: rm.Label,
				Text: mk.w.Say("chart_timeline_label", "claimant", mk.w.Isolate(c.Claim.Claimant), "rating", rm.Label), Tip: mk.claimTip(t, c), Label: &opts.Label{Position: pos}})
		}
		if len(data) == 0 {
			continue
		}
		legend = append(legend, rm.Label)
		s.b.add(series{SingleSeries: charts.SingleSeries{Name: rm.Label, Type: "scatter", Symbol: rm.Symbol, SymbolSize: 13, Data: data,
			ItemStyle:   &opts.ItemStyle{Color: rm.Color, BorderColor: colText, BorderWidth: 1},
			Label:       &opts.Label{Show: opts.Bool(true), Formatter: fmtText, Color: colText, FontSize: 12},
			LabelLayout: &opts.LabelLayout{HideOverlap: opts.Bool(true)}}})
	}
	s.b.legend(legend...)
	s.height = 380

	s.table = Table{
		Caption: mk.w.Say("chart_timeline_table"),
		Header: []string{mk.w.Say("col_date"), mk.w.Say("chart_col_claimant"), mk.w.Say("col_claim"), mk.w.Say("col_figure"),
			mk.w.Say("chart_col_in_currency", "currency", cur), mk.w.Say("chart_col_verdict"), mk.w.Say("chart_col_rating")},
		Numeric: []bool{false, false, false, true, true, false, false},
	}
	s.data.Columns = []string{"date", "claim", "claimant", "title", "figure", "figure_currency", "qualifier", "value", "currency", "verdict", "rating"}
	for _, c := range claims {
		s.table.Rows = append(s.table.Rows, []string{mk.date(c.Claim.Date), c.Claim.Claimant, c.Claim.Title, mk.figure(c.Claim.Figure),
			mk.money(c.Figure.Value, cur), mk.verdictWord(c.Figure.Verdict), mk.ratingLabel(c.Rating)})
		s.data.add(c.Claim.Date.String(), c.Claim.ID, c.Claim.Claimant, c.Claim.Title, c.Claim.Figure.Value, c.Claim.Figure.Currency,
			qualifier(c.Claim.Figure.Qualifier), c.Figure.Value, cur, string(c.Figure.Verdict), c.Rating.Label)
	}
	return s
}
