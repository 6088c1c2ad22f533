package publish_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/publish"
	"reckon/generator/route"
)

// words are interface strings that say their key and arguments.
type words struct{ err error }

func (words) Lang() string { return "en" }
func (words) String(key string, args ...any) string {
	return key + fmt.Sprint(args...)
}
func (words) Date(d claim.Date) string                              { return d.String() }
func (words) Figure(f claim.Figure) string                          { return fmt.Sprint(f.Value) }
func (words) RatingLabel(r costmodel.Rating) string                 { return r.Label }
func (words) Reasons(c *costmodel.Claim) []string                   { return nil }
func (words) StepLabel(t *costmodel.Topic, s costmodel.Step) string { return s.Scope }
func (w words) Err() error                                          { return w.err }
func (words) Threshold(th *costmodel.Threshold) string              { return th.Param }
func (words) Arithmetic(ts []costmodel.Token, v float64, u string) string {
	return fmt.Sprint(len(ts), v, u)
}

func empty(w publish.Words) publish.Input {
	return publish.Input{
		Claims:  &claim.Set{Site: &claim.Site{Title: "Checks", Publisher: "Desk"}},
		Results: &costmodel.Results{},
		BaseURL: "https://factcheck.example/sub/",
		Words:   w,
	}
}

// TestRenderEmpty: a site without claims still has its exports, feed,
// sitemap and robots.txt; the sitemap lists the pages it is given, by URL.
func TestRenderEmpty(t *testing.T) {
	p, err := publish.New(empty(words{}))
	if err != nil {
		t.Fatal(err)
	}
	files, err := p.Render([]route.Page{{Path: "/sub/sources/"}, {Path: "/sub/", Lastmod: "2025-01-02"}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	if want := []string{"data/claims.csv", "data/claims.json", "feed.xml", "robots.txt", "sitemap.xml"}; !slices.Equal(paths, want) {
		t.Errorf("files = %v, want %v", paths, want)
	}
	if got, want := string(files["data/claims.json"]), "{\n  \"claims\": []\n}\n"; got != want {
		t.Errorf("claims.json = %q, want %q", got, want)
	}
	if got, want := string(files["robots.txt"]), "User-agent: *\nAllow: /\n\nSitemap: https://factcheck.example/sub/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
	sm := string(files["sitemap.xml"])
	home, sources := strings.Index(sm, "<loc>https://factcheck.example/sub/</loc>"), strings.Index(sm, "<loc>https://factcheck.example/sub/sources/</loc>")
	if home < 0 || sources < home || !strings.Contains(sm, "<lastmod>2025-01-02</lastmod>") {
		t.Errorf("sitemap:\n%s", sm)
	}
	if !strings.Contains(string(files["feed.xml"]), "<updated>1970-01-01T00:00:00Z</updated>") {
		t.Errorf("feed of no claims:\n%s", files["feed.xml"])
	}
}

// TestRenderMissingString: an interface string that is missing fails the
// render with the words' error.
func TestRenderMissingString(t *testing.T) {
	missing := errors.New(`no interface string "feed_summary" in i18n/*.toml`)
	p, err := publish.New(empty(words{err: missing}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Render(nil); err != missing {
		t.Errorf("Render = %v, want %v", err, missing)
	}
}

func TestNoBaseURL(t *testing.T) {
	in := empty(words{})
	in.BaseURL = ""
	_, err := publish.New(in)
	if want := "claims/site.toml: no base URL for canonical links, the feed and the sitemap"; err == nil || err.Error() != want {
		t.Errorf("New = %v, want %s", err, want)
	}
}

func TestBadChartID(t *testing.T) {
	in := empty(words{})
	in.Charts = []publish.Chart{{ID: "deepseek/../x", Topic: "deepseek"}}
	p, err := publish.New(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Render(nil); err == nil || err.Error() != `chart ID "deepseek/../x" is not a slug path` {
		t.Errorf("Render = %v", err)
	}
}
