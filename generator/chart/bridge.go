package chart

import (
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reckon/generator/costmodel"
)

// A topic's bridge is drawn as a ladder of scopes on a log axis (see
// scopeLadder) when every value is positive. A claim's bridge, and a topic's
// otherwise, is drawn as a waterfall on a linear axis, one bar per row from
// top to bottom: the starting total, a floating bar per step of the scope
// tree (and the residual, between claims), the end total. Each bar is
// labelled with its value, so that a step too small to see at the scale of
// the largest (a few million beside billions) still reads. A log axis
// cannot show additions as lengths, and ECharts 5 has no broken axis; a
// linear axis shows the truth of such a bridge, that the small steps are
// slivers.

// wrow is one bar of a waterfall.
type wrow struct {
	kind     string // "start", "end", "add", "remove", "replace" or "residual"
	label    string
	phrase   string  // the step's label as it reads inside a sentence
	from, to float64 // the bar runs from from to to; totals from 0
	delta    costmodel.Estimate
	scope    string
	added    []string // component names
	removed  []string
	tip      []string
}

func (r wrow) total() bool { return r.kind == "start" || r.kind == "end" }

// topicBridge is the waterfall from the topic's narrowest scope to its broadest.
func (mk *maker) topicBridge(t *costmodel.Topic) *spec {
	br := t.Bridge
	if br == nil || len(br.Steps) == 0 {
		return nil
	}
	cur := t.Currency
	fromLabel, toLabel := scopeLabel(t, br.From), scopeLabel(t, br.To)
	rows := mk.bridgeRows(t, br, br.FromValue.Central, 0)
	rows = append([]wrow{mk.scopeTotal("start", br.From, fromLabel, br.FromValue, cur)}, rows...)
	rows = append(rows, mk.scopeTotal("end", br.To, toLabel, br.ToValue, cur))

	s := mk.newSpec(t.Topic.ID, Bridge, Bridge, mk.waterfallDescription(rows, cur))
	s.title = mk.w.Say("chart_bridge_title", "from", mk.w.Isolate(fromLabel), "to", mk.w.Isolate(toLabel))
	s.caption = mk.ratioSentence(br.FromValue.Central, br.ToValue.Central, cur, mk.w.Say("chart_bridge_narrowest"), mk.w.Say("chart_bridge_broadest")) + mk.largestStep(t, br.Steps, cur)
	caption := mk.w.Say("chart_bridge_table", "from", mk.w.Isolate(fromLabel), "to", mk.w.Isolate(toLabel))
	if !mk.scopeLadder(s, t, rows) {
		mk.waterfall(s, t, rows, caption)
		return s
	}
	mk.waterfallTable(s, rows, cur, caption)
	return s
}

// scopeLadder draws a topic's bridge as a ladder of scopes on a log axis:
// one row per scope the bridge passes, from the narrowest to the broadest,
// named by the step that reaches it (what it adds), with the scope's range
// as a bar and its central value as a mark labelled with the amount and the
// step's change. On a log axis a few million and a few billion are both
// visible, which a linear waterfall's slivers are not. It draws nothing
// and returns false when a value is not positive, which a log axis cannot
// show; the caller then draws the waterfall.
func (mk *maker) scopeLadder(s *spec, t *costmodel.Topic, rows []wrow) bool {
	cur := t.Currency
	type rung struct {
		central  float64
		low, hig float64
	}
	// A step that takes the running total to zero or below on its way (a
	// remove before an add) is no scope: it joins the step after it, whose
	// rung then shows the change of both.
	var kept []wrow
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if r.to <= 0 && i+1 < len(rows) && !r.total() && !rows[i+1].total() && rows[i+1].kind != "residual" {
			next := rows[i+1]
			next.from = r.from
			next.label = mk.w.Capitalize(mk.w.List([]string{r.phrase, next.phrase}))
			next.phrase = mk.w.List([]string{r.phrase, next.phrase})
			next.tip = append(append([]string{}, r.tip...), next.tip...)
			rows[i+1] = next
			continue
		}
		kept = append(kept, r)
	}
	rows = kept
	var rungs []rung
	var values []float64
	for _, r := range rows {
		if r.kind == "residual" {
			return false
		}
		g := rung{central: r.to, low: r.to, hig: r.to}
		// The scope the row reaches, when its estimate is the running total.
		if sc := t.Scope(r.scope); sc != nil && r.kind != "remove" && near(sc.Estimate.Central, r.to) {
			g.low, g.hig = sc.Estimate.Low, sc.Estimate.High
		}
		if !(g.central > 0 && g.low > 0 && finite(g.low, g.hig)) {
			return false
		}
		rungs = append(rungs, g)
		values = append(values, g.low, g.central, g.hig)
	}
	lo, hi, _ := logExtent(values)
	var cats []string
	var base, span, central []item
	for i, r := range rows {
		g := rungs[i]
		cats = append(cats, mk.shorten(r.label, 90))
		text := mk.round(g.central, cur)
		if !r.total() {
			text = mk.w.Say("chart_scope_ladder_mark", "amount", text, "change", mk.signedRound(r.to-r.from, cur))
		}
		base = append(base, item{Value: plot(g.low)})
		span = append(span, item{Value: plot(g.hig - g.low), Tip: r.tip})
		// A mark in the right part of the axis takes its label on its
		// left, so that the label stays inside a phone's narrow chart.
		var label *opts.Label
		if g.central > 0 && math.Log(g.central/lo) > 0.6*math.Log(hi/lo) {
			label = &opts.Label{Position: "left"}
		}
		central = append(central, item{Name: r.label, Value: []any{plot(g.central), i}, Text: text, Tip: r.tip, Label: label})
	}
	row := s.b.rows(opts.XAxis{Type: "log", Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine()}, cats)
	s.b.grid(32) // the legend's first line above the first row's name
	modelRange, modelCentral := mk.modelSeries(s, base, span, central, 4,
		&opts.Label{Show: opts.Bool(true), Position: "right", Formatter: fmtText, Color: colText, FontSize: 12})
	s.b.legend(modelRange, modelCentral)
	s.height = 32 + s.b.top + row*len(rows) + 32
	s.describe(mk.w.Say("chart_scope_ladder_description", "rows", mk.list(mk.rowValues(rows, cur), 14)))
	return true
}

// near reports whether two amounts agree to a part in a million.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(math.Abs(a), math.Abs(b)) }

// claimBridge is the waterfall from a claim to the topic's broadest scope
// (from the narrowest, for a claim that measures the broadest): from the
// claim's figure to that of the first claim measuring the other scope, with
// the residual the model does not explain; or, when no claim measures it or
// the figures are in different currencies, from the model's estimate for
// the claim's scope to its estimate for the other. Without a topic bridge,
// the other scope is the one, among those the topic's claims measure,
// farthest from the claim's. The model decides the bridge
// ([costmodel.Claim.Headline]); this draws it.
func (mk *maker) claimBridge(t *costmodel.Topic, c *costmodel.Claim) *spec {
	cur := t.Currency
	br := c.Headline // decided by the model
	if br == nil {
		return nil
	}
	var other *costmodel.Claim
	if br.HasResidual {
		other = t.Claim(br.Claim)
	}
	fromLabel, toLabel := scopeLabel(t, br.From), scopeLabel(t, br.To)
	var rows []wrow
	s := mk.newSpec(c.Claim.ID, "bridge", ClaimBridge, "")
	s.claim = c.Claim.ID
	if other != nil {
		// From figure to figure: the model's steps, shifted to start at the
		// claim's figure, then what the model leaves unexplained.
		start, end := c.Figure.Value, other.Figure.Value
		offset := start - br.FromValue.Central
		rows = append(rows, wrow{kind: "start", label: mk.w.Say("chart_bridge_start", "label", mk.claimantFigure(c)), to: start,
			delta: costmodel.Estimate{Central: start, Low: start, High: start, Method: "point", P50: start}, scope: br.From,
			tip: append(mk.claimTip(t, c), mk.w.Say("chart_tip_measures", "scope", mk.w.Isolate(fromLabel)))})
		rows = append(rows, mk.bridgeRows(t, br, br.FromValue.Central, offset)...)
		if r := br.Residual; math.Abs(r) >= 5e-4*math.Max(math.Abs(start), math.Abs(end)) {
			at := rows[len(rows)-1].to
			residual := mk.w.Say("chart_bridge_residual")
			rows = append(rows, wrow{kind: "residual", label: residual, from: at, to: at + r,
				delta: costmodel.Estimate{Central: r, Low: r, High: r, Method: "point", P50: r},
				tip:   []string{residual, mk.w.Say("chart_tip_difference", "change", mk.signed(r, cur))}})
		}
		rows = append(rows, wrow{kind: "end", label: mk.w.Say("chart_bridge_end", "label", mk.claimantFigure(other)), to: end,
			delta: costmodel.Estimate{Central: end, Low: end, High: end, Method: "point", P50: end}, scope: br.To,
			tip: append(mk.claimTip(t, other), mk.w.Say("chart_tip_measures", "scope", mk.w.Isolate(toLabel)))})
		s.title = mk.w.Say("chart_claim_bridge_title", "other", mk.claimFigure(other))
		args := []string{"from", mk.claimFigure(c), "to", mk.claimFigure(other),
			"change", mk.changeWords(br.ToValue.Central-br.FromValue.Central, cur)}
		if rows[len(rows)-2].kind == "residual" {
			s.caption = mk.w.Say("chart_claim_bridge_unexplained", append(args, "residual", mk.signedRound(br.Residual, cur))...)
		} else {
			s.caption = mk.w.Say("chart_claim_bridge_explained", args...)
		}
		s.table.Caption = mk.w.Say("chart_claim_bridge_table", "other", mk.claimFigure(other))
	} else {
		rows = append(rows, mk.scopeTotal("start", br.From, fromLabel, br.FromValue, cur))
		rows = append(rows, mk.bridgeRows(t, br, br.FromValue.Central, 0)...)
		rows = append(rows, mk.scopeTotal("end", br.To, toLabel, br.ToValue, cur))
		s.title = mk.w.Say("chart_claim_scope_title", "to", toLabel)
		s.caption = mk.ratioSentence(br.FromValue.Central, br.ToValue.Central, cur,
			mk.w.Say("chart_claim_scope_from"), mk.w.Say("chart_claim_scope_to", "to", toLabel)) + mk.largestStep(t, br.Steps, cur)
		s.table.Caption = mk.w.Say("chart_bridge_table", "from", mk.w.Isolate(fromLabel), "to", mk.w.Isolate(toLabel))
	}
	s.describe(mk.waterfallDescription(rows, cur))
	mk.waterfall(s, t, rows, s.table.Caption)
	return s
}

// scopeTotal is the first or last bar of a bridge between scopes: kind
// "start" or "end", at the scope's estimate.
func (mk *maker) scopeTotal(kind, scope, label string, e costmodel.Estimate, cur string) wrow {
	return wrow{kind: kind, label: mk.w.Say("chart_bridge_"+kind, "label", label), to: e.Central, delta: e, scope: scope,
		tip: []string{label, mk.w.Say("chart_tip_model_estimate", "estimate", mk.estimate(e, cur))}}
}

// claimantFigure names a claim by its claimant and figure: "DeepSeek, $5.576M".
func (mk *maker) claimantFigure(c *costmodel.Claim) string {
	return mk.w.Say("chart_claimant_figure", "claimant", mk.w.Isolate(c.Claim.Claimant), "figure", mk.figure(c.Claim.Figure))
}

// bridgeRows turns a bridge's steps into bars, starting at start and
// shifted by offset.
func (mk *maker) bridgeRows(t *costmodel.Topic, br *costmodel.Bridge, start, offset float64) []wrow {
	cur := t.Currency
	var rows []wrow
	at := start + offset
	for _, st := range br.Steps {
		next := st.Cumulative + offset
		phrase := mk.w.StepLabel(t, st)
		label := mk.w.Capitalize(phrase)
		tip := []string{label, mk.w.Say("chart_tip_change", "change", mk.signed(st.Delta.Central, cur))}
		if st.Delta.Low != st.Delta.High {
			tip = append(tip, mk.w.Say("chart_tip_change_range", "range", mk.span(mk.signed(st.Delta.Low, cur), mk.signed(st.Delta.High, cur))))
		}
		tip = append(tip, mk.w.Say("chart_tip_running_total", "total", mk.money(next, cur)))
		rows = append(rows, wrow{kind: st.Kind, label: label, phrase: phrase, from: at, to: next, delta: st.Delta, scope: st.Scope,
			added: st.Added, removed: st.Removed, tip: tip})
		at = next
	}
	return rows
}

// waterfall draws rows: a transparent base and a coloured bar for each,
// stacked with ECharts' "all" strategy so that bars may cross zero.
func (mk *maker) waterfall(s *spec, t *costmodel.Topic, rows []wrow, tableCaption string) {
	cur := t.Currency
	values := make([]float64, 0, 2*len(rows))
	for _, r := range rows {
		values = append(values, r.from, r.to)
	}
	lo, hi := linearExtent(values)
	cats := make([]string, 0, len(rows))
	base, span := make([]item, 0, len(rows)), make([]item, 0, len(rows))
	for _, r := range rows {
		cats = append(cats, mk.shorten(r.label, 90))
		a, b := min(r.from, r.to), max(r.from, r.to)
		color := colTotal
		text := mk.round(r.to, cur)
		switch {
		case r.kind == "residual":
			color, text = colResidual, mk.signedRound(r.to-r.from, cur)
		case r.total():
		case r.to >= r.from:
			color, text = colIncrease, mk.signedRound(r.to-r.from, cur)
		default:
			color, text = colDecrease, mk.signedRound(r.to-r.from, cur)
		}
		// The label goes after the bar's end, or inside it when the end is
		// near the axis's, or before its start when the bar is short too.
		label := &opts.Label{Position: "right", Color: colText}
		if fraction(b, lo, hi, false) > 0.72 {
			if fraction(b, lo, hi, false)-fraction(a, lo, hi, false) > 0.3 {
				label = &opts.Label{Position: "insideRight", Color: colOnBar}
			} else {
				label = &opts.Label{Position: "left", Color: colText}
			}
		}
		base = append(base, item{Value: plot(a)})
		span = append(span, item{Name: r.label, Value: plot(b - a), Text: text, Tip: r.tip,
			ItemStyle: &opts.ItemStyle{Color: color}, Label: label})
	}
	row := s.b.rows(opts.XAxis{Type: "value", Min: lo, Max: hi, AxisLabel: valueAxisLabel(cur), SplitLine: splitLine()}, cats)
	s.b.grid(8)
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: "base", Type: "bar", Stack: "bridge", BarWidth: strconv.Itoa(rowBar), Data: base,
		ItemStyle: &opts.ItemStyle{Color: colNone}}, StackStrategy: "all", Silent: true})
	s.b.add(series{SingleSeries: charts.SingleSeries{Name: mk.w.Say("chart_bridge_series"), Type: "bar", Stack: "bridge", BarWidth: strconv.Itoa(rowBar), Data: span,
		Label: &opts.Label{Show: opts.Bool(true), Formatter: fmtText, FontSize: 12}}, StackStrategy: "all", BarMinHeight: 2})
	s.height = 8 + s.b.top + row*len(rows) + 32
	mk.waterfallTable(s, rows, cur, tableCaption)
}

// waterfallTable sets a bridge's table and data: a row per step, with its
// change, the change's range and the running total.
func (mk *maker) waterfallTable(s *spec, rows []wrow, cur, tableCaption string) {
	s.table.Caption = tableCaption
	s.table.Header = []string{mk.w.Say("col_step"), mk.w.Say("col_change"), mk.w.Say("chart_col_change_range"), mk.w.Say("col_running_total")}
	s.table.Numeric = []bool{false, true, true, true}
	s.data.Columns = []string{"step", "kind", "label", "scope", "added", "removed", "change", "change_low", "change_high", "total", "currency"}
	for i, r := range rows {
		change, rng := mk.signed(r.to-r.from, cur), ""
		if r.total() {
			change = mk.money(r.to, cur)
		}
		if r.delta.Low != r.delta.High {
			if r.total() {
				rng = mk.span(mk.money(r.delta.Low, cur), mk.money(r.delta.High, cur))
			} else {
				rng = mk.span(mk.signed(r.delta.Low, cur), mk.signed(r.delta.High, cur))
			}
		}
		s.table.Rows = append(s.table.Rows, []string{r.label, change, rng, mk.money(r.to, cur)})
		lo, c, hi := r.delta.Low, r.to-r.from, r.delta.High
		if r.total() {
			c = r.to
		}
		s.data.add(float64(i), r.kind, r.label, r.scope, strings.Join(r.added, " "), strings.Join(r.removed, " "),
			c, lo, hi, r.to, cur)
	}
}

// estimate writes an estimate: "$5.576M" or "$2.394B ($2.244B to $2.544B)".
func (mk *maker) estimate(e costmodel.Estimate, cur string) string {
	if e.Low == e.High {
		return mk.money(e.Central, cur)
	}
	return mk.w.Say("chart_estimate_range", "central", mk.money(e.Central, cur), "range", mk.span(mk.money(e.Low, cur), mk.money(e.High, cur)))
}

// ratioSentence compares two estimates, each named by a phrase, in
// rounded words: "The broadest estimate, $2.4B, is about 430 times the
// narrowest, $5.6M."
func (mk *maker) ratioSentence(from, to float64, cur, fromPhrase, toPhrase string) string {
	args := []string{"to_phrase", toPhrase, "to", mk.round(to, cur), "from_phrase", fromPhrase, "from", mk.round(from, cur)}
	switch {
	case from > 0 && to >= from:
		return mk.w.Say("chart_ratio_times", append(args, "factor", mk.about(to/from))...)
	case from > 0 && to > 0:
		return mk.w.Say("chart_ratio_share", append(args, "percent", mk.percent(to/from))...)
	}
	return mk.w.Say("chart_ratio_plain", args...)
}

// largestStep names the step that changes the value most, when there are several.
func (mk *maker) largestStep(t *costmodel.Topic, steps []costmodel.Step, cur string) string {
	if len(steps) < 2 {
		return ""
	}
	big := &steps[0]
	for i := range steps {
		if math.Abs(steps[i].Delta.Central) > math.Abs(big.Delta.Central) {
			big = &steps[i]
		}
	}
	return mk.w.Say("chart_bridge_largest_step", "change", mk.signedRound(big.Delta.Central, cur), "step", mk.w.StepLabel(t, *big))
}

// changeWords says what a change does, rounded: "add $1.59B", "take away $5M" ([maker.round]).
func (mk *maker) changeWords(d float64, cur string) string {
	if d < 0 {
		return mk.w.Say("chart_bridge_take_away", "amount", mk.round(-d, cur))
	}
	return mk.w.Say("chart_bridge_add", "amount", mk.round(d, cur))
}

func (mk *maker) waterfallDescription(rows []wrow, cur string) string {
	return mk.w.Say("chart_bridge_description", "rows", mk.list(mk.rowValues(rows, cur), 14))
}

// rowValues writes each row of a bridge with its value: a total, or a change.
func (mk *maker) rowValues(rows []wrow, cur string) []string {
	var parts []string
	for _, r := range rows {
		v := mk.signed(r.to-r.from, cur)
		if r.total() {
			v = mk.money(r.to, cur)
		}
		parts = append(parts, mk.w.Say("chart_row_value", "label", r.label, "value", v))
	}
	return parts
}
