package build

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/card"
	"reckon/generator/claim"
	"reckon/templates"
)

var sessionSeeds = flag.Int("session-seeds", 10, "how many random sequences of edits TestSessionMatchesRender tries")

// testCards returns a painter of the cards with the fonts of the
// repository's node_modules (npm ci installs them).
func testCards(t testing.TB) *card.Painter {
	t.Helper()
	p, err := loadCards()
	if err != nil {
		t.Fatalf("%v (run npm ci)", err)
	}
	return p
}

var loadCards = sync.OnceValues(func() (*card.Painter, error) {
	fonts, _, err := card.ReadFonts(os.DirFS(filepath.Join("..", "..", "node_modules")))
	if err != nil {
		return nil, err
	}
	return card.New(fonts)
})

// fixtureCopy returns the fixture site as a MapFS that a test may change.
func fixtureCopy(t *testing.T) fstest.MapFS { return fixtureCopyOf(t, fixtureSite) }

// fixtureCopyOf returns the site in the folder dir as a MapFS that a test
// may change.
func fixtureCopyOf(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// editor makes random edits to a site, as an author would: it changes,
// adds and deletes claims, sources, model parameters, commentary and
// templates, breaks files and mends them.
type editor struct {
	fsys fstest.MapFS
	orig map[string][]byte
	rnd  *rand.Rand
	n    int
}

var (
	titleLine = regexp.MustCompile(`(?m)^title = "`)
	valueLine = regexp.MustCompile(`(?m)^value = (\d)`)
)

// pick returns a random path of the site that matches ok, or "".
func (e *editor) pick(ok func(p string) bool) string {
	var ps []string
	for p := range e.fsys {
		if ok(p) {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	slices.Sort(ps)
	return ps[e.rnd.IntN(len(ps))]
}

func isClaim(p string) bool {
	seg := strings.Split(p, "/")
	if len(seg) != 3 || seg[0] != "claims" || !strings.HasSuffix(p, ".toml") {
		return false
	}
	switch seg[2] {
	case claim.TopicFile, claim.ModelFile, claim.SourcesFile:
		return false
	}
	return true
}

// claimID returns the ID of a random claim, for a reference to it.
func (e *editor) claimID() string {
	p := e.pick(isClaim)
	return strings.TrimSuffix(strings.TrimPrefix(p, "claims/"), ".toml")
}

func (e *editor) write(p string, data []byte) {
	e.fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
}

func (e *editor) replace(p string, re *regexp.Regexp, with string) {
	f := e.fsys[p]
	if f == nil {
		return
	}
	done := false
	data := re.ReplaceAllFunc(f.Data, func(m []byte) []byte {
		if done {
			return m
		}
		done = true
		return re.ReplaceAll(m, []byte(with))
	})
	e.write(p, data)
}

// edit makes one random edit and returns the paths it changed and what it
// did.
func (e *editor) edit() ([]string, string) {
	e.n++
	n := e.n
	switch k := e.rnd.IntN(13); k {
	case 0, 1: // a claim's title
		p := e.pick(isClaim)
		e.replace(p, titleLine, fmt.Sprintf(`title = "Edit %d: `, n))
		return []string{p}, "retitle " + p
	case 2: // a new claim, a copy of another
		p := e.pick(isClaim)
		q := strings.TrimSuffix(p, ".toml") + fmt.Sprintf("-copy-%d.toml", n)
		e.write(q, bytes.Clone(e.fsys[p].Data))
		return []string{q}, "add " + q
	case 3: // a claim deleted, and its commentary sometimes
		p := e.pick(isClaim)
		delete(e.fsys, p)
		changed := []string{p}
		doc := "content/" + strings.TrimSuffix(p, ".toml") + ".md"
		if _, ok := e.fsys[doc]; ok && e.rnd.IntN(2) == 0 {
			delete(e.fsys, doc)
			changed = append(changed, doc)
		}
		return changed, "delete " + strings.Join(changed, " ")
	case 4: // a source
		p := e.pick(func(p string) bool { return strings.HasSuffix(p, claim.SourcesFile) })
		e.replace(p, titleLine, fmt.Sprintf(`title = "Source edit %d: `, n))
		return []string{p}, "source " + p
	case 5: // a model parameter
		p := e.pick(func(p string) bool {
			return strings.HasSuffix(p, "/"+claim.ModelFile) || p == "claims/"+claim.ParametersFile
		})
		e.replace(p, valueLine, "value = 1$1")
		return []string{p}, "parameter " + p
	case 6: // commentary, with a reference to some claim
		p := e.pick(func(p string) bool { return strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") })
		add := fmt.Sprintf("\n\nEdit %d: see {{claim %s}}.\n", n, e.claimID())
		e.write(p, append(bytes.Clone(e.fsys[p].Data), add...))
		return []string{p}, "commentary " + p
	case 7: // a new commentary of a claim that has none
		p := e.pick(func(p string) bool {
			_, ok := e.fsys["content/"+strings.TrimSuffix(p, ".toml")+".md"]
			return isClaim(p) && !ok
		})
		if p == "" {
			return nil, "none"
		}
		doc := "content/" + strings.TrimSuffix(p, ".toml") + ".md"
		e.write(doc, fmt.Appendf(nil, "Edit %d, new commentary: {{claim %s}}.\n", n, e.claimID()))
		return []string{doc}, "add " + doc
	case 8: // a template of the site's own
		names := []string{"claim.html", "topic.html", "home.html", "partials.html", "i18n/en.toml"}
		name := names[e.rnd.IntN(len(names))]
		p := "templates/" + name
		data, err := fs.ReadFile(templates.FS, name)
		if f, ok := e.fsys[p]; ok {
			data = f.Data
		} else if err != nil {
			panic(err)
		}
		if name == "i18n/en.toml" {
			e.write(p, bytes.Replace(data, []byte(`= "`), fmt.Appendf(nil, `= "Edit %d `, n), 1))
		} else {
			e.write(p, bytes.Replace(data, []byte("<p>"), fmt.Appendf(nil, "<p>Edit %d. ", n), 1))
		}
		return []string{p}, "template " + p
	case 9: // a file broken
		p := e.pick(func(p string) bool { return strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".md") })
		e.write(p, append(bytes.Clone(e.fsys[p].Data), "\n+++ = [\n"...))
		return []string{p}, "break " + p
	case 10, 11: // a file back as it was
		var changed []string
		for p, f := range e.fsys {
			if o, ok := e.orig[p]; !ok || !bytes.Equal(o, f.Data) {
				changed = append(changed, p)
			}
		}
		for p := range e.orig {
			if _, ok := e.fsys[p]; !ok {
				changed = append(changed, p)
			}
		}
		if len(changed) == 0 {
			return nil, "none"
		}
		slices.Sort(changed)
		p := changed[e.rnd.IntN(len(changed))]
		if o, ok := e.orig[p]; ok {
			e.write(p, o)
		} else {
			delete(e.fsys, p)
		}
		return []string{p}, "restore " + p
	default: // the site's settings
		p := "claims/" + claim.SiteFile
		e.replace(p, titleLine, fmt.Sprintf(`title = "Site edit %d: `, n))
		return []string{p}, "site " + p
	}
}

// TestSessionMatchesRender applies random sequences of edits to the
// fixture site through a Session and checks that every build gives the
// files and errors of a full Render of the same tree.
func TestSessionMatchesRender(t *testing.T) {
	n := sessionMatchesRender(t, fixtureSite, *sessionSeeds)
	if n.partial == 0 || n.reloaded == 0 || n.templated == 0 || n.early == 0 {
		t.Errorf("no build rendered only some topics (%d), loaded only some (%d), took the last results for a template (%d) or handed pages early (%d)", n.partial, n.reloaded, n.templated, n.early)
	}
	t.Logf("of %d builds, %d rendered only some topics, %d loaded only some, %d took the last results, %d handed pages early", *sessionSeeds*(sessionEdits+1), n.partial, n.reloaded, n.templated, n.early)
}

// TestSessionMatchesRenderEditions is TestSessionMatchesRender on the site
// of two editions, which a Session renders whole on each edit.
func TestSessionMatchesRenderEditions(t *testing.T) {
	if n := sessionMatchesRender(t, "../testdata/editions", max(1, *sessionSeeds/3)); n.early == 0 {
		t.Error("no build handed pages early")
	}
}

// renderSame renders cfg and fails with msg when its files are not files.
// It returns Render's files.
func renderSame(t *testing.T, cfg Config, files map[string][]byte, msg string) map[string][]byte {
	t.Helper()
	_, want, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(files, want, bytes.Equal) {
		t.Error(msg)
	}
	return want
}

// sessionEdits is how many edits each seed of sessionMatchesRender makes.
const sessionEdits = 8

// sessionCounts counts the builds of sessionMatchesRender that rendered only
// some topics, loaded only some, took the last build's results after a
// template edit, and handed pages early.
type sessionCounts struct{ partial, reloaded, templated, early int }

// sessionMatchesRender applies seeds random sequences of edits to a copy of
// the site in dir through a Session and checks that every build gives the
// files and errors of a full Render of the same tree, and that the pages
// it hands early (RenderFirst, of up to three pages picked at random from
// the last build) are the build's.
func sessionMatchesRender(t *testing.T, dir string, seeds int) (n sessionCounts) {
	t.Helper()
	const edits = sessionEdits
	for seed := range seeds {
		fsys := fixtureCopyOf(t, dir)
		e := &editor{fsys: fsys, orig: map[string][]byte{}, rnd: rand.New(rand.NewPCG(uint64(seed), 11))}
		for p, f := range fsys {
			e.orig[p] = f.Data
		}
		cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/", Cards: testCards(t)}
		s := NewSession(cfg)
		var log []string
		var pages []string // the last build's pages
		check := func(changed []string) {
			t.Helper()
			var first []string
			for range e.rnd.IntN(4) {
				if len(pages) > 0 {
					first = append(first, pages[e.rnd.IntN(len(pages))])
				}
			}
			var early map[string][]byte
			calls := 0
			_, got, _, gotErr := s.RenderFirst(claim.Date{}, changed, func() []string { return first }, func(files map[string][]byte) { early = files; calls++ })
			_, want, _, wantErr := Render(cfg)
			if calls > 1 {
				t.Fatalf("seed %d after %q: early called %d times", seed, log, calls)
			}
			if early != nil && gotErr == nil {
				n.early++
				for name, data := range early {
					if !bytes.Equal(data, got[name]) {
						t.Fatalf("seed %d after %q: %s handed early differs from the build's", seed, log, name)
					}
				}
				if !slices.ContainsFunc(first, func(p string) bool { _, ok := early[p]; return ok }) {
					t.Fatalf("seed %d after %q: none of %q handed early", seed, log, first)
				}
			}
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("seed %d after %q:\nsession error: %v\nRender error:  %v", seed, log, gotErr, wantErr)
			}
			if wantErr != nil {
				return
			}
			for _, name := range slices.Sorted(maps.Keys(want)) {
				if g, ok := got[name]; !ok {
					t.Fatalf("seed %d after %q: session lacks %s", seed, log, name)
				} else if !bytes.Equal(g, want[name]) {
					t.Fatalf("seed %d after %q: session's %s differs from Render's", seed, log, name)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Fatalf("seed %d after %q: session has %s, which Render has not", seed, log, name)
				}
			}
			pages = pages[:0]
			for name := range want {
				if strings.HasSuffix(name, ".html") {
					pages = append(pages, name)
				}
			}
			slices.Sort(pages)
		}
		check(nil)
		for range edits {
			changed, what := e.edit()
			log = append(log, what)
			if e.rnd.IntN(6) == 0 {
				changed = nil // not known: the session looks
			}
			check(changed)
		}
		n.partial += s.partial
		n.reloaded += s.reloaded
		n.templated += s.templated
	}
	return n
}

// TestSessionFollowsReferences checks that a claim's new title reaches the
// pages of another topic whose commentary refers to the claim, and that
// an edit that changes nothing renders nothing.
func TestSessionFollowsReferences(t *testing.T) {
	fsys := fixtureCopy(t)
	doc := "content/claims/deepseek/r1-compute-5-6m.md"
	fsys[doc].Data = append(fsys[doc].Data, "\nCompare {{claim gpt-4/altman-100m}}.\n"...)
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/"}
	s := NewSession(cfg)
	if _, _, _, err := s.Render(claim.Date{}, nil); err != nil {
		t.Fatal(err)
	}
	p := "claims/gpt-4/altman-100m.toml"
	fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(`title = "Renamed: `))
	_, got, _, err := s.Render(claim.Date{}, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if s.partial != 1 || s.reloaded != 1 {
		t.Fatalf("the edit rendered every page (%d) or loaded every topic (%d)", s.partial, s.reloaded)
	}
	page := "claims/deepseek/r1-compute-5-6m/index.html"
	if !bytes.Contains(got[page], []byte("Renamed: ")) {
		t.Errorf("%s does not show the claim's new title", page)
	}
	want := renderSame(t, cfg, got, "the session's files differ from Render's")
	_, again, st, err := s.Render(claim.Date{}, []string{p, "content/about.md"})
	if err != nil || len(st.Phases) != 0 || !maps.EqualFunc(again, want, bytes.Equal) {
		t.Errorf("saving files unchanged: %d phases, error %v; want the same files and no work", len(st.Phases), err)
	}
}

// TestSessionKeepsOtherTopicsCards checks that an edit of one topic's
// claim keeps the social cards of the other topics, as Render draws them.
func TestSessionKeepsOtherTopicsCards(t *testing.T) {
	fsys := fixtureCopy(t)
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/", Cards: testCards(t)}
	s := NewSession(cfg)
	if _, _, _, err := s.Render(claim.Date{}, nil); err != nil {
		t.Fatal(err)
	}
	p := "claims/gpt-4/altman-100m.toml"
	fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(`title = "Renamed: `))
	_, got, _, err := s.Render(claim.Date{}, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if s.partial != 1 {
		t.Fatal("the edit rendered every page")
	}
	if _, ok := got["cards/deepseek/r1-compute-5-6m.png"]; !ok {
		t.Error("the session lost the card of a claim of another topic")
	}
	renderSame(t, cfg, got, "the session's files differ from Render's")
}

// TestSessionChecksReferences checks that a claim deleted or renamed under
// a reference to it, from commentary of its own topic and of another, is
// the error a whole Render gives, and that the commentary of the other
// topics is checked again only when it refers to the topic.
func TestSessionChecksReferences(t *testing.T) {
	for _, tc := range []struct{ doc, ref string }{
		{"content/claims/deepseek/r1-compute-5-6m.md", "gpt-4/epoch-amortized-40-7m"}, // another topic's claim
		{"content/claims/gpt-4/altman-100m.md", "gpt-4/epoch-amortized-40-7m"},        // its own page's
		{"content/topics/deepseek.md", "gpt-4/epoch-amortized-40-7m"},                 // a topic's article
		{"content/about.md", "gpt-4/epoch-amortized-40-7m"},                           // a page of the site
	} {
		fsys := fixtureCopy(t)
		if _, ok := fsys[tc.doc]; !ok {
			fsys[tc.doc] = &fstest.MapFile{Data: []byte("Commentary.\n")}
		}
		fsys[tc.doc].Data = append(fsys[tc.doc].Data, "\nCompare {{claim "+tc.ref+"}}.\n"...)
		cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/"}
		s := NewSession(cfg)
		if _, _, _, err := s.Render(claim.Date{}, nil); err != nil {
			t.Fatalf("%s: %v", tc.doc, err)
		}
		p := "claims/" + tc.ref + ".toml"
		data := fsys[p].Data
		delete(fsys, p)
		_, _, _, got := s.Render(claim.Date{}, []string{p})
		_, _, _, want := Render(cfg)
		if want == nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: claim %s deleted:\nsession error: %v\nRender error:  %v", tc.doc, tc.ref, got, want)
		}
		fsys[p] = &fstest.MapFile{Data: data}
		if _, _, _, err := s.Render(claim.Date{}, []string{p}); err != nil {
			t.Errorf("%s: claim %s back: %v", tc.doc, tc.ref, err)
		}
		if s.reloaded == 0 {
			t.Errorf("%s: the session loaded every topic again", tc.doc)
		}
	}
}

// TestSessionFirstPagesCharts checks that a first build's early pages show
// the charts a whole build gives them: a claim's page its bridge, and a
// topic's page the chart of another topic that its article shows.
func TestSessionFirstPagesCharts(t *testing.T) {
	fsys := fixtureCopy(t)
	doc := "content/topics/deepseek.md"
	fsys[doc].Data = append(fsys[doc].Data, "\n\n{{chart gpt-4 ladder}}\n"...)
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/"}
	first := []string{"topics/deepseek/index.html", "claims/deepseek/semianalysis-1-6b/index.html", "embed/deepseek/semianalysis-1-6b/bridge/index.html"}
	var early map[string][]byte
	_, got, _, err := NewSession(cfg).RenderFirst(claim.Date{}, nil, func() []string { return first }, func(files map[string][]byte) { early = files })
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range first {
		if early[name] == nil || !bytes.Equal(early[name], got[name]) {
			t.Errorf("%s: handed early %d bytes, unlike the build's", name, len(early[name]))
		}
	}
	if !bytes.Contains(got[first[0]], []byte(`id="chart-gpt-4-ladder"`)) {
		t.Errorf("%s does not show the chart of gpt-4", first[0])
	}
}

// TestSessionHoldsFilesOnce checks that a file a build makes as the last
// build made it is held once, in the last build's bytes: each page and
// card after a template edit, which renders every page again, and after
// a claim edit; and, after a template edit, every machine output of a
// topic.
func TestSessionHoldsFilesOnce(t *testing.T) {
	fsys := fixtureCopy(t)
	data, err := fs.ReadFile(templates.FS, "claim.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys["templates/claim.html"] = &fstest.MapFile{Data: data}
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/", Cards: testCards(t)}
	s := NewSession(cfg)
	_, last, _, err := s.Render(claim.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimPage := "claims/gpt-4/altman-100m/index.html"
	// Put together again on every build, or read again: the whole site's
	// files, and the schemas.
	whole := func(name string) bool {
		return slices.Contains([]string{"data/claims.json", "data/claims.csv", "feed.xml", "sitemap.xml", "robots.txt"}, name) ||
			strings.HasPrefix(name, SchemasDir+"/")
	}
	for _, e := range []struct {
		file, old, new string
		templated      bool
	}{
		{"templates/claim.html", "</h1>", "</h1>\n<p>Edited</p>", true},
		{"claims/gpt-4/altman-100m.toml", `title = "`, `title = "Renamed: `, false},
	} {
		fsys[e.file].Data = bytes.Replace(fsys[e.file].Data, []byte(e.old), []byte(e.new), 1)
		templated := s.templated
		_, got, _, err := s.Render(claim.Date{}, []string{e.file})
		if err != nil {
			t.Fatal(err)
		}
		if templated := s.templated > templated; templated != e.templated {
			t.Fatalf("%s: the build took the last results: %v, want %v", e.file, templated, e.templated)
		}
		if bytes.Equal(got[claimPage], last[claimPage]) {
			t.Fatalf("%s: %s did not change", e.file, claimPage)
		}
		same, shared := 0, 0
		for name, data := range got {
			old, ok := last[name]
			if !ok || len(data) == 0 || !bytes.Equal(data, old) || whole(name) {
				continue
			}
			if page := strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "cards/"); !page && !e.templated {
				continue // a machine output made again
			}
			same++
			if &data[0] == &old[0] {
				shared++
			} else {
				t.Errorf("%s: %s is held twice", e.file, name)
			}
		}
		if shared == 0 || shared != same {
			t.Errorf("%s: %d of %d files the same as the last build's are its bytes", e.file, shared, same)
		}
		renderSame(t, cfg, got, e.file+": the session's files differ from Render's")
		last = got
	}
}
