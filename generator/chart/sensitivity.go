package chart

import (
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
		rows = append(rows, mk.w.Say("chart_sensitivity_row", "input", mk.w.Isolate(inputLabel(x)), "low", mk.money(x.AtLow, cur), "high", mk.money(x.AtHigh, cur)))
		values = append(values, x.AtLow, x.AtHigh)
	}
	s := mk.newSpec(t.Topic.ID, Sensitivity, Sensitivity, mk.w.Say("chart_sensitivity_description",
		"scope", label, "central", mk.money(central, cur), "rows", mk.list(rows, 12)))
	s.title = mk.w.Say("chart_sensitivity_title", "scope", mk.w.Isolate(label))
	top := sc.Sensitivity[0]
	args := []string{"scope", mk.w.Isolate(label), "input", mk.w.Isolate(inputLabel(top)), "low", mk.round(top.AtLow, cur), "high", mk.round(top.AtHigh, cur)}
	if len(sc.Sensitivity) == 1 {
		s.caption = mk.w.Say("chart_sensitivity_one", args...)
	} else {
		s.caption = mk.w.Say("chart_sensitivity_many", append(args, "n", mk.w.Int(len(sc.Sensitivity)), "share", mk.percent(top.Share))...)
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
		lowColor, highColor := colLow, colHigh                               // the left half stands for the input's low end
		lowEnd, highEnd := "chart_sensitivity_low", "chart_sensitivity_high" // the catalog keys of the ends' labels
		if x.AtLow > x.AtHigh {
			lowColor, highColor = colHigh, colLow
			lowEnd, highEnd = highEnd, lowEnd
		}
		tip := []string{inputLabel(x),
			mk.w.Say("chart_tip_at_low", "amount", mk.money(x.AtLow, cur)),
			mk.w.Say("chart_tip_at_high", "amount", mk.money(x.AtHigh, cur)),
			mk.w.Say("chart_tip_swing", "swing", mk.money(x.Swing, cur), "share", mk.percent(x.Share))}
		base = append(base, item{Value: plot(a)})
		left = append(left, item{Name: inputLabel(x), Value: plot(c - a), Text: mk.w.Say(lowEnd, "amount", mk.money(a, cur)), Tip: tip,
			ItemStyle: &opts.ItemStyle{Color: lowColor}})
		right = append(right, item{Name: inputLabel(x), Value: plot(b - c), Text: mk.w.Say(highEnd, "amount", mk.money(b, cur)), Tip: tip,
			ItemStyle: &opts.ItemStyle{Color: highColor}})
	}
	row := s.b.rows(opts.XAxis{Type: "value", Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine(),
		Name: mk.w.Say("chart_sensitivity_axis", "central", mk.money(central, cur)), NameLocation: "middle", NameGap: 30}, cats)
	s.b.bottom = 24 // the axis's name
	s.b.grid(8)
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "base", Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: base,
		ItemStyle: &opts.ItemStyle{Color: colNone}}, StackStrategy: "all", Silent: true})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: mk.w.Say("chart_sensitivity_below"), Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: left,
		Label: &opts.Label{Show: opts.Bool(true), Position: "left", Formatter: fmtText, Color: colText, FontSize: 12},
		MarkLines: &opts.MarkLines{
			Data: []any{opts.MarkLineNameXAxisItem{Name: mk.w.Say("chart_sensitivity_central"), XAxis: central}},
			MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(false)},
				LineStyle: &opts.LineStyle{Color: colCentral, Type: "dashed", Width: 1}},
		}}, StackStrategy: "all", BarMinHeight: 1})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: mk.w.Say("chart_sensitivity_above"), Type: "bar", Stack: "tornado", BarWidth: strconv.Itoa(rowBar), Data: right,
		Label: &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: fmtText, Color: colText, FontSize: 12}},
		StackStrategy: "all", BarMinHeight: 1})
	s.height = 8 + s.b.top + row*len(cats) + 56

	s.table = Table{
		Caption: mk.w.Say("chart_sensitivity_table", "scope", mk.w.Isolate(label), "central", mk.money(central, cur)),
		Header:  []string{mk.w.Say("col_input"), mk.w.Say("col_at_low"), mk.w.Say("col_at_high"), mk.w.Say("chart_col_swing"), mk.w.Say("col_share")},
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
