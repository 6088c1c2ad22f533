package chart

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/costmodel"
)

// sensitivity is a tornado chart of the topic's broadest scope: for each
// input that varies, largest swing first, a bar from the scope's value with
// the input at one end of its range to its value at the other, split at the
// central estimate. The two halves are coloured by the end of the input's
// range they stand for and labelled with their values, on a linear axis.
func (mk *maker) sensitivity(t *costmodel.Topic) *spec {
	sc := t.Broadest()
	if sc == nil || len(sc.Sensitivity) == 0 {
		return nil
	}
	cur := t.Currency
	label := sc.Scope.Label
	if label == "" {
		label = sc.Scope.Name
	}
	central := sc.Central
	var rows []string
	var values []float64
	for _, x := range sc.Sensitivity {
		rows = append(rows, fmt.Sprintf("%s, %s at its low end and %s at its high end", inputLabel(x), mk.money(x.AtLow, cur), mk.money(x.AtHigh, cur)))
		values = append(values, x.AtLow, x.AtHigh)
	}
	s := mk.newSpec(t.Topic.ID, Sensitivity, Sensitivity, fmt.Sprintf(
		"Tornado chart of the estimate for %s, %s, with one input at a time at the low or high end of its range: %s.",
		label, mk.money(central, cur), mk.list(rows, 12)))
	s.title = "What moves the estimate for " + label
	top := sc.Sensitivity[0]
	if len(sc.Sensitivity) == 1 {
		s.caption = fmt.Sprintf("Only one input of the estimate for %s varies: %s, which moves it from %s to %s.",
			label, inputLabel(top), mk.money(top.AtLow, cur), mk.money(top.AtHigh, cur))
	} else {
		s.caption = fmt.Sprintf("Of %d inputs that vary, %s moves the estimate for %s most: from %s to %s, %s of the total swing.",
			len(sc.Sensitivity), inputLabel(top), label, mk.money(top.AtLow, cur), mk.money(top.AtHigh, cur), mk.percent(top.Share))
	}

	// The axis: around the values, with room for the labels at both ends.
	values = append(values, central)
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		vmin, vmax = min(vmin, v), max(vmax, v)
	}
	pad := 0.35 * (vmax - vmin)
	if pad == 0 {
		pad = math.Max(0.1*math.Abs(central), 1)
	}
	step := niceCeil((vmax - vmin + 2*pad) / 5)
	lo, hi := math.Floor((vmin-pad)/step)*step, math.Ceil((vmax+pad)/step)*step
	if vmin >= 0 && lo < 0 {
		lo = 0
	}

	var cats []string
	var base, left, right []item
	for _, x := range sc.Sensitivity {
		cats = append(cats, inputLabel(x))
		a, b := min(x.AtLow, x.AtHigh), max(x.AtLow, x.AtHigh)
		c := min(max(central, a), b)
		lowColor, highColor := colLow, colHigh // the left half stands for the input's low end
		lowEnd, highEnd := "low", "high"
		if x.AtLow > x.AtHigh {
			lowColor, highColor = colHigh, colLow
			lowEnd, highEnd = "high", "low"
		}
		tip := []string{inputLabel(x),
			"With the input at its low end: " + mk.money(x.AtLow, cur),
			"With the input at its high end: " + mk.money(x.AtHigh, cur),
			"Swing: " + mk.money(x.Swing, cur) + " (" + mk.percent(x.Share) + " of the total)"}
		base = append(base, item{Value: plot(a)})
		left = append(left, item{Name: inputLabel(x), Value: plot(c - a), Text: mk.money(a, cur) + " (" + lowEnd + ")", Tip: tip,
			ItemStyle: &opts.ItemStyle{Color: lowColor}})
		right = append(right, item{Name: inputLabel(x), Value: plot(b - c), Text: mk.money(b, cur) + " (" + highEnd + ")", Tip: tip,
			ItemStyle: &opts.ItemStyle{Color: highColor}})
	}
	row := s.b.rows(opts.XAxis{Type: "value", Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine(),
		Name: "Dashed line: the central estimate, " + mk.money(central, cur), NameLocation: "middle", NameGap: 30}, cats)
	s.b.bottom = 24 // the axis's name
	s.b.grid(8)
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "base", Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: base,
		ItemStyle: &opts.ItemStyle{Color: colNone}}, StackStrategy: "all", Silent: true})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "Below the central estimate", Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: left,
		Label: &opts.Label{Show: opts.Bool(true), Position: "left", Formatter: fmtText, Color: colText, FontSize: 12},
		MarkLines: &opts.MarkLines{
			Data: []any{opts.MarkLineNameXAxisItem{Name: "Central estimate", XAxis: central}},
			MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(false)},
				LineStyle: &opts.LineStyle{Color: colCentral, Type: "dashed", Width: 1}},
		}}, StackStrategy: "all", BarMinHeight: 1})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "Above the central estimate", Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: right,
		Label: &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: fmtText, Color: colText, FontSize: 12}},
		StackStrategy: "all", BarMinHeight: 1})
	s.height = 8 + s.b.top + row*len(cats) + 56

	s.table = Table{
		Caption: fmt.Sprintf("The estimate for %s (central %s) with one input at its low or high end and the others central", label, mk.money(central, cur)),
		Header:  []string{"Input", "At its low end", "At its high end", "Swing", "Share of the swing"},
		Numeric: []bool{false, true, true, true, true},
	}
	s.data.Columns = []string{"param", "label", "at_low", "at_high", "swing", "share", "central", "currency", "scope"}
	for _, x := range sc.Sensitivity {
		s.table.Rows = append(s.table.Rows, []string{inputLabel(x), mk.money(x.AtLow, cur), mk.money(x.AtHigh, cur), mk.money(x.Swing, cur), mk.percent(x.Share)})
		s.data.add(x.Param, inputLabel(x), x.AtLow, x.AtHigh, x.Swing, x.Share, central, cur, sc.Scope.Name)
	}
	return s
}

func inputLabel(x costmodel.Sensitivity) string {
	if x.Label != "" {
		return x.Label
	}
	return x.Param
}
