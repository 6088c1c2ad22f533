package chart

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"

	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/text"
)

// Chart kinds.
const (
	Ladder      = "ladder"       // every claim of a topic on a log axis beside the model's range
	Bridge      = "bridge"       // waterfall from a topic's narrowest to its broadest scope
	Sensitivity = "sensitivity"  // tornado: the broadest scope against each input
	Timeline    = "timeline"     // the claims by date, on a log axis
	ClaimBridge = "claim-bridge" // waterfall from a claim's figure to another scope's
)

// Chart is one chart: its ECharts option and everything a page shows or
// offers beside it.
type Chart struct {
	// ID is the chart's slug path: "TOPIC/KIND" for a topic's charts
	// ("deepseek/ladder"), "TOPIC/CLAIM/bridge" for a claim's bridge
	// ("deepseek/v3-report-5-576m/bridge"), that is, the claim's ID and
	// "/bridge".
	ID string
	// ElementID is the id of the chart's <figure>: "chart-", the topic or
	// claim ID with "/" written "_", "-", and the chart's name:
	// "chart-deepseek-ladder", "chart-deepseek_v3-report-5-576m-bridge".
	// Slugs never hold "_", so distinct charts have distinct ids.
	ElementID string
	Topic     string // the topic ID
	Claim     string // for a claim's bridge, the claim ID; "" otherwise
	Kind      string // Ladder, Bridge, Sensitivity, Timeline or ClaimBridge

	Title       string // what the chart shows, for a heading or an embed's title
	Caption     string // the takeaway, a sentence computed from the data
	Description string // the chart read out, for screen readers (also in the option's aria label)

	// Option is the ECharts option, json.Marshal's bytes of go-echarts'
	// typed options, as the package's encoder writes them. Every <, >
	// and & in it is written \u003c, \u003e, \u0026, and U+2028 and
	// U+2029 are escaped too, so it is safe, as it is, inside
	// <script type="application/json">. Formatters are names and
	// colours palette tokens (see the package doc): it holds no code.
	Option template.JS

	Table  Table // the data as text, for the fallback table
	Data   *Data // the data for download
	Height int   // the suggested height of the chart, in CSS pixels
}

// Data is a chart's data for download, made into bytes only when asked
// for (see [Data.CSV]): a site's downloads are larger than their data, and
// are written long after the charts are drawn. Its methods are safe for
// concurrent use.
type Data struct {
	set  dataset
	meta meta
}

// CSV returns the data as CSV, made anew at each call.
func (d Data) CSV() []byte { return d.set.csv() }

// JSON returns the data with the chart's metadata as JSON, made anew at
// each call.
func (d Data) JSON() []byte { return d.set.json(d.meta) }

// ElementID returns the id of the figure of a chart named name ("ladder",
// "bridge") of subject, a topic or claim ID.
func ElementID(subject, name string) string {
	return "chart-" + strings.ReplaceAll(subject, "/", "_") + "-" + name
}

// Render builds every chart of every topic: the ladder and the timeline of
// each topic, its bridge when it has one, the sensitivity of its broadest
// scope when an input varies, and a bridge for each claim whose scope
// differs from the one it is bridged to. The result is sorted by ID, and the
// same results always give the same bytes. Topics are rendered in parallel.
//
// The only errors are numbers JSON cannot hold, which valid results never
// give.
func Render(res *costmodel.Results, words *text.Words) ([]*Chart, error) {
	return RenderSome(res, words, nil)
}

// RenderSome is [Render], which draws the charts of a claim (its bridge)
// only for the claims that claims reports true for, by ID (nil: every
// claim); the topics' own charts are all drawn. Each chart drawn is the
// one Render draws.
func RenderSome(res *costmodel.Results, words *text.Words, claims func(id string) bool) ([]*Chart, error) {
	n := len(res.Topics)
	out := make([][]*Chart, n)
	errs := make([]error, n)
	pool.Each(n, func(i int) { out[i], errs[i] = renderTopic(res.Topics[i], words, claims) })
	if err := words.Err(); err != nil {
		return nil, err
	}
	var all []*Chart
	for i := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, out[i]...)
	}
	slices.SortFunc(all, func(a, b *Chart) int { return strings.Compare(a.ID, b.ID) })
	return all, nil
}

// A Drawer draws the chart of one claim (its bridge) at a time, when a
// page needs it, each as [Render] draws it, so that a site's claims'
// charts need not all be held at once: [RenderSome] draws the topics'
// charts, and a Drawer the claims'. It is safe for concurrent use.
type Drawer struct {
	w      *text.Words
	proto  *charts.Bar // see maker; copied, never changed
	claims map[string]claimOf
	bufs   sync.Pool // of *[]byte, to write options into
}

// claimOf is a claim of the results a Drawer draws, with its topic and
// how the topic's charts write numbers.
type claimOf struct {
	t    *costmodel.Topic
	c    *costmodel.Claim
	nums *text.ScriptNumbers
}

// NewDrawer returns the Drawer of the claims' charts of res, in words.
func NewDrawer(res *costmodel.Results, words *text.Words) *Drawer {
	n := 0
	for _, t := range res.Topics {
		n += len(t.Claims)
	}
	d := &Drawer{w: words, proto: charts.NewBar(), claims: make(map[string]claimOf, n)}
	for _, t := range res.Topics {
		nums := words.Script(t.Currency)
		for _, c := range t.Claims {
			d.claims[c.Claim.ID] = claimOf{t, c, &nums}
		}
	}
	return d
}

// Claim draws the chart of the claim of ID id, TOPIC/CLAIM/bridge, as
// [Render] draws it, or returns nil when the claim has none or is not
// one of the results'. Its errors are Render's.
func (d *Drawer) Claim(id string) (*Chart, error) {
	cl, ok := d.claims[id]
	if !ok {
		return nil, nil
	}
	mk := &maker{proto: d.proto, w: d.w}
	s := mk.claimBridge(cl.t, cl.c)
	if s == nil {
		return nil, nil
	}
	s.b.v.numbers = cl.nums
	c, err := s.finish(cl.t, &d.bufs)
	if err != nil {
		return nil, err
	}
	if err := d.w.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func renderTopic(t *costmodel.Topic, w *text.Words, claims func(id string) bool) ([]*Chart, error) {
	mk := &maker{proto: charts.NewBar(), w: w}
	specs := mk.specs(t, claims)
	// The charts are finished on as many goroutines as there are
	// processors: after an edit, the preview draws one topic's only.
	out := make([]*Chart, len(specs))
	errs := make([]error, len(specs))
	nums := w.Script(t.Currency)
	var bufs sync.Pool
	pool.Each(len(specs), func(i int) {
		specs[i].b.v.numbers = &nums
		out[i], errs[i] = specs[i].finish(t, &bufs)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// specs makes the charts of topic t, those of its claims only for the
// claims that claims reports true for (nil: every claim).
func (mk *maker) specs(t *costmodel.Topic, claims func(id string) bool) []*spec {
	var specs []*spec
	if s := mk.ladder(t); s != nil {
		specs = append(specs, s)
	}
	if s := mk.topicBridge(t); s != nil {
		specs = append(specs, s)
	}
	if s := mk.sensitivity(t); s != nil {
		specs = append(specs, s)
	}
	if s := mk.timeline(t); s != nil {
		specs = append(specs, s)
	}
	for _, c := range t.Claims {
		if claims != nil && !claims(c.Claim.ID) {
			continue
		}
		if s := mk.claimBridge(t, c); s != nil {
			specs = append(specs, s)
		}
	}
	return specs
}

// spec is a chart being built.
type spec struct {
	subject, name, kind string // ID is subject/name
	claim               string
	title, caption      string
	description         string
	b                   *builder
	table               Table
	data                dataset
	height              int
}

// maker makes the charts of one topic.
type maker struct {
	// proto is a new go-echarts chart, copied for each chart: making one
	// walks its many options with reflection, which costs more than the
	// rest of a small chart.
	proto   *charts.Bar
	w       *text.Words // every string a reader sees comes from w
	amounts amounts     // the amounts w wrote last
}

func (mk *maker) newSpec(subject, name, kind, description string) *spec {
	b := newBuilder(mk.proto, ElementID(subject, name), description)
	b.rtl = mk.w.Dir() == "rtl"
	if d := mk.w.Digits(); d != "latn" {
		b.digits = d
	}
	return &spec{subject: subject, name: name, kind: kind, description: description, b: b}
}

// describe sets the chart's description, also the option's aria label.
func (s *spec) describe(d string) {
	s.description = d
	s.b.bar.Aria.Label.Description = d
}

// finish makes the chart of s. Its option is written into a buffer of
// bufs (of *[]byte), which it puts back.
func (s *spec) finish(t *costmodel.Topic, bufs *sync.Pool) (*Chart, error) {
	id := s.subject + "/" + s.name
	c := &Chart{
		ID: id, ElementID: ElementID(s.subject, s.name), Topic: t.Topic.ID, Claim: s.claim, Kind: s.kind,
		Title: s.title, Caption: s.caption, Description: s.description,
		Table: s.table, Height: s.height + s.b.legendRoom,
	}
	buf, _ := bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer bufs.Put(buf)
	opt, err := s.b.json((*buf)[:0])
	*buf = opt[:0]
	if err != nil {
		return nil, fmt.Errorf("chart %s: %v", id, err)
	}
	// The encoder escapes these, as encoding/json does; the check keeps
	// it so.
	if unsafeInScript(opt) {
		return nil, fmt.Errorf("chart %s: option holds a character unsafe in a script element", id)
	}
	c.Option = template.JS(opt)
	c.Data = &Data{
		set:  dataset{Columns: s.data.Columns, Rows: slices.Clip(s.data.Rows)},
		meta: meta{ID: id, Kind: s.kind, Topic: t.Topic.ID, Title: s.title, Caption: s.caption, Currency: t.Currency},
	}
	return c, nil
}

// unsafeInScript reports whether b holds <, >, & or U+2028 or U+2029, as
// bytes.ContainsAny(b, "<>&\u2028\u2029") does, without decoding b.
func unsafeInScript(b []byte) bool {
	if bytes.IndexByte(b, '<') >= 0 || bytes.IndexByte(b, '>') >= 0 || bytes.IndexByte(b, '&') >= 0 {
		return true
	}
	// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
	for i := bytes.IndexByte(b, 0xE2); i >= 0; {
		if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return true
		}
		j := bytes.IndexByte(b[i+1:], 0xE2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// scopeLabel is a scope's label, or its name when it has none.
func scopeLabel(t *costmodel.Topic, name string) string { return t.ScopeLabel(name) }

// byFigure returns the topic's claims from the smallest figure (in the
// topic's currency) to the largest, then by ID.
func byFigure(t *costmodel.Topic) []*costmodel.Claim {
	cs := slices.Clone(t.Claims)
	slices.SortStableFunc(cs, func(a, b *costmodel.Claim) int {
		return cmp.Or(cmp.Compare(a.Figure.Value, b.Figure.Value), strings.Compare(a.Claim.ID, b.Claim.ID))
	})
	return cs
}
