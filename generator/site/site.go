package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"reckon/generator/card"
	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// Input is everything a site is rendered from.
type Input struct {
	Claims  *claim.Set         // required
	Results *costmodel.Results // required: Compute's results for Claims
	Docs    *content.Set       // the commentary and pages; nil for none
	// Rendered, when not nil, is told of each claim's commentary once it is
	// rendered into the claim's page, which is the only page rendered from
	// it (package build lets go of it there: see [content.Doc.Release]).
	// It is called from several goroutines at once.
	Rendered func(*content.Doc)
	// Once says that the input is rendered by one Stream and used no
	// more: each topic chart's embed page is then made with its topic's
	// page, and the chart's option and table let go of once both are made
	// (and the chart handed to ChartDone), unless a document places the
	// chart (see [content.Doc.Charts]), so that a large site holds less. A Session, which draws its charts again only
	// for the topics that changed, leaves it unset. It has no effect with
	// Topics or Only.
	Once bool
	// ChartDone, when not nil, is handed each topic's chart whose pages
	// are made, with Once, that no document places: no page needs it any
	// more (package build publishes its data then, and lets go of it). It
	// is called from several goroutines at once.
	ChartDone func(*chart.Chart) error
	// Charts are the charts drawn by package chart, each shown on its page
	// with its downloads and embed code, and on its embed page.
	// A chart the site has no drawing of shows its data table only, which
	// is also what a reader without JavaScript sees.
	Charts []*chart.Chart
	// ClaimChart, when not nil, draws the chart of a claim (its bridge,
	// "TOPIC/CLAIM/bridge") when a page needs it, by the claim's ID, in
	// place of Charts holding it: it returns the chart as package chart
	// draws it, or nil when the claim has none. Charts then holds the
	// topics' charts only. Each chart it draws is held only while its
	// pages are made: the claim's page and the chart's embed page are made
	// together, so that it is drawn once. It is called from several
	// goroutines at once.
	ClaimChart func(claim string) (*chart.Chart, error)
	// ChartScripts are the scripts a page that shows a chart loads, in
	// order, as paths from the site root ("assets/echarts/echarts.common.min.js",
	// "assets/charts.js"). Pages without charts load none of them.
	ChartScripts []string
	// BaseURL is the absolute URL the site is published at, such as
	// "https://factcheck.example/"; default Claims.Site.BaseURL. Internal
	// links start with its path.
	BaseURL string
	// ClaimReview returns the ClaimReview JSON-LD of a claim's page
	// (package publish's); nil for pages without it. It is called from
	// several goroutines at once.
	ClaimReview func(*costmodel.Claim) ([]byte, error)
	// Editions are the site's editions, the main one first, for the
	// hreflang alternates and the language switch of every page; nil for a
	// site of one edition. Edition is the index of the one rendered: its
	// pages are under its Prefix (see [route.Scheme.In]), its assets are
	// the main edition's.
	Editions []Edition
	Edition  int
	// Fallback holds the items shown in the main language because their
	// translation is missing, which the pages mark with the main
	// language's lang and dir: "claim:TOPIC/NAME", "topic:TOPIC" (the
	// topic's texts), "article:TOPIC", "commentary:TOPIC/NAME" and
	// "page:NAME" (the documents of content/). Nil for none.
	Fallback map[string]bool
	// Cards draws the social card of each claim's and topic's page
	// (/cards/ID.png, named by og:image); nil draws none, and pages then
	// name no image.
	Cards *card.Painter
	// Cached, when not nil, is asked for each card before it is drawn,
	// with its output path and its key ([card.Painter.Key]): it returns
	// the bytes of the card of that key drawn earlier, which are sent in
	// place of drawing it again, or nil to draw it. It is called from
	// several goroutines at once.
	Cached func(name string, key card.Key) []byte
	// Reuse, when not nil, is asked for each page before its template is
	// executed (every page: the home page, topics', claims', charts'
	// embed pages, the commentary's pages, 404...), with the name
	// of its file and its key ([Key], over its view, its templates and
	// interface strings, its language and number system): it returns the
	// bytes of the page of that key made earlier, which are sent in place
	// of executing the template, or nil to execute it. The caller adds to
	// the key what it does not cover: the program that renders. Stream
	// emits the bytes it returns once, and keeps none of them once emit
	// is called with them. It is called from several goroutines at once.
	Reuse func(name string, key Key) []byte
	// Topics, when not nil, says which topics' pages are rendered: a
	// topic's page, its claims' pages and its charts' embed pages are made
	// only for the topics it reports true for, by ID; every other page
	// (home, sources, corrections, the commentary's pages, 404) and every
	// asset and image is made whatever it says. Nil renders every topic.
	// The pages made are as a whole render makes them.
	Topics func(id string) bool
	// Memo, when not nil, keeps pages from one Stream to the next, all
	// of the same templates (see [Memo]).
	Memo *Memo
	// Only, when not nil, says which pages are made, by the name of their
	// file (as emit is given it): a page it reports false for is neither
	// rendered nor emitted, nor is its view made. Every asset and image
	// is emitted whatever it says, and so are the social cards and the
	// embed pages that the pages made draw. Each page made is as a whole
	// render makes it. The preview makes the pages open in a browser
	// this way first, before the whole site.
	Only func(name string) bool
}

// Edition is one edition of the site, as the pages link to it.
type Edition struct {
	Lang   string // BCP 47
	Dir    string // "ltr" or "rtl"; "" for the direction of the catalog
	Prefix string // the folder it is published under; "" for the main edition
	Name   string // the language's name in itself, for the language switch
	Digits string // "latn" or "arab" (see claim.Edition); "" for the catalog's
}

// renders reports whether the pages of the topic id are rendered (see
// [Input.Topics]).
func (in Input) renders(id string) bool { return in.Topics == nil || in.Topics(id) }

// wants reports whether the page at path p is made (see [Input.Only]).
func (r *renderer) wants(p string) bool { return r.in.Only == nil || r.in.Only(r.u.File(p)) }

// error returns the first error of a render (a template failed).
func (r *renderer) error() error {
	if r.err != nil {
		return r.err
	}
	return r.tr.error()
}

// renderer holds the state of one Render call.
type renderer struct {
	in    Input
	site  *claim.Site
	u     route.Scheme
	tmpl  *templates
	tr    *tr
	files map[string][]byte
	sv    *SiteView
	pages []route.Page // for the sitemap, in the order pages are made
	err   error        // the first error (a template failed)

	changed claim.Date // the site's last change (claim.Set.Changed)

	topics map[string]*costmodel.Topic // results by topic ID
	// users is the user text of each topic asked for, by ID (see
	// usersOf), under usersMu; siteParams the labels of the site-wide
	// parameters, which every topic's has.
	users      map[string]*userSet
	usersMu    sync.Mutex
	siteParams []string
	claims     map[string]*costmodel.Claim // results by claim ID

	charts   map[string]*chart.Chart // Input.Charts by ID
	placedMu sync.Mutex
	placed   map[string][]string // the charts each document places, by file

	chromeMu sync.Mutex
	chromes  map[string][2]template.HTML // header and footer by current path

	datesMu sync.Mutex
	dates   map[claim.Date]Date // the dates written, by date (see date)

	fragMu    sync.Mutex
	fragments map[string]template.HTML // partials shared by claim pages, by key
	ratings   map[costmodel.Rating]Rating
	scopes    map[string]ScopeRow // the scopes claim pages show, by topic ID and name

	// embedded holds the embed pages made with other pages, by chart ID:
	// the claims' charts', which claim pages render with the table they
	// show too, and the topics' with their topic's page (see Input.Once).
	embedded map[string]embedOut

	out     *stream       // where pages go as they are made
	buffers *pool.Buffers // to render pages, embed pages and partials in, and to draw cards in

	keyHead []byte // what every page's key starts with (see keyHead)

	bodies atomic.Int64 // the chart bodies rendered (see figureHTML), which tests count
}

// CheckTemplates parses the templates of tmplFS and their interface strings
// for the language lang ("" for English), as [Stream] does, and returns
// their errors at the template file's line and column. It executes nothing
// with data: an error that only executing a page finds (a field that its
// view does not have) is Stream's to report.
func CheckTemplates(tmplFS fs.FS, lang string) error {
	if lang == "" {
		lang = "en"
	}
	texts, err := loadTexts(tmplFS, lang, "")
	if err != nil {
		return err
	}
	_, err = parseTemplates(tmplFS, texts)
	return err
}

func newRenderer(in Input, tmplFS fs.FS) (*renderer, error) {
	if in.Claims == nil || in.Claims.Site == nil || in.Results == nil {
		return nil, errors.New("site: render needs loaded claims and their results")
	}
	u, err := route.ForSite(in.BaseURL, in.Claims.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	if in.Edition < len(in.Editions) {
		u = u.In(in.Editions[in.Edition].Prefix)
	}
	digits := ""
	if in.Edition < len(in.Editions) {
		digits = in.Editions[in.Edition].Digits
	}
	texts, tm, err := in.Memo.parsed(tmplFS, language(in.Claims.Site), digits)
	if err != nil {
		return nil, err
	}
	claims := 0
	for _, t := range in.Results.Topics {
		claims += len(t.Claims)
	}
	r := &renderer{
		in: in, site: in.Claims.Site, u: u, tmpl: tm, tr: &tr{t: texts, w: texts.words(language(in.Claims.Site))}, files: map[string][]byte{},
		topics: make(map[string]*costmodel.Topic, len(in.Results.Topics)), claims: make(map[string]*costmodel.Claim, claims), users: map[string]*userSet{},
		chromes: map[string][2]template.HTML{}, fragments: map[string]template.HTML{}, dates: map[claim.Date]Date{},
		ratings: map[costmodel.Rating]Rating{}, scopes: map[string]ScopeRow{},
		charts: make(map[string]*chart.Chart, len(in.Charts)), placed: map[string][]string{}, embedded: map[string]embedOut{},
		buffers: pool.NewBuffers(maxHeld, maxPooled),
	}
	r.changed = in.Claims.Changed()
	r.keyHead = keyHead(tm, language(in.Claims.Site), digits)
	for _, c := range in.Charts {
		r.charts[c.ID] = c
	}
	for _, p := range in.Claims.Parameters {
		r.siteParams = append(r.siteParams, p.Label)
	}
	for _, t := range in.Results.Topics {
		r.topics[t.Topic.ID] = t
		for _, c := range t.Claims {
			r.claims[c.Claim.ID] = c
		}
	}
	if err := r.assets(tmplFS); err != nil {
		return nil, err
	}
	if in.Docs != nil {
		for _, im := range in.Docs.Images {
			r.files[im.Name] = im.Data
		}
	}
	return r, nil
}

func (r *renderer) renderAll() {
	r.sv = r.siteView()
	r.home()
	r.topicPages()
	r.claimPages()
	r.sourcesPage()
	r.correctionsPage()
	r.contentPages()
	r.notFound()
	r.embedPages()
}

// lang returns the site's language and its direction.
func (r *renderer) lang() (string, string) {
	if r.in.Edition < len(r.in.Editions) && r.in.Editions[r.in.Edition].Dir != "" {
		return language(r.site), r.in.Editions[r.in.Edition].Dir
	}
	return language(r.site), r.tr.s("dir")
}

// voice returns the lang and dir attributes of the item key (see
// [Input.Fallback]) when it is shown in the main language in another
// edition; "" otherwise.
func (r *renderer) voice(key string) (string, string) {
	if !r.in.Fallback[key] || len(r.in.Editions) == 0 {
		return "", ""
	}
	return r.langAttrs(r.in.Editions[0].Lang)
}

// alternates returns the page at path p in every edition, for hreflang
// links and the language switch, and its URL in the main edition
// (x-default); none for a site of one edition.
func (r *renderer) alternates(p string) ([]Alternate, string) {
	if len(r.in.Editions) < 2 {
		return nil, ""
	}
	rel := r.u.Rel(p)
	var out []Alternate
	for i, e := range r.in.Editions {
		u := r.u.In(e.Prefix)
		out = append(out, Alternate{Lang: e.Lang, Name: e.Name, URL: u.Abs(u.Path(rel)), Path: u.Path(rel), Current: i == r.in.Edition})
	}
	return out, out[0].URL
}

// language is the site's language: "en" unless it says.
func language(s *claim.Site) string {
	if s.Language == "" {
		return "en"
	}
	return s.Language
}

// page fills the common part of a page.
func (r *renderer) page(kind, p, title, description string) Page {
	lang, dir := r.lang()
	doc := title + " | " + r.site.Title
	if kind == "home" {
		doc = r.site.Title
	}
	pg := Page{
		Lang: lang, Dir: dir, Kind: kind, Title: title, DocTitle: doc, Description: description, Lede: user(description),
		Path: p, Canonical: r.u.Abs(p), OGType: "website", Site: r.sv,
	}
	pg.Header, pg.Footer = r.chrome(p)
	if kind != "404" && kind != "embed" {
		pg.Alternates, pg.XDefault = r.alternates(p)
	}
	return pg
}

// chrome returns the header and footer of the page at path p. They are
// rendered once for every page that none of their links points to, and
// once for each page that one does. It is safe for concurrent use.
func (r *renderer) chrome(p string) (template.HTML, template.HTML) {
	key := ""
	current := func(l Link) bool { return l.URL == p }
	if p == r.sv.Home || slices.ContainsFunc(r.sv.Menu, current) || slices.ContainsFunc(r.sv.Footer, current) {
		key = p
	}
	r.chromeMu.Lock()
	defer r.chromeMu.Unlock()
	if c, ok := r.chromes[key]; ok {
		return c[0], c[1]
	}
	var h, f bytes.Buffer
	err := r.tmpl.partial(&h, "site-header", Chrome{Site: r.sv, Path: key})
	if err == nil {
		err = r.tmpl.partial(&f, "site-footer", Chrome{Site: r.sv, Path: key})
	}
	if err != nil && r.err == nil {
		r.err = err
	}
	c := [2]template.HTML{template.HTML(h.String()), template.HTML(f.String())}
	r.chromes[key] = c
	return c[0], c[1]
}

// page is a rendered page, before it is added to the files.
type page struct {
	kind, path, lastmod string
	data                []byte
	err                 error
	buf                 *buffer // holds data; see renderer.send
	sent                bool    // data went to the stream already
}

// render executes the page template of kind. It is safe for concurrent use.
func (r *renderer) render(kind, p, lastmod string, view any) page {
	return r.renderFilled(kind, p, lastmod, view, nil)
}

// renderFilled is render of a view that fill, when not nil, completes
// with what is rendered from the rest of the view, once the page is to be
// executed: Input.Reuse is asked first, with the key of the view without
// it (see figureHTML).
func (r *renderer) renderFilled(kind, p, lastmod string, view any, fill func()) page {
	if data := r.reused(kind, p, view); data != nil {
		return page{kind: kind, path: p, lastmod: lastmod, data: data}
	}
	if fill != nil {
		fill()
	}
	keep := r.in.keeps(kind)
	if keep {
		if data, ok := r.in.Memo.get(kind, p, view); ok {
			return page{kind: kind, path: p, lastmod: lastmod, data: data}
		}
	}
	b := r.getBuffer()
	err := r.tmpl.execute(&b.Buffer, kind, view)
	if err != nil {
		r.putBuffer(b)
		return page{err: err}
	}
	if keep {
		r.in.Memo.put(kind, p, view, b.Bytes())
	}
	return page{kind: kind, path: p, lastmod: lastmod, data: b.Bytes(), buf: b}
}

// add sends a page to the stream, unless it went already, and lists it in
// the sitemap with its lastmod date (ISO or "").
func (r *renderer) add(pg page) {
	if pg.err != nil {
		if r.err == nil {
			r.err = pg.err
		}
		return
	}
	if !pg.sent {
		r.keep(r.u.File(pg.path), &pg)
	}
	if pg.kind != "404" {
		r.pages = append(r.pages, route.Page{Path: pg.path, Lastmod: pg.lastmod})
	}
}

// write renders a page and adds it.
func (r *renderer) write(kind, p, lastmod string, view any) { r.add(r.render(kind, p, lastmod, view)) }

// fragment returns the partial name executed with the data make returns,
// rendered once per key. It is safe for concurrent use.
func (r *renderer) fragment(key, name string, make func() any) (template.HTML, error) {
	r.fragMu.Lock()
	h, ok := r.fragments[key]
	r.fragMu.Unlock()
	if ok {
		return h, nil
	}
	b := r.getBuffer()
	defer r.putBuffer(b)
	if err := r.tmpl.partial(&b.Buffer, name, make()); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	r.fragMu.Lock()
	r.fragments[key] = h
	r.fragMu.Unlock()
	return h, nil
}

// partialHTML returns the partial name executed with data, for a view's
// HTML field, which the partial prints in its own place when set; "" when
// the partial fails, which the page that executes it then reports.
func (r *renderer) partialHTML(name string, data any) template.HTML {
	b := r.getBuffer()
	defer r.putBuffer(b)
	if err := r.tmpl.partial(&b.Buffer, name, data); err != nil {
		return ""
	}
	return template.HTML(b.String())
}

// topicPages renders every topic's page, on as many goroutines as there
// are processors, and adds them in the order of the topics. Their
// commentaries are rendered first, one at a time and in order.
func (r *renderer) topicPages() {
	var topics []*costmodel.Topic
	for _, t := range r.in.Results.Topics {
		if r.in.renders(t.Topic.ID) && r.wants(r.u.Topic(t.Topic.ID)) {
			topics = append(topics, t)
		}
	}
	articles := make([]topicArticle, len(topics))
	for i, t := range topics {
		articles[i] = r.topicArticle(t)
	}
	pages := make([]page, len(topics))
	once := r.in.Once && r.in.Topics == nil && r.in.Only == nil
	var placed map[string]bool // the charts that documents place
	if once {
		placed = r.placedByDocs()
	}
	embeds := make([]map[string]embedOut, len(topics))
	pool.Each(len(topics), func(i int) {
		pg := r.topic(topics[i], articles[i])
		articles[i] = topicArticle{}
		r.send(&pg)
		pages[i] = pg
		if once {
			embeds[i] = r.topicEmbeds(topics[i], placed)
		}
	})
	for _, pg := range pages {
		r.add(pg)
	}
	for _, m := range embeds {
		maps.Copy(r.embedded, m)
	}
}

// placedByDocs returns the charts that the documents place, by ID.
func (r *renderer) placedByDocs() map[string]bool {
	out := map[string]bool{}
	if r.in.Docs == nil {
		return out
	}
	for _, docs := range [][]*content.Doc{r.in.Docs.Topics, r.in.Docs.Claims, r.in.Docs.Pages} {
		for _, d := range docs {
			for _, id := range d.Charts() {
				out[id] = true
			}
		}
	}
	return out
}

// topicEmbeds makes the embed pages of the charts of the topic t, as
// embedPages would, and lets go of each chart's option and table and
// hands it to ChartDone, unless it is in placed: no other page shows it
// (see [Input.Once]). It returns what became of each embed page, by
// chart ID.
func (r *renderer) topicEmbeds(t *costmodel.Topic, placed map[string]bool) map[string]embedOut {
	out := map[string]embedOut{}
	for _, name := range chartNames() {
		c := r.charts[topicChartID(t, name)]
		if c == nil || !r.wants(r.u.Embed(c.ID)) {
			continue
		}
		o := r.embed(c, nil)
		if !placed[c.ID] {
			c.Option, c.Table = "", chart.Table{}
			if r.in.ChartDone != nil && o.err == nil {
				o.err = r.in.ChartDone(c)
			}
		}
		out[c.ID] = o
	}
	return out
}

// claimPages renders every claim's page, on as many goroutines as there
// are processors, and adds them in the order of the topics and claims.
// Claim pages only read the renderer's state.
func (r *renderer) claimPages() {
	type job struct {
		t *costmodel.Topic
		c *costmodel.Claim
	}
	var jobs []job
	for _, t := range r.in.Results.Topics {
		if !r.in.renders(t.Topic.ID) {
			continue
		}
		for _, c := range t.Claims {
			if r.wants(r.u.Claim(c.Claim.ID)) {
				jobs = append(jobs, job{t, c})
			}
		}
	}
	// Each page goes out as soon as it is made, with its commentary
	// rendered just before (which notes the charts it places, that the
	// page loads), and only what the sitemap needs is kept. The first
	// error of a commentary, in the order of the pages, is the render's,
	// before any page's.
	// The embed page of a claim's chart is made with the claim's page,
	// which draws the chart's figure and renders its table for both.
	// Only the chart's ID is kept: the chart itself is let go of with
	// its pages (see Input.ClaimChart).
	pages := make([]page, len(jobs))
	embeds := make([]embedOut, len(jobs))
	charts := make([]string, len(jobs)) // the IDs of the charts embedded
	errs := make([]error, len(jobs))    // of the commentaries
	pool.Each(len(jobs), func(i int) {
		var article template.HTML
		if r.in.Docs != nil {
			if d := r.in.Docs.Claim(jobs[i].c.Claim.ID); d != nil {
				article, errs[i] = r.markdownErr(d)
				if r.in.Rendered != nil {
					r.in.Rendered(d)
				}
			}
		}
		pg, fig, ch := r.claim(jobs[i].t, jobs[i].c, article)
		r.send(&pg)
		pages[i] = pg
		if fig != nil && fig.Table != nil && ch != nil && r.wants(r.u.Embed(ch.ID)) {
			charts[i] = ch.ID
			embeds[i] = r.embed(ch, fig)
		}
	})
	if i := slices.IndexFunc(errs, func(err error) bool { return err != nil }); i >= 0 && r.err == nil {
		r.err = errs[i]
	}
	for _, pg := range pages {
		r.add(pg)
	}
	for i, id := range charts {
		if id != "" {
			r.embedded[id] = embeds[i]
		}
	}
}

// claimChart returns the chart of the claim id, from the charts drawn or
// drawn now (see [Input.ClaimChart]); nil when it has none.
func (r *renderer) claimChart(id string) (*chart.Chart, error) {
	if c := r.charts[id+"/bridge"]; c != nil || r.in.ClaimChart == nil {
		return c, nil
	}
	return r.in.ClaimChart(id)
}

// assets copies every file under assets/ of the templates to the output,
// and fingerprints the style sheet and the script for caching.
func (r *renderer) assets(tmplFS fs.FS) error {
	return fs.WalkDir(tmplFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "assets" {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(tmplFS, p)
		if err != nil {
			return err
		}
		r.files[p] = data
		return nil
	})
}

// assetURL returns the path of an asset with a hash of its content, so that
// a changed file is fetched again.
func (r *renderer) assetURL(name string) string {
	data, ok := r.files[path.Join("assets", name)]
	if !ok {
		if r.err == nil {
			r.err = fmt.Errorf("templates: missing assets/%s", name)
		}
		return r.u.Asset(name)
	}
	sum := sha256.Sum256(data)
	return r.u.Asset(name) + "?v=" + hex.EncodeToString(sum[:5])
}
