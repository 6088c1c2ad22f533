package publish_test

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/publish"
	"reckon/generator/route"
)

// twoTopics is a site of the topics a and b, one claim each, b's claim
// titled title.
func twoTopics(title string) publish.Input {
	in := empty(words{})
	for _, tc := range []struct{ id, title string }{{"a", "First"}, {"b", title}} {
		tp := &claim.Topic{ID: tc.id, Title: "Topic " + tc.id}
		cl := &claim.Claim{ID: tc.id + "/x", Topic: tc.id, Title: tc.title, Published: claim.Date{Year: 2025, Month: 1, Day: 2}}
		tp.Claims = []*claim.Claim{cl}
		in.Claims.Topics = append(in.Claims.Topics, tp)
		in.Results.Topics = append(in.Results.Topics, &costmodel.Topic{Topic: tp, Claims: []*costmodel.Claim{{Claim: cl}}})
		in.Charts = append(in.Charts, publish.Chart{ID: tc.id + "/chart", Topic: tc.id, Title: "Chart " + tc.id, Data: textData(tc.title)})
	}
	return in
}

// files puts the parts of the site of in together.
func files(parts *publish.Parts, in publish.Input) publish.Files {
	out := maps.Clone(parts.Files(""))
	for _, t := range in.Results.Topics {
		maps.Copy(out, parts.Files(t.Topic.ID))
	}
	return out
}

// TestRenderAgain: parts made again for the topic that changed, the
// others taken from the last render, are the files Render makes; parts
// taken from a render of other data are that render's.
func TestRenderAgain(t *testing.T) {
	pages := []route.Page{{Path: "/sub/"}, {Path: "/sub/topics/a/"}}
	before, after := twoTopics("Old"), twoTopics("New")
	last, err := must(t, before).RenderAgain(pages, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := must(t, after)
	want, err := p.Render(pages)
	if err != nil {
		t.Fatal(err)
	}
	for _, pg := range [][]route.Page{pages, pages[:1]} {
		w, err := p.Render(pg)
		if err != nil {
			t.Fatal(err)
		}
		parts, err := p.RenderAgain(pg, last, func(id string) bool { return id == "b" })
		if err != nil {
			t.Fatal(err)
		}
		got := files(parts, after)
		for _, name := range names(w, got) {
			if string(got[name]) != string(w[name]) {
				t.Errorf("%d pages: %s made again =\n%s\nwant\n%s", len(pg), name, got[name], w[name])
			}
		}
	}
	stale, err := p.RenderAgain(pages, last, func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	got := files(stale, after)
	if !strings.Contains(string(got["data/claims.json"]), `"title": "Old"`) || string(got["data/charts/b/chart.csv"]) != "Old" {
		t.Errorf("parts taken from the last render were made again:\n%s", got["data/claims.json"])
	}
	if string(got["data/charts/b/chart.csv"]) == string(want["data/charts/b/chart.csv"]) {
		t.Errorf("chart b/chart made again")
	}
}

func must(t *testing.T, in publish.Input) *publish.Publisher {
	t.Helper()
	p, err := publish.New(in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// names returns the names of a and b, sorted, each once.
func names(a, b publish.Files) []string {
	all := maps.Clone(a)
	maps.Copy(all, b)
	return slices.Sorted(maps.Keys(all))
}

// TestStream: Stream emits each file Render makes once, with the same
// bytes, the charts' data last (on several goroutines: in no set order,
// but each chart's CSV before its JSON) and each chart's made only when it
// is emitted.
func TestStream(t *testing.T) {
	pages := []route.Page{{Path: "/sub/"}, {Path: "/sub/topics/a/"}}
	in := twoTopics("Second")
	var made atomic.Int64 // the charts' files made so far
	for i, c := range in.Charts {
		in.Charts[i].Data = countedData{c.Data, &made}
	}
	p := must(t, in)
	want, err := p.Render(pages)
	if err != nil {
		t.Fatal(err)
	}
	made.Store(0)
	var mu sync.Mutex
	got := publish.Files{}
	var order []string
	var counts []int64 // the charts' files made by the time each file was emitted
	err = p.Stream(pages, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		n := made.Load()
		if _, ok := got[name]; ok {
			t.Errorf("%s emitted twice", name)
		}
		got[name] = data
		order, counts = append(order, name), append(counts, n)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names(want, got) {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s streamed =\n%s\nwant\n%s", name, got[name], want[name])
		}
	}
	charts := []string{"data/charts/a/chart.csv", "data/charts/a/chart.json", "data/charts/b/chart.csv", "data/charts/b/chart.json"}
	if len(order) < len(charts) {
		t.Fatalf("emitted %q", order)
	}
	rest, tail := order[:len(order)-len(charts)], order[len(order)-len(charts):]
	if !slices.Equal(slices.Sorted(slices.Values(tail)), charts) ||
		slices.Index(tail, charts[0]) > slices.Index(tail, charts[1]) || slices.Index(tail, charts[2]) > slices.Index(tail, charts[3]) {
		t.Errorf("the charts' data is not emitted last, each CSV before its JSON: %q", order)
	}
	for i, name := range rest {
		if counts[i] != 0 {
			t.Errorf("%s: emitted after a chart's data was made", name)
		}
	}
	for i, n := range counts[len(rest):] {
		if n < int64(i+1) || n > int64(len(charts)) {
			t.Errorf("%s emitted with %d of the charts' files made", tail[i], n)
		}
	}
	if made.Load() != int64(len(charts)) {
		t.Errorf("%d of the charts' files made, want %d: each once", made.Load(), len(charts))
	}
}

// textData is a chart's data whose CSV is a text, and whose JSON is empty.
type textData string

func (d textData) CSV() []byte  { return []byte(d) }
func (d textData) JSON() []byte { return nil }

// countedData is a chart's data that counts the files made of it.
type countedData struct {
	publish.Data
	made *atomic.Int64
}

func (d countedData) CSV() []byte  { d.made.Add(1); return d.Data.CSV() }
func (d countedData) JSON() []byte { d.made.Add(1); return d.Data.JSON() }

// TestStreamDataFirst: a chart's data streamed with StreamData before the
// pages are made, and its chart then given to Stream (through With) with
// no data, makes the files Stream makes of the charts with their data,
// each once.
func TestStreamDataFirst(t *testing.T) {
	pages := []route.Page{{Path: "/sub/"}, {Path: "/sub/topics/a/"}}
	in := twoTopics("Second")
	p := must(t, in)
	want := publish.Files{}
	if err := p.Stream(pages, func(name string, data []byte) error { want[name] = data; return nil }); err != nil {
		t.Fatal(err)
	}
	got := publish.Files{}
	emit := func(name string, data []byte) error {
		if _, ok := got[name]; ok {
			t.Errorf("%s emitted twice", name)
		}
		got[name] = data
		return nil
	}
	first := in.Charts[0]
	if err := p.StreamData(first, emit); err != nil {
		t.Fatal(err)
	}
	if n := slices.Sorted(maps.Keys(got)); !slices.Equal(n, []string{"data/charts/a/chart.csv", "data/charts/a/chart.json"}) {
		t.Errorf("StreamData emitted %v, want the CSV and JSON of a/chart", slices.Sorted(maps.Keys(got)))
	}
	cs := slices.Clone(in.Charts)
	cs[0].Data = nil
	if err := p.With(cs).Stream(pages, emit); err != nil {
		t.Fatal(err)
	}
	for _, name := range names(want, got) {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s streamed =\n%s\nwant\n%s", name, got[name], want[name])
		}
	}
}
