package chart

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"reckon/generator/text"
)

// An encoder writes a chart's option, the map go-echarts makes of it, as
// JSON, the same bytes as json.Marshal writes, without its reflection over
// the many options of go-echarts' types. It writes the types and the
// fields the charts set: a value of another type, or one that sets a field
// the encoder does not write, is written by json.Marshal, so that the
// bytes stay the same whatever the charts set. Like json.Marshal, it
// escapes <, >, &, U+2028 and U+2029 in strings, writes invalid UTF-8 as
// U+FFFD, sorts a map's keys, and fails on a number that is not finite.
type encoder struct {
	b    []byte
	err  error // the first error, json.Marshal's own
	slow int   // the values handed to json.Marshal (for tests)
}

// appendOption appends the JSON of an option, m, to b.
func appendOption(b []byte, m map[string]any) ([]byte, error) {
	e := encoder{b: b}
	e.object(m)
	return e.b, e.err
}

// marshal writes v with json.Marshal.
func (e *encoder) marshal(v any) {
	e.slow++
	j, err := json.Marshal(v)
	if err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	e.b = append(e.b, j...)
}

// key starts a field named name, a JSON string that needs no escaping,
// after a comma unless it is the object's first (*first, then false).
func (e *encoder) key(first *bool, name string) {
	if !*first {
		e.b = append(e.b, ',')
	}
	*first = false
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, '"', ':')
}

// The fields of an object, each written only when set (omitempty).

func (e *encoder) str(first *bool, name, s string) {
	if s != "" {
		e.key(first, name)
		e.b = appendJSONString(e.b, s)
	}
}

func (e *encoder) flag(first *bool, name string, v types.Bool) {
	if v != nil {
		e.key(first, name)
		e.b = strconv.AppendBool(e.b, *v)
	}
}

func (e *encoder) integer(first *bool, name string, n int) {
	if n != 0 {
		e.key(first, name)
		e.b = strconv.AppendInt(e.b, int64(n), 10)
	}
}

func (e *encoder) float32(first *bool, name string, f float32) {
	if f != 0 { // -0 is empty too
		e.key(first, name)
		e.float(float64(f), 32)
	}
}

func (e *encoder) anyField(first *bool, name string, v any) {
	if v != nil {
		e.key(first, name)
		e.any(v)
	}
}

// float writes f as json.Marshal writes a float of bits bits: without an
// exponent from 1e-6 up to 1e21, with the shortest digits that read back
// as f.
func (e *encoder) float(f float64, bits int) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if bits == 32 {
			e.marshal(float32(f))
		} else {
			e.marshal(f)
		}
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, bits)
	if format == 'e' {
		// e-07 is written e-7.
		if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

// any writes a value of one of the types an option holds, or hands it to
// json.Marshal.
func (e *encoder) any(v any) {
	switch v := v.(type) {
	case nil:
		e.b = append(e.b, "null"...)
	case string:
		e.b = appendJSONString(e.b, v)
	case float64:
		e.float(v, 64)
	case int:
		e.b = strconv.AppendInt(e.b, int64(v), 10)
	case int64:
		e.b = strconv.AppendInt(e.b, v, 10)
	case bool:
		e.b = strconv.AppendBool(e.b, v)
	case []string:
		e.strings(v)
	case []int:
		e.ints(v)
	case []any:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i, x := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.any(x)
		}
		e.b = append(e.b, ']')
	case []item:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.item(&v[i])
		}
		e.b = append(e.b, ']')
	case opts.MarkLineNameXAxisItem:
		e.markLineItem(v)
	case opts.Title:
		if reflect.ValueOf(&v).Elem().IsZero() {
			e.b = append(e.b, "{}"...)
			return
		}
		e.marshal(v)
	case opts.Toolbox:
		if v == (opts.Toolbox{}) {
			e.b = append(e.b, "{}"...)
			return
		}
		e.marshal(v)
	case opts.Legend:
		e.legend(v)
	case opts.Tooltip:
		e.tooltip(v, nil)
	case rtlTooltip:
		e.tooltip(v.Tooltip, &v.ExtraCSSText)
	case []series:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.series(&v[i])
		}
		e.b = append(e.b, ']')
	case *opts.Aria:
		e.aria(v)
	case []opts.XAxis:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.xAxis(&v[i])
		}
		e.b = append(e.b, ']')
	case []opts.YAxis:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.yAxis(&v[i], nil, nil, false)
		}
		e.b = append(e.b, ']')
	case []yAxis:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.yAxis(&v[i].YAxis, v[i].AxisLabel, v[i].AxisTick, true)
		}
		e.b = append(e.b, ']')
	case []opts.Grid:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.b = append(e.b, '[')
		for i := range v {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.grid(&v[i])
		}
		e.b = append(e.b, ']')
	case *text.ScriptNumbers:
		if v == nil {
			e.b = append(e.b, "null"...)
			return
		}
		e.numbers(v)
	case map[string]any:
		e.object(v)
	default:
		e.marshal(v)
	}
}

// object writes a map with its keys sorted.
func (e *encoder) object(m map[string]any) {
	if m == nil {
		e.b = append(e.b, "null"...)
		return
	}
	var arr [16]string
	e.b = append(e.b, '{')
	for i, k := range sortedKeys(arr[:0], m) {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendJSONString(e.b, k)
		e.b = append(e.b, ':')
		e.any(m[k])
	}
	e.b = append(e.b, '}')
}

func (e *encoder) strings(ss []string) {
	if ss == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i, s := range ss {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendJSONString(e.b, s)
	}
	e.b = append(e.b, ']')
}

func (e *encoder) ints(ns []int) {
	if ns == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = append(e.b, '[')
	for i, n := range ns {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = strconv.AppendInt(e.b, int64(n), 10)
	}
	e.b = append(e.b, ']')
}

// The types of go-echarts. Each writes the fields the charts set, in the
// order of the type's fields, as json.Marshal does; rest is the value
// without them, which must be the zero value, or else json.Marshal writes
// the whole.

func (e *encoder) legend(l opts.Legend) {
	rest := l
	rest.Show, rest.Left, rest.Top, rest.Align, rest.Data, rest.TextStyle = nil, "", "", "", nil, nil
	if !reflect.ValueOf(&rest).Elem().IsZero() {
		e.marshal(l)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", l.Show)
	e.str(&first, "left", l.Left)
	e.str(&first, "top", l.Top)
	e.str(&first, "align", l.Align)
	e.anyField(&first, "data", l.Data)
	if l.TextStyle != nil {
		e.key(&first, "textStyle")
		e.textStyle(l.TextStyle)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) textStyle(t *opts.TextStyle) {
	rest := *t
	rest.Color, rest.FontSize = "", 0
	if rest != (opts.TextStyle{}) {
		e.marshal(t)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "color", t.Color)
	e.integer(&first, "fontSize", t.FontSize)
	e.b = append(e.b, '}')
}

// tooltip writes t, and extraCSS after it when not nil (see [rtlTooltip]).
func (e *encoder) tooltip(t opts.Tooltip, extraCSS *string) {
	rest := t
	rest.Show, rest.Trigger, rest.Formatter = nil, "", ""
	if rest != (opts.Tooltip{}) {
		if extraCSS != nil {
			e.marshal(rtlTooltip{t, *extraCSS})
		} else {
			e.marshal(t)
		}
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", t.Show)
	e.str(&first, "trigger", t.Trigger)
	e.str(&first, "formatter", string(t.Formatter))
	if extraCSS != nil {
		e.key(&first, "extraCssText")
		e.b = appendJSONString(e.b, *extraCSS)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) series(s *series) {
	ss := &s.SingleSeries
	if !zeroFields(reflect.ValueOf(ss).Elem(), seriesRest) {
		e.marshal(s)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "name", ss.Name)
	e.str(&first, "type", ss.Type)
	e.str(&first, "stack", ss.Stack)
	e.str(&first, "barWidth", ss.BarWidth)
	e.str(&first, "symbol", ss.Symbol)
	e.anyField(&first, "symbolSize", ss.SymbolSize)
	e.anyField(&first, "data", ss.Data)
	if ss.ItemStyle != nil {
		e.key(&first, "itemStyle")
		e.itemStyle(ss.ItemStyle)
	}
	if ss.Label != nil {
		e.key(&first, "label")
		e.label(ss.Label)
	}
	if ss.LabelLayout != nil {
		e.key(&first, "labelLayout")
		e.labelLayout(ss.LabelLayout)
	}
	if ss.MarkLines != nil {
		e.key(&first, "markLine")
		e.markLines(ss.MarkLines)
	}
	e.str(&first, "stackStrategy", s.StackStrategy)
	e.integer(&first, "barMinHeight", s.BarMinHeight)
	if s.Silent {
		e.key(&first, "silent")
		e.b = append(e.b, "true"...)
	}
	e.integer(&first, "z", s.Z)
	e.b = append(e.b, '}')
}

func (e *encoder) item(it *item) {
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "name", it.Name)
	e.key(&first, "value")
	e.any(it.Value)
	e.str(&first, "text", it.Text)
	e.str(&first, "claim", it.Claim)
	e.str(&first, "rating", it.Rating)
	if len(it.Tip) > 0 {
		e.key(&first, "tip")
		e.strings(it.Tip)
	}
	e.str(&first, "symbol", it.Symbol)
	if it.ItemStyle != nil {
		e.key(&first, "itemStyle")
		e.itemStyle(it.ItemStyle)
	}
	if it.Label != nil {
		e.key(&first, "label")
		e.label(it.Label)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) itemStyle(s *opts.ItemStyle) {
	rest := *s
	rest.Color, rest.BorderColor, rest.BorderWidth = "", "", 0
	if rest != (opts.ItemStyle{}) {
		e.marshal(s)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "color", s.Color)
	e.str(&first, "borderColor", s.BorderColor)
	e.float32(&first, "borderWidth", s.BorderWidth)
	e.b = append(e.b, '}')
}

func (e *encoder) label(l *opts.Label) {
	rest := *l
	rest.Show, rest.Color, rest.FontSize, rest.Position, rest.Formatter = nil, "", 0, "", ""
	if rest != (opts.Label{}) {
		e.marshal(l)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", l.Show)
	e.str(&first, "color", l.Color)
	e.float32(&first, "fontSize", l.FontSize)
	e.str(&first, "position", l.Position)
	e.str(&first, "formatter", l.Formatter)
	e.b = append(e.b, '}')
}

func (e *encoder) labelLayout(l *opts.LabelLayout) {
	if (opts.LabelLayout{MoveOverlap: l.MoveOverlap}) != (opts.LabelLayout{}) {
		e.marshal(l)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "hideOverlap", l.HideOverlap)
	e.b = append(e.b, '}')
}

func (e *encoder) markLines(m *opts.MarkLines) {
	st := &m.MarkLineStyle
	if math.Float32bits(st.SymbolSize) != 0 || st.Emphasis != nil || st.Blur != nil {
		e.marshal(m)
		return
	}
	e.b = append(e.b, '{')
	first := true
	if len(m.Data) > 0 {
		e.key(&first, "data")
		e.any(m.Data)
	}
	if len(st.Symbol) > 0 {
		e.key(&first, "symbol")
		e.strings(st.Symbol)
	}
	if st.Label != nil {
		e.key(&first, "label")
		e.label(st.Label)
	}
	if st.LineStyle != nil {
		e.key(&first, "lineStyle")
		e.lineStyle(st.LineStyle)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) markLineItem(m opts.MarkLineNameXAxisItem) {
	if m.ValueDim != "" {
		e.marshal(m)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "name", m.Name)
	e.anyField(&first, "xAxis", m.XAxis)
	e.b = append(e.b, '}')
}

func (e *encoder) lineStyle(l *opts.LineStyle) {
	if l.Opacity != nil || math.Float32bits(l.Curveness) != 0 {
		e.marshal(l)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "color", l.Color)
	e.float32(&first, "width", l.Width)
	e.str(&first, "type", l.Type)
	e.b = append(e.b, '}')
}

func (e *encoder) xAxis(x *opts.XAxis) {
	rest := *x
	rest.Type, rest.Name, rest.NameLocation, rest.NameGap, rest.Inverse, rest.SplitNumber = "", "", "", 0, nil, 0
	rest.Min, rest.Max, rest.SplitLine, rest.AxisLabel = nil, nil, nil, nil
	if !comparableZero(rest) {
		e.marshal(x)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "type", x.Type)
	e.str(&first, "name", x.Name)
	e.str(&first, "nameLocation", x.NameLocation)
	e.integer(&first, "nameGap", x.NameGap)
	e.flag(&first, "inverse", x.Inverse)
	e.integer(&first, "splitNumber", x.SplitNumber)
	e.anyField(&first, "min", x.Min)
	e.anyField(&first, "max", x.Max)
	if x.SplitLine != nil {
		e.key(&first, "splitLine")
		e.splitLine(x.SplitLine)
	}
	if x.AxisLabel != nil {
		e.key(&first, "axisLabel")
		e.axisLabel(x.AxisLabel, nil)
	}
	e.b = append(e.b, '}')
}

// yAxis writes y, or, when ours, a [yAxis]: y with label and tick, whose
// label stands for y's.
func (e *encoder) yAxis(y *opts.YAxis, label *axisLabel, tick *opts.AxisTick, ours bool) {
	rest := *y
	rest.Position, rest.Type, rest.Inverse, rest.Data, rest.Min, rest.Max = "", "", nil, nil, nil, nil
	rest.SplitLine, rest.AxisLabel, rest.AxisLine = nil, nil, nil
	if !comparableZero(rest) {
		if ours {
			e.marshal(yAxis{*y, label, tick})
		} else {
			e.marshal(y)
		}
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "position", y.Position)
	e.str(&first, "type", y.Type)
	e.flag(&first, "inverse", y.Inverse)
	e.anyField(&first, "data", y.Data)
	e.anyField(&first, "min", y.Min)
	e.anyField(&first, "max", y.Max)
	if y.SplitLine != nil {
		e.key(&first, "splitLine")
		e.splitLine(y.SplitLine)
	}
	if !ours && y.AxisLabel != nil {
		e.key(&first, "axisLabel")
		e.axisLabel(y.AxisLabel, nil)
	}
	if y.AxisLine != nil {
		e.key(&first, "axisLine")
		e.axisLine(y.AxisLine)
	}
	if label != nil {
		e.key(&first, "axisLabel")
		e.axisLabel(&label.AxisLabel, label)
	}
	if tick != nil {
		e.key(&first, "axisTick")
		e.axisTick(tick)
	}
	e.b = append(e.b, '}')
}

// axisLabel writes l, or, when ours is not nil, ours, which embeds l.
func (e *encoder) axisLabel(l *opts.AxisLabel, ours *axisLabel) {
	rest := *l
	rest.Show, rest.Interval, rest.Inside, rest.Formatter, rest.ShowMinLabel, rest.ShowMaxLabel = nil, "", nil, "", nil, nil
	rest.HideOverlap, rest.Color, rest.VerticalAlign, rest.Width, rest.Overflow = nil, "", "", 0, ""
	if rest != (opts.AxisLabel{}) {
		if ours != nil {
			e.marshal(ours)
		} else {
			e.marshal(l)
		}
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", l.Show)
	e.str(&first, "interval", l.Interval)
	e.flag(&first, "inside", l.Inside)
	e.str(&first, "formatter", string(l.Formatter))
	// Not omitted when empty: null.
	e.key(&first, "showMinLabel")
	e.boolOrNull(l.ShowMinLabel)
	e.key(&first, "showMaxLabel")
	e.boolOrNull(l.ShowMaxLabel)
	e.flag(&first, "hideOverlap", l.HideOverlap)
	e.str(&first, "color", l.Color)
	e.str(&first, "verticalAlign", l.VerticalAlign)
	e.integer(&first, "width", l.Width)
	e.str(&first, "overflow", l.Overflow)
	if ours != nil {
		e.integer(&first, "lineHeight", ours.LineHeight)
		if len(ours.Padding) > 0 {
			e.key(&first, "padding")
			e.ints(ours.Padding)
		}
		e.str(&first, "align", ours.Align)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) boolOrNull(v types.Bool) {
	if v == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.b = strconv.AppendBool(e.b, *v)
}

func (e *encoder) splitLine(s *opts.SplitLine) {
	if s.AlignWithLabel != nil {
		e.marshal(s)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", s.Show)
	if s.LineStyle != nil {
		e.key(&first, "lineStyle")
		e.lineStyle(s.LineStyle)
	}
	e.b = append(e.b, '}')
}

func (e *encoder) axisLine(l *opts.AxisLine) {
	rest := *l
	rest.Show = nil
	if !reflect.ValueOf(&rest).Elem().IsZero() {
		e.marshal(l)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", l.Show)
	e.b = append(e.b, '}')
}

func (e *encoder) axisTick(t *opts.AxisTick) {
	if (opts.AxisTick{Show: t.Show}) != *t {
		e.marshal(t)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "show", t.Show)
	e.b = append(e.b, '}')
}

func (e *encoder) grid(g *opts.Grid) {
	if g.Show != nil || g.Width != "" || g.Height != "" || g.Tooltip != nil {
		e.marshal(g)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.str(&first, "left", g.Left)
	e.str(&first, "top", g.Top)
	e.str(&first, "right", g.Right)
	e.str(&first, "bottom", g.Bottom)
	e.flag(&first, "containLabel", g.ContainLabel)
	e.b = append(e.b, '}')
}

func (e *encoder) aria(a *opts.Aria) {
	if a == nil {
		e.b = append(e.b, "null"...)
		return
	}
	if a.Decal != nil || a.Label != nil && (a.Label.General != nil || a.Label.Series != nil) {
		e.marshal(a)
		return
	}
	e.b = append(e.b, '{')
	first := true
	e.flag(&first, "enabled", a.Enabled)
	if l := a.Label; l != nil {
		e.key(&first, "label")
		e.b = append(e.b, '{')
		lfirst := true
		e.flag(&lfirst, "enabled", l.Enabled)
		e.str(&lfirst, "description", l.Description)
		e.b = append(e.b, '}')
	}
	e.b = append(e.b, '}')
}

func (e *encoder) numbers(n *text.ScriptNumbers) {
	e.b = append(e.b, `{"digits":`...)
	e.strings(n.Digits[:])
	e.b = append(e.b, `,"decimal":`...)
	e.b = appendJSONString(e.b, n.Decimal)
	e.b = append(e.b, `,"group":`...)
	e.b = appendJSONString(e.b, n.Group)
	e.b = append(e.b, `,"minus":`...)
	e.b = appendJSONString(e.b, n.Minus)
	e.b = append(e.b, `,"isolate":`...)
	e.strings(n.Isolate[:])
	e.b = append(e.b, `,"money":`...)
	e.strings(n.Money[:])
	e.b = append(e.b, `,"amounts":`...)
	if n.Amounts == nil {
		e.b = append(e.b, "null"...)
	} else {
		e.b = append(e.b, '{')
		var mags [8]string
		for i, mag := range sortedKeys(mags[:0], n.Amounts) {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.b = appendJSONString(e.b, mag)
			e.b = append(e.b, ':')
			forms := n.Amounts[mag]
			if forms == nil {
				e.b = append(e.b, "null"...)
				continue
			}
			e.b = append(e.b, '{')
			var names [8]string
			for j, form := range sortedKeys(names[:0], forms) {
				if j > 0 {
					e.b = append(e.b, ',')
				}
				e.b = appendJSONString(e.b, form)
				e.b = append(e.b, ':')
				f := forms[form]
				e.strings(f[:])
			}
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, '}')
	}
	e.b = append(e.b, '}')
}

// sortedKeys appends the keys of m to keys, and sorts them.
func sortedKeys[V any](keys []string, m map[string]V) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// seriesRest are the fields of charts.SingleSeries that [encoder.series]
// does not write, by index.
var seriesRest = otherFields[charts.SingleSeries]("Name", "Type", "Stack", "BarWidth", "Symbol", "SymbolSize", "Data",
	"ItemStyle", "Label", "LabelLayout", "MarkLines")

// otherFields returns the indices of the fields of the struct T not named
// in names. It panics if a name is not a field's.
func otherFields[T any](names ...string) []int {
	t := reflect.TypeFor[T]()
	var others []int
	for i := range t.NumField() {
		if !slices.Contains(names, t.Field(i).Name) {
			others = append(others, i)
		}
	}
	if len(others) != t.NumField()-len(names) {
		panic("chart: the encoder writes fields " + t.String() + " does not have")
	}
	return others
}

// zeroFields reports whether the fields of the struct v of these indices
// are all their zero values.
func zeroFields(v reflect.Value, fields []int) bool {
	for _, i := range fields {
		if !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// comparableZero reports whether v is its type's zero value.
func comparableZero[T comparable](v T) bool {
	var zero T
	return v == zero
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it: ", \ and the control characters (\b, \f, \n, \r, \t, or
// \u00XX), <, > and & as \u003c, \u003e and \u0026, U+2028 and U+2029 as
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	valid := utf8.ValidString(s)
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if valid {
			// Of valid UTF-8, only U+2028 and U+2029 (E2 80 A8 and
			// E2 80 A9) are escaped.
			if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hex[s[i+2]-0xA0])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe holds the ASCII bytes a JSON string holds as they are: from
// space on, but for ", \, <, > and &.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = !strings.ContainsRune(`"\<>&`, c)
	}
	return safe
}()
