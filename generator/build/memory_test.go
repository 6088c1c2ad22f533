package build

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/content"
	"reckon/templates"
)

// TestPrepared checks that Config.Prepared is called once, when everything
// is prepared and before any file is written.
func TestPrepared(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	calls := 0
	cfg := Config{Src: fixtureCopy(t), Templates: templates.FS, BaseURL: "https://example.org/", Out: out}
	cfg.Prepared = func() {
		calls++
		if _, err := os.Lstat(out); !os.IsNotExist(err) {
			t.Errorf("Prepared: %s already made (lstat: %v)", out, err)
		}
	}
	if _, _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Prepared called %d times, want 1", calls)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestRenderLetsGo checks that render drops what it was prepared from, all
// but the templates, and still makes what Render makes.
func TestRenderLetsGo(t *testing.T) {
	for _, dir := range []string{fixtureSite, "../testdata/editions"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg := Config{Src: fixtureCopyOf(t, dir), Templates: templates.FS, BaseURL: "https://example.org/"}
			_, want, _, err := Render(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, p, err := prepare(cfg, &Stats{})
			if err != nil {
				t.Fatal(err)
			}
			p.cache(cfg, &Stats{}, nil)
			if len(p.site.Charts) == 0 || p.pub == nil {
				t.Fatal("prepared: no charts or no publisher")
			}
			tmpl := p.tmpl
			got := map[string]string{}
			var mu sync.Mutex // render calls emit from several goroutines at once
			emit := func(name string, data []byte) error {
				mu.Lock()
				defer mu.Unlock()
				got[name] = string(data)
				return nil
			}
			if err := render(cfg, &p, emit, emit); err != nil {
				t.Fatal(err)
			}
			if !reflect.ValueOf(p.site).IsZero() || p.pub != nil || p.editions != nil || p.claims != nil {
				t.Errorf("after render, p holds more than the templates: site zero %v, pub %v, %d editions, claims' charts %v", reflect.ValueOf(p.site).IsZero(), p.pub, len(p.editions), p.claims)
			}
			if p.tmpl != tmpl {
				t.Error("render dropped the templates")
			}
			if len(got) != len(want) {
				t.Errorf("render made %d files, Render %d", len(got), len(want))
			}
			for name, data := range want {
				if g, ok := got[name]; !ok || g != string(data) {
					t.Errorf("%s: render made %d bytes (made: %v), Render %d, not the same", name, len(g), ok, len(data))
				}
			}
		})
	}
}

// TestRelease checks that a build that renders once lets go of each
// claim's commentary once the last page made from it is rendered, and of
// the topics' charts' options, tables and data (once published) but those
// that a document places: after the
// render, every claim's commentary of every edition is released (rendering
// it again panics), and so are the options of the charts no document
// places, while the files are those of a render that keeps them. The
// editions fixture, given a commentary with no Arabic translation, shows
// it untranslated in Arabic: the same document in both editions. It
// places a chart of a topic, as a topic's article does.
func TestRelease(t *testing.T) {
	src := editionsFS(t)
	src["content/claims/deepseek/v3-report-5-576m.md"] = &fstest.MapFile{Data: []byte("The report prices the final run at {{value deepseek v3-final-run}}.\n\n{{chart gpt-4 ladder}}\n")}
	cfg := Config{Src: src, Templates: templates.FS}
	_, want, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st := &Stats{}
	_, p, err := prepare(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	sets := []*content.Set{p.site.Docs}
	for _, ep := range p.editions {
		sets = append(sets, ep.site.Docs)
	}
	shows := map[*content.Doc]int{}
	for _, s := range sets {
		for _, d := range s.Claims {
			shows[d]++
		}
	}
	if !slices.Contains(slices.Collect(maps.Values(shows)), 2) {
		t.Fatal("the fixture shows no commentary in two editions")
	}
	placed := map[string]bool{"gpt-4/ladder": true, "deepseek/timeline": true}
	charts := slices.Clone(p.site.Charts)
	for _, ep := range p.editions {
		charts = append(charts, ep.site.Charts...)
	}
	p.release()
	p.cache(cfg, st, nil)
	got := map[string][]byte{}
	var mu sync.Mutex
	emit := func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		got[name] = bytes.Clone(data)
		return nil
	}
	err = render(cfg, &p, emit, emit)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("with its commentary and charts let go of as it renders, the site is not the same")
	}
	released := 0
	for _, c := range charts {
		switch {
		case placed[c.ID] && c.Option == "":
			t.Errorf("the option of %s, which a document places, is let go of", c.ID)
		case !placed[c.ID] && (c.Option != "" || c.Data != nil || c.Table.Rows != nil):
			t.Errorf("the option, data or table of %s, which no document places, is kept", c.ID)
		case !placed[c.ID]:
			released++
		}
	}
	if released == 0 || len(charts) == released {
		t.Errorf("%d of %d charts let go of their option", released, len(charts))
	}
	for d := range shows {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s is not released: Render did not panic", d.File)
				}
			}()
			sets[0].Render(d, func(string, []string) content.Ref { return content.Ref{} })
		}()
	}
}
