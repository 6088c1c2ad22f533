package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"reckon/generator/card"
	"reckon/generator/content"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// State is the file beside [Manifest] that says what the build that wrote
// the output was made from: the SHA-256 of every input file, which topics
// each topic's pages show something of, the pages of each topic, and a
// key of the program and of every setting of the build. A build over that
// output takes it to render again only the topics that the files changed
// since feed, as the preview does (see [Session]), and keeps the files of
// the other topics as they are (see [Run]). It is JSON; one that does not
// parse, or that another program or other settings wrote, is ignored, as
// if absent, and the build renders every topic.
//
// A build removes it before it changes anything else in the output, and
// writes it last, so that it never describes an output that a killed
// build left half changed; a build that leaves something out as published
// later writes none. A site of several editions has one, but keeps no
// topic whole: the next build may only find its output up to date.
const State = ".reckon-state"

// stateVersion names the form of the state file and what it holds; it
// changes whenever either does.
const stateVersion = 2

// maxState is the size above which a state file is ignored: some 200
// bytes a claim.
const maxState = 256 << 20

// A runState is what a [State] file holds.
type runState struct {
	Version int    `json:"version"`
	Key     string `json:"key"` // see Config.stateKey
	// Signature is what every topic's pages show of the whole site (see
	// signature).
	Signature string `json:"signature"`
	// Inputs are the SHA-256 of every input file, in hexadecimal, by path
	// (see hashAll).
	Inputs map[string]string `json:"inputs"`
	// Deps are, by topic, the topics whose things its pages show (see
	// topicDeps): every topic of the site.
	Deps map[string][]string `json:"deps"`
	// Pages are the pages of each topic, for the sitemap.
	Pages map[string][]route.Page `json:"pages"`
	// Summary is what the site holds, as [Result.Summary] says it.
	Summary string `json:"summary"`
}

// parseState returns the state that data holds, or nil when it is not
// one of this form and key.
func parseState(data []byte, key string) *runState {
	var s runState
	if len(data) > maxState || json.Unmarshal(data, &s) != nil || s.Version != stateVersion || s.Key != key || s.Inputs == nil || s.Deps == nil {
		return nil
	}
	for _, h := range s.Inputs {
		if len(h) != 2*sha256.Size {
			return nil
		}
	}
	return &s
}

// stateKey is the key of what a build's output depends on besides its
// input files: the program, the templates and assets it is given, the
// base URL, whether later content is included, and the cards' fonts. It
// returns false when the program has no key: then no state is kept.
func (cfg Config) stateKey() (string, bool) {
	prog, ok := cfg.programKey()
	if !ok {
		return "", false
	}
	h := sha256.New()
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b[:0], uint64(len(s)))
		h.Write(b)
		h.Write([]byte(s))
	}
	str("reckon state")
	h.Write(prog[:])
	str(cfg.BaseURL)
	if cfg.Future {
		str("future")
	}
	if cfg.Cards != nil {
		k := cfg.Cards.Fonts()
		str(string(k[:]))
		b = binary.AppendUvarint(b[:0], card.Version)
		h.Write(b)
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Assets)) {
		str(name)
		str(string(cfg.Assets[name]))
	}
	if cfg.Templates != nil {
		fs.WalkDir(cfg.Templates, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := fs.ReadFile(cfg.Templates, p)
				str(p)
				str(string(data))
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// A keeping is what a build over an earlier output keeps of it: the
// topics whose files it keeps, and their pages; and what it makes of the
// build for the next one.
type keeping struct {
	key    string                       // the state's key
	hashes map[string][sha256.Size]byte // every input file's
	prev   *runState                    // the earlier output's state, or nil
	// kept are the topics whose pages, cards and charts are not made again
	// but kept from the earlier output, by ID.
	kept map[string]bool
	deps map[string][]string // every topic's, for the next state
	// pages are those the build made, for the next state; set by render.
	pages []route.Page
	// u is the site's URLs, to name the pages' files.
	u *route.Scheme
}

// newKeeping starts what a build keeps with the state it found, prev (nil
// for none), and the input files' hashes.
func newKeeping(key string, prev *runState, hashes map[string][sha256.Size]byte) *keeping {
	return &keeping{key: key, prev: prev, hashes: hashes}
}

// choose decides which topics the build over the earlier output keeps, once
// the site res is loaded with its commentary docs: those that no file that
// changed since the earlier build feeds, as a [Session] decides it. It
// keeps none when a file of the whole site changed, or a file of a topic
// the earlier build did not have; when the topics, their titles or order,
// or the date of the site's last change are not the earlier build's; when
// something is left out as published later; and for a site of several
// editions. It records each topic's dependencies for the next state.
func (k *keeping) choose(res *Result, docs *content.Set) {
	topics, ok := k.dirty(res)
	k.deps = map[string][]string{}
	for _, t := range res.Set.Topics {
		if ok && !topics[t.ID] {
			k.deps[t.ID] = k.prev.Deps[t.ID]
		} else {
			k.deps[t.ID] = topicDeps(t, docs)
		}
	}
	if !ok {
		return
	}
	k.kept = map[string]bool{}
	shows := func(d string) bool { return topics[d] }
	for id, deps := range k.deps {
		if !topics[id] && !slices.ContainsFunc(deps, shows) && !slices.ContainsFunc(k.prev.Deps[id], shows) {
			k.kept[id] = true
		}
	}
}

// dirty returns the topics whose files differ from the earlier build's,
// or false when the build is to keep no topic (see choose).
func (k *keeping) dirty(res *Result) (map[string]bool, bool) {
	prev := k.prev
	if prev == nil || len(res.editions) > 0 || len(res.Unpublished.Topics)+len(res.Unpublished.Claims) > 0 ||
		prev.Signature != signature(res) || len(prev.Deps) != len(res.Set.Topics) {
		return nil, false
	}
	for _, t := range res.Set.Topics {
		if _, known := prev.Deps[t.ID]; !known {
			return nil, false
		}
	}
	topics := map[string]bool{}
	mark := func(p string) bool {
		t, inTopic := topicOf(p)
		if _, known := prev.Deps[t]; !inTopic || !known {
			return false
		}
		topics[t] = true
		return true
	}
	for p, h := range k.hashes {
		if old, found := prev.Inputs[p]; (!found || old != hex.EncodeToString(h[:])) && !mark(p) {
			return nil, false
		}
	}
	for p := range prev.Inputs {
		if _, found := k.hashes[p]; !found && !mark(p) {
			return nil, false
		}
	}
	return topics, true
}

// check takes out of k.kept every topic a file of which the earlier
// output, as w finds it, does not hold as its manifest lists it (see
// writer.notAsListed): its pages are made again.
func (k *keeping) check(w *writer) {
	if len(k.kept) == 0 {
		return
	}
	for _, name := range w.notAsListed(func(name string) bool { return k.kept[keptOwner(name, k.deps)] }) {
		delete(k.kept, keptOwner(name, k.deps))
	}
}

// notAsListed returns the files of the earlier output, among those that
// which reports, that out does not hold as its manifest lists them: a page
// or card (a file with a key) must be a regular file of the listed size
// and hash, which it reads; any other file, a regular file of the listed
// size, as a file that is made again is compared (see holds and
// writer.unchanged).
func (w *writer) notAsListed(which func(name string) bool) []string {
	names := slices.Collect(maps.Keys(w.prev))
	bad := make([]bool, len(names))
	pool.EachOn(len(names), writers(), func(i int) {
		if e := w.prev[names[i]]; which(names[i]) && (!e.known || !w.holds(names[i], e)) {
			bad[i] = true
		}
	})
	var out []string
	for i, b := range bad {
		if b {
			out = append(out, names[i])
		}
	}
	return out
}

// keyed reports whether a build gives the file name of its output a key:
// every page and every social card has one (see [Manifest]).
func keyed(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "cards/") && strings.HasSuffix(name, ".png")
}

// holds reports whether out holds the file name of the earlier output, of
// entry e, as check says.
func (w *writer) holds(name string, e entry) bool {
	if _, ok := w.prevKeys[name]; !ok {
		return !keyed(name) && w.unchanged(name, e, false) // one to have a key has it
	}
	return w.checked(name, e)
}

// keptPages returns the pages of the topics kept, as the earlier build
// made them.
func (k *keeping) keptPages() []route.Page {
	var out []route.Page
	for _, t := range slices.Sorted(maps.Keys(k.kept)) {
		out = append(out, k.prev.Pages[t]...)
	}
	return out
}

// keep lists in w's new output the files of the earlier output of the
// topics kept that the build did not make again, as they are.
func (k *keeping) keep(w *writer) {
	for name, e := range w.prev {
		if !k.kept[keptOwner(name, k.deps)] {
			continue
		}
		if _, made := w.next[name]; made {
			continue
		}
		w.next[name] = e
		if key, ok := w.prevKeys[name]; ok {
			w.keys[name] = key
		}
	}
}

// state returns the state of the build for the next one, or nil when it
// is to keep none.
func (k *keeping) state(res *Result) []byte {
	if k == nil || k.u == nil || len(res.Unpublished.Topics)+len(res.Unpublished.Claims) > 0 {
		return nil
	}
	s := runState{Version: stateVersion, Key: k.key, Signature: signature(res), Inputs: make(map[string]string, len(k.hashes)), Deps: k.deps, Pages: map[string][]route.Page{}, Summary: res.Summary()}
	for p, h := range k.hashes {
		s.Inputs[p] = hex.EncodeToString(h[:])
	}
	for _, pg := range k.pages {
		if t := owner(k.u.File(pg.Path), k.deps); t != "" {
			s.Pages[t] = append(s.Pages[t], pg)
		}
	}
	for _, pages := range s.Pages {
		slices.SortFunc(pages, func(a, b route.Page) int { return strings.Compare(a.Path, b.Path) })
	}
	for t := range k.kept {
		s.Pages[t] = k.prev.Pages[t]
	}
	data, err := json.Marshal(s)
	if err != nil {
		return nil
	}
	return data
}

// keptOwner is the topic whose files the output file name is: those that
// owner says, its export, data/topics/TOPIC.json, and its charts' data,
// data/charts/TOPIC/...; "" for a file of the whole site.
func keptOwner(name string, topics map[string][]string) string {
	if rest, ok := strings.CutPrefix(name, "data/topics/"); ok {
		if t, ok := strings.CutSuffix(rest, ".json"); ok {
			if _, known := topics[t]; known {
				return t
			}
		}
		return ""
	}
	if rest, ok := strings.CutPrefix(name, "data/charts/"); ok {
		if t, _, ok := strings.Cut(rest, "/"); ok {
			if _, known := topics[t]; known {
				return t
			}
		}
		return ""
	}
	return owner(name, topics)
}

// keep has p keep what k chooses to keep of the earlier output, as w found
// it, once the site res is prepared as p: the pages of the topics kept are
// not made (see [site.Input.Topics]), and their files are taken as they
// are. A site of several editions keeps nothing (see keeping.dirty), but
// has a state, for the next build to find its output up to date.
func (p *prepared) keep(k *keeping, res *Result, w *writer) {
	u, err := route.ForSite(p.site.BaseURL, p.site.Claims.Site.BaseURL)
	if err != nil {
		return
	}
	k.u = &u
	k.choose(res, p.site.Docs)
	k.check(w)
	if len(k.kept) > 0 {
		kept := func(id string) bool { return k.kept[id] }
		p.site.Topics = func(id string) bool { return !kept(id) }
		p.pub = p.pub.Keeping(kept)
		if p.claims != nil {
			p.claims.skip = kept
		}
	}
	p.keeping = k
}

// readState returns the state of the earlier output, when it has one of
// key beside a manifest; nil otherwise.
func (w *writer) readState(key string) *runState {
	if w.direct || w.prevKeys == nil || len(w.prevDirs) > 0 {
		return nil
	}
	size, kind, err := w.top.size(State)
	if err != nil || kind != regular || size > maxState {
		return nil
	}
	data, err := w.top.readFile(nil, State, size)
	if err != nil {
		return nil
	}
	w.prevState = data
	return parseState(data, key)
}

// sameInputs reports whether the input files are, path for path and byte
// for byte, those that the state s lists.
func (s *runState) sameInputs(hashes map[string][sha256.Size]byte) bool {
	if len(s.Inputs) != len(hashes) {
		return false
	}
	for p, h := range hashes {
		if s.Inputs[p] != hex.EncodeToString(h[:]) {
			return false
		}
	}
	return true
}

// upToDate finishes the build over the earlier output that w found when
// that output is what the build would make: its state has the build's key
// (the same program, templates, assets, fonts and settings) and lists the
// input files exactly as hashes has them, and every file its manifest
// lists is there as listed (see notAsListed).
// The output then stays as it is, and upToDate returns what the earlier
// build said of the site; a build of the same files by the same program
// with the same settings makes the same output, and a state is written
// only when nothing was left out as published later, so that the date
// changes nothing. Otherwise it returns nil, and prev, the state found
// (nil for none), for the build to go on with.
func (w *writer) upToDate(cfg Config, st *Stats, key string, hashes map[string][sha256.Size]byte) (res *Result, prev *runState) {
	prev = w.readState(key)
	if prev == nil || prev.Summary == "" || !prev.sameInputs(hashes) {
		return nil, prev
	}
	t0 := time.Now()
	if len(w.notAsListed(func(string) bool { return true })) > 0 {
		return nil, prev
	}
	w.next, w.keys, w.state = maps.Clone(w.prev), maps.Clone(w.prevKeys), w.prevState
	st.UpToDate, st.TopicsKept = true, len(prev.Deps)
	st.phase(cfg, "check output", t0)
	return &Result{summary: prev.Summary}, prev
}
