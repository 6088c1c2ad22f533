// Package publish makes the site's machine outputs: the data exports
// (data/claims.json, data/claims.csv and data/topics/TOPIC.json), each
// chart's data (CSV and JSON) and oEmbed document, the ClaimReview JSON-LD
// of each claim's page, the Atom feed, the sitemap and robots.txt. The HTML
// pages are package site's; a claim's page embeds the JSON-LD that
// [Publisher.ClaimReview] returns, and the sitemap lists the pages the
// site made.
//
// It never imports site: the reader text it needs (the feed's summaries,
// reasons, step labels) comes through [Words]. Everything it makes is
// deterministic: the same input gives the same bytes.
//
// It may import: claim, costmodel, internal/pool and route.
package publish

import (
	"errors"
	"maps"
	"slices"
	"sync/atomic"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// Input is what the machine outputs are made from.
type Input struct {
	Claims  *claim.Set         // required
	Results *costmodel.Results // required: Compute's results for Claims
	// Charts are the charts drawn (package chart): each one's data and
	// oEmbed document are published, and the topic exports list them.
	Charts []Chart
	// BaseURL is the absolute URL the site is published at; default
	// Claims.Site.BaseURL (see [route.ForSite]).
	BaseURL string
	Words   Words // required
	// Prefix is the folder of the edition published ("ar"), "" for the
	// main edition. An edition's outputs are under its folder, and it has
	// no sitemap or robots.txt of its own: the main edition's sitemap
	// lists every edition's pages.
	Prefix string
	// Kept, when not nil, reports the topics, by ID, whose files (their
	// export and their charts' data and oEmbed documents) an earlier
	// output holds as they are to be: [Publisher.Stream] makes every
	// other file, and those of these topics only where the whole site's
	// files need them (claims.json, claims.csv, the feed). Charts may
	// then leave out their claims' charts.
	Kept func(topic string) bool
}

// Chart is what publish needs of a chart that package chart drew (see its
// Chart for each field).
type Chart struct {
	ID        string // "TOPIC/NAME" or "TOPIC/CLAIM/bridge": a slug path that names its files
	ElementID string // the id of its figure on its page
	Topic     string
	Claim     string // for a claim's chart, the claim ID; "" otherwise
	Kind      string
	Title     string
	Height    int // in CSS pixels
	// Data makes its data, when it is published; nil when its data was
	// published already (see [Publisher.StreamData]), which is then left
	// out.
	Data Data
}

// Data makes a chart's data for download, in CSV and in JSON, anew at each
// call. Its methods are called from several goroutines at once.
type Data interface {
	CSV() []byte
	JSON() []byte
}

// Words is the reader text of the site's language that the outputs hold.
// Package site's Words provides it, until package text does. Its methods
// are called from several goroutines at once.
type Words interface {
	Lang() string                                         // the site's language, "en" by default
	String(key string, args ...any) string                // an interface string with its arguments
	Date(claim.Date) string                               // a date for readers
	Figure(claim.Figure) string                           // a figure with its qualifier: "more than $500M"
	RatingLabel(costmodel.Rating) string                  // a rating's label as the pages show it
	Reasons(*costmodel.Claim) []string                    // a claim's reasons, as sentences
	StepLabel(*costmodel.Topic, costmodel.Step) string    // a bridge step in words
	Threshold(*costmodel.Threshold) string                // what would have to be true for a figure's verdict to stand, as a sentence
	Arithmetic([]costmodel.Token, float64, string) string // a value's arithmetic: its tokens, the value and its unit; "" without tokens
	Err() error                                           // the first interface string asked for that is missing
}

// Publisher makes the machine outputs of one site.
type Publisher struct {
	in Input
	u  route.Scheme
}

// New returns the publisher of in. It fails when the site has no base URL.
func New(in Input) (*Publisher, error) {
	if in.Claims == nil || in.Claims.Site == nil || in.Results == nil || in.Words == nil {
		return nil, errors.New("publish: needs loaded claims, their results and words")
	}
	u, err := route.ForSite(in.BaseURL, in.Claims.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	return &Publisher{in: in, u: u.In(in.Prefix)}, nil
}

// With returns the publisher of the same input but for its charts, which
// are cs: the charts may then be handed over only once the pages that
// draw them are made (with p's ClaimReview).
func (p *Publisher) With(cs []Chart) *Publisher {
	q := *p
	q.in.Charts = cs
	return &q
}

// Keeping returns a publisher of the same input but Kept, kept.
func (p *Publisher) Keeping(kept func(topic string) bool) *Publisher {
	q := *p
	q.in.Kept = kept
	return &q
}

// kept reports whether the files of the topic id are kept (see
// [Input.Kept]).
func (p *Publisher) kept(id string) bool { return p.in.Kept != nil && p.in.Kept(id) }

// Files are machine outputs: file contents by slash-separated path
// relative to the output folder ("data/claims.json").
type Files map[string][]byte

// Render makes every machine output but the JSON-LD (which the claim pages
// hold): the exports, the charts' data and oEmbed documents, the feed,
// robots.txt and the sitemap of pages, the pages that package site made.
func (p *Publisher) Render(pages []route.Page) (Files, error) {
	parts, err := p.RenderAgain(pages, nil, nil)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(parts.site)
	for _, pt := range parts.topics {
		maps.Copy(out, pt.files)
	}
	return out, nil
}

// Stream makes what [Publisher.Render] makes and hands each file to emit:
// every file but the charts' data, one at a time in the order of their
// names, then each chart's CSV and JSON, each made only then, from as many
// goroutines at once as there are processors, so that the site's downloads
// are never held whole. It emits nothing when making the outputs fails, and
// stops at emit's first error, which it returns (of the first chart in
// order, when several fail). emit may keep data.
func (p *Publisher) Stream(pages []route.Page, emit func(name string, data []byte) error) error {
	parts, err := p.renderAgain(pages, nil, nil, false)
	if err != nil {
		return err
	}
	out := parts.site
	for id, pt := range parts.topics {
		if !p.kept(id) {
			maps.Copy(out, pt.files)
		}
	}
	parts = nil
	for _, name := range slices.Sorted(maps.Keys(out)) {
		data := out[name]
		delete(out, name)
		if err := emit(name, data); err != nil {
			return err
		}
	}
	// Each chart's data is made and handed to emit on as many goroutines
	// as there are processors, and dropped once emitted; the error is
	// that of the first chart in order that failed.
	errs := make([]error, len(p.in.Charts))
	var failed atomic.Bool
	pool.Each(len(p.in.Charts), func(i int) {
		if failed.Load() || p.kept(p.in.Charts[i].Topic) {
			return
		}
		if err := p.StreamData(p.in.Charts[i], emit); err != nil {
			errs[i] = err
			failed.Store(true)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// StreamData hands the data of the chart c to emit, as [Publisher.Stream]
// does: its CSV, then its JSON, each made only then (emit may keep
// them); nothing when c.Data is nil. It stops at emit's first error,
// which it returns. A chart whose data is streamed this way, before
// Stream, is given to Stream with a nil Data, so that its data is
// published once, without being held until then.
func (p *Publisher) StreamData(c Chart, emit func(name string, data []byte) error) error {
	if c.Data == nil {
		return nil
	}
	if err := route.CheckChartID(c.ID); err != nil {
		return err
	}
	if err := emit(p.u.File(p.u.ChartCSV(c.ID)), c.Data.CSV()); err != nil {
		return err
	}
	return emit(p.u.File(p.u.ChartJSON(c.ID)), c.Data.JSON())
}

// writer collects the files of a Render and its first error. When data
// is false, the charts' data is left out of files (see [Publisher.Stream]).
type writer struct {
	files Files
	err   error
	data  bool
}

func (w *writer) fail(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// charts writes each chart's data (CSV and JSON) and its oEmbed document
// into the files that into returns for it; none when it returns nil.
func (p *Publisher) charts(w *writer, into func(Chart) Files) {
	for _, c := range p.in.Charts {
		files := into(c)
		if files == nil {
			continue
		}
		if err := route.CheckChartID(c.ID); err != nil {
			w.fail(err)
			continue
		}
		if w.data && c.Data != nil {
			files[p.u.File(p.u.ChartCSV(c.ID))] = c.Data.CSV()
			files[p.u.File(p.u.ChartJSON(c.ID))] = c.Data.JSON()
		}
		files[p.u.File(p.u.OEmbed(c.ID))] = w.json(oembed{
			Version: "1.0", Type: "rich", Title: c.Title,
			ProviderName: p.in.Claims.Site.Title, ProviderURL: p.u.Abs(p.u.Home()),
			HTML: p.u.Snippet(c.ID, c.Title, c.Height), Width: route.EmbedWidth, Height: route.EmbedHeight(c.Height),
		})
	}
}

// oembed is a chart's oEmbed document (oembed.com, type "rich").
type oembed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}
