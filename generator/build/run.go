package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"reckon/generator/chart"
	"reckon/generator/content"
	"reckon/generator/diag"
	"reckon/generator/site"
)

// Config says what to build and where.
type Config struct {
	// Src is the site's content: claims/, content/ and, optionally,
	// templates/ that override the defaults. It is read from several
	// goroutines at once (os.DirFS and fstest.MapFS allow it).
	Src fs.FS
	// Templates are the default templates and assets (see package site).
	Templates fs.FS
	// Assets are extra files copied into the output as they are, by output
	// path (ECharts and its licence); may be nil.
	Assets map[string][]byte
	// Out is the output folder; it is replaced only when the build
	// succeeds, and only when it may be (see [Run]).
	Out string
	// SrcDir is the folder on disk that Src reads, or "" when Src is not
	// one; Run refuses an Out that is SrcDir, holds it or lies inside its
	// claims/, content/ or templates/.
	SrcDir string
	// BaseURL overrides the site's base_url.
	BaseURL string
	// Progress receives one line per phase with its duration; nil for quiet.
	Progress io.Writer

	test hooks // for tests that kill a build midway
}

// Stats says what a build did.
type Stats struct {
	Pages, Files int
	Bytes        int64
	Phases       []Phase
}

// Phase is one named stage of a build and how long it took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// phase records that the phase name, started at start, is over, and says
// so on cfg.Progress.
func (st *Stats) phase(cfg Config, name string, start time.Time) {
	st.record(cfg, name, time.Since(start))
}

// record records that the phase name took d, and says so on cfg.Progress.
func (st *Stats) record(cfg Config, name string, d time.Duration) {
	st.Phases = append(st.Phases, Phase{name, d})
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "%-10s %v\n", name, d.Round(time.Millisecond))
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

// prepare runs every stage before the rendering of the site, and returns
// what the site is rendered from.
func prepare(cfg Config, st *Stats) (*Result, site.Input, fs.FS, error) {
	// The commentary does not depend on the claims: it is loaded meanwhile.
	type loaded struct {
		docs *content.Set
		err  error
		took time.Duration
	}
	docsc := make(chan loaded, 1)
	go func() {
		t0 := time.Now()
		docs, err := content.Load(cfg.Src, "content")
		docsc <- loaded{docs, err, time.Since(t0)}
	}()
	t0 := time.Now()
	res, err := Check(cfg.Src)
	took := time.Since(t0)
	l := <-docsc
	docs := l.docs
	if docs != nil {
		maps.Copy(res.files, docs.Files)
	}
	// Report the errors of both, so that an author sees them in one run.
	if err != nil || l.err != nil {
		return res, site.Input{}, nil, append(diag.Errors(err), diag.Errors(l.err)...).Err()
	}
	st.record(cfg, "reconcile", took)
	st.record(cfg, "content", l.took) // at the same time

	tmpl := cfg.Templates
	if sub, err := fs.Sub(cfg.Src, "templates"); err == nil {
		if _, err := fs.Stat(cfg.Src, "templates"); err == nil {
			tmpl = site.Overlay(sub, cfg.Templates)
		}
	}
	t0 = time.Now()
	charts, err := chart.Render(res.Results)
	if err != nil {
		return res, site.Input{}, nil, err
	}
	st.phase(cfg, "charts", t0)

	in := site.Input{
		Claims:  res.Set,
		Results: res.Results,
		Docs:    docs,
		Charts:  siteCharts(charts),
		BaseURL: cfg.BaseURL,
	}
	if _, ok := cfg.Assets[EChartsPath]; ok {
		in.ChartScripts = []string{EChartsPath, "assets/charts.js"}
	}
	return res, in, tmpl, nil
}

// assetClash is the error of an asset that would overwrite a page.
func assetClash(name string) error {
	var l diag.List
	l.Add(diag.Pos{File: name}, "", "asset %q would overwrite a page", name)
	return l.Err()
}

// Render runs every stage but the write and returns the site's files.
func Render(cfg Config) (*Result, site.Files, *Stats, error) {
	st := &Stats{}
	res, in, tmpl, err := prepare(cfg, st)
	if err != nil {
		return res, nil, st, err
	}
	t0 := time.Now()
	files, err := site.Render(in, tmpl)
	if err != nil {
		return res, nil, st, err
	}
	for name, data := range cfg.Assets {
		if _, clash := files[name]; clash {
			return res, nil, st, assetClash(name)
		}
		files[name] = data
	}
	st.phase(cfg, "render", t0)
	for name, data := range files {
		st.count(name, len(data))
	}
	return res, files, st, nil
}

// Run builds the site and writes it to cfg.Out. Files are written as they
// are rendered, into a new folder beside cfg.Out that takes its place when
// every stage has succeeded. When any stage fails, the new folder is
// removed and cfg.Out is left as it was.
//
// Before anything else, Run checks that cfg.Out may be replaced: it must
// be absent, empty or an earlier output (holding [Marker]); it must not be
// cfg.SrcDir, an ancestor of it, its claims/, content/ or templates/ or
// anything inside them; it must not hold .git nor lie inside a .git
// folder. Both paths are compared with their symbolic links resolved, and
// the site is written where cfg.Out resolves to. Otherwise Run returns an
// [*OutError] and touches nothing. A build killed at any point leaves
// cfg.Out as it was or as the new output, and the next build removes what
// the killed one left beside it (see tidy).
func Run(ctx context.Context, cfg Config) (*Result, *Stats, error) {
	st := &Stats{}
	out, err := checkOut(cfg.Out, cfg.SrcDir)
	if err != nil {
		return nil, st, err
	}
	tidy(out) // first, so that a failed build too leaves the previous output in place
	res, in, tmpl, err := prepare(cfg, st)
	if err != nil {
		return res, st, err
	}
	t0 := time.Now()
	w, err := newWriter(cfg.Out, cfg.SrcDir, cfg.test)
	if err != nil {
		return res, st, err
	}
	q := w.queue()
	var mu sync.Mutex
	sizes := map[string]int{} // of the files written, by name
	err = site.Stream(in, tmpl, func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		mu.Lock()
		sizes[name] = len(data)
		if len(sizes) == 50 {
			cfg.test.at("writing")
		}
		mu.Unlock()
		return q.add(name, data)
	})
	for _, name := range slices.Sorted(maps.Keys(cfg.Assets)) {
		if err != nil {
			break
		}
		if _, clash := sizes[name]; clash {
			err = assetClash(name)
			break
		}
		sizes[name] = len(cfg.Assets[name])
		err = q.add(name, cfg.Assets[name])
	}
	if werr := q.wait(); err == nil {
		err = werr
	}
	if err != nil {
		w.abort()
		return res, st, err
	}
	st.phase(cfg, "render", t0) // and write
	t0 = time.Now()
	if err := w.commit(); err != nil {
		return res, st, err
	}
	st.phase(cfg, "swap", t0)
	for name, size := range sizes {
		st.count(name, size)
	}
	return res, st, nil
}

// siteCharts hands the charts to the site, which does not import package
// chart (nor go-echarts).
func siteCharts(cs []*chart.Chart) []*site.Chart {
	out := make([]*site.Chart, len(cs))
	for i, c := range cs {
		out[i] = &site.Chart{
			ID: c.ID, ElementID: c.ElementID, Topic: c.Topic, Claim: c.Claim, Kind: c.Kind,
			Title: c.Title, Caption: c.Caption, Option: c.Option, Height: c.Height,
			Table: site.ChartTable{Caption: c.Table.Caption, Header: c.Table.Header, Rows: c.Table.Rows, Numeric: c.Table.Numeric},
			CSV:   c.CSV, JSON: c.JSON,
		}
	}
	return out
}
