package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"time"

	"reckon/generator/chart"
	"reckon/generator/content"
	"reckon/generator/diag"
	"reckon/generator/site"
)

// Config says what to build and where.
type Config struct {
	Options
	// Src is the site's content: claims/, content/ and, optionally,
	// templates/ that override the defaults.
	Src fs.FS
	// Templates are the default templates and assets (see package site).
	Templates fs.FS
	// Assets are extra files copied into the output as they are, by output
	// path (ECharts and its licence); may be nil.
	Assets map[string][]byte
	// Out is the output folder; it is replaced only when the build succeeds.
	Out string
	// BaseURL overrides the site's base_url.
	BaseURL string
	// Progress receives one line per phase with its duration; nil for quiet.
	Progress io.Writer
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

// Render runs every stage but the write and returns the site's files.
func Render(cfg Config) (*Result, site.Files, *Stats, error) {
	st := &Stats{}
	phase := func(name string, start time.Time) {
		d := time.Since(start)
		st.Phases = append(st.Phases, Phase{name, d})
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "%-10s %v\n", name, d.Round(time.Millisecond))
		}
	}
	t0 := time.Now()
	res, err := Check(cfg.Src, cfg.Options)
	if err != nil {
		return res, nil, st, err
	}
	phase("reconcile", t0)

	t0 = time.Now()
	docs, err := content.Load(cfg.Src, "content")
	if docs != nil {
		for k, v := range docs.Files {
			res.files[k] = v
		}
	}
	if err != nil {
		return res, nil, st, err
	}
	phase("content", t0)

	tmpl := cfg.Templates
	if sub, err := fs.Sub(cfg.Src, "templates"); err == nil {
		if _, err := fs.Stat(cfg.Src, "templates"); err == nil {
			tmpl = site.Overlay(sub, cfg.Templates)
		}
	}
	t0 = time.Now()
	charts, err := chart.Render(res.Results)
	if err != nil {
		return res, nil, st, err
	}
	phase("charts", t0)

	t0 = time.Now()
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
	files, err := site.Render(in, tmpl)
	if err != nil {
		return res, nil, st, err
	}
	for name, data := range cfg.Assets {
		if _, clash := files[name]; clash {
			var l diag.List
			l.Add(diag.Pos{File: name}, "", "asset %q would overwrite a page", name)
			return res, nil, st, l.Err()
		}
		files[name] = data
	}
	phase("render", t0)
	for name, data := range files {
		st.Files++
		st.Bytes += int64(len(data))
		if len(name) > 5 && name[len(name)-5:] == ".html" {
			st.Pages++
		}
	}
	return res, files, st, nil
}

// Run builds the site and writes it to cfg.Out. When any stage fails,
// nothing is written and cfg.Out is left as it was.
func Run(ctx context.Context, cfg Config) (*Result, *Stats, error) {
	res, files, st, err := Render(cfg)
	if err != nil {
		return res, st, err
	}
	t0 := time.Now()
	if err := Write(ctx, cfg.Out, files); err != nil {
		return res, st, err
	}
	d := time.Since(t0)
	st.Phases = append(st.Phases, Phase{"write", d})
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "%-10s %v\n", "write", d.Round(time.Millisecond))
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
