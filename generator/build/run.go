package build

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"reckon/generator/card"
	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/diag"
	"reckon/generator/input"
	"reckon/generator/publish"
	"reckon/generator/route"
	"reckon/generator/site"
	"reckon/generator/text"
	"reckon/schemas"
)

// Config says what to build and where.
type Config struct {
	// Src is the site's content: claims/, content/ and, optionally,
	// templates/ that override the defaults. It is read from several
	// goroutines at once (os.DirFS, os.Root's FS and fstest.MapFS allow
	// it). main passes an os.Root's FS, so that no link leads out of it.
	Src fs.FS
	// Templates are the default templates and assets (see package site).
	Templates fs.FS
	// Assets are extra files copied into the output as they are, by output
	// path (ECharts and its licence); may be nil. The JSON Schemas of the
	// input files are always copied too, under [SchemasDir].
	Assets map[string][]byte
	// Out is the output folder; it is changed only when every stage of
	// the build succeeds, and only when it may be (see [Run]).
	Out string
	// SrcDir is the folder on disk that Src reads, or "" when Src is not
	// one; Run refuses an Out that is SrcDir, holds it or lies inside its
	// claims/, content/ or templates/.
	SrcDir string
	// BaseURL overrides the site's base_url.
	BaseURL string
	// Progress, when not nil, is called as each phase ends (the command
	// writes a line for it on a terminal).
	Progress func(Phase)
	// Prepared, when not nil, is called when every stage before the
	// rendering is over, while what the pages are made from is held and
	// before any file is rendered (the command, with -memprofile, writes a
	// heap profile there).
	Prepared func()
	// Now is the build's date: topics and claims published after it are
	// left out, as Hugo leaves out future pages (see [Unpublished]), unless
	// Future is set. The zero Date leaves nothing out. It decides only
	// that, and is never written into the output.
	Now claim.Date
	// Future includes the topics and claims published after Now.
	Future bool
	// Cards draws a social card for each claim and topic (see package
	// card), which their pages name in og:image; nil draws none. The
	// fonts' licences come with Assets.
	Cards *card.Painter

	test hooks // for tests that kill a build midway
	// draw, when not nil, draws the charts in chart.Render's place: a
	// Session's, which draws again only the topics that changed. When nil,
	// the claims' charts are drawn as their pages are made (see
	// claimCharts).
	draw func(*costmodel.Results, *text.Words) ([]*chart.Chart, error)
	// drawn, when not nil, is told of each claim's chart that claimCharts
	// draws (for tests).
	drawn   func(*chart.Chart)
	loading // a Session's
}

// loading is how a Session loads the site: what it keeps from the last
// build. The zero loading loads everything.
type loading struct {
	docs *content.Cache // of the commentary; nil for none
	// known, when not nil, reports the SHA-256 of the input files known
	// not to have changed since docs loaded them (see
	// [content.Cache.LoadKnown]).
	known func(string) ([sha256.Size]byte, bool)
	// lastDocs, when not nil, is the commentary a Session's last build
	// loaded, when no file under content/ changed since and nothing was
	// left out: it is used again (a copy) in place of loading it.
	lastDocs *content.Set
	// check, when not nil, is check's stand-in: a Session's, which loads
	// again only the topics that changed.
	check func(fs.FS, claim.Date) (*Result, error)
	// checkDocs, when not nil, reports, once check returned, the topics
	// whose commentary is to be checked against the claims (see
	// [content.Set.CheckSome]); nil: all of it. A Session's, whose other
	// topics' commentary passed against the same claims in its last build.
	checkDocs func(topic string) bool
	// catalogs keeps the interface strings loaded; nil keeps none.
	catalogs *text.Cache
}

// cutoff is the date after which content is left out, or the zero Date.
func (cfg Config) cutoff() claim.Date {
	if cfg.Future {
		return claim.Date{}
	}
	return cfg.Now
}

// Stats says what a build did.
type Stats struct {
	Pages, Files int
	Bytes        int64
	// Written and Removed are, for Run, how many files it wrote into the
	// output folder (the others were there already, unchanged) and how
	// many it removed, no longer made.
	Written, Removed int
	// CardsDrawn and CardsReused are how many social cards the build drew
	// and how many it took as they were from the earlier output (see
	// [Run]) or the last build (see [Session]), their key unchanged.
	CardsDrawn, CardsReused int
	// PagesReused is how many of the Pages Run took as they were from
	// the earlier output, their key unchanged (see [Run]), in place of
	// rendering them.
	PagesReused int
	// TopicsKept is how many topics Run kept as the earlier output has
	// them, no file that feeds them changed (see [State]): their pages,
	// cards and charts were not made again, and are among Pages and
	// Files.
	TopicsKept int
	// UpToDate is true when Run found the earlier output to be what it
	// would make, and left it as it was (see [Run]).
	UpToDate bool
	// Reread is how many pages and cards of the earlier output Run read
	// back, to check them or to take them as they are; a file whose change
	// time says that the last build left it as it is is not read (see
	// [Manifest]).
	Reread int
	Phases []Phase
}

// Phase is one named stage of a build and how long it took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// phase records that the phase name, started at start, is over, and says
// so to cfg.Progress.
func (st *Stats) phase(cfg Config, name string, start time.Time) {
	st.record(cfg, name, time.Since(start))
}

// record records that the phase name took d, and says so to cfg.Progress.
func (st *Stats) record(cfg Config, name string, d time.Duration) {
	p := Phase{name, d}
	st.Phases = append(st.Phases, p)
	if cfg.Progress != nil {
		cfg.Progress(p)
	}
}

// rendered records that the render phase, started at start, is over and
// made files.
func (st *Stats) rendered(cfg Config, start time.Time, files map[string][]byte) {
	st.phase(cfg, "render", start)
	for name, data := range files {
		st.count(name, len(data))
	}
}

// count adds a file of size bytes to the totals.
func (st *Stats) count(name string, size int) {
	st.Files++
	st.Bytes += int64(size)
	if strings.HasSuffix(name, ".html") {
		st.Pages++
	}
}

// Validate loads, reconciles and checks everything the site is made from:
// the claims, their models and the commentary, with every reference the
// commentary makes. It renders nothing (the templates are not read). It
// returns every error as one sorted [diag.List]; the Result holds the files
// read, for showing them in context.
// When cfg.Templates is not nil, the templates (the site's own laid over
// them) are parsed; when the site has templates of its own and nothing else
// failed, the site is also rendered in memory, since only executing a
// template finds some of its errors. Nothing is written. Only cfg.Src,
// cfg.Templates, cfg.BaseURL, cfg.Now and cfg.Future are used.
func Validate(cfg Config) (*Result, error) {
	res, _, _, err := load(cfg.Src, cfg.cutoff(), loading{})
	if cfg.Templates == nil {
		return res, err
	}
	lang := ""
	if res.Set != nil && res.Set.Site != nil {
		lang = res.Set.Site.Language
	}
	errs := diag.Errors(err)
	tmpl := cfg.templates()
	if slices.ContainsFunc(errs, func(e *diag.Error) bool { return strings.HasPrefix(e.Pos.File, "templates/") }) {
		// The site's templates folder holds a file that cannot be read
		// (see input.Tree): parsing would take it for missing, or read it.
		return res, errs.Err()
	}
	if terr := site.CheckTemplates(tmpl, lang); terr != nil {
		errs = append(errs, diag.Errors(terr)...)
		quoteTemplates(res, tmpl, terr)
	}
	if len(errs) > 0 || !cfg.ownTemplates() {
		return res, errs.Err()
	}
	// A site's own templates are executed too, in memory: only executing
	// finds an error such as a field that a page's view does not have.
	// Reckon's own templates are executed by its tests.
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://check.invalid/"
	}
	rres, _, _, err := Render(cfg)
	if err != nil {
		return rres, err
	}
	return res, nil
}

// ownTemplates reports whether the site has a templates folder of its own.
func (cfg Config) ownTemplates() bool {
	_, err := fs.Stat(cfg.Src, "templates")
	return err == nil
}

// templates returns the templates a build uses: the site's own templates
// folder laid over cfg.Templates.
func (cfg Config) templates() fs.FS {
	if cfg.ownTemplates() {
		if sub, err := fs.Sub(cfg.Src, "templates"); err == nil {
			return site.Overlay(sub, cfg.Templates)
		}
	}
	return cfg.Templates
}

// durations are how long the claims and the commentary took to load.
type durations struct{ claims, content time.Duration }

// load loads and reconciles the claims and, meanwhile, the commentary, then
// checks the commentary's references against the claims. It reports the
// errors of all three together. When the claims fail, the commentary is
// checked against what of them loaded, through a lookup that reports only
// what is certain (see [site.Lookup]). The topics and claims published
// after now (unless it is the zero Date) are left out with their
// commentary, and a reference to one is an error that says so. A
// Session's l keeps what it can of its last build (see loading).
func load(fsys fs.FS, now claim.Date, l loading) (*Result, *content.Set, durations, error) {
	checkFn := l.check
	if checkFn == nil {
		checkFn = check
	}
	type loaded struct {
		docs *content.Set
		err  error
		took time.Duration
	}
	docsc := make(chan loaded, 1)
	go func() {
		t0 := time.Now()
		if l.lastDocs != nil {
			// Leave removes from its slices in place: they are copied.
			docs := *l.lastDocs
			docs.Topics, docs.Claims, docs.Pages = slices.Clone(docs.Topics), slices.Clone(docs.Claims), slices.Clone(docs.Pages)
			docsc <- loaded{&docs, nil, time.Since(t0)}
			return
		}
		docs, err := l.docs.LoadKnown(fsys, "content", l.known, claim.EditionLangs(fsys, "claims")...) // a nil cache is none
		docsc <- loaded{docs, err, time.Since(t0)}
	}()
	t0 := time.Now()
	res, err := checkFn(fsys, now)
	took := durations{claims: time.Since(t0)}
	ld := <-docsc
	took.content = ld.took
	docs := ld.docs
	maps.Copy(res.files, docs.Files)
	errs := append(diag.Errors(err), diag.Errors(ld.err)...)
	docs.Leave(func(id string) bool { _, ok := res.Unpublished.Published[id]; return ok })
	if res.Set != nil {
		errs = append(errs, diag.Errors(docs.CheckSome(site.Lookup(res.Set, res.Results, res.Unpublished.Published), l.checkDocs))...)
	}
	if res.Set != nil && res.Set.Site != nil {
		var eerrs diag.List
		res.editions, eerrs = loadEditions(fsys, res, docs, len(errs) > 0)
		errs = append(errs, eerrs...)
	}
	// The site's own templates are read through an overlay, which would
	// take a broken link for a missing file: check them first.
	errs = append(errs, input.Tree(fsys, "templates")...)
	return res, docs, took, errs.Err()
}

// prepared is what the site's pages and its machine outputs are made from.
type prepared struct {
	site site.Input
	pub  *publish.Publisher
	tmpl fs.FS
	// editions are the site's other editions, each made as the main one
	// (see prepareEditions).
	editions []prepared
	// claims, when not nil, draws the claims' charts for the pages, which
	// site's Charts then do not hold, and hands them over to pub's once
	// the pages are made (see render).
	claims *claimCharts
	// keeping, when not nil, is what Run keeps of the earlier output: the
	// sitemap lists its topics' pages too, and render records the pages
	// it makes there.
	keeping *keeping
}

// prepare runs every stage before the rendering of the site and its machine
// outputs, and returns what they are made from.
func prepare(cfg Config, st *Stats) (*Result, prepared, error) {
	res, docs, took, err := load(cfg.Src, cfg.cutoff(), cfg.loading)
	if err != nil {
		return res, prepared{}, err
	}
	st.record(cfg, "reconcile", took.claims)
	st.record(cfg, "content", took.content) // at the same time

	tmpl := cfg.templates()
	if cfg.catalogs == nil {
		cfg.catalogs = &text.Cache{} // each edition's catalog is parsed once
	}
	t0 := time.Now()
	lang := cmp.Or(res.Set.Site.Language, "en")
	p, err := prepareEdition(cfg, tmpl, cfg.draw, res.Set, res.Results, docs, lang, res.Set.Site.Main().Digits, "")
	if err != nil {
		return res, prepared{}, err
	}
	st.phase(cfg, "charts", t0)
	if p.editions, err = prepareEditions(cfg, res, &p.site, tmpl); err != nil {
		return res, prepared{}, err
	}
	if cfg.Prepared != nil {
		cfg.Prepared()
	}
	return res, p, nil
}

// prepareEdition prepares one edition of the site, of the claims set and
// their results, with the commentary docs, in lang, with numbers in digits
// and its pages under prefix: its charts, drawn by draw, its machine
// outputs' publisher and its site's input, without the editions. A nil
// draw draws the topics' charts only, and the claims' as the pages need
// them (see claimCharts).
func prepareEdition(cfg Config, tmpl fs.FS, draw func(*costmodel.Results, *text.Words) ([]*chart.Chart, error), set *claim.Set, results *costmodel.Results, docs *content.Set, lang, digits, prefix string) (prepared, error) {
	cat, err := cfg.catalogs.Load(tmpl, lang)
	if err != nil {
		return prepared{}, err
	}
	chartWords := wordsIn(lang, cat, digits)
	var charts []*chart.Chart
	var claims *claimCharts
	if draw != nil {
		charts, err = draw(results, chartWords)
	} else {
		charts, err = chart.RenderSome(results, chartWords, func(string) bool { return false })
		claims = newClaimCharts(chart.NewDrawer(results, chartWords), results, charts, cfg.drawn)
	}
	if err != nil {
		return prepared{}, err
	}
	siteCat, err := cfg.catalogs.Load(tmpl, cmp.Or(set.Site.Language, "en"))
	if err != nil {
		return prepared{}, err
	}
	words := site.WordsOf(siteCat, set.Site, digits)
	// With the claims' charts drawn for the pages, the publisher is
	// handed every chart only once the pages are made (see render), so
	// that a topic's chart may be let go of before (see claimCharts).
	var pubCharts []publish.Chart
	if claims == nil {
		pubCharts = publishCharts(charts)
	}
	pub, err := publish.New(publish.Input{
		Claims: set, Results: results, Charts: pubCharts, BaseURL: cfg.BaseURL, Words: words, Prefix: prefix,
	})
	if err != nil {
		return prepared{}, err
	}
	in := site.Input{
		Claims:      set,
		Results:     results,
		Docs:        docs,
		Charts:      charts,
		BaseURL:     cfg.BaseURL,
		ClaimReview: pub.ClaimReview,
		Cards:       cfg.Cards,
	}
	if claims != nil {
		in.ClaimChart, in.ChartDone = claims.draw, claims.topicDone
	}
	if _, ok := cfg.Assets[EChartsPath]; ok {
		in.ChartScripts = []string{EChartsPath, "assets/charts.js"}
	}
	return prepared{site: in, pub: pub, tmpl: tmpl, claims: claims}, nil
}

// cache makes the site's cards, and those of its editions, be looked up
// with earlier before they are drawn (see [site.Input.Cached]), and counts
// them in st: those that earlier has as reused, the others as drawn. A
// nil earlier has none.
func (p *prepared) cache(cfg Config, st *Stats, earlier func(name string, k card.Key) []byte) {
	var mu sync.Mutex
	f := func(name string, k card.Key) []byte {
		var data []byte
		if earlier != nil {
			data = earlier(name, k)
		}
		mu.Lock()
		if data != nil {
			st.CardsReused++
		} else {
			st.CardsDrawn++
		}
		mu.Unlock()
		if cfg.test.card != nil {
			cfg.test.card(name, data != nil)
		}
		return data
	}
	for _, in := range p.sites() {
		in.Cached = f
	}
}

// release makes what the pages are made from be let go of as they are
// made: each claim's commentary once the last page rendered from it is
// made, its claim's page in the main edition and in each edition that
// shows it untranslated (see [site.Input.Rendered]), and each topic's
// chart that no document places once its topic's page and its embed page
// are made, its data published then (see [site.Input.Once] and
// [site.Input.ChartDone]). It is for a build that renders
// p once: Run's, whose commentary and charts no later build uses again (a
// Session's does).
func (p *prepared) release() {
	var mu sync.Mutex
	left := map[*content.Doc]int{} // the pages each is still to be rendered into
	for _, in := range p.sites() {
		in.Once = true
		if in.Docs == nil {
			continue
		}
		for _, d := range in.Docs.Claims {
			left[d]++
		}
		in.Rendered = func(d *content.Doc) {
			mu.Lock()
			left[d]--
			done := left[d] == 0
			mu.Unlock()
			if done {
				d.Release()
			}
		}
	}
}

// sites returns the site input of the main edition of p, then those of
// its other editions, to set what each of them is rendered with.
func (p *prepared) sites() []*site.Input {
	out := []*site.Input{&p.site}
	for i := range p.editions {
		out = append(out, &p.editions[i].site)
	}
	return out
}

// reuse makes the site's pages, and those of its editions, be looked up
// with earlier before they are rendered (see [site.Input.Reuse]), under
// their key made the key of the program too (see [Config.programKey]),
// and counts in st those that earlier has. It does nothing when the
// program has no key.
func (p *prepared) reuse(cfg Config, st *Stats, earlier func(name string, k fileKey) []byte) {
	prog, ok := cfg.programKey()
	if !ok {
		return
	}
	var mu sync.Mutex
	f := func(name string, k site.Key) []byte {
		b := make([]byte, 0, len("reckon build page\x00")+2*sha256.Size)
		b = append(append(append(b, "reckon build page\x00"...), prog[:]...), k[:]...)
		data := earlier(name, sha256.Sum256(b))
		if data != nil {
			mu.Lock()
			st.PagesReused++
			mu.Unlock()
		}
		if cfg.test.page != nil {
			cfg.test.page(name, data != nil)
		}
		return data
	}
	for _, in := range p.sites() {
		in.Reuse = f
	}
}

// program returns the SHA-256 of the program that runs (the file it was
// started from, as the kernel still holds it), or false when it cannot be
// read: then no page is reused.
var program = sync.OnceValues(func() ([sha256.Size]byte, bool) {
	f, err := os.Open("/proc/self/exe") // the file started, even if replaced since
	if err != nil {
		exe, eerr := os.Executable()
		if eerr != nil {
			return [sha256.Size]byte{}, false
		}
		if f, err = os.Open(exe); err != nil {
			return [sha256.Size]byte{}, false
		}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [sha256.Size]byte{}, false
	}
	return [sha256.Size]byte(h.Sum(nil)), true
})

// programKey is the key of the program (see program), or the one a test
// gives.
func (cfg Config) programKey() ([sha256.Size]byte, bool) {
	if cfg.test.program != nil {
		return cfg.test.program()
	}
	return program()
}

// publishCharts hands the charts to the publisher, which does not import
// package chart: what it needs of each (see publishChart).
func publishCharts(cs []*chart.Chart) []publish.Chart {
	out := make([]publish.Chart, len(cs))
	for i, c := range cs {
		out[i] = publishChart(c)
	}
	return out
}

// publishChart is what the publisher needs of the chart c.
func publishChart(c *chart.Chart) publish.Chart {
	return publish.Chart{
		ID: c.ID, ElementID: c.ElementID, Topic: c.Topic, Claim: c.Claim, Kind: c.Kind,
		Title: c.Title, Height: c.Height, Data: c.Data,
	}
}

// render renders the site's pages, then each other edition's pages and
// machine outputs (see renderEdition), then the site's machine outputs,
// and hands each file to emit (see [site.Stream]), the assets of cfg
// last. A name that the machine outputs or the assets share with a file
// before them is an error. emit may not keep data; the site's machine
// outputs and charts' data go to give instead, which may (their data is
// made for it alone).
//
// render lets go of what p holds as soon as it is no longer needed, so
// that the peak of memory is lower: the pages' input (the charts' options
// and tables, the commentary) once the pages are made, the publisher once
// the machine outputs are, and each of those once emitted; the charts'
// data is made only as it is emitted (see [publish.Publisher.Stream]).
// A claim's chart drawn for its pages (see claimCharts), and, with
// release, a topic's chart no document places, has its data emitted at
// once, among the pages. Only p.tmpl is left.
func render(cfg Config, p *prepared, emit, give func(name string, data []byte) error) error {
	var mu sync.Mutex
	seen := map[string]bool{} // the names emitted
	// unique has emit take each name once, from several goroutines at
	// once: a page is unique among the pages, so that a clash is a file of
	// the machine outputs or an asset (see assetClash). once emits a page,
	// a machine output or an asset; onceGiven a machine output, whose data
	// the publisher is done with (see [publish.Publisher.Stream]).
	unique := func(emit func(string, []byte) error) func(string, []byte) error {
		return func(name string, data []byte) error {
			mu.Lock()
			clash := seen[name]
			seen[name] = true
			mu.Unlock()
			if clash {
				return assetClash(name)
			}
			return emit(name, data)
		}
	}
	once, onceGiven := unique(emit), unique(give)
	pages, err := p.pages(once, onceGiven)
	if err != nil {
		return err
	}
	if k := p.keeping; k != nil {
		k.pages = slices.Clone(pages)
		pages = append(pages, k.keptPages()...)
	}
	for i := range p.editions {
		epages, err := renderEdition(&p.editions[i], emit, once)
		if err != nil {
			return err
		}
		pages = append(pages, epages...)
	}
	p.editions = nil
	err = p.pub.Stream(pages, onceGiven)
	p.pub = nil
	if err != nil {
		return err
	}
	assets := published(cfg)
	for _, name := range slices.Sorted(maps.Keys(assets)) {
		if err := once(name, assets[name]); err != nil {
			return err
		}
	}
	return nil
}

// pages renders the pages of the edition p and hands them to emit, and
// then hands its publisher every chart, those of its claims drawn with
// their pages, whose data went to out at once (see claimCharts). It lets
// go of the pages' input. It returns the pages, for the sitemap; what is
// left of p is its publisher, to make the machine outputs.
func (p *prepared) pages(emit, out func(name string, data []byte) error) ([]route.Page, error) {
	if p.claims != nil {
		pub := p.pub
		p.claims.publish = func(c publish.Chart) error { return pub.StreamData(c, out) }
	}
	pages, err := site.Stream(p.site, p.tmpl, emit)
	p.site = site.Input{}
	if err != nil {
		return nil, err
	}
	if p.claims != nil {
		cs, err := p.claims.published()
		if err != nil {
			return nil, err
		}
		p.pub, p.claims = p.pub.With(cs), nil
	}
	return pages, nil
}

// SchemasDir is the folder of the output that holds the JSON Schemas of the
// input files (package reckon/schemas), for editors and other tools:
// /schemas/claim.schema.json and so on.
const SchemasDir = "schemas"

// published returns the files copied into the output as they are, by
// output path: cfg.Assets and the JSON Schemas.
func published(cfg Config) map[string][]byte {
	out := maps.Clone(cfg.Assets)
	if out == nil {
		out = map[string][]byte{}
	}
	names, _ := fs.Glob(schemas.FS, "*.schema.json")
	for _, name := range names {
		data, _ := fs.ReadFile(schemas.FS, name)
		out[path.Join(SchemasDir, name)] = data
	}
	return out
}

// assetClash is the error of an asset that would overwrite a page.
func assetClash(name string) error {
	var l diag.List
	l.Add(diag.Pos{File: name}, "", "asset %q would overwrite a page", name)
	return l.Err()
}

// Render runs every stage but the write and returns the site's files, by
// slash-separated path relative to the output folder.
func Render(cfg Config) (*Result, map[string][]byte, *Stats, error) {
	st := &Stats{}
	res, p, err := prepare(cfg, st)
	if err != nil {
		return res, nil, st, err
	}
	p.cache(cfg, st, nil)
	files, err := renderFiles(cfg, st, res, p, nil)
	if err != nil {
		return res, nil, st, err
	}
	return res, files, st, nil
}

// renderFiles renders the site prepared as p (see [render]) into memory,
// and records the phase and the files in st. Each file is held as hold
// returns it (nil: a copy; emit may not keep data).
func renderFiles(cfg Config, st *Stats, res *Result, p prepared, hold func(name string, data []byte) []byte) (map[string][]byte, error) {
	if hold == nil {
		hold = func(_ string, data []byte) []byte { return bytes.Clone(data) }
	}
	t0 := time.Now()
	var mu sync.Mutex
	files := map[string][]byte{}
	emit := func(name string, data []byte) error {
		data = hold(name, data)
		mu.Lock()
		defer mu.Unlock()
		files[name] = data
		return nil
	}
	err := render(cfg, &p, emit, emit)
	if err != nil {
		quoteTemplates(res, p.tmpl, err)
		return nil, err
	}
	st.rendered(cfg, t0, files)
	return files, nil
}

// Run builds the site and writes it to cfg.Out. Files are rendered and
// compared with what the earlier output holds (see [Manifest]); those that
// changed are written into a new folder beside cfg.Out, and moved into
// cfg.Out, each over its old version, only when every stage has succeeded;
// then the files no longer made are removed. A social card whose key
// ([card.Painter.Key]) the manifest lists for its path is not drawn again
// but read from cfg.Out, when the file there is still a regular file of
// the listed size and hash; otherwise it is drawn, and written. A page is
// not rendered again in the same way when the manifest lists its key for
// its path: the SHA-256 of its [site.Key] (its view, templates, interface
// strings, language and digits) and of the binary that runs, which is
// read once; when the binary cannot be read, every page is rendered.
// First of all, over an earlier output whose [State] has the build's key
// and lists every input file as it is now, and every file of which is as
// its manifest lists it (as a kept topic's files are checked, below), Run
// loads nothing and leaves the output as it is: it is up to date
// ([Stats.UpToDate]), and the Result says only what the earlier build
// said the site holds ([Result.Summary]). Otherwise, before rendering, a
// topic that no input file changed since the earlier build feeds, as its
// state says, is kept whole: none of its files is made,
// each is checked to be as the manifest lists it (a page or card read
// and hashed), and a topic one of whose files is not is made. When
// any stage fails, the new folder is removed and cfg.Out is left as it
// was. Into an absent or empty
// cfg.Out, files are written straight in, and removed again on failure.
//
// Before anything else, Run checks that cfg.Out may be written: it must
// be absent, empty or an earlier output (holding [Marker]); it must not be
// cfg.SrcDir, an ancestor of it, its claims/, content/ or templates/ or
// anything inside them; it must not hold .git nor lie inside a .git
// folder. Both paths are compared with their symbolic links resolved, and
// the site is written where cfg.Out resolves to. Otherwise Run returns an
// [*OutError] and touches nothing. A build killed at any point leaves
// every file of cfg.Out whole, the old version or the new, and the next
// build correct, removing what the killed one left (see tidy).
func Run(ctx context.Context, cfg Config) (*Result, *Stats, error) {
	st := &Stats{}
	out, err := checkOut(cfg.Out, cfg.SrcDir)
	if err != nil {
		return nil, st, err
	}
	tidy(out) // first, so that a failed build too leaves the previous output in place
	key, keyed := cfg.stateKey()
	var hashes map[string][sha256.Size]byte
	if keyed {
		hashes = hashAll(cfg.Src) // before the files are read: a change meanwhile is one the next build sees
	}
	// Over an earlier output, whose state may say it is up to date, the
	// writer is made first: should loading fail, it is aborted, which
	// leaves the output as it was.
	var w *writer
	var prev *runState
	if keyed && isOutput(out) && !cfg.test.keepNone {
		if w, err = newWriter(cfg.Out, cfg.SrcDir, cfg.test); err != nil {
			return nil, st, err
		}
		var res *Result
		if res, prev = w.upToDate(cfg, st, key, hashes); res != nil {
			if cfg.Prepared != nil {
				cfg.Prepared()
			}
			return res, st, w.finish(cfg, st)
		}
	}
	res, p, err := prepare(cfg, st)
	if err != nil {
		if w != nil {
			w.abort()
		}
		return res, st, err
	}
	t0 := time.Now()
	if w == nil {
		if w, err = newWriter(cfg.Out, cfg.SrcDir, cfg.test); err != nil {
			return res, st, err
		}
		if keyed {
			prev = w.readState(key)
		}
	}
	if keyed {
		if cfg.test.keepNone {
			prev = nil
		}
		p.keep(newKeeping(key, prev, hashes), res, w)
	}
	p.cache(cfg, st, w.cached)
	p.reuse(cfg, st, w.reuse)
	p.release()
	q := w.queue()
	var added atomic.Int64 // the files handed to the writer
	queue := func(add func(string, []byte) error) func(string, []byte) error {
		return func(name string, data []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if added.Add(1) == 50 {
				cfg.test.at("writing")
			}
			return add(name, data)
		}
	}
	err = render(cfg, &p, queue(q.add), queue(q.give))
	if werr := q.wait(); err == nil {
		err = werr
	}
	if err != nil {
		w.abort()
		quoteTemplates(res, p.tmpl, err)
		return res, st, err
	}
	if k := p.keeping; k != nil {
		k.keep(w)
		st.TopicsKept = len(k.kept)
		w.state = k.state(res)
	}
	st.phase(cfg, "render", t0) // and write
	return res, st, w.finish(cfg, st)
}

// finish commits what w wrote and records it in st.
func (w *writer) finish(cfg Config, st *Stats) error {
	t0 := time.Now()
	err := w.commit()
	st.Written, st.Removed, st.Reread = w.written, w.removed, int(w.reread.Load())
	if err != nil {
		return err
	}
	st.phase(cfg, "commit", t0)
	for name, e := range w.next { // every file of the new output
		st.count(name, int(e.size))
	}
	return nil
}

// quoteTemplates adds the template files that errors point into
// (templates/NAME.html) to the files res quotes errors from.
func quoteTemplates(res *Result, tmpl fs.FS, err error) {
	for _, e := range diag.Errors(err) {
		if name, ok := strings.CutPrefix(e.Pos.File, "templates/"); ok {
			if data, err := fs.ReadFile(tmpl, name); err == nil {
				res.files[e.Pos.File] = data
			}
		}
	}
}
