package chart

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/synthsite"
	"reckon/generator/text"
	"reckon/templates"
)

// TestOptionIsJSONMarshal writes the option of every chart of the fixture,
// a synthetic site and the hostile topic, in English and in mirrored
// Arabic, both ways: the encoder's bytes are json.Marshal's, and it hands
// no value of these charts to json.Marshal.
func TestOptionIsJSONMarshal(t *testing.T) {
	seedSet, err := claim.Load(os.DirFS(fixtureSite), "claims")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := costmodel.Compute(seedSet, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	synthSet, err := claim.Load(synthsite.Files(synthsite.Options{Topics: 3, Claims: 30, Words: 10}), "claims")
	if err != nil {
		t.Fatal(err)
	}
	synth, err := costmodel.Compute(synthSet, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := text.Load(templates.FS, "ar")
	if err != nil {
		t.Fatal(err)
	}
	arabic := func() *text.Words { return text.For("ar", cat).With(text.Numbers{Digits: "arab"}) }
	hostile := hostileSet(t)
	n := 0
	for _, res := range []*costmodel.Results{seed, synth, hostile} {
		for _, w := range []*text.Words{text.English(), arabic()} {
			for _, tp := range res.Topics {
				mk := &maker{proto: charts.NewBar(), w: w}
				nums := w.Script(tp.Currency)
				for _, s := range mk.specs(tp, nil) {
					s.b.v.numbers = &nums
					m := s.b.option()
					e, want := encodeBoth(t, m)
					if string(e.b) != string(want) {
						t.Fatalf("%s/%s (%s):\n got %s\nwant %s", s.subject, s.name, w.Lang(), e.b, want)
					}
					if e.slow != 0 {
						t.Errorf("%s/%s (%s): %d values written by json.Marshal", s.subject, s.name, w.Lang(), e.slow)
					}
					n++
				}
			}
		}
	}
	if n < 250 {
		t.Errorf("only %d charts", n)
	}
}

// TestEncoderHandsTheRestToMarshal sets options the charts do not set: the
// encoder writes them with json.Marshal, the same bytes.
func TestEncoderHandsTheRestToMarshal(t *testing.T) {
	f := float32(3)
	for _, tc := range []struct {
		name string
		v    any
	}{
		{"title", opts.Title{Title: "<t>"}},
		{"toolbox", opts.Toolbox{Show: opts.Bool(true)}},
		{"legend", opts.Legend{Show: opts.Bool(true), Selected: map[string]bool{"a": true}}},
		{"legend text style", opts.Legend{TextStyle: &opts.TextStyle{Color: "x", FontWeight: "bold"}}},
		{"tooltip", opts.Tooltip{Show: opts.Bool(true), TriggerOn: "click"}},
		{"rtl tooltip", rtlTooltip{opts.Tooltip{ValueFormatter: "v"}, "direction:rtl"}},
		{"series", []series{{SingleSeries: charts.SingleSeries{Name: "a", Id: "b"}}}},
		{"series item style", []series{{SingleSeries: charts.SingleSeries{ItemStyle: &opts.ItemStyle{Color: "c", Opacity: opts.Float(0.5)}}}}},
		{"series label", []series{{SingleSeries: charts.SingleSeries{Label: &opts.Label{Show: opts.Bool(true), FontWeight: "bold"}}}}},
		{"series label layout", []series{{SingleSeries: charts.SingleSeries{LabelLayout: &opts.LabelLayout{MoveOverlap: "shiftY"}}}}},
		{"mark lines", []series{{SingleSeries: charts.SingleSeries{MarkLines: &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{SymbolSize: f}}}}}},
		{"mark line item", []series{{SingleSeries: charts.SingleSeries{MarkLines: &opts.MarkLines{Data: []any{opts.MarkLineNameXAxisItem{Name: "n", ValueDim: "x"}}}}}}},
		{"line style", []series{{SingleSeries: charts.SingleSeries{MarkLines: &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{LineStyle: &opts.LineStyle{Curveness: f}}}}}}},
		{"item value", []series{{SingleSeries: charts.SingleSeries{Data: []item{{Value: []float64{1, 2}}, {Value: map[string]int{"b": 1, "a": 2}}}}}}},
		{"x axis", []opts.XAxis{{Type: "value", Show: opts.Bool(true)}}},
		{"x axis label", []opts.XAxis{{AxisLabel: &opts.AxisLabel{Rotate: 45}}}},
		{"split line", []opts.XAxis{{SplitLine: &opts.SplitLine{AlignWithLabel: opts.Bool(true)}}}},
		{"y axis", []opts.YAxis{{Type: "value", Name: "n", AxisLabel: &opts.AxisLabel{Show: opts.Bool(true)}}}},
		{"our y axis", []yAxis{{YAxis: opts.YAxis{Name: "n"}, AxisLabel: &axisLabel{LineHeight: 3}}}},
		{"our y axis label", []yAxis{{AxisLabel: &axisLabel{AxisLabel: opts.AxisLabel{FontSize: 3}, Padding: []int{1}}}}},
		{"axis line", []yAxis{{YAxis: opts.YAxis{AxisLine: &opts.AxisLine{Symbol: "arrow"}}}}},
		{"axis tick", []yAxis{{AxisTick: &opts.AxisTick{Interval: "0"}}}},
		{"grid", []opts.Grid{{Left: "1", Width: "2"}}},
		{"aria", &opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)}}},
		{"aria label", &opts.Aria{Label: &opts.AriaLabel{Description: "d", General: &opts.AriaGeneral{WithTitle: "w"}}}},
		{"other type", struct{ A string }{"<a>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, want := encodeBoth(t, map[string]any{"k": tc.v})
			if string(e.b) != string(want) {
				t.Errorf("got  %s\nwant %s", e.b, want)
			}
			if e.slow == 0 {
				t.Error("no value written by json.Marshal")
			}
		})
	}
}

// TestEncoderNumbers writes numbers of every kind as json.Marshal does, and
// fails on those it fails on, with its error.
func TestEncoderNumbers(t *testing.T) {
	var vs []any
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99999e-7, -1e-7, 1e20, 1e21, -1e21, 123456789.125,
		5e-324, math.MaxFloat64, 1.7e308, 2394000000, 155038759.68992248, 1.5e-300, 100, 1e6} {
		vs = append(vs, f, []any{f, 3})
		if !math.IsInf(float64(float32(f)), 0) {
			vs = append(vs, opts.Label{FontSize: float32(f)}, opts.LineStyle{Width: float32(f)})
		}
	}
	vs = append(vs, int64(1735689600000), -7, math.MaxInt64, []any{int64(-1), "x"})
	for _, v := range vs {
		m := map[string]any{"v": []series{{SingleSeries: charts.SingleSeries{Data: []item{{Value: v}}, Label: label(v), MarkLines: markLines(v)}}}}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendOption(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, v := range []any{f, []any{1.0, f}, []series{{SingleSeries: charts.SingleSeries{Label: &opts.Label{FontSize: float32(f)}}}}} {
			m := map[string]any{"v": []series{{SingleSeries: charts.SingleSeries{Data: []item{{Value: v}}}}}}
			if l, ok := v.([]series); ok {
				m = map[string]any{"v": l}
			}
			_, want := json.Marshal(m)
			_, err := appendOption(nil, m)
			if want == nil || err == nil || err.Error() != want.Error() {
				t.Errorf("%#v: error %v, want %v", v, err, want)
			}
		}
	}
}

// label is a label whose font size is v when v is one.
func label(v any) *opts.Label {
	if l, ok := v.(opts.Label); ok {
		return &l
	}
	return nil
}

// markLines is a mark line whose line style is v when v is one.
func markLines(v any) *opts.MarkLines {
	if l, ok := v.(opts.LineStyle); ok {
		return &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{LineStyle: &l, Symbol: []string{"none"}}}
	}
	return nil
}

// FuzzAppendJSONString checks that appendJSONString escapes any string as
// json.Marshal does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestBuilderSetsAsGlobalOptions checks that newBuilder sets what
// go-echarts' global options would set.
func TestBuilderSetsAsGlobalOptions(t *testing.T) {
	proto := charts.NewBar()
	b := newBuilder(proto, "chart-a-bridge", "d")
	want := charts.NewBar()
	want.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-a-bridge"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: fmtTip}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	if !reflect.DeepEqual(b.bar.Initialization, want.Initialization) || !reflect.DeepEqual(b.bar.Tooltip, want.Tooltip) ||
		!reflect.DeepEqual(b.bar.Legend, want.Legend) {
		t.Errorf("initialization, tooltip, legend:\n%+v\n%+v\n%+v\nwant\n%+v\n%+v\n%+v", b.bar.Initialization, b.bar.Tooltip, b.bar.Legend,
			want.Initialization, want.Tooltip, want.Legend)
	}
	if proto.Initialization.ChartID == "chart-a-bridge" {
		t.Error("the builder changed proto")
	}
}

// TestOtherFieldsPanicsOnUnknownName checks that a field the encoder
// writes but the type lacks (after an upgrade of go-echarts) stops the
// package at once.
func TestOtherFieldsPanicsOnUnknownName(t *testing.T) {
	if got := otherFields[opts.AxisTick]("Show", "Interval"); !slices.Equal(got, []int{2, 3}) {
		t.Errorf("otherFields = %v, want [2 3]", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for a name that is no field's")
		}
	}()
	otherFields[opts.AxisTick]("Show", "Nope")
}

// encodeBoth encodes m with the encoder and with json.Marshal, and fails
// the test when either fails.
func encodeBoth(t *testing.T, m map[string]any) (*encoder, []byte) {
	t.Helper()
	want, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	e := &encoder{}
	e.object(m)
	if e.err != nil {
		t.Fatal(e.err)
	}
	return e, want
}
