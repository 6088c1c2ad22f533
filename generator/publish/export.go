package publish

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"sync"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/route"
)

// num is a number in a JSON export: null when it is infinite or not a
// number (the open end of "more than $500M"), which JSON cannot hold.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	v := float64(n)
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(v, 'g', -1, 64)), nil
}

func nums(p *float64) *num {
	if p == nil {
		return nil
	}
	n := num(*p)
	return &n
}

type estimateJSON struct {
	Central num    `json:"central"`
	Low     num    `json:"low"`
	High    num    `json:"high"`
	P50     num    `json:"p50"`
	Method  string `json:"method"`
}

func estimateOf(e costmodel.Estimate) estimateJSON {
	return estimateJSON{num(e.Central), num(e.Low), num(e.High), num(e.P50), e.Method}
}

type figureJSON struct {
	Value     num    `json:"value"`
	Currency  string `json:"currency"`
	Qualifier string `json:"qualifier"`
	Text      string `json:"text,omitempty"`
}

type citationJSON struct {
	Source      string `json:"source"`
	URL         string `json:"url,omitempty"`
	Archive     string `json:"archive_url,omitempty"`
	Date        string `json:"date,omitempty"`
	Locator     string `json:"locator,omitempty"`
	Quote       string `json:"quote,omitempty"`
	Language    string `json:"language,omitempty"`
	Translation string `json:"translation,omitempty"`
}

type ratingJSON struct {
	Value int    `json:"value"`
	Label string `json:"label"`
	Best  int    `json:"best"`
	Worst int    `json:"worst"`
}

type verdictsJSON struct {
	Figure     string `json:"figure"`
	Framing    string `json:"framing"`
	Parts      string `json:"parts"`
	Conversion string `json:"conversion"`
	Support    string `json:"support"`
}

type correctionJSON struct {
	Date   string `json:"date"`
	Change string `json:"change"`
	Reason string `json:"reason"`
}

type claimJSON struct {
	ID           string           `json:"id"`
	URL          string           `json:"url"`
	Topic        string           `json:"topic"`
	Title        string           `json:"title"`
	Claimant     string           `json:"claimant"`
	ClaimantKind string           `json:"claimant_kind"`
	ClaimantRole string           `json:"claimant_role,omitempty"`
	Unnamed      bool             `json:"claimant_unnamed,omitempty"`
	Date         string           `json:"date"`
	Published    string           `json:"published"`
	Summary      string           `json:"summary,omitempty"`
	Figure       figureJSON       `json:"figure"`
	Scope        string           `json:"scope"`
	PresentedAs  string           `json:"presented_as,omitempty"`
	Source       citationJSON     `json:"source"`
	Origin       *originJSON      `json:"origin,omitempty"`
	Repeated     []citationJSON   `json:"repeated,omitempty"`
	Model        estimateJSON     `json:"model"`
	FigureValue  num              `json:"figure_in_topic_currency"`
	Ratio        num              `json:"ratio"`
	Verdicts     verdictsJSON     `json:"verdicts"`
	Rating       ratingJSON       `json:"rating"`
	Reasons      []string         `json:"reasons"`
	Threshold    *thresholdJSON   `json:"threshold,omitempty"`
	Corrections  []correctionJSON `json:"corrections,omitempty"`
}

// thresholdJSON is what would have to be true for the verdict on the
// figure to stand: the verdict holds while the input stays between low and
// high (null: no bound on that side); below and above are the verdicts past
// each bound ("none" on a side with no bound).
type thresholdJSON struct {
	Param   string `json:"param"`
	Label   string `json:"label"`
	Unit    string `json:"unit"`
	Central num    `json:"central"`
	Kind    string `json:"kind"` // "at-most", "at-least" or "between"
	Verdict string `json:"verdict"`
	Low     num    `json:"low"`
	High    num    `json:"high"`
	Below   string `json:"below"`
	Above   string `json:"above"`
	Text    string `json:"text"`
}

func (p *Publisher) thresholdJSON(th *costmodel.Threshold) *thresholdJSON {
	if th == nil {
		return nil
	}
	kind := map[costmodel.FindingKind]string{costmodel.ThresholdAtMost: "at-most", costmodel.ThresholdAtLeast: "at-least", costmodel.ThresholdBetween: "between"}[th.Kind]
	return &thresholdJSON{
		Param: th.Param, Label: th.Label, Unit: th.Unit, Central: num(th.Central), Kind: kind, Verdict: string(th.Verdict),
		Low: num(th.Low), High: num(th.High), Below: string(th.Below), Above: string(th.Above), Text: p.in.Words.Threshold(th),
	}
}

// originJSON is who first produced a claim's figure, and where.
type originJSON struct {
	By      string `json:"by"`
	Kind    string `json:"kind"`
	Unnamed bool   `json:"unnamed,omitempty"`
	Source  string `json:"source"`
	URL     string `json:"url,omitempty"`
	Date    string `json:"date,omitempty"`
	Locator string `json:"locator,omitempty"`
	Quote   string `json:"quote,omitempty"`
	Figure  string `json:"figure,omitempty"`
	Note    string `json:"note,omitempty"`
}

func (p *Publisher) originJSON(o *claim.Origin) *originJSON {
	if o == nil {
		return nil
	}
	out := &originJSON{
		By: o.By, Kind: string(o.Kind), Unnamed: o.Unnamed, Source: o.SourceID, Date: o.Date.String(),
		Locator: o.Locator, Quote: o.Quote, Figure: o.Figure, Note: o.Note,
	}
	if s := p.in.Claims.Source(o.SourceID); s != nil {
		out.URL = s.URL
	}
	if out.Kind == "" {
		out.Kind = string(claim.Organization)
	}
	return out
}

func (p *Publisher) citationJSON(c claim.Citation) citationJSON {
	out := citationJSON{
		Source: c.SourceID, Date: c.Date.String(), Locator: c.Locator,
		Quote: c.Quote, Language: c.Language, Translation: c.Translation,
	}
	if s := p.in.Claims.Source(c.SourceID); s != nil {
		out.Source, out.URL, out.Archive = s.ID, s.URL, s.ArchiveURL
	}
	return out
}

func (p *Publisher) claimJSON(c *costmodel.Claim) claimJSON {
	cl := c.Claim
	out := claimJSON{
		ID: cl.ID, URL: p.u.Abs(p.u.Claim(cl.ID)), Topic: cl.Topic, Title: cl.Title,
		Claimant: cl.Claimant, ClaimantKind: string(cl.ClaimantKind), ClaimantRole: cl.ClaimantRole, Unnamed: cl.Unnamed,
		Origin: p.originJSON(cl.Origin),
		Date:   cl.Date.String(), Published: cl.Published.String(), Summary: cl.Summary,
		Figure:      figureJSON{num(cl.Figure.Value), cl.Figure.Currency, string(cl.Figure.Qualifier), cl.Figure.Text},
		Scope:       cl.Scope,
		PresentedAs: cl.PresentedAs,
		Source:      p.citationJSON(cl.Source),
		Model:       estimateOf(c.Figure.Model),
		FigureValue: num(c.Figure.Value),
		Ratio:       num(c.Figure.Ratio),
		Verdicts:    verdicts(c),
		Rating:      ratingJSON{c.Rating.Value, c.Rating.Label, c.Rating.Best, c.Rating.Worst},
		Reasons:     p.in.Words.Reasons(c),
		Threshold:   p.thresholdJSON(c.Threshold),
	}
	if out.ClaimantKind == "" {
		out.ClaimantKind = "organization"
	}
	if out.Figure.Qualifier == "" {
		out.Figure.Qualifier = "exact"
	}
	if out.Reasons == nil {
		out.Reasons = []string{}
	}
	for _, rep := range cl.Repeated {
		out.Repeated = append(out.Repeated, p.citationJSON(rep))
	}
	for _, k := range cl.Correction {
		out.Corrections = append(out.Corrections, correctionJSON{k.Date.String(), k.Change, k.Reason})
	}
	return out
}

func verdicts(c *costmodel.Claim) verdictsJSON {
	none := string(costmodel.None)
	v := verdictsJSON{Figure: string(c.Figure.Verdict), Framing: none, Parts: none, Conversion: none, Support: string(c.Support.Verdict)}
	if c.Framing != nil {
		v.Framing = string(c.Framing.Verdict)
	}
	if c.Parts != nil {
		v.Parts = string(c.Parts.Verdict)
	}
	if c.Conversion != nil {
		v.Conversion = string(c.Conversion.Verdict)
	}
	return v
}

// indented is v as indented JSON and a newline, as [writer.json] writes it.
func indented(v any) ([]byte, error) {
	return marshalIndent(v, "", true)
}

// An indenter is a JSON encoder that indents by two spaces into a buffer
// of its own, both reused.
type indenter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var indenters sync.Pool // of *indenter

// marshalIndent is [json.MarshalIndent] of v by two spaces after prefix,
// with a newline after it when newline is true, as a slice of its own
// length: MarshalIndent's may hold twice as much, which a site's claims'
// elements of claims.json would keep until the file is written.
func marshalIndent(v any, prefix string, newline bool) ([]byte, error) {
	in, _ := indenters.Get().(*indenter)
	if in == nil {
		in = &indenter{}
		in.enc = json.NewEncoder(&in.buf)
	}
	defer indenters.Put(in)
	in.enc.SetIndent(prefix, "  ")
	in.buf.Reset()
	if err := in.enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimSuffix(in.buf.Bytes(), []byte("\n"))
	out := make([]byte, len(b), len(b)+1)
	copy(out, b)
	if newline {
		out = append(out, '\n')
	}
	return out, nil
}

// claimsFile is claims.json, {"claims": [...]} indented, from its elements
// each indented as they stand in the array. The frame around them is the
// one encoding/json gives the file with no claims.
func claimsFile(elems [][]byte) ([]byte, error) {
	empty, err := indented(struct {
		Claims []claimJSON `json:"claims"`
	}{[]claimJSON{}})
	if err != nil || len(elems) == 0 {
		return empty, err
	}
	open := bytes.IndexByte(empty, '[') + 1 // {\n  "claims": [
	size := len(empty) + len("\n  ")
	for _, e := range elems {
		size += len(e) + 6
	}
	b := make([]byte, 0, size)
	b = append(b, empty[:open]...)
	for i, e := range elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = append(b, e...)
	}
	b = append(b, "\n  "...)
	return append(b, empty[open:]...), nil // ]\n}\n
}

// json writes v as indented JSON and a newline.
func (w *writer) json(v any) []byte {
	data, err := indented(v)
	w.fail(err)
	return data
}

// csvHeader is the columns of claims.csv.
func csvHeader() []string {
	return []string{
		"id", "url", "topic", "title", "claimant", "date", "published",
		"figure_value", "figure_currency", "figure_qualifier", "figure_text",
		"scope", "presented_as", "figure_in_topic_currency", "model_central", "model_low", "model_high", "ratio",
		"verdict_figure", "verdict_framing", "verdict_parts", "verdict_conversion", "verdict_support",
		"rating_value", "rating_label", "source_url", "corrections",
	}
}

// csvRows is the rows of claims.csv of the claims all.
func (w *writer) csvRows(all []claimJSON) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	n := func(v num) string {
		f := float64(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return ""
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	for _, c := range all {
		cw.Write([]string{
			cell(c.ID), cell(c.URL), cell(c.Topic), cell(c.Title), cell(c.Claimant), c.Date, c.Published,
			n(c.Figure.Value), cell(c.Figure.Currency), cell(c.Figure.Qualifier), cell(c.Figure.Text),
			cell(c.Scope), cell(c.PresentedAs), n(c.FigureValue), n(c.Model.Central), n(c.Model.Low), n(c.Model.High), n(c.Ratio),
			c.Verdicts.Figure, c.Verdicts.Framing, c.Verdicts.Parts, c.Verdicts.Conversion, c.Verdicts.Support,
			strconv.Itoa(c.Rating.Value), cell(c.Rating.Label), cell(c.Source.URL), strconv.Itoa(len(c.Corrections)),
		})
	}
	cw.Flush()
	w.fail(cw.Error())
	return bytes.Clone(b.Bytes()) // of its length: a topic's rows are kept
}

// cell defuses a text cell that a spreadsheet would read as a formula: one
// that starts with =, +, -, @, a tab or a carriage return gets a leading '.
func cell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

// The topic export: the model as written and its results.
type topicJSON struct {
	ID         string          `json:"id"`
	URL        string          `json:"url"`
	Title      string          `json:"title"`
	Question   string          `json:"question"`
	Summary    string          `json:"summary"`
	Published  string          `json:"published"`
	Updated    string          `json:"updated,omitempty"`
	Currency   string          `json:"currency"`
	Parameters []parameterJSON `json:"parameters"`
	Formulas   []formulaJSON   `json:"formulas"`
	Components []componentJSON `json:"components"`
	Scopes     []scopeJSON     `json:"scopes"`
	Bridge     *bridgeJSON     `json:"bridge,omitempty"`
	Claims     []string        `json:"claims"`
	Charts     []chartJSON     `json:"charts,omitempty"`
}

// chartJSON lists a chart of the topic or of one of its claims, with the
// absolute URLs of its data, its place on the site and its embed page.
type chartJSON struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Title     string `json:"title"`
	Claim     string `json:"claim,omitempty"`
	Permalink string `json:"permalink"`
	CSV       string `json:"csv"`
	JSON      string `json:"json"`
	Embed     string `json:"embed"`
	OEmbed    string `json:"oembed"`
}

type parameterJSON struct {
	Name         string       `json:"name"`
	Label        string       `json:"label"`
	Unit         string       `json:"unit"`
	Value        *num         `json:"value,omitempty"`
	Low          *num         `json:"low,omitempty"`
	High         *num         `json:"high,omitempty"`
	Central      *num         `json:"central,omitempty"`
	Distribution string       `json:"distribution,omitempty"`
	Coverage     *num         `json:"coverage,omitempty"`
	AsOf         string       `json:"as_of"`
	Source       string       `json:"source"`
	SourceURL    string       `json:"source_url,omitempty"`
	Locator      string       `json:"locator,omitempty"`
	Quote        string       `json:"quote,omitempty"`
	Note         string       `json:"note,omitempty"`
	Verified     bool         `json:"verified"`
	SiteWide     bool         `json:"site_wide"`
	Estimate     estimateJSON `json:"estimate"`
}

type formulaJSON struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Expr  string `json:"expr"`
	Unit  string `json:"unit"`
	Note  string `json:"note,omitempty"`
	// Arithmetic is the formula with each input's central value, in words;
	// "" when the model has no value for it.
	Arithmetic string `json:"arithmetic,omitempty"`
}

type componentJSON struct {
	Name        string        `json:"name"`
	Label       string        `json:"label"`
	Expr        string        `json:"expr"`
	Unit        string        `json:"unit"`
	Description string        `json:"description,omitempty"`
	Contains    []string      `json:"contains,omitempty"`
	Overlaps    []string      `json:"overlaps,omitempty"`
	Estimate    *estimateJSON `json:"estimate,omitempty"`
	Arithmetic  string        `json:"arithmetic,omitempty"` // as for a formula
}

type scopeJSON struct {
	Name        string            `json:"name"`
	Label       string            `json:"label"`
	Description string            `json:"description,omitempty"`
	Extends     string            `json:"extends,omitempty"`
	Add         []string          `json:"add,omitempty"`
	Replaces    []string          `json:"replaces,omitempty"`
	Components  []string          `json:"components"`
	Estimate    estimateJSON      `json:"estimate"`
	Sensitivity []sensitivityJSON `json:"sensitivity,omitempty"`
}

type sensitivityJSON struct {
	Param  string `json:"param"`
	AtLow  num    `json:"at_low"`
	AtHigh num    `json:"at_high"`
	Swing  num    `json:"swing"`
	Share  num    `json:"share"`
}

type bridgeJSON struct {
	From     string       `json:"from"`
	To       string       `json:"to"`
	FromVal  estimateJSON `json:"from_value"`
	ToVal    estimateJSON `json:"to_value"`
	Steps    []stepJSON   `json:"steps"`
	Residual *num         `json:"residual,omitempty"`
}

type stepJSON struct {
	Kind       string       `json:"kind"`
	Scope      string       `json:"scope"`
	Label      string       `json:"label"`
	Added      []string     `json:"added,omitempty"`
	Removed    []string     `json:"removed,omitempty"`
	Delta      estimateJSON `json:"delta"`
	Cumulative num          `json:"cumulative"`
}

func (p *Publisher) bridgeOf(t *costmodel.Topic, b *costmodel.Bridge) *bridgeJSON {
	out := &bridgeJSON{From: b.From, To: b.To, FromVal: estimateOf(b.FromValue), ToVal: estimateOf(b.ToValue), Steps: []stepJSON{}}
	for _, s := range b.Steps {
		out.Steps = append(out.Steps, stepJSON{s.Kind, s.Scope, p.in.Words.StepLabel(t, s), s.Added, s.Removed, estimateOf(s.Delta), num(s.Cumulative)})
	}
	if b.HasResidual {
		res := num(b.Residual)
		out.Residual = &res
	}
	return out
}

func (p *Publisher) topicJSON(t *costmodel.Topic) topicJSON {
	tp := t.Topic
	out := topicJSON{
		ID: tp.ID, URL: p.u.Abs(p.u.Topic(tp.ID)), Title: tp.Title, Question: tp.Question, Summary: tp.Summary,
		Published: tp.Published.String(), Updated: tp.Updated.String(), Currency: t.Currency,
		Parameters: []parameterJSON{}, Formulas: []formulaJSON{}, Components: []componentJSON{}, Scopes: []scopeJSON{}, Claims: []string{},
	}
	for _, x := range t.Params {
		prm := x.Param
		pj := parameterJSON{
			Name: prm.Name, Label: prm.Label, Unit: prm.Unit,
			Value: nums(prm.Value), Low: nums(prm.Low), High: nums(prm.High), Central: nums(prm.Central),
			Distribution: string(prm.Distribution), Coverage: nums(prm.Coverage), AsOf: prm.AsOf.String(),
			Source: prm.SourceID, Locator: prm.Locator, Quote: prm.Quote, Note: prm.Note,
			Verified: prm.Verified == nil || *prm.Verified, SiteWide: prm.Site, Estimate: estimateOf(x.Estimate),
		}
		if s := p.in.Claims.Source(prm.SourceID); s != nil {
			pj.SourceURL = s.URL
		}
		out.Parameters = append(out.Parameters, pj)
	}
	if m := tp.Model; m != nil {
		for _, name := range slices.Sorted(maps.Keys(m.Formulas)) {
			f := m.Formulas[name]
			fj := formulaJSON{Name: name, Label: f.Label, Expr: f.Expr, Unit: f.Unit, Note: f.Note}
			if r := t.Formula(name); r != nil {
				fj.Arithmetic = p.in.Words.Arithmetic(r.Arithmetic, r.Central, cmp.Or(r.Unit, f.Unit))
			}
			out.Formulas = append(out.Formulas, fj)
		}
		for _, name := range slices.Sorted(maps.Keys(m.Components)) {
			c := m.Components[name]
			cj := componentJSON{Name: name, Label: c.Label, Expr: c.Expr, Unit: c.Unit, Description: c.Description, Contains: c.Contains, Overlaps: c.Overlaps}
			if e := t.Component(name); e != nil {
				est := estimateOf(e.Estimate)
				cj.Estimate = &est
				cj.Arithmetic = p.in.Words.Arithmetic(e.Arithmetic, e.Central, cmp.Or(e.Unit, c.Unit))
			}
			out.Components = append(out.Components, cj)
		}
	}
	for _, s := range t.Scopes {
		sj := scopeJSON{
			Name: s.Scope.Name, Label: s.Scope.Label, Description: s.Scope.Description, Extends: s.Scope.Extends,
			Add: s.Scope.Add, Replaces: s.Scope.Replaces, Components: s.Scope.Components, Estimate: estimateOf(s.Estimate),
		}
		if sj.Components == nil {
			sj.Components = []string{}
		}
		for _, x := range s.Sensitivity {
			sj.Sensitivity = append(sj.Sensitivity, sensitivityJSON{x.Param, num(x.AtLow), num(x.AtHigh), num(x.Swing), num(x.Share)})
		}
		out.Scopes = append(out.Scopes, sj)
	}
	if t.Bridge != nil {
		out.Bridge = p.bridgeOf(t, t.Bridge)
	}
	for _, c := range t.Claims {
		out.Claims = append(out.Claims, c.Claim.ID)
	}
	for _, c := range p.in.Charts {
		if c.Topic == tp.ID && route.ValidChartID(c.ID) {
			out.Charts = append(out.Charts, chartJSON{
				ID: c.ID, Kind: c.Kind, Title: c.Title, Claim: c.Claim, Permalink: p.u.Abs(p.u.ChartPermalink(c.Topic, c.Claim, c.ElementID)),
				CSV: p.u.Abs(p.u.ChartCSV(c.ID)), JSON: p.u.Abs(p.u.ChartJSON(c.ID)),
				Embed: p.u.Abs(p.u.Embed(c.ID)), OEmbed: p.u.Abs(p.u.OEmbed(c.ID)),
			})
		}
	}
	return out
}
