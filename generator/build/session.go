package build

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"reckon/generator/card"
	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/input"
	"reckon/generator/internal/pool"
	"reckon/generator/publish"
	"reckon/generator/route"
	"reckon/generator/site"
	"reckon/generator/text"
)

// A Session builds a site in memory again and again as its files change,
// for the preview: it keeps the last good build and, told which input
// files changed, renders again only the pages those files feed. Whatever
// the edits, each build's files are byte for byte those that [Render]
// makes of the same tree.
//
// The dependencies it follows: a topic's files (claims/TOPIC/..., its
// commentary under content/claims/TOPIC/ and content/topics/TOPIC.md) feed
// the topic's page, its claims' pages and its charts' embed pages, and the
// pages of every topic whose claims or commentary name something of it
// (a claim TOPIC/NAME, a source TOPIC/NAME, a {{value TOPIC ...}}), and
// the topic's machine outputs (its export, its charts' data and oEmbed
// documents, its claims' part of claims.json, claims.csv and the feed);
// the home, sources, corrections, commentary and 404 pages, claims.json,
// claims.csv, the feed and the sitemap are put together again on every
// build, the sitemap only when the pages changed. A page whose view is
// that of the last build is not rendered again ([site.Memo]). Any other
// file (site.toml, the site-wide sources and parameters, templates, pages,
// images) or a new topic makes a whole build; a topic removed or
// retitled, or a new date of the site's last change, renders every page.
// A build loads, checks and reconciles again the topics whose files
// changed, the topics that name something of them and those these name
// ([claim.LoadTopics]); when that fails, when a global file changed, or
// while something is left out as published later, it loads the whole
// site, so that its errors are those of a full build. The commentary is
// loaded again only when a file under content/ differs from the last
// build's, or when that build left something out. A social card whose key
// ([card.Painter.Key]) is that of a card of the last good build is not
// drawn again.
//
// A Session is not safe for concurrent use.
type Session struct {
	cfg   Config
	last  *built          // the last good build; nil before the first
	dirty map[string]bool // input files that may differ from last's, by path

	// first and early are RenderFirst's, for the build under way.
	first func() []string
	early func(map[string][]byte)

	partial   int // builds that rendered some topics only, for tests
	reloaded  int // builds that loaded some topics only, for tests
	templated int // builds that took the last build's results, for tests
}

// built is what a good build made and what it was made from.
type built struct {
	cutoff claim.Date
	hashes map[string][sha256.Size]byte // every input file, by path
	// res has editions (res.editions) when the site has editions other
	// than the main one: each build then renders the whole site (see
	// [Session.Render]).
	res   *Result
	sig   string            // res's signature
	files map[string][]byte // the output
	// own is the names of the files of the output that package site
	// made, by the topic whose pages they are ("" for the others).
	own    map[string][]string
	pages  map[string][]route.Page // the pages made, by the topic they are of ("" for the others)
	deps   map[string][]string     // the topics each topic's pages show something of, by topic ID
	charts []*chart.Chart          // sorted by ID
	cards  map[string]card.Key     // the key of every card of files, by path
	pub    *publish.Parts          // the machine outputs, by topic
	docs   *content.Set            // the commentary loaded
	memo   *site.Memo              // the pages of the whole site, for the next build
}

// redraw draws the charts of the topics of res as [chart.Render] does,
// again only for the topics in redraw: the others' are those of last,
// drawn from the same results.
func redraw(res *costmodel.Results, w *text.Words, last []*chart.Chart, redraw map[string]bool) ([]*chart.Chart, error) {
	return redrawSome(res, w, last, redraw, nil)
}

// redrawSome is redraw, which draws the charts of the claims of the topics
// in redraw only for the claims that claims reports true for (nil: all;
// see [chart.RenderSome]).
func redrawSome(res *costmodel.Results, w *text.Words, last []*chart.Chart, redraw map[string]bool, claims func(string) bool) ([]*chart.Chart, error) {
	sub := &costmodel.Results{}
	for _, t := range res.Topics {
		if redraw[t.Topic.ID] {
			sub.Topics = append(sub.Topics, t)
		}
	}
	out, err := chart.RenderSome(sub, w, claims)
	if err != nil {
		return nil, err
	}
	for _, c := range last {
		if !redraw[c.Topic] {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *chart.Chart) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// NewSession returns a session that builds cfg's site; cfg.Out and SrcDir
// are not used, and Now is each build's (see [Session.Render]).
func NewSession(cfg Config) *Session {
	cfg.docs, cfg.catalogs = &content.Cache{}, &text.Cache{}
	return &Session{cfg: cfg, dirty: map[string]bool{}}
}

// inputDirs are the folders of the site that a build reads.
var inputDirs = []string{"claims", "content", "templates"}

// Render builds the site as [Render] does, for the date now (see
// [Config.Now]), after the files at changed (slash-separated paths in
// cfg.Src, of files or folders) were written, made or removed. A nil
// changed means that what changed is not known: every input file is read
// to find out. The files returned must not be modified; a failed build
// returns no files, and the next build makes good what it could not.
func (s *Session) Render(now claim.Date, changed []string) (*Result, map[string][]byte, *Stats, error) {
	return s.RenderFirst(now, changed, nil, nil)
}

// RenderFirst is [Session.Render], which first hands early the pages that
// first names (the names of their files in the output, such as
// "claims/TOPIC/NAME/index.html"), with the site's assets, each as the
// build makes it, as soon as the site is loaded and reconciled and the
// charts those pages show are drawn, before the build makes the others.
// first is called once: when the build starts or, for a build of
// everything, once the site is loaded; nil asks for none. RenderFirst
// calls early at most once, and not when the build fails before the pages
// are made or makes none of first; the build may still fail after it, on
// another page. early may keep the files.
func (s *Session) RenderFirst(now claim.Date, changed []string, first func() []string, early func(files map[string][]byte)) (*Result, map[string][]byte, *Stats, error) {
	s.first, s.early = first, early
	defer func() { s.first, s.early = nil, nil }()
	cfg := s.cfg
	cfg.Now = now
	if s.last == nil || s.last.cutoff != cfg.cutoff() {
		return s.full(cfg, nil)
	}
	var hashes map[string][sha256.Size]byte // every input file's, when they were read
	if changed == nil {
		hashes = s.rescan()
	} else {
		for _, p := range changed {
			s.recheck(path.Clean(p))
		}
	}
	if len(s.dirty) == 0 { // nothing differs from the last good build
		return s.last.res, s.last.files, &Stats{}, nil
	}
	if len(s.last.res.editions) > 0 {
		// The pages of a site of several editions are not yet owned by
		// topic per edition: it is rendered whole, as Render does.
		return s.full(cfg, hashes)
	}
	if s.templatesDirty() {
		return s.retemplate(cfg)
	}
	topics, ok := s.topicsDirty()
	if !ok {
		return s.full(cfg, hashes)
	}
	return s.build(cfg, topics)
}

// templatesDirty reports whether only templates (templates/, but not the
// interface strings of templates/i18n/, which the charts' words come
// from) are dirty.
func (s *Session) templatesDirty() bool {
	for p := range s.dirty {
		if !strings.HasPrefix(p, "templates/") || strings.HasPrefix(p, "templates/i18n/") {
			return false
		}
	}
	return len(s.dirty) > 0
}

// retemplate renders every page again after templates changed, from the
// last build's claims, results, charts and commentary, which no template
// feeds, and takes the last build's machine outputs, which none feeds
// either.
func (s *Session) retemplate(cfg Config) (*Result, map[string][]byte, *Stats, error) {
	st := &Stats{}
	last := s.last
	hashes := s.hashDirty(cfg)
	cfg.draw = func(*costmodel.Results, *text.Words) ([]*chart.Chart, error) { return last.charts, nil }
	if u := last.res.Unpublished; len(u.Topics)+len(u.Claims) == 0 {
		cfg.lastDocs = last.docs
	}
	cfg.known = func(file string) ([sha256.Size]byte, bool) { h, ok := last.hashes[file]; return h, ok }
	cfg.check = func(fs.FS, claim.Date) (*Result, error) {
		prev := last.res
		return &Result{Set: prev.Set, Results: prev.Results, Unpublished: prev.Unpublished, files: maps.Clone(prev.Set.Files)}, nil
	}
	res, p, err := prepare(cfg, st)
	if err != nil {
		return res, nil, st, err
	}
	s.templated++
	s.sendFirst(p, s.firstPages(), nil, last.deps)
	b := newBuilt(cfg, hashes, res, p, last, nil)
	if err := s.render(cfg, st, p, b, last.pub); err != nil {
		return res, nil, st, err
	}
	s.last, s.dirty = b, map[string]bool{}
	return res, b.files, st, nil
}

// hashDirty returns the hashes of the input files of the last good build
// with those of the dirty files read again: hashed before they are read,
// so that a change while they are read is a change the next build sees.
func (s *Session) hashDirty(cfg Config) map[string][sha256.Size]byte {
	hashes := maps.Clone(s.last.hashes)
	for q := range s.dirty {
		if h, ok := inputHash(cfg.Src, q); ok {
			hashes[q] = h
		} else {
			delete(hashes, q)
		}
	}
	return hashes
}

// firstPages returns the pages RenderFirst was asked to make first, when
// it has early to hand them to; nil otherwise.
func (s *Session) firstPages() []string {
	if s.early == nil || s.first == nil {
		return nil
	}
	return s.first()
}

// claimsOf returns what reports whether a claim's page or its chart's
// embed page is among the pages first, by the claim's ID; nil when no page
// of first is of one of topics (by the topics' dependencies deps, see
// owner), whose charts are then drawn whole at once.
func claimsOf(first []string, topics map[string]bool, deps map[string][]string) func(id string) bool {
	if !slices.ContainsFunc(first, func(name string) bool { return topics[owner(name, deps)] }) {
		return nil
	}
	u, err := route.New("http://localhost/") // the names of files do not depend on it
	if err != nil {
		panic(err)
	}
	want := map[string]bool{}
	for _, name := range first {
		want[name] = true
	}
	return func(id string) bool { return want[u.File(u.Claim(id))] || want[u.File(u.Embed(id+"/bridge"))] }
}

// sendFirst renders the pages of first alone, with the site's assets,
// and hands them to s.early (see [Session.RenderFirst]): each edition's,
// as [render] makes them. Their cards are not drawn: a page names its
// card, it does not show it. memo, when not nil, is one of the same
// templates as the main edition's (its parsed templates are used), and
// deps, when not nil, has every topic whose pages may be among first.
func (s *Session) sendFirst(p prepared, first []string, memo *site.Memo, deps map[string][]string) {
	if s.early == nil || len(first) == 0 {
		return
	}
	want, topics := map[string]bool{}, map[string]bool{}
	for _, name := range first {
		want[name] = true
		topics[owner(name, deps)] = true
	}
	var mu sync.Mutex
	cards := map[string]bool{}
	cached := func(name string, _ card.Key) []byte {
		mu.Lock()
		defer mu.Unlock()
		cards[name] = true
		return []byte{}
	}
	files := map[string][]byte{}
	made := false
	for i, ep := range append([]prepared{p}, p.editions...) {
		in := ep.site
		in.Memo, in.Topics, in.Cached = nil, nil, cached
		if i == 0 {
			in.Memo = memo
		}
		if deps != nil {
			in.Topics = func(id string) bool { return topics[id] }
		}
		in.Only = func(name string) bool { return want[name] }
		_, err := site.Stream(in, ep.tmpl, func(name string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			if !cards[name] && (i == 0 || !shared(name)) {
				files[name] = bytes.Clone(data)
				made = made || want[name]
			}
			return nil
		})
		if err != nil {
			return // the build reports it
		}
	}
	if made {
		s.early(files)
	}
}

// hashAll returns the hash of every file under the input folders of
// fsys, by path, read on every core. A file is hashed by its content when
// it is a regular file no larger than any input may be (see hashMax);
// anything else (a pipe, a device, a file too large to be read, one that
// cannot be read) by what fs.Stat says of it, so that no file is waited on
// or read past the limits, and a change to it is a change still. A
// build that reads such a file fails on it.
func hashAll(fsys fs.FS) map[string][sha256.Size]byte {
	var files []string
	for _, dir := range inputDirs {
		fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
	}
	sums := make([][sha256.Size]byte, len(files))
	pool.Each(len(files), func(i int) { sums[i] = hashFile(fsys, files[i]) })
	out := make(map[string][sha256.Size]byte, len(files))
	for i, p := range files {
		out[p] = sums[i]
	}
	return out
}

// inputHash returns the hash of the file p of fsys as hashAll has it, and
// false when nothing stands at p or it is a folder (not a link to one).
func inputHash(fsys fs.FS, p string) ([sha256.Size]byte, bool) {
	fi, err := fs.Lstat(fsys, p)
	if err != nil || fi.IsDir() {
		return [sha256.Size]byte{}, false
	}
	return hashFile(fsys, p), true
}

// hashMax is the largest file an input folder may hold that a build reads
// (see package input): one larger is hashed by its size and time.
const hashMax = max(input.MaxTOMLSize, input.MaxMarkdownSize, input.MaxImageSize, input.MaxTemplateSize)

// hashFile returns the hash of the file p of fsys (see hashAll).
func hashFile(fsys fs.FS, p string) [sha256.Size]byte {
	if data, ok := input.ReadRegular(fsys, p, hashMax); ok {
		return sha256.Sum256(data)
	}
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return [sha256.Size]byte{1} // unreadable: not the hash of any content
	}
	// What is hashed names what fs.Stat says; a file is read only when
	// it is a regular one no larger than hashMax, and this text is not.
	return sha256.Sum256(fmt.Appendf(nil, "\x00reckon-stat %v %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano()))
}

// rescan marks every input file that differs from the last good build's,
// and returns the hashes of every input file (see hashAll).
func (s *Session) rescan() map[string][sha256.Size]byte {
	now := hashAll(s.cfg.Src)
	clear(s.dirty)
	for p, h := range now {
		if old, ok := s.last.hashes[p]; !ok || old != h {
			s.dirty[p] = true
		}
	}
	for p := range s.last.hashes {
		if _, ok := now[p]; !ok {
			s.dirty[p] = true
		}
	}
	return now
}

// recheck marks the file at p as dirty when it differs from the last good
// build's, and as clean when it is the same again (hashed as hashAll
// hashes it). A folder, or a path where nothing is now, marks everything
// the last build read under it and everything now in it.
func (s *Session) recheck(p string) {
	if !fs.ValidPath(p) {
		return
	}
	if h, ok := inputHash(s.cfg.Src, p); ok {
		if old, ok := s.last.hashes[p]; ok && old == h {
			delete(s.dirty, p)
		} else {
			s.dirty[p] = true
		}
		return
	}
	s.dirty[p] = true
	prefix := p + "/"
	for q := range s.last.hashes {
		if strings.HasPrefix(q, prefix) {
			s.dirty[q] = true
		}
	}
	fs.WalkDir(s.cfg.Src, p, func(q string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			s.dirty[q] = true
		}
		return nil
	})
}

// dirtyUnder reports whether a dirty file's path starts with prefix.
func (s *Session) dirtyUnder(prefix string) bool {
	for p := range s.dirty {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// topicOf returns the topic whose files hold the input file at p, or false
// for a file of the whole site.
func topicOf(p string) (string, bool) {
	seg := strings.Split(p, "/")
	switch {
	case len(seg) >= 3 && seg[0] == "claims":
		return seg[1], true
	case len(seg) >= 4 && seg[0] == "content" && seg[1] == "claims":
		return seg[2], true
	case len(seg) == 3 && seg[0] == "content" && seg[1] == "topics" && strings.HasSuffix(seg[2], ".md"):
		return strings.TrimSuffix(seg[2], ".md"), true
	}
	return "", false
}

// topicsDirty returns the topics whose files are dirty, or false when a
// file of the whole site is, or a file of no topic the last build had.
func (s *Session) topicsDirty() (map[string]bool, bool) {
	out := map[string]bool{}
	for p := range s.dirty {
		t, ok := topicOf(p)
		if !ok {
			return nil, false
		}
		if _, known := s.last.deps[t]; !known {
			return nil, false
		}
		out[t] = true
	}
	return out, true
}

// full builds every page, of the input files of hashes (nil: they are read
// first).
func (s *Session) full(cfg Config, hashes map[string][sha256.Size]byte) (*Result, map[string][]byte, *Stats, error) {
	if hashes == nil {
		hashes = hashAll(cfg.Src)
	}
	st := &Stats{}
	// The pages to make first are asked for once the site is loaded; with
	// some, the main edition's charts are drawn after that, first those
	// the pages show (see firstCharts).
	var first []string
	var words *text.Words
	cfg.draw = func(res *costmodel.Results, w *text.Words) ([]*chart.Chart, error) {
		if first, words = s.firstPages(), w; len(first) == 0 {
			return chart.Render(res, w)
		}
		return nil, nil
	}
	fail := func(res *Result, err error) (*Result, map[string][]byte, *Stats, error) {
		s.last, s.dirty = nil, map[string]bool{}
		return res, nil, st, err
	}
	res, p, err := prepare(cfg, st)
	if err != nil {
		return fail(res, err)
	}
	if len(first) > 0 {
		t0 := time.Now()
		some, ok, err := firstCharts(res, p.site.Docs, first, words)
		if err == nil && ok {
			if err = p.withCharts(cfg, res, some); err == nil {
				s.sendFirst(p, first, nil, nil)
			}
		}
		if err != nil {
			return fail(res, err)
		}
		charts, err := chart.Render(res.Results, words)
		if err == nil {
			err = p.withCharts(cfg, res, charts)
		}
		if err != nil {
			return fail(res, err)
		}
		st.phase(cfg, "charts", t0)
		if !ok {
			s.sendFirst(p, first, nil, nil)
		}
	}
	b := newBuilt(cfg, hashes, res, p, nil, nil)
	if err := s.render(cfg, st, p, b, nil); err != nil {
		return fail(res, err)
	}
	s.last, s.dirty = b, map[string]bool{}
	return res, b.files, st, nil
}

// firstCharts draws the charts of the main edition that the pages first
// show: every chart of the topics whose pages they are and of the topics
// those name (see topicDeps), but of the claims only those whose pages
// are among first. It returns false, and draws nothing, when a page of
// first is not a topic's (see owner): a page of the whole site, whose
// commentary may show any topic's chart, or of another edition.
func firstCharts(res *Result, docs *content.Set, first []string, w *text.Words) ([]*chart.Chart, bool, error) {
	ids := map[string][]string{}
	for _, t := range res.Set.Topics {
		ids[t.ID] = nil
	}
	owners := map[string]bool{}
	for _, name := range first {
		t := owner(name, ids)
		if t == "" {
			return nil, false, nil
		}
		owners[t] = true
	}
	need := map[string]bool{}
	for _, t := range res.Set.Topics {
		if owners[t.ID] {
			for _, d := range topicDeps(t, docs) {
				need[d] = true
			}
		}
	}
	charts, err := redrawSome(res.Results, w, nil, need, claimsOf(first, need, ids))
	return charts, true, err
}

// withCharts makes the main edition of p again with the charts cs: its
// site's input and its machine outputs' publisher.
func (p *prepared) withCharts(cfg Config, res *Result, cs []*chart.Chart) error {
	whole, err := prepareEdition(cfg, p.tmpl, func(*costmodel.Results, *text.Words) ([]*chart.Chart, error) { return cs, nil },
		res.Set, res.Results, p.site.Docs, cmp.Or(res.Set.Site.Language, "en"), res.Set.Site.Main().Digits, "")
	if err != nil {
		return err
	}
	whole.site.Editions = p.site.Editions
	p.site, p.pub = whole.site, whole.pub
	return nil
}

// newBuilt returns the build of res, prepared as p from the input files
// of hashes, before it is rendered: with the dependencies of the topics in
// changed worked out again and those of the others taken from last (all
// worked out when last is nil).
func newBuilt(cfg Config, hashes map[string][sha256.Size]byte, res *Result, p prepared, last *built, changed map[string]bool) *built {
	b := &built{cutoff: cfg.cutoff(), hashes: hashes, res: res, sig: signature(res), charts: p.site.Charts, docs: p.site.Docs, deps: map[string][]string{}}
	for _, t := range res.Set.Topics {
		if last == nil || changed[t.ID] {
			b.deps[t.ID] = topicDeps(t, p.site.Docs)
		} else {
			b.deps[t.ID] = last.deps[t.ID]
		}
	}
	return b
}

// build builds the site again after the files of topics changed, and
// renders the pages of only those topics and of the topics that depend on
// them.
func (s *Session) build(cfg Config, topics map[string]bool) (*Result, map[string][]byte, *Stats, error) {
	st := &Stats{}
	last := s.last
	hashes := s.hashDirty(cfg)
	// With pages to make first, the topics' charts are drawn first for
	// the claims of those pages only: no other page shows a claim's chart.
	first := s.firstPages()
	some := claimsOf(first, topics, last.deps)
	var words *text.Words
	cfg.draw = func(res *costmodel.Results, w *text.Words) ([]*chart.Chart, error) {
		words = w
		return redrawSome(res, w, last.charts, topics, some)
	}
	if u := last.res.Unpublished; len(u.Topics)+len(u.Claims) == 0 && !s.dirtyUnder("content/") {
		cfg.lastDocs = last.docs // nothing of it changed, nothing was left out of it
	}
	cfg.known = func(file string) ([sha256.Size]byte, bool) {
		h, ok := last.hashes[file]
		return h, ok && !s.dirty[file]
	}
	var again map[string]bool // the topics loaded again, when the others are the last build's
	cfg.checkDocs = func(t string) bool { return again == nil || again[t] }
	cfg.check = func(fsys fs.FS, now claim.Date) (*Result, error) {
		reload := reloads(topics, last.deps)
		if r := recheckTopics(fsys, now, last, reload); r != nil {
			again = reload
			s.reloaded++
			return r, nil
		}
		return check(fsys, now) // for the errors, exactly as a whole load gives them
	}
	res, p, err := prepare(cfg, st)
	if err != nil {
		return res, nil, st, err
	}
	s.sendFirst(p, first, last.memo, last.deps)
	if some != nil {
		// Then every chart, and what is made of them.
		t0 := time.Now()
		charts, err := redraw(res.Results, words, last.charts, topics)
		if err == nil {
			err = p.withCharts(cfg, res, charts)
		}
		if err != nil {
			return res, nil, st, err
		}
		st.phase(cfg, "charts", t0)
	}
	b := newBuilt(cfg, hashes, res, p, last, topics)
	var render map[string]bool // nil: every topic
	if b.sig == last.sig && slices.Equal(slices.Sorted(maps.Keys(b.deps)), slices.Sorted(maps.Keys(last.deps))) {
		render = maps.Clone(topics)
		for id, deps := range b.deps {
			if slices.ContainsFunc(deps, func(d string) bool { return topics[d] }) ||
				slices.ContainsFunc(last.deps[id], func(d string) bool { return topics[d] }) {
				render[id] = true
			}
		}
		b.pages = map[string][]route.Page{}
		for t, pages := range last.pages {
			if t != "" && !render[t] {
				b.pages[t] = pages
			}
		}
	}
	if render != nil {
		err = s.renderAgain(cfg, st, p, b, last, render)
		s.partial++
	} else {
		err = s.render(cfg, st, p, b, nil)
	}
	if err != nil {
		return res, nil, st, err
	}
	s.last, s.dirty = b, map[string]bool{}
	return res, b.files, st, nil
}

// render renders every page into b.pages, then the machine outputs and
// the assets, and puts them all together into b.files, as [render] does.
// The machine outputs of the topics are taken from pub when it is not nil:
// those of a build of the same claims, results, charts and words.
func (s *Session) render(cfg Config, st *Stats, p prepared, b *built, pub *publish.Parts) error {
	defer s.cards(cfg, st, &p, b)()
	if len(p.editions) > 0 {
		// Rendered whole, as Render renders it.
		files, err := renderFiles(cfg, st, b.res, p, s.keep)
		b.files, b.own, b.pages, b.pub = files, nil, nil, nil
		return err
	}
	t0 := time.Now()
	b.files, b.own, b.pages, b.pub = map[string][]byte{}, map[string][]string{}, map[string][]route.Page{}, pub
	b.memo = &site.Memo{} // the templates may have changed
	p.site.Memo = b.memo
	if _, err := s.stream(p, b, nil); err != nil {
		return err
	}
	if err := s.publish(cfg, p, b, nil, pub != nil); err != nil {
		return err
	}
	st.rendered(cfg, t0, b.files)
	return nil
}

// keep returns what a build holds of the file name that it made as data
// (which it may not keep): the last good build's bytes of that file when
// they are the same, so that a file made again is held once, and a copy
// of data otherwise. The bytes of a build's files are never modified.
func (s *Session) keep(name string, data []byte) []byte {
	if s.last != nil {
		if old, ok := s.last.files[name]; ok && bytes.Equal(old, data) {
			return old
		}
	}
	return bytes.Clone(data)
}

// renderAgain renders, as render does, again only the pages of the
// topics in only and the pages of no topic, the machine outputs of those
// topics and those of the whole site; the other files are last's. When a
// file made would take the name of one taken from last, it renders the
// whole site instead, for the error that gives.
func (s *Session) renderAgain(cfg Config, st *Stats, p prepared, b *built, last *built, only map[string]bool) error {
	defer s.cards(cfg, st, &p, b)()
	t0 := time.Now()
	b.files, b.own, b.pub = maps.Clone(last.files), maps.Clone(last.own), last.pub
	again := slices.Collect(maps.Keys(only))
	for _, t := range append(again, "") {
		for _, name := range last.own[t] {
			delete(b.files, name)
		}
		delete(b.own, t)
		for name := range last.pub.Files(t) {
			delete(b.files, name)
		}
	}
	for name := range published(cfg) {
		delete(b.files, name)
	}
	p.site.Topics = func(id string) bool { return only[id] }
	b.memo, p.site.Memo = last.memo, last.memo
	ok, err := s.stream(p, b, only)
	if ok && err == nil {
		err = s.publish(cfg, p, b, only, false)
	}
	if errors.Is(err, errTaken) || !ok {
		p.site.Topics = nil
		return s.render(cfg, st, p, b, nil)
	}
	if err != nil {
		return err
	}
	st.rendered(cfg, t0, b.files)
	return nil
}

// cards makes b.cards afresh and has p's cards found among the last good
// build's by key (see cardsOf); it returns what to call once b.files is
// made, which records the keys of the cards b.files took from that build.
func (s *Session) cards(cfg Config, st *Stats, p *prepared, b *built) func() {
	last := s.last
	b.cards = map[string]card.Key{}
	p.cache(cfg, st, cardsOf(last, b))
	return func() {
		if last == nil || b.files == nil {
			return
		}
		for name, k := range last.cards {
			if _, kept := b.files[name]; kept {
				if _, seen := b.cards[name]; !seen {
					b.cards[name] = k
				}
			}
		}
	}
}

// errTaken is the error of a file made under a name that one taken from
// the last build has (see renderAgain).
var errTaken = errors.New("name taken")

// stream renders the pages that p.site says (see [site.Stream]) into
// b.files, b.own and b.pages. It reports false when a page took the name
// of a file of b.files that it did not make: one taken from the last
// build, whose pages are not those of the topics in only.
func (s *Session) stream(p prepared, b *built, only map[string]bool) (bool, error) {
	u, err := route.ForSite(p.site.BaseURL, p.site.Claims.Site.BaseURL)
	if err != nil {
		return false, err
	}
	var mu sync.Mutex
	made := map[string]bool{}
	ok := true
	pages, err := site.Stream(p.site, p.tmpl, func(name string, data []byte) error {
		data = s.keep(name, data)
		mu.Lock()
		defer mu.Unlock()
		if !made[name] {
			if _, taken := b.files[name]; taken {
				ok = false
			}
			made[name] = true
			t := owner(name, b.deps)
			b.own[t] = append(b.own[t], name)
		}
		b.files[name] = data
		return nil
	})
	if err != nil {
		quoteTemplates(b.res, p.tmpl, err)
		return ok, err
	}
	for _, pg := range pages {
		t := owner(u.File(pg.Path), b.deps)
		b.pages[t] = append(b.pages[t], pg)
	}
	return ok, nil
}

// publish makes the machine outputs of the topics in only and of the
// whole site (of every topic when only is nil), taking the others' from
// b.pub, and adds them and the assets to b.files. With kept, it takes
// every topic's from b.pub, and makes only the whole site's again. A name
// that a page has already is an error; errTaken when only is not nil.
func (s *Session) publish(cfg Config, p prepared, b *built, only map[string]bool, kept bool) error {
	var all []route.Page
	for _, t := range slices.Sorted(maps.Keys(b.pages)) {
		all = append(all, b.pages[t]...)
	}
	var err error
	b.pub, err = p.pub.RenderAgain(all, b.pub, func(id string) bool { return !kept && (only == nil || only[id]) })
	if err != nil {
		quoteTemplates(b.res, p.tmpl, err)
		return err
	}
	out := maps.Clone(b.pub.Files(""))
	for _, t := range b.res.Results.Topics {
		if only == nil || only[t.Topic.ID] {
			maps.Copy(out, b.pub.Files(t.Topic.ID))
		}
	}
	for _, files := range []map[string][]byte{out, published(cfg)} {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if _, seen := b.files[name]; seen {
				if only != nil {
					return errTaken
				}
				return assetClash(name)
			}
			b.files[name] = files[name]
		}
	}
	return nil
}

// cardsOf returns the function that finds a card among those of the last
// good build, last (nil for none), by its key, and records the key of each
// card of b in b.cards.
func cardsOf(last *built, b *built) func(string, card.Key) []byte {
	byKey := map[card.Key]string{}
	if last != nil {
		for name, k := range last.cards {
			byKey[k] = name
		}
	}
	var mu sync.Mutex
	return func(name string, k card.Key) []byte {
		mu.Lock()
		b.cards[name] = k
		mu.Unlock()
		if n, ok := byKey[k]; ok {
			return last.files[n]
		}
		return nil
	}
}

// reloads returns the topics to load again after the files of topics
// changed: those, the topics that name something of them, and, so that
// what those name resolves, every topic that a topic loaded names.
func reloads(topics map[string]bool, deps map[string][]string) map[string]bool {
	out := maps.Clone(topics)
	for id, ds := range deps {
		if slices.ContainsFunc(ds, func(d string) bool { return topics[d] }) {
			out[id] = true
		}
	}
	for more := true; more; {
		more = false
		for id := range out {
			for _, d := range deps[id] {
				if _, known := deps[d]; known && !out[d] {
					out[d], more = true, true
				}
			}
		}
	}
	return out
}

// recheckTopics loads, validates and reconciles again the topics in
// again with the site-wide files, and puts them together with the other
// topics of the last build into the Result that check gives. It returns
// nil when that is not certain to be check's: when the topics failed
// (check then gives every error of the site), or when a topic or claim is
// left out as published later.
func recheckTopics(fsys fs.FS, now claim.Date, last *built, again map[string]bool) *Result {
	prev := last.res
	if len(prev.Unpublished.Topics)+len(prev.Unpublished.Claims) > 0 {
		return nil
	}
	sub, err := claim.LoadTopics(fsys, "claims", slices.Sorted(maps.Keys(again)))
	if err != nil {
		return nil
	}
	if !now.IsZero() {
		if u := leaveOut(sub, now); len(u.Topics)+len(u.Claims) > 0 {
			return nil
		}
	}
	subRes, err := costmodel.Compute(sub, costmodel.Options{})
	if err != nil {
		return nil
	}
	// The files of the other topics are the last build's: all of those,
	// but for the reloaded topics' and the site-wide ones, which sub has.
	files := maps.Clone(prev.Set.Files)
	maps.DeleteFunc(files, func(name string, _ []byte) bool {
		rest, ok := strings.CutPrefix(name, "claims/")
		t, _, inTopic := strings.Cut(rest, "/")
		return !ok || !inTopic || again[t]
	})
	maps.Copy(files, sub.Files)
	set := &claim.Set{Site: sub.Site, Parameters: sub.Parameters, Files: files, Sources: sub.Sources}
	for _, src := range prev.Set.Sources {
		if t, _, ok := strings.Cut(src.ID, "/"); ok && !again[t] {
			set.Sources = append(set.Sources, src)
		}
	}
	slices.SortFunc(set.Sources, func(a, b *claim.Source) int { return strings.Compare(a.ID, b.ID) })
	results := map[*claim.Topic]*costmodel.Topic{}
	for _, t := range prev.Results.Topics {
		if !again[t.Topic.ID] {
			set.Topics = append(set.Topics, t.Topic)
			results[t.Topic] = t
		}
	}
	for _, t := range subRes.Topics {
		set.Topics = append(set.Topics, t.Topic)
		results[t.Topic] = t
	}
	slices.SortFunc(set.Topics, func(a, b *claim.Topic) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	res := &costmodel.Results{}
	for _, t := range set.Topics {
		res.Topics = append(res.Topics, results[t])
	}
	r := &Result{Set: set, Results: res, files: set.Files}
	if !now.IsZero() {
		r.Unpublished = Unpublished{Published: map[string]claim.Date{}} // as leaveOut leaves it
	}
	return r
}

// owner returns the topic whose pages the output file name is (its page
// topics/TOPIC/, its claims' pages claims/TOPIC/NAME/, its charts' embed
// pages embed/TOPIC/... and the social cards of it and its claims,
// cards/TOPIC.png and cards/TOPIC/NAME.png), or "" for a file of the
// whole site.
func owner(name string, topics map[string][]string) string {
	seg := strings.SplitN(name, "/", 3)
	if len(seg) == 2 && seg[0] == "cards" {
		seg = []string{"cards", strings.TrimSuffix(seg[1], ".png"), ""}
	}
	if len(seg) < 3 {
		return ""
	}
	switch seg[0] {
	case "topics", "claims", "embed", "cards":
		if _, ok := topics[seg[1]]; ok {
			return seg[1]
		}
	}
	return ""
}

// signature is what the pages of every topic show of the whole site: the
// topics, by ID and title in their order, and the date of the site's last
// change.
func signature(res *Result) string {
	var b strings.Builder
	b.WriteString(res.Set.Changed().String())
	for _, t := range res.Results.Topics {
		b.WriteString("\x00" + t.Topic.ID + "\x00" + t.Topic.Title)
	}
	return b.String()
}

// topicDeps returns the other topics whose things the pages of the topic t
// show: every topic that a string of its data names as TOPIC/... (a claim
// or a source of it), and every topic its commentary refers to. It errs on
// the side of too many.
func topicDeps(t *claim.Topic, docs *content.Set) []string {
	var out []string
	var walk func(v reflect.Value)
	seen := map[uintptr]bool{}
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if first, _, ok := strings.Cut(v.String(), "/"); ok {
				out = append(out, first)
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key())
				walk(it.Value())
			}
		}
	}
	walk(reflect.ValueOf(t))
	if docs != nil {
		if d := docs.Topic(t.ID); d != nil {
			out = append(out, d.RefTopics()...)
		}
		for _, c := range t.Claims {
			if d := docs.Claim(c.ID); d != nil {
				out = append(out, d.RefTopics()...)
			}
		}
	}
	out = append(out, t.ID)
	slices.Sort(out)
	return slices.Compact(out)
}
