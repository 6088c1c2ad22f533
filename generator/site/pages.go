package site

import (
	"bytes"
	"cmp"
	"html/template"
	"math"
	"slices"
	"strings"

	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// latestCount is how many fact-checks the home page lists.
const latestCount = 10

func (r *renderer) home() {
	if !r.wants(r.u.Home()) {
		return
	}
	v := HomeView{Page: r.page("home", r.u.Home(), r.site.Title, r.site.Description)}
	var all []*costmodel.Claim
	type newest struct {
		t   *costmodel.Topic
		c   *costmodel.Claim
		iso string // the card's last change
	}
	// Newest first: by the last change (publication or correction), then
	// URL; the URLs of claims differ only in ID + "/". The latestCount
	// newest are kept in order as the claims are gone over.
	before := func(a, b newest) int {
		return cmp.Or(strings.Compare(b.iso, a.iso), compareSlashed(a.c.Claim.ID, b.c.Claim.ID))
	}
	var latest []newest
	isos := map[claim.Date]string{} // each last change's ISO form
	for _, t := range r.in.Results.Topics {
		tc := TopicCard{
			URL: r.u.Topic(t.Topic.ID), Title: t.Topic.Title, Question: t.Topic.Question, Summary: t.Topic.Summary,
			Published: r.date(t.Topic.Published), Updated: r.date(t.Topic.Updated), Claims: len(t.Claims),
			Ratings: r.ratingCounts(t.Claims, false),
		}
		tc.Lang, tc.Dir = r.voice("topic:" + t.Topic.ID)
		v.Topics = append(v.Topics, tc)
		for _, c := range t.Claims {
			all = append(all, c)
			// The card's last change: its Corrected date, set when it
			// differs from Published, or Published.
			d := c.Claim.Changed()
			iso, ok := isos[d]
			if !ok {
				iso = d.ISO()
				isos[d] = iso
			}
			l := newest{t: t, c: c, iso: iso}
			if len(latest) == latestCount && before(l, latest[latestCount-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(latest, l, before)
			latest = slices.Insert(latest, i, l)
			latest = latest[:min(len(latest), latestCount)]
		}
	}
	for _, l := range latest {
		v.Latest = append(v.Latest, r.claimCard(l.t, l.c))
	}
	v.Ratings = r.ratingCounts(all, true)
	v.Total = len(all)
	r.write("home", v.Path, r.changed.String(), v)
}

// compareSlashed compares a+"/" and b+"/", as [strings.Compare] does,
// without making them.
func compareSlashed(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 || len(a) == len(b) {
		return c
	}
	// One is the start of the other: the shorter one's "/" meets the
	// longer one's next byte, and when they are equal the shorter is less.
	if len(a) < len(b) {
		return cmp.Or(cmp.Compare('/', b[n]), -1)
	}
	return cmp.Or(cmp.Compare(a[n], '/'), 1)
}

// topicArticle is a topic's commentary, rendered, with what it sets on the
// topic's page.
type topicArticle struct {
	title, summary string
	article        template.HTML
	placed         []string // the charts the article places
}

// topicArticle renders the commentary of topic t, if it has one. Rendering
// notes the charts it places, so articles are rendered one at a time.
func (r *renderer) topicArticle(t *costmodel.Topic) topicArticle {
	tp := t.Topic
	a := topicArticle{title: tp.Title, summary: tp.Summary}
	if r.in.Docs != nil {
		if d := r.in.Docs.Topic(tp.ID); d != nil {
			if d.Title != "" {
				a.title = d.Title
			}
			if d.Summary != "" {
				a.summary = d.Summary
			}
			// The page shows these charts in their sections: the article's
			// copies get other ids. The timeline is shown once, where the
			// article places it, or else after the ladder.
			own := []string{topicChartID(t, "ladder"), topicChartID(t, "bridge"), topicChartID(t, "sensitivity")}
			a.article = r.markdown(d, own...)
			a.placed = r.placedBy(d.File)
		}
	}
	return a
}

// topic renders the page of topic t with its rendered commentary a. It only
// reads the renderer's state, so topics' pages may be rendered at once.
func (r *renderer) topic(t *costmodel.Topic, a topicArticle) page {
	tp := t.Topic
	title, summary, article, placed := a.title, a.summary, a.article, a.placed
	v := TopicView{
		Page:     r.page("topic", r.u.Topic(tp.ID), title, tp.Summary),
		Question: tp.Question, Summary: summary, Article: article,
		Published: r.date(tp.Published), Updated: r.date(tp.Updated),
		Ladder: r.topicFigure(t, "ladder", ""), Params: r.params(t),
	}
	v.MainLang, v.MainDir = r.voice("topic:" + tp.ID)
	if v.MainLang == "" {
		v.ArticleLang, v.ArticleDir = r.voice("article:" + tp.ID)
	}
	if !slices.Contains(placed, topicChartID(t, "timeline")) {
		f := r.topicFigure(t, "timeline", "")
		v.Timeline = &f
	}
	for _, f := range t.Formulas {
		v.Formulas = append(v.Formulas, r.formulaRow(f))
	}
	v.OGType = "article"
	v.Page.Published, v.Page.Modified = tp.Published.String(), tp.Changed().String()
	v.Breadcrumbs = []Link{{URL: r.u.Home(), Text: r.tr.s("home")}}
	if t.Bridge != nil && len(t.Bridge.Steps) > 0 {
		f := r.topicFigure(t, "bridge", "")
		v.Bridge = &f
	}
	if s := t.Broadest(); s != nil && len(s.Sensitivity) > 0 {
		f := r.topicFigure(t, "sensitivity", "")
		v.Sensitivity = &f
	}
	methods := map[string]bool{}
	for _, s := range t.Scopes {
		v.Scopes = append(v.Scopes, r.scopeRow(t, s))
		methods[cmp.Or(s.Method, "point")] = true
	}
	seen := map[string]bool{}
	for _, s := range t.Scopes {
		for _, c := range r.scopeRow(t, s).Components {
			if !seen[c.ID] {
				seen[c.ID] = true
				v.Components = append(v.Components, c)
			}
		}
	}
	slices.SortStableFunc(v.Components, func(a, b ComponentRow) int {
		return cmp.Or(cmp.Compare(componentValue(t, b.ID), componentValue(t, a.ID)), strings.Compare(a.ID, b.ID))
	})
	for _, m := range []string{"point", "corners", "monte-carlo"} {
		if methods[m] {
			v.Methods = append(v.Methods, r.tr.s("methods_"+m))
		}
	}
	if r.in.Docs != nil && r.in.Docs.Page("methodology") != nil {
		v.Methodology = r.u.Page("methodology")
	}
	v.Downloads = r.topicDownloads(tp.ID)
	v.Scripts, v.OEmbed = r.head(append(chartIDs(&v.Ladder, v.Timeline, v.Bridge, v.Sensitivity), placed...))
	img, err := r.topicImage(t, title)
	if err != nil {
		return page{err: err}
	}
	v.Image = img
	return r.render("topic", v.Path, tp.Changed().String(), v)
}

func (r *renderer) topicDownloads(id string) []Link {
	return []Link{
		{URL: r.u.TopicJSON(id), Text: r.tr.s("download_topic_json")},
		{URL: r.u.ClaimsCSV(), Text: r.tr.s("download_claims_csv")},
		{URL: r.u.ClaimsJSON(), Text: r.tr.s("download_claims_json")},
	}
}

// topicFigure builds the figure of one of a topic's charts, with the
// site's own table of its data; suffix is added to its ids ("-inline" for a
// second copy on a page).
func (r *renderer) topicFigure(t *costmodel.Topic, name, suffix string) Figure {
	f := Figure{ID: chart.ElementID(t.Topic.ID, name), Kind: name}
	c := r.charts[topicChartID(t, name)]
	if c != nil {
		f.ID = c.ElementID
	}
	f.ID += suffix
	switch name {
	case "ladder":
		f.Ladder = r.ladder(t)
		lo, hi := "", ""
		if n := len(f.Ladder); n > 0 {
			lo, hi = f.Ladder[0].Figure, f.Ladder[n-1].Figure
		}
		f.Caption = r.tr.x("ladder_caption", len(f.Ladder), lo, hi)
	case "bridge":
		if t.Bridge != nil {
			b := r.bridge(t, t.Bridge, f.ID+"-table")
			f.Bridge = &b
			f.Caption = b.Takeaway
			if len(f.Caption) == 0 {
				f.Caption = b.Caption
			}
		}
	case "sensitivity":
		f.Sensitivity = r.sensitivity(t, t.Broadest())
		if f.Sensitivity != nil {
			f.Caption = r.tr.x("sensitivity_caption", user(f.Sensitivity.Scope))
		}
	case "timeline":
		for _, cl := range t.Claims {
			f.Timeline = append(f.Timeline, r.claimCard(t, cl))
		}
		slices.SortStableFunc(f.Timeline, func(a, b ClaimCard) int {
			return cmp.Or(strings.Compare(a.Said.Sort, b.Said.Sort), strings.Compare(a.URL, b.URL))
		})
		f.Caption = r.tr.x("timeline_caption", len(f.Timeline))
	}
	if c != nil {
		r.draw(&f, c)
	} else {
		f.Links = []Link{
			{URL: r.u.TopicJSON(t.Topic.ID), Text: r.tr.s("download_topic_json")},
			{URL: r.u.Topic(t.Topic.ID) + "#" + f.ID, Text: r.tr.s("permalink")},
		}
	}
	return f
}

// chartNames are the charts a topic has, for references.
func chartNames() []string { return []string{"bridge", "ladder", "sensitivity", "timeline"} }

// claim renders a claim's page. It only reads the renderer's state, so that
// claim pages can be rendered concurrently.
func (r *renderer) claim(t *costmodel.Topic, c *costmodel.Claim, article template.HTML) (page, *Figure, *chart.Chart) {
	cl := c.Claim
	cur := r.currency(t.Topic)
	m := func(v float64) string { return r.tr.w.Money(v, cur) }
	desc := cl.Summary
	if desc == "" {
		desc = r.tr.s("claim_description", cl.Claimant, r.figure(cl.Figure), c.Rating.Label)
	}
	v := ClaimView{
		Page:     r.page("claim", r.u.Claim(cl.ID), cl.Title, desc),
		Topic:    Link{URL: r.u.Topic(t.Topic.ID), Text: t.Topic.Title},
		Claimant: cl.Claimant, ClaimantRole: cl.ClaimantRole, Article: article,
		Said: r.date(cl.Date), PublishedOn: r.date(cl.Published),
		Figure: r.figure(cl.Figure), Summary: cl.Summary, Rating: r.rating(c.Rating),
		Quote: r.quote(cl.Source), Measures: r.scopeLink(t, cl.Scope),
	}
	if o := cl.Origin; o != nil {
		v.Origin = &Origin{By: o.By, Figure: o.Figure, Source: r.sourceLink(o.SourceID), Date: r.date(o.Date), Locator: o.Locator, Note: o.Note}
	}
	v.OGType = "article"
	v.MainLang, v.MainDir = r.voice("claim:" + cl.ID)
	if v.MainLang == "" {
		v.ArticleLang, v.ArticleDir = r.voice("commentary:" + cl.ID)
	}
	v.Page.Published, v.Page.Modified = cl.Published.String(), cl.Changed().String()
	v.Breadcrumbs = []Link{{URL: r.u.Home(), Text: r.tr.s("home")}, v.Topic}
	for _, reason := range r.tr.w.Reasons(c) {
		v.Reasons = append(v.Reasons, r.tr.w.Sentence(reason))
	}
	for _, rep := range cl.Repeated {
		v.Repeated = append(v.Repeated, r.quote(rep))
	}
	if cl.PresentedAs != "" && cl.PresentedAs != cl.Scope {
		v.PresentedAs = r.scopeLink(t, cl.PresentedAs)
	}

	// The verdict, axis by axis.
	axis := func(name string, verdict costmodel.Verdict, f costmodel.Finding) {
		v.Axes = append(v.Axes, Axis{Name: r.tr.s("axis_" + name), Verdict: r.tr.s("verdict_" + string(verdict)), Reason: r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.Reason(f)))})
	}
	axis("figure", c.Figure.Verdict, c.Figure.Finding)
	if c.Parts != nil {
		axis("parts", c.Parts.Verdict, c.Parts.Finding)
	}
	if c.Framing != nil {
		axis("framing", c.Framing.Verdict, c.Framing.Finding)
	}
	if c.Conversion != nil {
		axis("conversion", c.Conversion.Verdict, c.Conversion.Finding)
	}
	axis("support", c.Support.Verdict, c.Support.Finding)

	// The arithmetic.
	fc := c.Figure
	if fc.Currency != "" {
		m = func(v float64) string { return r.tr.w.Money(v, fc.Currency) }
	}
	v.Check = FigureCheck{
		Stated: r.figure(cl.Figure), Value: m(fc.Value), Model: r.estimate(fc.Model, m), Ratio: r.factor(fc.Ratio),
	}
	if math.IsInf(fc.High, 1) {
		v.Check.Interval = r.tr.s("interval_above", m(fc.Low))
	} else if fc.Low == 0 && fc.High > 0 {
		v.Check.Interval = r.tr.s("interval_below", m(fc.High))
	} else if fc.Low == fc.High {
		v.Check.Interval = m(fc.Low)
	} else {
		v.Check.Interval = r.tr.s("range", m(fc.Low), m(fc.High))
	}
	if fc.Rate != nil {
		v.Check.Rate = r.rate(fc.Rate)
	}
	if s := t.Scope(cl.Scope); s != nil {
		v.Scope = r.claimScope(t, s)
	}
	if c.Threshold != nil {
		v.Threshold = r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.Threshold(c.Threshold)))
	}
	if p := c.Parts; p != nil {
		pm := func(x float64) string { return r.tr.w.Money(x, cl.Figure.Currency) }
		pv := &Parts{Sum: pm(p.Sum), Verdict: r.tr.s("verdict_" + string(p.Verdict)), Reason: r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.Reason(p.Finding)))}
		if p.Low != p.High {
			pv.Range = r.tr.s("range", pm(p.Low), pm(p.High))
		}
		for _, part := range cl.Parts {
			row := Part{Label: part.Label, Value: r.tr.w.Money(part.Value, part.Currency), Note: part.Note}
			if part.Claim != "" {
				if other := r.in.Claims.Claim(part.Claim); other != nil {
					row.Claim = Link{URL: r.u.Claim(other.ID), Text: other.Title}
				}
			}
			pv.Rows = append(pv.Rows, row)
		}
		v.Parts = pv
	}
	if k := c.Conversion; k != nil && cl.Conversion != nil {
		cv := &Conversion{
			Stated:  r.tr.s("conversion_stated", r.tr.w.Money(cl.Figure.Value, cl.Figure.Currency), r.tr.w.Money(cl.Conversion.Value, cl.Conversion.Currency)),
			Verdict: r.tr.s("verdict_" + string(k.Verdict)), Reason: r.isolated(t.Topic.ID, r.tr.w.Sentence(r.tr.w.Reason(k.Finding))),
		}
		if k.SpendingRate != nil {
			cv.AtSpending, cv.SpendRate = r.tr.w.Money(k.AtSpending, cl.Conversion.Currency), r.rate(k.SpendingRate)
		}
		if k.ClaimRate != nil {
			cv.AtClaim, cv.ClaimRate = r.tr.w.Money(k.AtClaim, cl.Conversion.Currency), r.rate(k.ClaimRate)
		}
		v.Conversion = cv
	}
	covered := "" // the scope the claim's bridge chart ends at, whose table it shows
	ch, err := r.claimChart(cl.ID)
	if err != nil {
		return page{err: err}, nil, nil
	}
	if ch != nil {
		v.Chart = r.claimFigure(ch)
		if c.Headline != nil {
			covered = c.Headline.To
		}
	}
	for _, b := range c.Bridges {
		if b.To == covered {
			continue
		}
		bv := r.bridge(t, b, route.BridgeID(b.To))
		// The residual depends on this claim's figure, so it is part of the key.
		key := strings.Join([]string{"bridge", t.Topic.ID, b.From, b.To, b.Claim, bv.ID, bv.Residual}, "\x00")
		h, err := r.fragment(key, "bridge-table", func() any { return bv })
		if err != nil {
			return page{err: err}, nil, nil
		}
		bv.HTML = h
		v.Bridges = append(v.Bridges, bv)
	}

	// Sources, in the order they bear on the claim, each once.
	var ids []string
	add := func(id string) {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	add(cl.Source.SourceID)
	for _, rep := range cl.Repeated {
		add(rep.SourceID)
	}
	for _, e := range cl.Evidence {
		add(e)
	}
	for _, s := range c.Support.Sources {
		add(s)
	}
	for _, id := range ids {
		e := r.sourceEntry(id)
		h, err := r.fragment("source\x00"+id, "source-entry", func() any { return e })
		if err != nil {
			return page{err: err}, nil, nil
		}
		e.HTML = h
		v.Sources = append(v.Sources, e)
	}
	v.Corrections = r.corrections(t, c)
	if r.in.Docs != nil && r.in.Docs.Page("corrections-policy") != nil {
		v.Policy = r.u.Page("corrections-policy")
	}
	v.Cite = r.tr.x("cite_text", user(r.site.Publisher), user(cl.Title), user(r.site.Title), r.tr.date(cl.Published), v.Canonical)
	v.Downloads = r.topicDownloads(t.Topic.ID)
	if r.in.ClaimReview != nil {
		ld, err := r.in.ClaimReview(c)
		if err != nil {
			return page{err: err}, nil, nil
		}
		v.JSONLD = template.JS(ld)
	}
	var placed []string
	if r.in.Docs != nil {
		if d := r.in.Docs.Claim(cl.ID); d != nil {
			placed = r.placedBy(d.File)
		}
	}
	v.Scripts, v.OEmbed = r.head(append(chartIDs(v.Chart), placed...), ch)
	img, err := r.claimImage(t, c)
	if err != nil {
		return page{err: err}, nil, nil
	}
	v.Image = img
	return r.renderFilled("claim", v.Path, cl.Changed().String(), v, func() { r.figureHTML(v.Chart) }), v.Chart, ch
}

// rate writes an exchange rate: "7.19 CNY per USD (as of 2025-01-31)".
func (r *renderer) rate(x *costmodel.Rate) string {
	return r.tr.s("rate", r.tr.w.Number(x.Value), x.From, x.To, r.tr.date(x.AsOf))
}

// quote is a citation with its source.
func (r *renderer) quote(c claim.Citation) Quote {
	s := r.source(c.SourceID)
	lang := c.Language
	if lang == "" {
		lang = s.Language
	}
	q := Quote{
		Text: c.Quote, Translation: c.Translation, Source: r.sourceLink(s.ID),
		External: s.URL, Archive: s.ArchiveURL, Date: r.date(c.Date), Locator: c.Locator, Note: c.Note,
	}
	if c.Date.IsZero() {
		q.Date = r.date(s.Published)
	}
	q.Lang, q.Dir = r.langAttrs(lang)
	return q
}

// corrections lists a claim's corrections, newest first.
func (r *renderer) corrections(t *costmodel.Topic, c *costmodel.Claim) []Correction {
	var out []Correction
	for _, k := range c.Claim.Correction {
		out = append(out, Correction{
			Date: r.date(k.Date), Claim: Link{URL: r.u.Claim(c.Claim.ID), Text: c.Claim.Title},
			Change: k.Change, Reason: k.Reason,
		})
	}
	slices.SortStableFunc(out, func(a, b Correction) int { return strings.Compare(b.Date.ISO, a.Date.ISO) })
	return out
}

func (r *renderer) sourcesPage() {
	if !r.wants(r.u.Sources()) {
		return
	}
	v := SourcesView{Page: r.page("sources", r.u.Sources(), r.tr.s("sources_title"), r.tr.s("sources_description", r.site.Title))}
	v.Lede = r.tr.x("sources_description", user(r.site.Title))
	v.Breadcrumbs = []Link{{URL: r.u.Home(), Text: r.tr.s("home")}}
	cited := r.citedBy()
	groups := map[string]*SourceGroup{}
	site := &SourceGroup{ID: "sources-site", Title: r.tr.s("sources_site_wide")}
	var order []*SourceGroup
	for _, t := range r.in.Claims.Topics {
		g := &SourceGroup{ID: "sources-" + t.ID, Title: t.Title}
		groups[t.ID] = g
		order = append(order, g)
	}
	for _, s := range r.in.Claims.Sources {
		e := r.sourceEntry(s.ID)
		e.CitedBy = cited[s.ID]
		if e.Unverified {
			v.Unverified++
		}
		v.Total++
		if e.Archive != "" {
			v.Archived++
		}
		topic, _, ok := strings.Cut(s.ID, "/")
		if g := groups[topic]; ok && g != nil {
			g.Sources = append(g.Sources, e)
		} else {
			site.Sources = append(site.Sources, e)
		}
	}
	for _, g := range append([]*SourceGroup{site}, order...) {
		if len(g.Sources) > 0 {
			v.Groups = append(v.Groups, *g)
		}
	}
	r.sourceHTML(v.Groups)
	lastmod := ""
	if d := r.changed; !d.IsZero() {
		lastmod = d.String()
	}
	r.write("sources", v.Path, lastmod, v)
}

// sourceHTML renders the "source-entry" partial of every entry of the
// sources page into the entry's HTML, as the page's template set executes
// it, on as many goroutines as there are processors: the page then prints
// each entry's HTML. An entry whose view the Memo has is taken from it, so
// that an edit renders again only the entries it changed. An entry whose
// partial fails is left without HTML: the page then executes the partial
// itself and reports the error.
func (r *renderer) sourceHTML(groups []SourceGroup) {
	var entries []*SourceEntry
	for i := range groups {
		for j := range groups[i].Sources {
			entries = append(entries, &groups[i].Sources[j])
		}
	}
	memo := r.in.Memo
	if r.in.Only != nil {
		memo = nil // a Stream of some pages leaves the Memo as it was
	}
	pool.Each(len(entries), func(i int) {
		e := entries[i]
		same := func(old any) bool { o, ok := old.(SourceEntry); return ok && sameEntry(*e, o) }
		if h, ok := memo.fragment("source-entry", e.ID, same); ok {
			e.HTML = h
			return
		}
		var b strings.Builder
		if err := r.tmpl.pagePartial(&b, "sources", "source-entry", *e); err != nil {
			return
		}
		memo.putFragment("source-entry", e.ID, *e, template.HTML(b.String()))
		e.HTML = template.HTML(b.String())
	})
}

// citedBy lists, for each source ID, the claims and parameters that cite
// it, in the order of the topics, their claims and their parameters, each
// link once (by URL and text). A claim's link differs from every other
// claim's (by URL) and from every parameter's, so it is listed once under
// each source the claim cites; parameters' links are kept in a set.
func (r *renderer) citedBy() map[string][]TextLink {
	type cite struct{ source, url, text string }
	lists := map[string]*[]TextLink{}
	list := func(id string) *[]TextLink {
		l := lists[id]
		if l == nil {
			l = new([]TextLink)
			lists[id] = l
		}
		return l
	}
	params := map[cite]bool{}
	var ids []string // the sources of one claim
	for _, t := range r.in.Results.Topics {
		titles := make([]Span, len(t.Claims)) // the links' texts, made at once
		for i, c := range t.Claims {
			cl := c.Claim
			titles[i] = Span{Text: cl.Title, User: true} // as user() makes it
			l := TextLink{URL: r.u.Claim(cl.ID), Text: titles[i : i+1 : i+1]}
			ids = ids[:0]
			add := func(id string) {
				if id != "" && !slices.Contains(ids, id) {
					ids = append(ids, id)
					p := list(id)
					*p = append(*p, l)
				}
			}
			add(cl.Source.SourceID)
			for _, rep := range cl.Repeated {
				add(rep.SourceID)
			}
			for _, e := range cl.Evidence {
				add(e)
			}
		}
		for _, p := range t.Params {
			label := p.Param.Label
			if label == "" {
				label = p.Param.Name
			}
			l := TextLink{URL: r.u.Topic(t.Topic.ID) + "#" + route.ParamID(p.Param.Name), Text: r.tr.x("cited_parameter", user(label), user(t.Topic.Title))}
			if k := (cite{p.Param.SourceID, l.URL, l.Text.String()}); k.source != "" && !params[k] {
				params[k] = true
				p := list(k.source)
				*p = append(*p, l)
			}
		}
	}
	out := make(map[string][]TextLink, len(lists))
	for id, l := range lists {
		out[id] = *l
	}
	return out
}

func (r *renderer) correctionsPage() {
	if !r.wants(r.u.Corrections()) {
		return
	}
	v := CorrectionsView{Page: r.page("corrections", r.u.Corrections(), r.tr.s("corrections_title"), r.tr.s("corrections_description", r.site.Title))}
	v.Lede = r.tr.x("corrections_description", user(r.site.Title))
	v.Breadcrumbs = []Link{{URL: r.u.Home(), Text: r.tr.s("home")}}
	var last claim.Date
	for _, t := range r.in.Results.Topics {
		for _, c := range t.Claims {
			v.Corrections = append(v.Corrections, r.corrections(t, c)...)
			for _, k := range c.Claim.Correction {
				last = claim.Latest(last, k.Date)
			}
		}
	}
	slices.SortStableFunc(v.Corrections, func(a, b Correction) int {
		return cmp.Or(strings.Compare(b.Date.ISO, a.Date.ISO), strings.Compare(a.Claim.URL, b.Claim.URL))
	})
	if r.in.Docs != nil && r.in.Docs.Page("corrections-policy") != nil {
		v.Policy = r.u.Page("corrections-policy")
	}
	r.write("corrections", v.Path, last.String(), v)
}

func (r *renderer) contentPages() {
	if r.in.Docs == nil {
		return
	}
	for _, d := range r.in.Docs.Pages {
		if !r.wants(r.u.Page(d.Name)) {
			continue
		}
		v := PageView{Page: r.page("page", r.u.Page(d.Name), d.Title, d.Description), Body: r.markdown(d)}
		v.MainLang, v.MainDir = r.voice("page:" + d.Name)
		v.Scripts, v.OEmbed = r.head(r.placedBy(d.File))
		v.Breadcrumbs = []Link{{URL: r.u.Home(), Text: r.tr.s("home")}}
		if d.Name == "methodology" {
			v.Scale = r.scale()
			v.Rules, v.Axes = r.rules()
		}
		r.write("page", v.Path, "", v)
	}
}

func (r *renderer) notFound() {
	if !r.wants(r.u.NotFound()) {
		return
	}
	v := NotFoundView{Page: r.page("404", r.u.NotFound(), r.tr.s("not_found_title"), r.tr.s("not_found_description"))}
	v.Lede = r.tr.x("not_found_description")
	v.Canonical, v.NoIndex = "", true
	for _, t := range r.in.Claims.Topics {
		v.Topics = append(v.Topics, Link{URL: r.u.Topic(t.ID), Text: t.Title})
	}
	r.write("404", v.Path, "", v)
}

// markdown renders a document, resolving its references; onPage lists the
// charts ("TOPIC/NAME") that the page shows outside the document. The
// charts the document places are noted for [renderer.placedBy]. Its
// error, a chart's partial that failed, becomes the render's unless it has
// one: documents rendered this way are rendered one at a time.
func (r *renderer) markdown(d *content.Doc, onPage ...string) template.HTML {
	html, err := r.markdownErr(d, onPage...)
	if err != nil && r.err == nil {
		r.err = err
	}
	return html
}

// markdownErr is markdown, which returns its error: it is safe for
// concurrent use.
func (r *renderer) markdownErr(d *content.Doc, onPage ...string) (template.HTML, error) {
	var placed []string
	var err error
	html := r.in.Docs.Render(d, r.resolver(onPage, &placed, &err))
	r.placedMu.Lock()
	r.placed[d.File] = placed
	r.placedMu.Unlock()
	return html, err
}

// resolver resolves the references of one document, which [Lookup] has
// checked against the same claims and results, and adds the ID of each
// chart it places to placed, and the first error to err. A chart is placed
// once per document (package content checks it), because its figure has a
// fixed id; a chart that the page shows elsewhere (onPage) gets ids with
// "-inline".
func (r *renderer) resolver(onPage []string, placed *[]string, errp *error) content.Resolver {
	return func(kind string, args []string) content.Ref {
		switch kind {
		case content.Claim:
			if c := r.in.Claims.Claim(args[0]); c != nil {
				return content.Ref{Text: c.Title, URL: r.u.Claim(c.ID)}
			}
		case content.Value:
			if t := r.topics[args[0]]; t != nil {
				part := "central"
				if len(args) == 3 {
					part = args[2]
				}
				return r.value(t, args[1], part)
			}
		case content.Chart:
			t := r.topics[args[0]]
			if t == nil {
				break
			}
			name := args[1]
			key := topicChartID(t, name)
			suffix := ""
			if slices.Contains(onPage, key) {
				suffix = "-inline"
			}
			*placed = append(*placed, key)
			var b bytes.Buffer
			if err := r.tmpl.partial(&b, "chart", r.topicFigure(t, name, suffix)); err != nil && *errp == nil {
				*errp = err
			}
			return content.Ref{HTML: template.HTML(b.String())}
		case content.Image:
			return content.Ref{URL: r.u.Shared("/" + args[0])}
		}
		return content.Ref{}
	}
}

// value resolves a model value by name (see [findValue]).
func (r *renderer) value(t *costmodel.Topic, name, part string) content.Ref {
	v, ok := findValue(t, name)
	if !ok {
		return content.Ref{}
	}
	format := func(x float64) string { return r.tr.quantity(x, v.unit) }
	if v.money {
		cur := r.currency(t.Topic)
		format = func(x float64) string { return r.tr.w.Money(x, cur) }
	}
	est := v.est
	ref := content.Ref{URL: r.u.Topic(t.Topic.ID) + "#" + v.anchor}
	switch part {
	case "low":
		ref.Text, ref.Value = format(est.Low), machine(est.Low)
	case "high":
		ref.Text, ref.Value = format(est.High), machine(est.High)
	case "range":
		ref.Text, ref.Value = r.tr.s("range", format(est.Low), format(est.High)), machine(est.Low)+"/"+machine(est.High)
		if est.Low == est.High {
			ref.Text = format(est.Low)
		}
	default:
		ref.Text, ref.Value = format(est.Central), machine(est.Central)
	}
	return ref
}

func componentValue(t *costmodel.Topic, id string) float64 {
	if c := t.Component(strings.TrimPrefix(id, "component-")); c != nil {
		return c.Central
	}
	return 0
}
