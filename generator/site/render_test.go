package site_test

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"sync"

	"reckon/generator/publish"
	"reckon/generator/site"
)

// output is a rendered site: file contents by path.
type output map[string][]byte

// collect returns an empty output and an emit that adds to it what it is
// handed, a copy (emit may not keep data), from several goroutines at once.
func collect() (output, func(name string, data []byte) error) {
	var mu sync.Mutex
	o := output{}
	return o, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		o[name] = bytes.Clone(data)
		return nil
	}
}

// Paths returns the paths of o, sorted.
func (o output) Paths() []string { return slices.Sorted(maps.Keys(o)) }

// renderSite renders in with the templates of tmpl as the build does: the
// pages with site.Stream, their ClaimReview from package publish, then the
// machine outputs of package publish for the pages made.
func renderSite(in site.Input, tmpl fs.FS) (output, error) {
	words, err := site.NewWords(tmpl, in.Claims.Site, "")
	if err != nil {
		return nil, err
	}
	var charts []publish.Chart
	for _, c := range in.Charts {
		charts = append(charts, publish.Chart{
			ID: c.ID, ElementID: c.ElementID, Topic: c.Topic, Claim: c.Claim, Kind: c.Kind,
			Title: c.Title, Height: c.Height, Data: c.Data,
		})
	}
	pub, err := publish.New(publish.Input{Claims: in.Claims, Results: in.Results, Charts: charts, BaseURL: in.BaseURL, Words: words})
	if err != nil {
		return nil, err
	}
	in.ClaimReview = pub.ClaimReview
	out, emit := collect()
	pages, err := site.Stream(in, tmpl, emit)
	if err != nil {
		return nil, err
	}
	files, err := pub.Render(pages)
	if err != nil {
		return nil, err
	}
	maps.Copy(out, files)
	return out, nil
}
