package chart

import (
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
)

// ladder sets every claim of a topic, smallest figure first, beside the
// model's range for the scope it measures, on a log axis. Each figure is
// marked by its claim's rating with a symbol and the rating's label (in the
// legend and the row's name); the verdict on the figure alone is in the
// tooltip and the table.
func (mk *maker) ladder(t *costmodel.Topic) *spec {
	claims := byFigure(t)
	if len(claims) == 0 {
		return nil
	}
	cur := t.Currency
	first, last := claims[0], claims[len(claims)-1]
	marks := mk.ratingMarks(claims)
	var rows []string
	for _, c := range claims {
		m := c.Figure.Model
		rows = append(rows, mk.w.Say("chart_ladder_row", "claimant", mk.w.Isolate(c.Claim.Claimant), "figure", mk.figure(c.Claim.Figure),
			"rating", mk.ratingLabel(c.Rating), "verdict", mk.verdictPhrase(c.Figure.Verdict), "estimate", mk.estimate(m, cur)))
	}
	s := mk.newSpec(t.Topic.ID, Ladder, Ladder, mk.w.Say("chart_ladder_description", "n", mk.w.Int(len(claims)), "rows", mk.list(rows, 12)))
	s.title = mk.w.Say("chart_ladder_title")

	// The takeaway: the spread of the figures, and how they are rated.
	if len(claims) == 1 {
		s.caption = mk.w.Say("chart_ladder_one", "claim", mk.claimFigure(first), "rating", mk.ratingLabel(first.Rating),
			"verdict", mk.verdictPhrase(first.Figure.Verdict))
	} else {
		args := []string{"n", mk.w.Int(len(claims)), "first", mk.claimFigure(first), "last", mk.claimFigure(last)}
		span := mk.w.Say("chart_ladder_span", args...)
		if first.Figure.Value > 0 && last.Figure.Value > first.Figure.Value {
			span = mk.w.Say("chart_ladder_span_times", append(args, "factor", mk.about(last.Figure.Value/first.Figure.Value))...)
		}
		var counts []string
		for _, rm := range marks {
			n := 0
			for _, c := range claims {
				if mk.sameRating(c, rm) {
					n++
				}
			}
			counts = append(counts, mk.w.Say("chart_rating_count", "n", mk.w.Int(n), "rating", rm.Label))
		}
		s.caption = mk.w.Say("chart_ladder_rated", "span", span, "list", mk.w.List(counts))
	}

	// The axis: logarithmic over the figures and the model's ranges.
	var values []float64
	for _, c := range claims {
		m := c.Figure.Model
		values = append(values, c.Figure.Value, m.Low, m.Central, m.High)
	}
	lo, hi, log := logExtent(values)
	axisType := "log"
	if !log {
		axisType = "value"
		lo, hi = linearExtent(values)
	}

	// Claims are rows, named by who said what and the verdict.
	var cats []string
	for _, c := range claims {
		cats = append(cats, mk.w.Say("chart_ladder_category", "claimant", mk.w.Isolate(c.Claim.Claimant), "figure", mk.shortFigure(c.Claim.Figure), "rating", mk.ratingLabel(c.Rating)))
	}
	row := s.b.rows(opts.XAxis{Type: axisType, Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine()}, cats)
	s.b.grid(32)

	// The model's range: a transparent base and a bar from low to high.
	var base, span, central []item
	for i, c := range claims {
		m := c.Figure.Model
		tip := []string{mk.w.Say("chart_tip_model", "scope", mk.w.Isolate(scopeLabel(t, c.Claim.Scope))), mk.w.Say("chart_tip_estimate", "estimate", mk.estimate(m, cur))}
		low := m.Low
		if log && low <= 0 {
			low = lo // a range down to zero or below runs off the log axis
		}
		if finite(low, m.High) && m.High >= low && (!log || m.High > 0) {
			base = append(base, item{Value: plot(low)})
			span = append(span, item{Value: plot(m.High - low), Tip: tip})
		} else {
			base = append(base, item{Value: nil})
			span = append(span, item{Value: nil})
		}
		if finite(m.Central) && (!log || m.Central > 0) {
			central = append(central, item{Value: []any{plot(m.Central), i}, Tip: tip})
		}
	}
	modelRange, modelCentral := mk.modelSeries(s, base, span, central, 3, nil)

	// The figures, one series per rating, best first, so that the legend
	// names each mark; the rating is also written in each row's name.
	legend := []string{}
	for _, rm := range marks {
		var data []item
		for i, c := range claims {
			if !mk.sameRating(c, rm) || !finite(c.Figure.Value) || log && c.Figure.Value <= 0 {
				continue
			}
			data = append(data, item{Name: c.Claim.Claimant, Value: []any{plot(c.Figure.Value), i}, Claim: c.Claim.ID, Rating: rm.Label, Tip: mk.claimTip(t, c)})
		}
		if len(data) == 0 {
			continue
		}
		legend = append(legend, rm.Label)
		s.b.add(series{SingleSeries: charts.SingleSeries{Name: rm.Label, Type: "scatter", Symbol: rm.Symbol, SymbolSize: 13, Data: data,
			ItemStyle: &opts.ItemStyle{Color: rm.Color, BorderColor: colText, BorderWidth: 1}}, Z: 4})
	}
	s.b.legend(append(legend, modelRange, modelCentral)...)
	s.height = 32 + s.b.top + row*len(claims) + 32

	s.table = Table{
		Caption: mk.w.Say("chart_ladder_table"),
		Header: []string{mk.w.Say("col_claim"), mk.w.Say("chart_col_claimant"), mk.w.Say("col_figure"), mk.w.Say("chart_col_in_currency", "currency", cur),
			mk.w.Say("chart_col_measures"), mk.w.Say("col_model"), mk.w.Say("chart_col_verdict"), mk.w.Say("chart_col_rating")},
		Numeric: []bool{false, false, true, true, false, true, false, false},
	}
	s.data.Columns = []string{"claim", "title", "claimant", "date", "figure", "figure_currency", "qualifier",
		"value", "currency", "scope", "scope_label", "model_low", "model_central", "model_high", "verdict", "rating"}
	for _, c := range claims {
		m := c.Figure.Model
		s.table.Rows = append(s.table.Rows, []string{c.Claim.Title, c.Claim.Claimant, mk.figure(c.Claim.Figure),
			mk.money(c.Figure.Value, cur), scopeLabel(t, c.Claim.Scope), mk.estimate(m, cur), mk.verdictWord(c.Figure.Verdict), mk.ratingLabel(c.Rating)})
		s.data.add(c.Claim.ID, c.Claim.Title, c.Claim.Claimant, c.Claim.Date.String(), c.Claim.Figure.Value, c.Claim.Figure.Currency,
			qualifier(c.Claim.Figure.Qualifier), c.Figure.Value, cur, c.Claim.Scope, scopeLabel(t, c.Claim.Scope),
			m.Low, m.Central, m.High, string(c.Figure.Verdict), c.Rating.Label)
	}
	return s
}

// claimTip is a claim's tooltip: its title, who said it when, its figure,
// the model's estimate and the verdicts.
func (mk *maker) claimTip(t *costmodel.Topic, c *costmodel.Claim) []string {
	cur := t.Currency
	fig := mk.figure(c.Claim.Figure)
	if c.Claim.Figure.Currency != cur {
		fig = mk.w.Say("chart_tip_converted", "figure", fig, "converted", mk.money(c.Figure.Value, cur))
	}
	m := c.Figure.Model
	tip := []string{c.Claim.Title,
		mk.w.Say("chart_tip_claimant_date", "claimant", mk.w.Isolate(c.Claim.Claimant), "date", mk.date(c.Claim.Date)),
		mk.w.Say("chart_tip_figure", "figure", fig),
		mk.w.Say("chart_tip_model_for", "scope", mk.w.Isolate(scopeLabel(t, c.Claim.Scope)), "estimate", mk.estimate(m, cur)),
		mk.w.Say("chart_tip_verdict", "verdict", mk.verdictWord(c.Figure.Verdict))}
	// The rating first after the title: it is what the mark stands for.
	return slices.Insert(tip, 1, mk.w.Say("chart_tip_rating", "rating", mk.ratingLabel(c.Rating)))
}

func qualifier(q claim.Qualifier) string {
	if q == "" {
		return string(claim.Exact)
	}
	return string(q)
}

// modelSeries adds a model's range to s, a transparent base with a bar from
// low to high stacked on it, then its central marks, width wide and with
// label on them (nil for none). It returns the range's and the central
// marks' names, for the legend.
func (mk *maker) modelSeries(s *spec, base, span, central []item, width int, label *opts.Label) (string, string) {
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "base", Type: "bar", Stack: "range", BarWidth: "8", Data: base,
		ItemStyle: &opts.ItemStyle{Color: colNone}}, Silent: true})
	modelRange, modelCentral := mk.w.Say("chart_model_range"), mk.w.Say("chart_model_central")
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: modelRange, Type: "bar", Stack: "range", BarWidth: "8", Data: span,
		ItemStyle: &opts.ItemStyle{Color: colRange}}})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: modelCentral, Type: "scatter", Symbol: "rect", SymbolSize: []int{width, 18}, Data: central,
		ItemStyle: &opts.ItemStyle{Color: colCentral}, Label: label}, Z: 3})
	return modelRange, modelCentral
}
