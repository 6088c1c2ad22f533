package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

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
			if err := render(cfg, &p, func(name string, data []byte) error {
				mu.Lock()
				defer mu.Unlock()
				got[name] = string(data)
				return nil
			}); err != nil {
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
