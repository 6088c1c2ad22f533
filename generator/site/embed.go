package site

import (
	"cmp"
	"slices"
	"strings"

	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// permalink is the chart's place on its own page.
func (r *renderer) permalink(c *chart.Chart) string {
	return r.u.ChartPermalink(c.Topic, c.Claim, c.ElementID)
}

// draw fills a figure with a drawn chart: its title, takeaway and option,
// its links and its embed code. The figure keeps its own id.
func (r *renderer) draw(f *Figure, c *chart.Chart) {
	f.Chart, f.Kind = c.ID, c.Kind
	f.Title, f.Caption = r.isolated(c.Topic, c.Title), r.isolated(c.Topic, c.Caption)
	f.Option, f.Height = c.Option, c.Height
	f.Links = []Link{
		{URL: r.u.ChartCSV(c.ID), Text: r.tr.s("chart_csv")},
		{URL: r.u.ChartJSON(c.ID), Text: r.tr.s("chart_json")},
		{URL: r.permalink(c), Text: r.tr.s("permalink")},
		{URL: r.u.Embed(c.ID), Text: r.tr.s("chart_embed_page")},
	}
	f.Embed = &EmbedCode{ID: f.ID + "-embed", Snippet: r.u.Snippet(c.ID, c.Title, c.Height)}
}

// dataTable is the own table of chart c, for a figure with id.
func (r *renderer) dataTable(c *chart.Chart, id string) *DataTable {
	t := c.Table
	iso := func(s string) Text { return r.isolated(c.Topic, s) }
	d := &DataTable{ID: id + "-table", Caption: iso(cmp.Or(t.Caption, c.Title))}
	num := func(i int) bool { return i > 0 && i < len(t.Numeric) && t.Numeric[i] }
	for i, h := range t.Header {
		d.Header = append(d.Header, DataCell{Text: iso(h), Num: num(i)})
	}
	for _, row := range t.Rows {
		cells := make([]DataCell, len(row))
		for i, v := range row {
			cells[i] = DataCell{Text: iso(v), Num: num(i), Head: i == 0}
			if tx := cells[i].Text; len(tx) == 1 && !tx[0].User {
				cells[i].Plain = tx[0].Text
			}
			if i > 0 && i < len(d.Header) {
				cells[i].Label = d.Header[i].Text.String()
			}
		}
		d.Rows = append(d.Rows, cells)
	}
	return d
}

// claimFigure is the figure of a claim's bridge chart, with the chart's
// own table (it starts from the claim's figure, which the site's bridge
// tables do not), for the chart's embed page too; its table and body are
// rendered by figureHTML, once a page that shows them is to be executed.
func (r *renderer) claimFigure(c *chart.Chart) *Figure {
	f := &Figure{ID: c.ElementID}
	r.draw(f, c)
	f.Table = r.dataTable(c, f.ID)
	return f
}

// figureHTML renders the table of a claim's figure f (nil for none) and,
// when the templates share it (see [templates.bodyShared]), its body (the
// "chart-body" partial), unless they are rendered already: once for the
// claim's page and its chart's embed page both. A page's key is made
// before, of its view without them: each is a partial executed on what
// the view holds already.
func (r *renderer) figureHTML(f *Figure) {
	if f == nil || f.Table == nil {
		return
	}
	if f.Table.HTML == "" {
		f.Table.HTML = r.partialHTML("data-table", f.Table)
	}
	if f.Body == "" && r.tmpl.bodyShared {
		f.Body = r.partialHTML("chart-body", f)
		r.bodies.Add(1)
	}
}

// head returns what the <head> of a page that shows charts (by ID) loads:
// the chart scripts when one of them was drawn, and a link to the oEmbed
// document of each, once. drawn are charts at hand that ids may name (a
// claim's, which the site's charts may not hold; see Input.ClaimChart).
func (r *renderer) head(ids []string, drawn ...*chart.Chart) (scripts []string, oembed []Link) {
	var seen []string
	for _, id := range ids {
		c := r.charts[id]
		if i := slices.IndexFunc(drawn, func(c *chart.Chart) bool { return c != nil && c.ID == id }); i >= 0 {
			c = drawn[i]
		}
		if c == nil || slices.Contains(seen, id) {
			continue
		}
		seen = append(seen, id)
		oembed = append(oembed, Link{URL: r.u.Abs(r.u.OEmbed(id)), Text: c.Title})
	}
	if len(seen) > 0 {
		for _, s := range r.in.ChartScripts {
			scripts = append(scripts, r.u.Shared("/"+strings.TrimPrefix(s, "/")))
		}
	}
	return scripts, oembed
}

// placedBy returns the charts that a document placed, by ID.
func (r *renderer) placedBy(file string) []string {
	r.placedMu.Lock()
	defer r.placedMu.Unlock()
	return r.placed[file]
}

// embedPages renders each chart's embed page and streams it, from the
// goroutine that made it (see renderer.send). Embed pages are noindex and
// stay out of the sitemap. They are rendered on as many goroutines as
// there are processors, and only read the renderer's state.
func (r *renderer) embedPages() {
	// A chart is the site's, or a claim's drawn only when its embed page
	// was not made with the claim's page (see Input.ClaimChart).
	type job struct {
		id, topic, claim string
		c                *chart.Chart // nil: the claim's, drawn when needed
	}
	jobs := make([]job, len(r.in.Charts))
	for i, c := range r.in.Charts {
		jobs[i] = job{id: c.ID, topic: c.Topic, c: c}
	}
	if r.in.ClaimChart != nil {
		for _, t := range r.in.Results.Topics {
			for _, c := range t.Claims {
				if r.charts[c.Claim.ID+"/bridge"] == nil {
					jobs = append(jobs, job{id: c.Claim.ID + "/bridge", topic: t.Topic.ID, claim: c.Claim.ID})
				}
			}
		}
		slices.SortFunc(jobs, func(a, b job) int { return strings.Compare(a.id, b.id) })
	}
	if r.in.Topics != nil || r.in.Only != nil {
		jobs = slices.DeleteFunc(jobs, func(j job) bool {
			return j.topic != "" && !r.in.renders(j.topic) || !r.wants(r.u.Embed(j.id))
		})
	}
	outs := make([]embedOut, len(jobs))
	pool.Each(len(jobs), func(i int) {
		j := jobs[i]
		if o, ok := r.embedded[j.id]; ok {
			outs[i] = o
			return
		}
		c := j.c
		if c == nil {
			var err error
			if c, err = r.in.ClaimChart(j.claim); c == nil {
				outs[i] = embedOut{err: err}
				return
			}
		}
		outs[i] = r.embed(c, nil)
	})
	for i, j := range jobs {
		if outs[i].err != nil {
			if r.err == nil {
				r.err = outs[i].err
			}
			continue
		}
		if outs[i].kept != nil {
			r.files[r.u.File(r.u.Embed(j.id))] = outs[i].kept
		}
	}
}

// embedOut is what became of an embed page streamed by [renderer.embed].
type embedOut struct {
	kept []byte // a page whose name is in the files already
	err  error
}

// embed renders the embed page of chart c, with its figure as a claim's
// page drew it (nil to draw it), and streams it unless it failed or its
// name is kept. It only reads the renderer's state.
func (r *renderer) embed(c *chart.Chart, fig *Figure) embedOut {
	if err := route.CheckChartID(c.ID); err != nil {
		return embedOut{err: err}
	}
	page, buf, err := r.embedPage(c, fig)
	name := r.u.File(r.u.Embed(c.ID))
	if _, kept := r.files[name]; err != nil || kept {
		return embedOut{kept: page, err: err} // page keeps buf
	}
	r.out.send(name, page)
	r.putBuffer(buf)
	return embedOut{}
}

// embedPage renders a chart's embed page: the figure with the chart's own
// table and its downloads (fig, a claim page's, or drawn anew when nil),
// and a link to the fact-check it comes from. The page is in buf, when
// not nil, for the caller to give back (see putBuffer) once it is done
// with the page.
func (r *renderer) embedPage(c *chart.Chart, fig *Figure) (page []byte, buf *buffer, err error) {
	v := EmbedView{Page: r.page("embed", r.u.Embed(c.ID), c.Title, c.Caption), Chart: c.ID}
	v.Canonical, v.NoIndex = "", true
	v.Scripts, v.OEmbed = r.head([]string{c.ID}, c)
	if fig != nil {
		v.Figure = *fig
	} else {
		v.Figure = Figure{ID: c.ElementID}
		r.draw(&v.Figure, c)
		v.Figure.Table = r.dataTable(c, v.Figure.ID)
	}
	v.Figure.Links = v.Figure.Links[:2] // the data; the embed page is this page
	v.Figure.Embed, v.Figure.NewTab = nil, true
	source := c.Topic
	var checked claim.Date
	if t := r.topics[c.Topic]; t != nil {
		source, checked = t.Topic.Title, t.Topic.Published
		if t.Topic.Updated.Compare(checked) > 0 {
			checked = t.Topic.Updated
		}
	}
	if cl := r.claims[c.Claim]; cl != nil {
		source, checked = cl.Claim.Title, cl.Claim.Published
	}
	v.Source = TextLink{URL: r.u.Abs(r.permalink(c)), Text: r.tr.x("embed_source", user(source), user(r.site.Title))}
	// The credit a host page's reader sees under the chart: who checked it,
	// when, and where its sources are listed.
	v.Publisher = Link{URL: r.u.Abs(r.u.Home()), Text: r.site.Title}
	v.Checked = r.date(checked)
	v.Sources = r.u.Abs(r.u.Sources())
	if fig != nil && fig.Table != nil {
		// The claim's page rendered the table and the body when it was
		// executed: the key is of the view without them (see figureHTML).
		tbl := *fig.Table
		v.Figure.Table = &tbl
		if r.in.Reuse != nil {
			tbl.HTML, v.Figure.Body = "", ""
			if data := r.reused("embed", v.Path, v); data != nil {
				return data, nil, nil
			}
			tbl.HTML, v.Figure.Body = fig.Table.HTML, fig.Body
		}
		r.figureHTML(&v.Figure)
	} else if data := r.reused("embed", v.Path, v); data != nil {
		return data, nil, nil
	}
	keep := r.in.keeps("embed")
	if keep {
		if data, ok := r.in.Memo.get("embed", v.Path, v); ok {
			return data, nil, nil
		}
	}
	b := r.getBuffer()
	if err := r.tmpl.partial(&b.Buffer, "embed-layout", v); err != nil {
		r.putBuffer(b)
		return nil, nil, err
	}
	if keep {
		r.in.Memo.put("embed", v.Path, v, b.Bytes())
	}
	return b.Bytes(), b, nil
}

// chartIDs lists the IDs of the drawn charts among figures.
func chartIDs(fs ...*Figure) []string {
	var out []string
	for _, f := range fs {
		if f != nil && f.Chart != "" {
			out = append(out, f.Chart)
		}
	}
	return out
}

// topicChartID is the ID of a topic's chart.
func topicChartID(t *costmodel.Topic, name string) string { return t.Topic.ID + "/" + name }
