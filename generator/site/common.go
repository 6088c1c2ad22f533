package site

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/route"
	"reckon/generator/text"
)

// siteView builds the part of every page that is the same on all of them.
func (r *renderer) siteView() *SiteView {
	sv := &SiteView{
		Title: r.site.Title, Description: r.site.Description, Publisher: r.site.Publisher,
		Home: r.u.Home(), Feed: r.u.Feed(), FeedTitle: r.tr.s("feed_title", r.site.Title),
		CSS: r.assetURL("site.css"), JS: r.assetURL("site.js"), Icon: r.assetURL("favicon.svg"),
	}
	var menu []Link
	if r.in.Docs != nil {
		pages := slices.Clone(r.in.Docs.Pages)
		slices.SortStableFunc(pages, func(a, b *content.Doc) int { return cmp.Compare(a.Menu, b.Menu) })
		for _, d := range pages {
			if d.Menu > 0 {
				lang, _ := r.voice("page:" + d.Name)
				menu = append(menu, Link{URL: r.u.Page(d.Name), Text: d.Title, Lang: lang})
			}
		}
		for _, d := range r.in.Docs.Pages {
			lang, _ := r.voice("page:" + d.Name)
			sv.Footer = append(sv.Footer, Link{URL: r.u.Page(d.Name), Text: d.Title, Lang: lang})
		}
	}
	sv.Menu = append(menu,
		Link{URL: r.u.Sources(), Text: r.tr.s("sources_title")},
		Link{URL: r.u.Corrections(), Text: r.tr.s("corrections_title")},
	)
	sv.Footer = append(sv.Footer,
		Link{URL: r.u.Sources(), Text: r.tr.s("sources_title")},
		Link{URL: r.u.Corrections(), Text: r.tr.s("corrections_title")},
		Link{URL: r.u.Feed(), Text: r.tr.s("feed_link")},
		Link{URL: r.u.ClaimsCSV(), Text: r.tr.s("download_claims_csv")},
		Link{URL: r.u.ClaimsJSON(), Text: r.tr.s("download_claims_json")},
	)
	if d := r.changed; !d.IsZero() {
		sv.Year = r.tr.w.Int(d.Year)
	}
	return sv
}

// date is a date for a reader, made once per Stream for each date. It is
// safe for concurrent use.
func (r *renderer) date(d claim.Date) Date {
	r.datesMu.Lock()
	v, ok := r.dates[d]
	r.datesMu.Unlock()
	if ok {
		return v
	}
	v = Date{ISO: d.ISO(), Text: r.tr.date(d), When: r.tr.when(d), Sort: d.Time().Format(time.DateOnly)}
	r.datesMu.Lock()
	r.dates[d] = v
	r.datesMu.Unlock()
	return v
}

// currency is a topic's currency, which the loader sets (to the site's
// when the topic names none).
func (r *renderer) currency(t *claim.Topic) string { return t.Currency }

// rating returns the view of a rating, with its "rating" partial rendered,
// made once per rating. It is safe for concurrent use.
func (r *renderer) rating(v costmodel.Rating) Rating {
	r.fragMu.Lock()
	out, ok := r.ratings[v]
	r.fragMu.Unlock()
	if ok {
		return out
	}
	out = r.newRating(v)
	out.HTML = r.partialHTML("rating", out)
	r.fragMu.Lock()
	r.ratings[v] = out
	r.fragMu.Unlock()
	return out
}

func (r *renderer) newRating(v costmodel.Rating) Rating {
	best, worst := v.Best, v.Worst
	if best == 0 && worst == 0 {
		best, worst = r.site.Rating.Best, r.site.Rating.Worst
	}
	out := Rating{Value: v.Value, Best: best, Worst: worst, Label: v.Label, Band: 2}
	if out.Label == "" {
		out.Label = r.tr.s("unrated")
	}
	if best > worst {
		out.Band = int(math.Round(float64(v.Value-worst) / float64(best-worst) * 4))
		out.Band = min(max(out.Band, 0), 4)
	}
	for _, l := range r.site.Rating.Levels {
		if l.Value == v.Value && l.Label == v.Label {
			out.Description = l.Description
			break
		}
	}
	out.Text = r.tr.s("rating_out_of", v.Value, best)
	for i := worst; i <= best && best-worst < 20; i++ {
		out.Pips = append(out.Pips, i <= v.Value)
	}
	return out
}

// scale is the site's rating scale, best first, one entry per label.
func (r *renderer) scale() []Rating {
	var out []Rating
	seen := map[string]bool{}
	for _, l := range r.site.Rating.Levels {
		key := strconv.Itoa(l.Value) + "\x00" + l.Label
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, r.rating(costmodel.Rating{Value: l.Value, Label: l.Label, Best: r.site.Rating.Best, Worst: r.site.Rating.Worst}))
	}
	slices.SortStableFunc(out, func(a, b Rating) int { return cmp.Compare(b.Value, a.Value) })
	return out
}

// rules lists the site's rating levels in the order they are tried, and
// the values of every axis their conditions see.
func (r *renderer) rules() ([]RatingRule, []AxisValues) {
	var rules []RatingRule
	for _, l := range r.site.Rating.Levels {
		rules = append(rules, RatingRule{
			Rating: r.rating(costmodel.Rating{Value: l.Value, Label: l.Label, Best: r.site.Rating.Best, Worst: r.site.Rating.Worst}),
			When:   l.When,
		})
	}
	values := map[string][]costmodel.Verdict{
		"figure":     costmodel.FigureVerdicts(),
		"framing":    costmodel.FramingVerdicts(),
		"parts":      costmodel.PartsVerdicts(),
		"conversion": costmodel.ConversionVerdicts(),
		"support":    costmodel.SupportVerdicts(),
	}
	var axes []AxisValues
	for _, name := range claim.RatingAxes() {
		a := AxisValues{Name: name, Question: r.tr.s("axis_" + name)}
		for _, v := range values[name] {
			a.Values = append(a.Values, AxisValue{Name: string(v), Label: r.tr.s("verdict_" + string(v))})
		}
		axes = append(axes, a)
	}
	return rules, axes
}

// ratingCounts counts claims by rating, best first; with all, every level
// of the scale is listed, with or without claims.
func (r *renderer) ratingCounts(claims []*costmodel.Claim, all bool) []RatingCount {
	var out []RatingCount
	for _, s := range r.scale() {
		n := 0
		for _, c := range claims {
			if c.Rating.Value == s.Value && c.Rating.Label == s.Label {
				n++
			}
		}
		if n > 0 || all {
			out = append(out, RatingCount{Rating: s, Count: n})
		}
	}
	return out
}

// estimate formats a model estimate with f.
func (r *renderer) estimate(e costmodel.Estimate, f func(float64) string) Estimate {
	method := e.Method
	if method == "" {
		method = "point"
	}
	out := Estimate{Central: f(e.Central), Low: f(e.Low), High: f(e.High), Value: machine(e.Central), Method: r.tr.s("method_" + method)}
	if e.Low != e.High {
		out.Range = r.tr.s("range", out.Low, out.High)
	}
	return out
}

// figure writes a claim's figure with its qualifier: "more than $500M".
func (r *renderer) figure(f claim.Figure) string { return r.tr.w.Figure(f) }

// source returns the source with a full ID, or a stand-in.
func (r *renderer) source(id string) *claim.Source {
	if s := r.in.Claims.Source(id); s != nil {
		return s
	}
	return &claim.Source{ID: id, Title: id}
}

func unverified(v *bool) bool { return v != nil && !*v }

// sourceLink names a source and links to its entry on the sources page.
func (r *renderer) sourceLink(id string) SourceLink {
	s := r.source(id)
	l := SourceLink{URL: r.u.Source(s.ID), Title: s.Title, Unverified: unverified(s.Verified)}
	l.Lang, l.Dir = r.langAttrs(s.TitleLang())
	return l
}

// langAttrs returns the lang and dir attributes for text in lang: empty
// when they are the page's.
func (r *renderer) langAttrs(lang string) (string, string) {
	site, dir := r.lang()
	if lang == "" || strings.EqualFold(lang, site) {
		return "", ""
	}
	d := text.DirOf(lang)
	if d == dir {
		d = ""
	}
	return lang, d
}

// sourceEntry is everything known of a source.
func (r *renderer) sourceEntry(id string) SourceEntry {
	s := r.source(id)
	e := SourceEntry{
		ID: route.SourceID(s.ID), Title: s.Title, Publisher: s.Publisher, Author: s.Author,
		URL: s.URL, Archive: s.ArchiveURL, Published: r.date(s.Published), Accessed: r.date(s.Accessed),
		Locator: s.Locator, Quote: s.Quote, Unverified: unverified(s.Verified), Note: s.Note,
	}
	if s.Kind != "" {
		e.Kind = r.tr.s("source_kind_" + string(s.Kind))
	}
	for _, d := range s.DerivedFrom {
		e.DerivedFrom = append(e.DerivedFrom, r.sourceLink(d))
	}
	e.Lang, e.Dir = r.langAttrs(s.TitleLang())
	e.QuoteLang, e.QuoteDir = r.langAttrs(s.Language)
	return e
}

// claimCard is a claim in a list.
func (r *renderer) claimCard(t *costmodel.Topic, c *costmodel.Claim) ClaimCard {
	cl := c.Claim
	card := ClaimCard{
		URL: r.u.Claim(cl.ID), Title: cl.Title, Claimant: cl.Claimant,
		Said: r.date(cl.Date), Published: r.date(cl.Published),
		Figure: r.figure(cl.Figure), Rating: r.rating(c.Rating),
		Topic: Link{URL: r.u.Topic(t.Topic.ID), Text: t.Topic.Title},
	}
	if d := cl.Changed(); d != cl.Published {
		card.Corrected = r.date(d)
	}
	card.Lang, card.Dir = r.voice("claim:" + cl.ID)
	return card
}

// scopeLabel returns a scope's label, or its name when the model lacks it.
func scopeLabel(t *costmodel.Topic, name string) string { return t.ScopeLabel(name) }

func componentLabel(t *costmodel.Topic, name string) string {
	if c, ok := t.Topic.Model.Components[name]; ok && c.Label != "" {
		return c.Label
	}
	return name
}

// scopeLink links to a scope's row on its topic's page.
func (r *renderer) scopeLink(t *costmodel.Topic, name string) Link {
	return Link{URL: r.u.Topic(t.Topic.ID) + "#" + route.ScopeID(name), Text: scopeLabel(t, name)}
}

// claimScope is the row of scope s of topic t, with its
// "components-table" partial rendered, made once for every claim page that
// shows it. It is safe for concurrent use.
func (r *renderer) claimScope(t *costmodel.Topic, s *costmodel.Scope) ScopeRow {
	key := t.Topic.ID + "\x00" + s.Scope.Name
	r.fragMu.Lock()
	row, ok := r.scopes[key]
	r.fragMu.Unlock()
	if ok {
		return row
	}
	row = r.scopeRow(t, s)
	row.HTML = r.partialHTML("components-table", row)
	r.fragMu.Lock()
	r.scopes[key] = row
	r.fragMu.Unlock()
	return row
}

// scopeRow is a scope with its components.
func (r *renderer) scopeRow(t *costmodel.Topic, s *costmodel.Scope) ScopeRow {
	cur := s.Currency
	if cur == "" {
		cur = r.currency(t.Topic)
	}
	m := func(v float64) string { return r.tr.w.Money(v, cur) }
	row := ScopeRow{ID: route.ScopeID(s.Scope.Name), Label: scopeLabel(t, s.Scope.Name), Description: s.Scope.Description, Estimate: r.estimate(s.Estimate, m)}
	if s.Scope.Extends != "" {
		row.Extends = r.scopeLink(t, s.Scope.Extends)
	}
	for _, c := range s.Components {
		row.Components = append(row.Components, ComponentRow{
			ID: route.ComponentID(c.Component.Name), Label: componentLabel(t, c.Component.Name),
			Description: c.Component.Description, Estimate: r.estimate(c.Estimate, m),
			Arithmetic: r.arithmetic(c.Arithmetic, c.Central, cmp.Or(c.Unit, c.Component.Unit)),
		})
	}
	for _, f := range s.Formulas {
		row.Formulas = append(row.Formulas, r.formulaRow(f))
	}
	return row
}

// arithmetic writes a value's arithmetic; "" when there are no tokens.
func (r *renderer) arithmetic(tokens []costmodel.Token, v float64, u string) string {
	if len(tokens) == 0 {
		return ""
	}
	return r.tr.w.Arithmetic(tokens, v, u)
}

// formulaRow is a derived quantity with its value and arithmetic.
func (r *renderer) formulaRow(f *costmodel.Formula) FormulaRow {
	u := cmp.Or(f.Unit, f.Formula.Unit)
	e := r.estimate(f.Estimate, func(v float64) string { return r.tr.quantity(v, u) })
	return FormulaRow{
		ID: route.FormulaID(f.Formula.Name), Name: f.Formula.Name, Label: cmp.Or(f.Formula.Label, f.Formula.Name),
		Expr: f.Formula.Expr, Value: e.Central, Range: e.Range, Note: f.Formula.Note,
		Arithmetic: r.arithmetic(f.Arithmetic, f.Central, u),
	}
}

// bridge builds a bridge's view; id is the element id of its table.
func (r *renderer) bridge(t *costmodel.Topic, b *costmodel.Bridge, id string) Bridge {
	cur := r.currency(t.Topic)
	m := func(v float64) string { return r.tr.w.Money(v, cur) }
	sg := func(v float64) string { return r.tr.w.Signed(v, cur) }
	out := Bridge{
		ID: id, From: r.scopeLink(t, b.From), To: r.scopeLink(t, b.To),
		FromValue: r.estimate(b.FromValue, m), ToValue: r.estimate(b.ToValue, m),
	}
	out.Caption = r.tr.x("bridge_caption", user(out.From.Text), user(out.To.Text))
	if c := r.in.Claims.Claim(b.Claim); c != nil {
		out.Caption = r.tr.x("bridge_caption_claim", user(out.From.Text), user(c.Title))
	}
	// The takeaway: how many times the one is the other, and the largest step.
	if b.FromValue.Central > 0 && b.ToValue.Central > b.FromValue.Central {
		rm := func(v float64) string { return r.tr.w.Round(v, cur) }
		times := r.tr.w.BridgeTimes(b.ToValue.Central / b.FromValue.Central)
		out.Takeaway = r.tr.x("bridge_takeaway", rm(b.ToValue.Central), times, rm(b.FromValue.Central))
		var big *costmodel.Step
		for i := range b.Steps {
			if s := &b.Steps[i]; big == nil || math.Abs(s.Delta.Central) > math.Abs(big.Delta.Central) {
				big = s
			}
		}
		if big != nil && len(b.Steps) > 1 {
			step := r.tr.x("bridge_takeaway_step", r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.StepLabel(t, *big))), r.tr.w.SignedRound(big.Delta.Central, cur))
			out.Takeaway = append(append(out.Takeaway, Span{Text: " "}), step...)
		}
	}
	for _, s := range b.Steps {
		out.Steps = append(out.Steps, Step{Label: r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.StepLabel(t, s))), Delta: r.estimate(s.Delta, sg), Cumulative: m(s.Cumulative)})
	}
	if b.HasResidual {
		out.Residual = sg(b.Residual)
		if c := r.in.Claims.Claim(b.Claim); c != nil {
			out.ResidualLabel = r.tr.x("bridge_residual_against", user(c.Claimant), r.figure(c.Figure))
		}
	}
	return out
}

// ladder lists a topic's claims by the figure in the topic's currency.
func (r *renderer) ladder(t *costmodel.Topic) []LadderRow {
	claims := slices.Clone(t.Claims)
	slices.SortStableFunc(claims, func(a, b *costmodel.Claim) int {
		return cmp.Or(cmp.Compare(a.Figure.Value, b.Figure.Value), strings.Compare(a.Claim.ID, b.Claim.ID))
	})
	cur := r.currency(t.Topic)
	var rows []LadderRow
	for _, c := range claims {
		rows = append(rows, LadderRow{
			Claim: r.claimCard(t, c), Figure: r.figure(c.Claim.Figure), Value: machine(c.Figure.Value),
			Measures: r.scopeLink(t, c.Claim.Scope),
			Model:    r.estimate(c.Figure.Model, func(v float64) string { return r.tr.w.Money(v, cur) }),
			Ratio:    r.factor(c.Figure.Ratio),
		})
	}
	return rows
}

// broadest returns the scope a topic's sensitivity is shown for: the end of
// its bridge, or its largest scope.
// sensitivity is how a scope moves with each input.
func (r *renderer) sensitivity(t *costmodel.Topic, s *costmodel.Scope) *Sensitivity {
	if s == nil || len(s.Sensitivity) == 0 {
		return nil
	}
	cur := r.currency(t.Topic)
	out := &Sensitivity{Scope: scopeLabel(t, s.Scope.Name)}
	for _, x := range s.Sensitivity {
		label := x.Label
		if label == "" {
			label = x.Param
		}
		out.Rows = append(out.Rows, SensitivityRow{
			Label: label, AtLow: r.tr.w.Money(x.AtLow, cur), AtHigh: r.tr.w.Money(x.AtHigh, cur),
			Share: r.tr.w.Percent(x.Share), ShareValue: machine(x.Share),
			ParamURL: r.u.Topic(t.Topic.ID) + "#" + route.ParamID(x.Param),
		})
	}
	return out
}

// params lists a topic's parameters.
func (r *renderer) params(t *costmodel.Topic) []ParamRow {
	var rows []ParamRow
	for _, p := range t.Params {
		prm := p.Param
		u := p.Unit
		if u == "" {
			u = prm.Unit
		}
		q := func(v float64) string { return r.tr.quantity(v, u) }
		row := ParamRow{
			ID: route.ParamID(prm.Name), Name: prm.Name, Label: prm.Label, Value: q(p.Central),
			AsOf: r.date(prm.AsOf), Locator: prm.Locator, Quote: prm.Quote, Note: prm.Note,
			Unverified: unverified(prm.Verified), SiteWide: prm.Site,
		}
		if prm.Label == "" {
			row.Label = prm.Name
		}
		if prm.Value == nil && prm.Low != nil && prm.High != nil {
			row.Range = r.tr.s("range", q(*prm.Low), q(*prm.High))
			dist, cov := prm.Spread()
			row.Distribution = r.tr.s("dist_"+string(dist), r.tr.w.Percent(cov))
		}
		if prm.SourceID != "" {
			row.Source = r.sourceLink(prm.SourceID)
			row.QuoteLang, row.QuoteDir = r.langAttrs(r.source(prm.SourceID).Language)
		}
		rows = append(rows, row)
	}
	return rows
}
