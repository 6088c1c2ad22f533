package chart

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"reckon/generator/text"
)

// Formatter names. The option JSON holds them as strings in "formatter"
// and "valueFormatter" keys; the site script maps them to functions.
const (
	fmtTip    = "tip"    // tooltip: the data item's "tip" lines, as escaped text
	fmtText   = "text"   // label: the data item's "text"
	fmtDate   = "date"   // axis label: a UTC time in ms as a month and year
	fmtMoney  = "money:" // axis label: "money:USD", compact currency
	fmtNumber = "number" // axis label: a compact number
)

// Palette tokens. Colour options hold them as strings; the site script
// replaces each with the colour of the light or dark palette.
const (
	colConsistent   = "palette:consistent"
	colPlausible    = "palette:plausible"
	colContradicted = "palette:contradicted"
	colRange        = "palette:range"
	colCentral      = "palette:central"
	colIncrease     = "palette:increase"
	colDecrease     = "palette:decrease"
	colTotal        = "palette:total"
	colResidual     = "palette:residual"
	colLow          = "palette:low"
	colHigh         = "palette:high"
	colText         = "palette:text"
	colMuted        = "palette:muted"
	colGrid         = "palette:grid"
	colOnBar        = "palette:on-bar"
	colNone         = "transparent"
	// The five bands of a rating scale, worst (0) to best (4).
	colBand0 = "palette:band0"
	colBand1 = "palette:band1"
	colBand2 = "palette:band2"
	colBand3 = "palette:band3"
	colBand4 = "palette:band4"
)

// crossSymbol is an X, for the worst rating.
const crossSymbol = "path://M2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5L0,2Z"

// item is one data item. Text and Tip are read by the site script's "text"
// and "tip" formatters; ECharts keeps them on the item untouched.
type item struct {
	Name      string          `json:"name,omitempty"`
	Value     any             `json:"value"`
	Text      string          `json:"text,omitempty"`
	Claim     string          `json:"claim,omitempty"`  // a claim's point: the claim's ID
	Rating    string          `json:"rating,omitempty"` // a claim's point: its rating's label`
	Tip       []string        `json:"tip,omitempty"`    // the first line is the heading
	Symbol    string          `json:"symbol,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
}

// series is a go-echarts series with the few options go-echarts lacks.
type series struct {
	charts.SingleSeries
	StackStrategy string `json:"stackStrategy,omitempty"`
	BarMinHeight  int    `json:"barMinHeight,omitempty"`
	Silent        bool   `json:"silent,omitempty"`
	Z             int    `json:"z,omitempty"`
}

// axisLabel is go-echarts' axis label with a numeric line height, which
// ECharts needs to wrap labels, and a padding.
type axisLabel struct {
	opts.AxisLabel
	LineHeight int    `json:"lineHeight,omitempty"`
	Padding    []int  `json:"padding,omitempty"`
	Align      string `json:"align,omitempty"`
}

// yAxis is go-echarts' y axis with such a label, and ticks.
type yAxis struct {
	opts.YAxis
	AxisLabel *axisLabel     `json:"axisLabel,omitempty"`
	AxisTick  *opts.AxisTick `json:"axisTick,omitempty"`
}

// visitor writes the series and the y axis with their extra options, and
// the top-level options go-echarts lacks.
type visitor struct {
	charts.BaseConfigurationVisitor
	series []series
	yAxis  []yAxis
	useUTC bool
	rtl    bool // the tooltip reads from right to left
	// numbers is how the site script writes the value axis's numbers, as
	// the words write amounts: the option's "numbers", which the script
	// reads and removes before drawing.
	numbers *text.ScriptNumbers
}

// rtlTooltip is go-echarts' tooltip with the CSS ECharts adds to its box.
type rtlTooltip struct {
	opts.Tooltip
	ExtraCSSText string `json:"extraCssText"`
}

func (v *visitor) VisitTooltipOpt(t opts.Tooltip) any {
	if v.rtl {
		return rtlTooltip{t, "direction:rtl;text-align:right"}
	}
	return t
}

func (v *visitor) VisitSeriesOpt(charts.MultiSeries) any { return v.series }

func (v *visitor) VisitYAxis(ys []opts.YAxis) any {
	if v.yAxis != nil {
		return v.yAxis
	}
	return ys
}

func (v *visitor) Visit(m map[string]any) {
	if v.useUTC {
		m["useUTC"] = true
	}
	if v.numbers != nil {
		m["numbers"] = v.numbers
	}
}

// builder assembles one chart's option with go-echarts' typed options.
type builder struct {
	bar    *charts.Bar
	v      *visitor
	rtl    bool   // mirrored for a right-to-left page (see [builder.mirror])
	digits string // the number system of the axes' labels when not "latn"
	top    int    // room the first row's name needs above the plot, in pixels
	bottom int    // room below the x axis's labels, in pixels
	// legendRoom is the height the legend takes beyond its first line on
	// a phone, in pixels.
	legendRoom int
}

// newBuilder starts a chart from a copy of proto, a chart fresh from
// charts.NewBar: the builder replaces, never changes in place, the options
// the copy shares with proto (axes, grids, colours).
func newBuilder(proto *charts.Bar, elementID, description string) *builder {
	bar := new(charts.Bar)
	*bar = *proto
	b := &builder{bar: bar, v: &visitor{}}
	b.bar.Accept(b.v)
	b.bar.Colors = []string{colConsistent, colPlausible, colContradicted, colRange}
	// What charts.WithInitializationOpts(opts.Initialization{ChartID:
	// elementID}), WithTooltipOpts and WithLegendOpts set, without
	// setting the initialization's defaults again by reflection: proto's
	// are set.
	b.bar.Initialization.ChartID = elementID
	b.bar.Tooltip = opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: fmtTip}
	b.bar.Legend = opts.Legend{Show: opts.Bool(false)}
	b.bar.Aria = &opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: description}}
	return b
}

// legend shows the series of these names in a legend above the plot,
// every entry in view: the legend wraps to as many lines as the chart's
// width needs. The grid leaves room for one line; charts.js moves the plot
// down by legendLine for each line more, and the chart is legendRoom
// taller than it needs for one, so that the plot keeps its size on a
// phone (and the page does not shift when the chart draws).
func (b *builder) legend(names ...string) {
	b.bar.Legend = opts.Legend{Show: opts.Bool(true), Top: "0", Left: "center", Data: names,
		TextStyle: &opts.TextStyle{Color: colText, FontSize: legendFont}}
	b.legendRoom = (legendLines(names, narrowWidth) - 1) * legendLine
}

// The legend's layout, as ECharts draws it by default: a symbol
// legendSymbol pixels wide and a gap of 5 before each name in
// legendFont-pixel text, entries legendGap apart, lines legendLine apart
// (charts.js measures the names with the same numbers). narrowWidth is the width of a
// chart on a phone, less the legend's padding.
const (
	legendSymbol = 25
	legendGap    = 10
	legendFont   = 12
	legendLine   = 24
	narrowWidth  = 340
)

// legendLines estimates how many lines a legend of these names wraps to at
// a width in pixels, at about 7 pixels a character (a little more than
// most fonts take, so that the room is enough).
func legendLines(names []string, width int) int {
	n, x := 1, 0
	for _, name := range names {
		w := legendSymbol + 5 + 7*utf8.RuneCountInString(name)
		if x > 0 && x+w > width {
			n, x = n+1, 0
		}
		x += w + legendGap
	}
	return n
}

// grid sets the margins around the plot, in pixels, with room for the
// value axis's labels at both ends.
func (b *builder) grid(top int) {
	b.bar.GridList = []opts.Grid{{Left: "20", Right: "24", Top: strconv.Itoa(top + b.top), Bottom: strconv.Itoa(8 + b.bottom), ContainLabel: opts.Bool(true)}}
}

// axes sets the axes.
func (b *builder) axes(x opts.XAxis, y opts.YAxis) {
	b.bar.XAxisList = []opts.XAxis{x}
	b.bar.YAxisList = []opts.YAxis{y}
}

// rows sets the x axis and, as the y axis, rows named by cats from top to
// bottom, each name above its row inside the plot, so that the plot keeps
// the chart's whole width on a phone. It returns the height of a row.
func (b *builder) rows(x opts.XAxis, cats []string) int {
	y := opts.YAxis{Type: "category", Inverse: opts.Bool(true), Data: cats, AxisLine: &opts.AxisLine{Show: opts.Bool(false)}}
	b.axes(x, y)
	b.v.yAxis = []yAxis{{YAxis: y, AxisTick: &opts.AxisTick{Show: opts.Bool(false)},
		AxisLabel: &axisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Inside: opts.Bool(true),
			Color: colText, Width: rowLabelWidth, Overflow: "break", VerticalAlign: "bottom",
			ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true)},
			LineHeight: 15, Padding: []int{0, 0, rowBar/2 + 5, 0}}}}
	n := 1
	for _, c := range cats {
		n = max(n, lines(c, rowLabelWidth))
	}
	// A name sits in the lower part of the row above, which holds only
	// half a bar: the first needs room above the plot.
	row := 15*n + rowBar + 18
	b.top = max(0, 15*n+rowBar/2+5-row/2)
	return row
}

// Rows of horizontal charts: names wrap at rowLabelWidth pixels, bars are
// rowBar pixels thick.
const (
	rowLabelWidth = 300
	rowBar        = 14
)

// add adds a series; they are drawn in the order added.
func (b *builder) add(s series) {
	if b.v.series == nil {
		b.v.series = make([]series, 0, 2) // most charts have two
	}
	b.v.series = append(b.v.series, s)
}

// json appends the option to buf as json.Marshal writes it ([encoder]),
// which escapes <, >, & and U+2028/2029 in strings, so the bytes may sit
// inside a <script> element as they are.
func (b *builder) json(buf []byte) ([]byte, error) {
	return appendOption(buf, b.option())
}

// option returns the option as go-echarts makes it, mirrored and in the
// words' number system. It runs once.
func (b *builder) option() map[string]any {
	if b.rtl {
		b.mirror()
	}
	if b.digits != "" {
		b.numberSystem()
	}
	return b.bar.JSON()
}

// numberSystem names the words' number system in the formatters of the
// axes' labels, "money:USD@arab", so that the site script writes their
// numbers in the digits of the page's text.
func (b *builder) numberSystem() {
	suffix := func(l *opts.AxisLabel) *opts.AxisLabel {
		if l == nil || l.Formatter == "" {
			return l
		}
		c := *l
		c.Formatter = types.FuncStr(string(l.Formatter) + "@" + b.digits)
		return &c
	}
	xs := slices.Clone(b.bar.XAxisList)
	for i := range xs {
		xs[i].AxisLabel = suffix(xs[i].AxisLabel)
	}
	b.bar.XAxisList = xs
	ys := slices.Clone(b.bar.YAxisList)
	for i := range ys {
		ys[i].AxisLabel = suffix(ys[i].AxisLabel)
	}
	b.bar.YAxisList = ys
}

// mirror turns the chart for a right-to-left page: the value or time axis
// runs from right to left (smallest, or earliest, at the right), the rows'
// names stand at the right and end there, the plot's margins change
// sides, a legend's symbols follow their names, the tooltip reads from
// right to left, and a label beside (or inside) a bar's end or a point
// changes sides with it. It replaces what it changes, as the builder's
// other methods do, and runs once, before the option is marshalled.
func (b *builder) mirror() {
	xs := slices.Clone(b.bar.XAxisList)
	for i := range xs {
		xs[i].Inverse = opts.Bool(true)
	}
	b.bar.XAxisList = xs
	ys := slices.Clone(b.bar.YAxisList)
	for i := range ys {
		ys[i].Position = "right"
	}
	b.bar.YAxisList = ys
	for i := range b.v.yAxis {
		b.v.yAxis[i].Position = "right"
		if l := b.v.yAxis[i].AxisLabel; l != nil {
			c := *l
			c.Align = "right"
			b.v.yAxis[i].AxisLabel = &c
		}
	}
	gs := slices.Clone(b.bar.GridList)
	for i := range gs {
		gs[i].Left, gs[i].Right = gs[i].Right, gs[i].Left
	}
	b.bar.GridList = gs
	b.bar.Legend.Align = "right"
	b.v.rtl = true
	for i := range b.v.series {
		s := &b.v.series[i]
		s.Label = mirrorLabel(s.Label)
		if items, ok := s.Data.([]item); ok {
			for j := range items {
				items[j].Label = mirrorLabel(items[j].Label)
			}
		}
	}
}

// mirrorLabel returns a copy of l placed on the other side: left for
// right, insideLeft for insideRight, and the reverse.
func mirrorLabel(l *opts.Label) *opts.Label {
	if l == nil {
		return nil
	}
	side, ok := map[string]string{"left": "right", "right": "left", "insideLeft": "insideRight", "insideRight": "insideLeft"}[l.Position]
	if !ok {
		return l
	}
	c := *l
	c.Position = side
	return &c
}

// valueAxisLabel labels a value axis of money (in currency) or, when
// currency is "", of plain numbers.
func valueAxisLabel(currency string) *opts.AxisLabel {
	f := fmtNumber
	if currency != "" {
		f = fmtMoney + currency
	}
	return &opts.AxisLabel{Show: opts.Bool(true), Formatter: types.FuncStr(f), Color: colMuted, HideOverlap: opts.Bool(true)}
}

func splitLine() *opts.SplitLine {
	return &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colGrid}}
}

// logExtent returns the powers of ten around the positive values.
func logExtent(vs []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if v > 0 && !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 0, false
	}
	lo = math.Pow(10, math.Floor(math.Log10(lo)))
	hi = math.Pow(10, math.Ceil(math.Log10(hi)))
	if hi <= lo {
		hi = lo * 10
	}
	return lo, hi, true
}

// linearExtent returns nice bounds around the values and zero.
func linearExtent(vs []float64) (lo, hi float64) {
	for _, v := range vs {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return -niceCeil(-lo), niceCeil(hi)
}

// niceCeil rounds v ≥ 0 up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// fraction is where v sits between lo and hi, 0..1, on a log or linear scale.
func fraction(v, lo, hi float64, log bool) float64 {
	if log {
		if v <= 0 || lo <= 0 {
			return 0
		}
		v, lo, hi = math.Log(v), math.Log(lo), math.Log(hi)
	}
	if hi == lo {
		return 0
	}
	return (v - lo) / (hi - lo)
}

// plot rounds a value to draw to nine significant digits, which is more
// than a chart can show and drops the noise of float arithmetic.
func plot(v float64) float64 {
	if !finite(v) || v == 0 {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 9, 64), 64)
	return r
}

// finite reports whether every value is a finite number, which JSON needs.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return true
}
