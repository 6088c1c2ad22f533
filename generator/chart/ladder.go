package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/costmodel"
)

// ladder sets every claim of a topic, smallest figure first, beside the
// model's range for the scope it measures, on a log axis. Each figure is
// marked by its verdict with a symbol and a word.
func (mk *maker) ladder(t *costmodel.Topic) *spec {
	claims := byFigure(t)
	if len(claims) == 0 {
		return nil
	}
	cur := t.Currency
	first, last := claims[0], claims[len(claims)-1]
	counts := map[string]int{}
	var rows []string
	for _, c := range claims {
		counts[c.Figure.Verdict]++
		m := c.Figure.Model
		rows = append(rows, fmt.Sprintf("%s, %s: %s; the model gives %s for what it measures",
			c.Claim.Claimant, mk.figure(c.Claim.Figure), verdictWord(c.Figure.Verdict), mk.estimate(m, cur)))
	}
	s := mk.newSpec(t.Topic.ID, Ladder, Ladder, fmt.Sprintf(
		"Chart of %d claims on a logarithmic scale, each figure marked by its verdict beside the model's range for the scope it measures: %s.",
		len(claims), mk.list(rows, 12)))
	s.title = "Every claim beside the model's estimate for what it measures"

	// The takeaway: the spread of the figures, and how many fit the model.
	var b strings.Builder
	if len(claims) == 1 {
		fmt.Fprintf(&b, "The one claim, %s's %s, is %s the model's estimate for the scope it measures.",
			first.Claim.Claimant, mk.figure(first.Claim.Figure), verdictPhrase(first.Figure.Verdict))
	} else {
		fmt.Fprintf(&b, "The %d claims run from %s's %s to %s's %s", len(claims),
			first.Claim.Claimant, mk.figure(first.Claim.Figure), last.Claim.Claimant, mk.figure(last.Claim.Figure))
		if first.Figure.Value > 0 && last.Figure.Value > first.Figure.Value {
			fmt.Fprintf(&b, ", %s times as much", mk.factor(last.Figure.Value/first.Figure.Value))
		}
		fmt.Fprintf(&b, "; %d of them %s consistent with the model's estimate for the scope they measure", counts[costmodel.Consistent], plural(counts[costmodel.Consistent], "is", "are"))
		var rest []string
		if n := counts[costmodel.Plausible]; n > 0 {
			rest = append(rest, fmt.Sprintf("%d plausible", n))
		}
		if n := counts[costmodel.Contradicted]; n > 0 {
			rest = append(rest, fmt.Sprintf("%d contradicted", n))
		}
		if len(rest) > 0 {
			fmt.Fprintf(&b, ", %s", strings.Join(rest, " and "))
		}
		b.WriteString(".")
	}
	s.caption = b.String()

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
		cats = append(cats, c.Claim.Claimant+": "+mk.shortFigure(c.Claim.Figure)+", "+verdictWord(c.Figure.Verdict))
	}
	row := s.b.rows(opts.XAxis{Type: axisType, Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine()}, cats)
	s.b.grid(32)

	// The model's range: a transparent base and a bar from low to high.
	var base, span, central []item
	for i, c := range claims {
		m := c.Figure.Model
		tip := []string{"Model: " + scopeLabel(t, c.Claim.Scope), "Estimate: " + mk.estimate(m, cur)}
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
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "base", Type: "bar", Stack: "range", BarWidth: "8", Data: base,
		ItemStyle: &opts.ItemStyle{Color: colNone}}, Silent: true})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "Model range", Type: "bar", Stack: "range", BarWidth: "8", Data: span,
		ItemStyle: &opts.ItemStyle{Color: colRange}}})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "Model central", Type: "scatter", Symbol: "rect", SymbolSize: []int{3, 18}, Data: central,
		ItemStyle: &opts.ItemStyle{Color: colCentral}}, Z: 3})

	// The figures, one series per verdict so that the legend shows each mark.
	legend := []string{}
	for _, vm := range allMarks() {
		var data []item
		for i, c := range claims {
			if markOf(c.Figure.Verdict).Verdict != vm.Verdict || !finite(c.Figure.Value) || log && c.Figure.Value <= 0 {
				continue
			}
			data = append(data, item{Name: c.Claim.Claimant, Value: []any{plot(c.Figure.Value), i}, Tip: mk.claimTip(t, c)})
		}
		if len(data) == 0 {
			continue
		}
		legend = append(legend, vm.Name)
		s.b.add(series{SingleSeries: charts.SingleSeries{Name: vm.Name, Type: "scatter", Symbol: vm.Symbol, SymbolSize: 13, Data: data,
			ItemStyle: &opts.ItemStyle{Color: vm.Color, BorderColor: colText, BorderWidth: 1}}, Z: 4})
	}
	s.b.legend(append(legend, "Model range", "Model central")...)
	s.height = 32 + s.b.top + row*len(claims) + 32

	s.table = Table{
		Caption: "The claims, from the smallest figure to the largest, beside the model's estimate for the scope each measures",
		Header:  []string{"Claim", "Claimant", "Figure", "In " + cur, "Measures", "Model estimate", "Verdict"},
		Numeric: []bool{false, false, true, true, false, true, false},
	}
	s.data.Columns = []string{"claim", "title", "claimant", "date", "figure", "figure_currency", "qualifier",
		"value", "currency", "scope", "scope_label", "model_low", "model_central", "model_high", "verdict", "rating"}
	for _, c := range claims {
		m := c.Figure.Model
		s.table.Rows = append(s.table.Rows, []string{c.Claim.Title, c.Claim.Claimant, mk.figure(c.Claim.Figure),
			mk.money(c.Figure.Value, cur), scopeLabel(t, c.Claim.Scope), mk.estimate(m, cur), verdictWord(c.Figure.Verdict)})
		s.data.add(c.Claim.ID, c.Claim.Title, c.Claim.Claimant, c.Claim.Date.String(), c.Claim.Figure.Value, c.Claim.Figure.Currency,
			qualifier(c.Claim.Figure.Qualifier), c.Figure.Value, cur, c.Claim.Scope, scopeLabel(t, c.Claim.Scope),
			m.Low, m.Central, m.High, c.Figure.Verdict, c.Rating.Label)
	}
	return s
}

// claimTip is a claim's tooltip: its title, who said it when, its figure,
// the model's estimate and the verdicts.
func (mk *maker) claimTip(t *costmodel.Topic, c *costmodel.Claim) []string {
	cur := t.Currency
	fig := mk.figure(c.Claim.Figure)
	if c.Claim.Figure.Currency != cur {
		fig += " (" + mk.money(c.Figure.Value, cur) + ")"
	}
	m := c.Figure.Model
	tip := []string{c.Claim.Title,
		c.Claim.Claimant + ", " + mk.date(c.Claim.Date),
		"Figure: " + fig,
		"Model for " + scopeLabel(t, c.Claim.Scope) + ": " + mk.estimate(m, cur),
		"Verdict on the figure: " + verdictWord(c.Figure.Verdict)}
	if c.Rating.Label != "" {
		tip = append(tip, "Rating: "+c.Rating.Label)
	}
	return tip
}

// verdictPhrase is a figure verdict with the preposition that ties it to
// the model's estimate: "consistent with", "contradicted by".
func verdictPhrase(v string) string {
	switch v {
	case costmodel.Consistent:
		return "consistent with"
	case costmodel.Plausible:
		return "plausible given"
	case costmodel.Contradicted:
		return "contradicted by"
	}
	return "not rated against"
}

func qualifier(q string) string {
	if q == "" {
		return "exact"
	}
	return q
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
