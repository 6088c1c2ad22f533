package build

import (
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"weak"

	"reckon/generator/chart"
	"reckon/generator/costmodel"
	"reckon/generator/internal/synthsite"
	"reckon/generator/text"
	"reckon/templates"
)

// TestClaimChartsHeldWithTheirPages checks that a build draws each claim's
// chart once, when its pages are made, and holds it only while they are:
// when most charts are drawn, only those of the pages being made (one a
// processor) are still alive, not every chart drawn so far. And it makes
// the files that a build drawing every chart first makes.
func TestClaimChartsHeldWithTheirPages(t *testing.T) {
	const claims = 60
	cfg := Config{Src: synthsite.Files(synthsite.Options{Topics: 2, Claims: claims / 2, Words: 10}), Templates: templates.FS, BaseURL: "https://example.org/"}
	var mu sync.Mutex
	count := map[string]int{}
	var charts []weak.Pointer[chart.Chart]
	alive := -1 // of the charts drawn, when the 50th is
	cfg.drawn = func(c *chart.Chart) {
		mu.Lock()
		defer mu.Unlock()
		count[c.ID]++
		charts = append(charts, weak.Make(c))
		if len(charts) == 50 {
			runtime.GC()
			alive = 0
			for _, p := range charts {
				if p.Value() != nil {
					alive++
				}
			}
		}
	}
	_, lazy, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(count) != claims {
		t.Errorf("drew the charts of %d claims, want %d", len(count), claims)
	}
	for id, n := range count {
		if n != 1 {
			t.Errorf("%s: drawn %d times, want once", id, n)
		}
	}
	if max := runtime.GOMAXPROCS(0) + 1; alive < 1 || alive > max {
		t.Errorf("when 50 charts were drawn, %d were alive, want 1 to %d", alive, max)
	}

	sameAsDrawnFirst(t, cfg, lazy)
}

// sameAsDrawnFirst checks that files are what Render makes of cfg when it
// draws every chart first.
func sameAsDrawnFirst(t *testing.T, cfg Config, files map[string][]byte) {
	t.Helper()
	cfg.drawn = nil
	cfg.draw = func(res *costmodel.Results, w *text.Words) ([]*chart.Chart, error) { return chart.Render(res, w) }
	_, eager, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(eager) {
		t.Errorf("%d files, %d drawing every chart first", len(files), len(eager))
	}
	for name, data := range eager {
		if string(files[name]) != string(data) {
			t.Errorf("%s: not the file made drawing every chart first", name)
		}
	}
}

// TestClaimChartsDrawnLaterSameFiles checks that drawing the claims'
// charts as their pages are made gives the files that drawing every chart
// first gives, on the fixture and on a site of editions (whose other
// editions draw every chart first).
func TestClaimChartsDrawnLaterSameFiles(t *testing.T) {
	for _, dir := range []string{fixtureSite, "../testdata/editions"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cfg := Config{Src: fixtureCopyOf(t, dir), Templates: templates.FS, BaseURL: "https://example.org/"}
			drawn := 0
			var mu sync.Mutex
			cfg.drawn = func(*chart.Chart) { mu.Lock(); drawn++; mu.Unlock() }
			_, lazy, _, err := Render(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if drawn == 0 {
				t.Error("no claim's chart was drawn with its pages")
			}
			sameAsDrawnFirst(t, cfg, lazy)
		})
	}
}
