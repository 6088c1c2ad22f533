package site_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"reckon/generator/claim"
	"reckon/generator/publish"
	"reckon/generator/site"
	"reckon/templates"
)

// synthetic returns the fixture's site with topics × claims claims: every
// topic a copy of the fixture's, every claim a copy of its two.
func synthetic(topics, claims int) site.Input {
	in, _ := fixture(plainStrings(), "", fixtureMethodology)
	base := in.Results.Topics[0]
	in.Claims.Topics = nil
	in.Results.Topics = nil
	for i := range topics {
		tp := *base.Topic
		tp.ID = fmt.Sprintf("topic-%03d", i)
		tp.Claims = nil
		rt := *base
		rt.Topic = &tp
		rt.Claims = nil
		for j := range claims {
			src := base.Claims[j%len(base.Claims)]
			cl := *src.Claim
			cl.ID = fmt.Sprintf("%s/claim-%03d", tp.ID, j)
			cl.Topic = tp.ID
			rc := *src
			rc.Claim = &cl
			tp.Claims = append(tp.Claims, &cl)
			rt.Claims = append(rt.Claims, &rc)
		}
		in.Claims.Topics = append(in.Claims.Topics, &tp)
		in.Results.Topics = append(in.Results.Topics, &rt)
	}
	return in
}

func BenchmarkRender(b *testing.B) {
	for _, n := range []struct{ topics, claims int }{{10, 100}, {100, 100}} {
		in := synthetic(n.topics, n.claims)
		b.Run(fmt.Sprintf("claims=%d", n.topics*n.claims), func(b *testing.B) {
			for b.Loop() {
				files, err := renderSite(in, templates.FS)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(files)), "files")
			}
		})
	}
}

// BenchmarkClaimPage is the page of a claim with its bridge chart, and
// the chart's embed page, as the build renders them (with the claim's
// ClaimReview): the fixture's two claims each time, reported per claim.
func BenchmarkClaimPage(b *testing.B) {
	in, _ := fixture(plainStrings(), "", fixtureMethodology)
	words, err := site.NewWords(templates.FS, in.Claims.Site, "")
	if err != nil {
		b.Fatal(err)
	}
	pub, err := publish.New(publish.Input{Claims: in.Claims, Results: in.Results, Words: words})
	if err != nil {
		b.Fatal(err)
	}
	in.ClaimReview = pub.ClaimReview
	bytes := 0
	render, err := site.ClaimPages(in, templates.FS, func(_ string, data []byte) error { bytes += len(data); return nil })
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	cpu := cpuTime()
	for b.Loop() {
		k, err := render()
		if err != nil {
			b.Fatal(err)
		}
		n += k
	}
	// The CPU time of the process, the collector's included, is what a
	// build spends, and what other processes on the machine move least.
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(n), "cpu-ns/claim")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/claim")
	b.ReportMetric(float64(bytes)/float64(n), "B/claim")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkStreamEdit is the preview's build after an edit of one claim's
// title, with a Memo, on a site whose topics each cite their own source:
// every page of the whole site (home, sources, corrections...) and the
// pages of the claim's topic.
func BenchmarkStreamEdit(b *testing.B) {
	in := synthetic(100, 100)
	in.Claims.Sources = slices.Clone(in.Claims.Sources)
	for _, rt := range in.Results.Topics {
		src := *in.Claims.Source(in.Results.Topics[0].Claims[0].Claim.Source.SourceID)
		src.ID = rt.Topic.ID + "/report"
		in.Claims.Sources = append(in.Claims.Sources, &src)
		for _, c := range rt.Claims {
			c.Claim.Source.SourceID, c.Claim.Repeated, c.Claim.Evidence = src.ID, nil, nil
		}
	}
	slices.SortFunc(in.Claims.Sources, func(a, b *claim.Source) int { return strings.Compare(a.ID, b.ID) })
	in.Topics = func(id string) bool { return id == "topic-001" }
	in.Memo = &site.Memo{}
	discard := func(string, []byte) error { return nil }
	if _, err := site.Stream(in, templates.FS, discard); err != nil {
		b.Fatal(err)
	}
	edited := in.Results.Topics[1].Claims[0].Claim
	title := edited.Title
	n := 0
	for b.Loop() {
		n++
		edited.Title = fmt.Sprintf("%s, edit %d", title, n)
		if _, err := site.Stream(in, templates.FS, discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReuse is a whole render of 1,000 claims: without Reuse, with
// a Reuse that has no page (every page is keyed and rendered), and with
// one that has every page (every page is keyed, none rendered).
func BenchmarkReuse(b *testing.B) {
	in := synthetic(10, 100)
	discard := func(string, []byte) error { return nil }
	var mu sync.Mutex
	keys := map[string]site.Key{}
	record := func(name string, k site.Key) []byte {
		mu.Lock()
		keys[name] = k
		mu.Unlock()
		return nil
	}
	page := []byte("reused")
	for _, tc := range []struct {
		name  string
		reuse func(string, site.Key) []byte
	}{
		{"none", nil},
		{"render", record},
		{"reuse", func(string, site.Key) []byte { return page }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			in := in
			in.Reuse = tc.reuse
			for b.Loop() {
				if _, err := site.Stream(in, templates.FS, discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(keys)), "pages")
		})
	}
}
