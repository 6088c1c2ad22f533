package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"reckon/generator/diag"
	"reckon/generator/internal/golden"
	"reckon/generator/site"
	"reckon/templates"
)

// render renders the plain fixture.
func render(t *testing.T) output {
	t.Helper()
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return files
}

func TestRenderGolden(t *testing.T) {
	files := render(t)
	// Assets are whatever templates/assets holds; the rest is the site.
	paths := slices.DeleteFunc(files.Paths(), func(p string) bool { return strings.HasPrefix(p, "assets/") })
	golden.Check(t, "testdata/paths.golden", []byte(strings.Join(paths, "\n")+"\n"))
	for _, tc := range []struct{ file, golden string }{
		{"index.html", "home.html.golden"},
		{"topics/deepseek/index.html", "topic.html.golden"},
		{"claims/deepseek/seed-r1/index.html", "claim.html.golden"},
		{"feed.xml", "feed.xml.golden"},
		{"sitemap.xml", "sitemap.xml.golden"},
		{"robots.txt", "robots.txt.golden"},
		{"data/claims.csv", "claims.csv.golden"},
		{"data/claims.json", "claims.json.golden"},
		{"data/topics/deepseek.json", "topic.json.golden"},
		{"embed/deepseek/seed-r1/bridge/index.html", "embed.html.golden"},
		{"embed/deepseek/seed-r1/bridge/oembed.json", "oembed.json.golden"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			golden.Check(t, "testdata/"+tc.golden, files[tc.file])
		})
	}
	t.Run("claimreview.json.golden", func(t *testing.T) {
		blocks := jsonLD(t, files["claims/deepseek/v3-report/index.html"])
		if len(blocks) != 1 {
			t.Fatalf("claim page has %d JSON-LD blocks, want 1", len(blocks))
		}
		golden.Check(t, "testdata/claimreview.json.golden", []byte(blocks[0]+"\n"))
	})
}

// jsonLD returns the bodies of the page's JSON-LD blocks.
func jsonLD(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json" {
			out = append(out, strings.TrimSpace(text(n)))
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func TestClaimReview(t *testing.T) {
	files := render(t)
	for _, p := range files.Paths() {
		if !strings.HasPrefix(p, "claims/") {
			if n := len(jsonLD(t, files[p])); strings.HasSuffix(p, ".html") && n != 0 {
				t.Errorf("%s: %d JSON-LD blocks, want none", p, n)
			}
			continue
		}
		blocks := jsonLD(t, files[p])
		if len(blocks) != 1 {
			t.Fatalf("%s: %d JSON-LD blocks, want 1", p, len(blocks))
		}
		var cr struct {
			Context       string `json:"@context"`
			Type          string `json:"@type"`
			URL           string `json:"url"`
			ClaimReviewed string `json:"claimReviewed"`
			DatePublished string `json:"datePublished"`
			Author        struct{ Name string }
			ReviewRating  struct {
				RatingValue, BestRating, WorstRating int
				AlternateName                        string
			}
			ItemReviewed struct {
				Type          string `json:"@type"`
				Author        struct{ Name string }
				DatePublished string
				Appearance    []struct{ URL string }
			}
		}
		if err := json.Unmarshal([]byte(blocks[0]), &cr); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := "https://factcheck.example/" + strings.TrimSuffix(p, "index.html")
		switch {
		case cr.Context != "https://schema.org" || cr.Type != "ClaimReview":
			t.Errorf("%s: @context %q, @type %q", p, cr.Context, cr.Type)
		case cr.URL != want:
			t.Errorf("%s: url %q, want %q", p, cr.URL, want)
		case cr.ClaimReviewed == "" || len([]rune(cr.ClaimReviewed)) >= 75:
			t.Errorf("%s: claimReviewed %q", p, cr.ClaimReviewed)
		case cr.ReviewRating.AlternateName == "" || cr.ReviewRating.RatingValue < cr.ReviewRating.WorstRating || cr.ReviewRating.RatingValue > cr.ReviewRating.BestRating:
			t.Errorf("%s: reviewRating %+v", p, cr.ReviewRating)
		case cr.ItemReviewed.Type != "Claim" || cr.ItemReviewed.Author.Name == "" || len(cr.ItemReviewed.Appearance) == 0:
			t.Errorf("%s: itemReviewed %+v", p, cr.ItemReviewed)
		case !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(cr.DatePublished):
			t.Errorf("%s: datePublished %q", p, cr.DatePublished)
		case cr.Author.Name != "Reckon Test Desk":
			t.Errorf("%s: author %q", p, cr.Author.Name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := render(t), render(t)
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatalf("paths differ:\n%v\n%v", a.Paths(), b.Paths())
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two renders", p)
		}
	}
}

// TestPages checks every page the way the site audit will: structure,
// accessibility basics, the Content-Security-Policy's rules, and links.
func TestPages(t *testing.T) {
	checkSite(t, render(t), false)
}

// checkSite checks every HTML page of files and reports each problem. With
// neutralized, links that html/template neutralized (#ZgotmplZ, for a
// javascript: URL in the data) are expected.
func checkSite(t *testing.T, files output, neutralized bool) {
	t.Helper()
	ids := map[string]map[string]bool{} // page -> ids
	type link struct{ page, href string }
	var links []link
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ids[p] = map[string]bool{}
		var h1, title, desc, csp, main int
		level := 0
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if id := attr(n, "id"); id != "" {
				if ids[p][id] {
					t.Errorf("%s: duplicate id %q", p, id)
				}
				ids[p][id] = true
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					t.Errorf("%s: style attribute on <%s>", p, n.Data)
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: event handler %s on <%s>", p, a.Key, n.Data)
				case (a.Key == "href" || a.Key == "src") && !safeURL(a.Val):
					t.Errorf("%s: unsafe URL %s=%q on <%s>", p, a.Key, a.Val, n.Data)
				}
			}
			switch n.Data {
			case "html":
				if attr(n, "lang") == "" || attr(n, "dir") == "" {
					t.Errorf("%s: <html> without lang or dir", p)
				}
			case "title":
				title++
			case "meta":
				if attr(n, "name") == "description" && attr(n, "content") != "" {
					desc++
				}
				if attr(n, "http-equiv") == "Content-Security-Policy" {
					csp++
				}
			case "main":
				main++
			case "script":
				if typ := attr(n, "type"); typ != "application/ld+json" && typ != "application/json" && (attr(n, "src") == "" || text(n) != "") {
					t.Errorf("%s: inline script", p)
				}
			case "style":
				t.Errorf("%s: <style> element", p)
			case "img":
				if !hasAttr(n, "alt") {
					t.Errorf("%s: <img> without alt", p)
				}
			case "table":
				if !inClass(n, "prose") && firstElement(n).Data != "caption" {
					t.Errorf("%s: table without a caption", p)
				}
			case "th":
				if in(n, "thead") && attr(n, "scope") != "col" || in(n, "tbody") && attr(n, "scope") != "row" {
					t.Errorf("%s: <th> %q without the right scope", p, strings.TrimSpace(text(n)))
				}
			case "h1", "h2", "h3", "h4", "h5", "h6":
				l := int(n.Data[1] - '0')
				if l == 1 {
					h1++
				}
				if l > level+1 {
					t.Errorf("%s: <%s> %q follows h%d", p, n.Data, strings.TrimSpace(text(n)), level)
				}
				level = l
			case "a":
				href := attr(n, "href")
				if strings.TrimSpace(text(n)) == "" {
					t.Errorf("%s: link to %q without text", p, href)
				}
				links = append(links, link{p, href})
			case "link":
				links = append(links, link{p, attr(n, "href")})
			}
			if src := attr(n, "src"); src != "" {
				links = append(links, link{p, src})
			}
		}
		wantH1 := 1
		if strings.HasPrefix(p, "embed/") {
			wantH1 = 0 // the figure's caption names an embed page
		}
		if h1 != wantH1 || title != 1 || desc != 1 || csp != 1 || main != 1 {
			t.Errorf("%s: %d h1, %d title, %d meta description, %d CSP meta, %d main; want %d h1 and one of each other", p, h1, title, desc, csp, main, wantH1)
		}
	}
	// Every link within the site leads to a file, and every fragment to an id.
	for _, l := range links {
		u, err := url.Parse(l.href)
		if err != nil {
			t.Errorf("%s: bad URL %q", l.page, l.href)
			continue
		}
		if u.Host != "" && u.Host != "factcheck.example" {
			continue
		}
		target := l.page
		if u.Path != "" {
			target = strings.TrimPrefix(u.Path, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
		}
		if _, ok := files[target]; !ok {
			t.Errorf("%s: broken link %q", l.page, l.href)
			continue
		}
		if u.Fragment != "" && !ids[target][u.Fragment] && !(neutralized && u.Fragment == "ZgotmplZ") {
			t.Errorf("%s: link %q to a missing id", l.page, l.href)
		}
	}
}

func safeURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https")
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return &html.Node{}
}

func inClass(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if slices.Contains(strings.Fields(attr(p, "class")), class) {
			return true
		}
	}
	return false
}

func in(n *html.Node, tag string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return true
		}
	}
	return false
}

func TestFeedAndSitemapAreXML(t *testing.T) {
	files := render(t)
	for _, p := range []string{"feed.xml", "sitemap.xml"} {
		d := xml.NewDecoder(bytes.NewReader(files[p]))
		for {
			_, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", p, err)
				}
				break
			}
		}
	}
	// Every sitemap location is a page of the site.
	var s struct {
		URLs []struct{ Loc string } `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &s); err != nil {
		t.Fatal(err)
	}
	for _, u := range s.URLs {
		p := strings.TrimPrefix(u.Loc, "https://factcheck.example/") + "index.html"
		if _, ok := files[p]; !ok {
			t.Errorf("sitemap: %s has no page %s", u.Loc, p)
		}
	}
}

func TestBasePath(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	in.BaseURL = "https://user.example/proj/"
	files, err := renderSite(in, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	home := string(files["index.html"])
	for _, want := range []string{
		`<link rel="canonical" href="https://user.example/proj/">`,
		`<a href="/proj/topics/deepseek/">`,
		`href="/proj/assets/site.css?v=`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Contains(home, `href="/topics/`) {
		t.Error("home page links to /topics/ without the base path")
	}
}

func TestContentErrors(t *testing.T) {
	tests := []struct {
		name    string
		article string
		want    []string
	}{
		{
			name:    "unknown references",
			article: "## A\n\n{{claim deepseek/v4}} and {{value deepseek gpu_hour}}\n\n{{value openai x}}\n\n{{chart deepseek pie}}\n",
			want: []string{
				`content/topics/deepseek.md:3:1: no claim "deepseek/v4"`,
				`content/topics/deepseek.md:3:27: no scope, component, formula or parameter "gpu_hour" in topic "deepseek"`,
				`content/topics/deepseek.md:5:1: no topic "openai"`,
				`content/topics/deepseek.md:7:1: no chart "pie"`,
			},
		},
		{
			name:    "syntax errors stop the document's checks",
			article: "## A\n\n{{claim deepseek/v4}} {{chart deepseek ladder}} {{value deepseek}}\n",
			want: []string{
				`content/topics/deepseek.md:3:23: chart reference inside a paragraph`,
				`content/topics/deepseek.md:3:49: value reference takes a topic, a name and an optional part, got "deepseek"`,
			},
		},
		{
			name:    "front matter lines count",
			article: "+++\nsummary = \"s\"\n+++\n\nText {{value deepseek nope}}.\n",
			want:    []string{`content/topics/deepseek.md:5:6: no scope, component, formula or parameter "nope" in topic "deepseek"`},
		},
		{
			name:    "chart placed twice",
			article: "{{chart deepseek ladder}}\n\n{{chart deepseek ladder}}\n",
			want:    []string{`content/topics/deepseek.md:3:1: chart deepseek ladder is already placed on this page`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, docs := fixture(plainStrings(), tc.article, fixtureMethodology)
			_, err := checkDocs(in, docs)
			var got []string
			for _, e := range diag.Errors(err) {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestArticleWithoutTopic(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	docs["content/topics/deepseeek.md"] = &fstest.MapFile{Data: []byte("## Hi\n")}
	docs["content/sources.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"S\"\ndescription = \"D\"\n+++\n")}
	_, err := checkDocs(in, docs)
	var got []string
	for _, e := range diag.Errors(err) {
		got = append(got, e.Error()+" | "+e.Hint)
	}
	want := []string{
		`content/sources.md: page name "sources" is reserved | rename the file: the site uses /sources/ itself`,
		`content/topics/deepseeek.md: no topic "deepseeek" for this article | did you mean "deepseek"? known: deepseek; an article is content/topics/TOPIC.md for a folder claims/TOPIC`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNoBaseURL(t *testing.T) {
	in, _ := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in.Claims.Site.BaseURL = ""
	_, err := renderSite(in, templates.FS)
	want := "claims/site.toml: no base URL for canonical links, the feed and the sitemap"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestTemplateOverride(t *testing.T) {
	in, _ := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	own := fstest.MapFS{
		"404.html":       {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1><p>Nothing here. {{t "back_home"}}</p>{{end}}`)},
		"i18n/en.toml":   {Data: []byte(strings.Replace(readFile(t, templates.FS, "i18n/en.toml"), `back_home = "Go to the home page"`, `back_home = "Home, then"`, 1))},
		"assets/own.txt": {Data: []byte("mine")},
	}
	files, err := renderSite(in, site.Overlay(own, templates.FS))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(files["404.html"]); !strings.Contains(got, "<p>Nothing here. Home, then</p>") {
		t.Errorf("404.html does not use the site's template:\n%s", got)
	}
	if string(files["assets/own.txt"]) != "mine" || len(files["assets/site.css"]) == 0 {
		t.Error("assets are not the union of both layers")
	}
	bad := fstest.MapFS{"claim.html": {Data: []byte(`{{define "main"}}{{.Nope}}{{end}}`)}}
	_, err = renderSite(in, site.Overlay(bad, templates.FS))
	if err == nil || !strings.Contains(err.Error(), `can't evaluate field Nope`) {
		t.Errorf("a template error is not reported: %v", err)
	}
}

func readFile(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCSVDefusesFormulas(t *testing.T) {
	s := plainStrings()
	s.ClaimTitle = "=HYPERLINK(\"http://evil.example\")"
	s.Claimant = "+cmd"
	in, _ := fixture(s, fixtureArticle, fixtureMethodology)
	files, err := renderSite(in, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	csv := string(files["data/claims.csv"])
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example"")"`, `,'+cmd,`} {
		if !strings.Contains(csv, want) {
			t.Errorf("claims.csv lacks %s:\n%s", want, csv)
		}
	}
}

func ExampleStream() {
	in, _ := fixture(plainStrings(), "", fixtureMethodology)
	var mu sync.Mutex
	files := map[string]int{}
	_, err := site.Stream(in, templates.FS, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = len(data)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(files["index.html"] > 0, files["claims/deepseek/v3-report/index.html"] > 0)
	// Output: true true
}

// TestCharts checks where charts go and what comes with them: the markup
// charts.js reads, the scripts on exactly the pages that show a chart, the
// oEmbed links, the downloads and the embed pages.
func TestCharts(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology+"\n{{chart deepseek sensitivity}}\n")
	docs["content/claims/deepseek/seed-r1.md"] = &fstest.MapFile{Data: []byte("## Where it sits\n\n{{chart deepseek ladder}}\n")}
	in = withDocs(t, in, docs)
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatal(err)
	}
	checkSite(t, files, false)
	const scripts = "<script src=\"/assets/echarts/echarts.common.min.js\" defer></script>\n<script src=\"/assets/charts.js\" defer></script>\n</head>"
	oembed := func(id, title string) string {
		return `<link rel="alternate" type="application/json+oembed" href="https://factcheck.example/embed/` + id + `/oembed.json" title="` + title + `">`
	}
	tests := []struct {
		page    string
		figures []string // element id and data-chart of each figure, in order
		oembeds []string // chart IDs, in order
	}{
		// The article places the timeline and a second ladder: the page shows
		// the timeline there only, and the article's ladder gets other ids.
		{"topics/deepseek/index.html",
			[]string{"chart-deepseek-timeline deepseek/timeline", "chart-deepseek-ladder-inline deepseek/ladder", "chart-deepseek-ladder deepseek/ladder", "chart-deepseek-bridge deepseek/bridge", "chart-deepseek-sensitivity deepseek/sensitivity"},
			[]string{"deepseek/ladder", "deepseek/bridge", "deepseek/sensitivity", "deepseek/timeline"}},
		{"claims/deepseek/v3-report/index.html", []string{"chart-deepseek_v3-report-bridge deepseek/v3-report/bridge"}, []string{"deepseek/v3-report/bridge"}},
		// A claim's commentary may place a topic's chart.
		{"claims/deepseek/seed-r1/index.html",
			[]string{"chart-deepseek-ladder deepseek/ladder", "chart-deepseek_seed-r1-bridge deepseek/seed-r1/bridge"},
			[]string{"deepseek/seed-r1/bridge", "deepseek/ladder"}},
		{"methodology/index.html", []string{"chart-deepseek-sensitivity deepseek/sensitivity"}, []string{"deepseek/sensitivity"}},
		{"embed/deepseek/ladder/index.html", []string{"chart-deepseek-ladder deepseek/ladder"}, []string{"deepseek/ladder"}},
		{"embed/deepseek/seed-r1/bridge/index.html", []string{"chart-deepseek_seed-r1-bridge deepseek/seed-r1/bridge"}, []string{"deepseek/seed-r1/bridge"}},
		{"index.html", nil, nil},
		{"sources/index.html", nil, nil},
		{"about/index.html", nil, nil},
		{"404.html", nil, nil},
	}
	titles := map[string]string{}
	for _, c := range in.Charts {
		titles[c.ID] = template.HTMLEscapeString(c.Title)
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			page := string(files[tc.page])
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			var figures []string
			for n := range doc.Descendants() {
				if n.Type == html.ElementNode && n.Data == "figure" && hasClass(n, "chart") {
					figures = append(figures, attr(n, "id")+" "+attr(n, "data-chart"))
					checkFigure(t, n)
				}
			}
			if !slices.Equal(figures, tc.figures) {
				t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(figures, "\n"), strings.Join(tc.figures, "\n"))
			}
			if got := strings.Count(page, "echarts.common.min.js"); got != min(len(tc.figures), 1) || len(tc.figures) > 0 && !strings.Contains(page, scripts) {
				t.Errorf("the page loads ECharts %d times, want %d, deferred, with charts.js after it, in <head>", got, min(len(tc.figures), 1))
			}
			var want []string
			for _, id := range tc.oembeds {
				want = append(want, oembed(id, titles[id]))
			}
			if got := regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed"[^>]*>`).FindAllString(page, -1); !slices.Equal(got, want) {
				t.Errorf("oEmbed links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}

	// The claim's bridge chart shows the bridge to the scope it ends at:
	// the claim page does not repeat its table.
	claimPage := string(files["claims/deepseek/v3-report/index.html"])
	if strings.Contains(claimPage, `id="bridge-development"`) {
		t.Error("the claim page shows the bridge to development twice: as the chart and as a table")
	}

	// Each chart's data, as the chart package made it, and its embed page,
	// which stays out of the sitemap.
	for _, c := range in.Charts {
		if !bytes.Equal(files["data/charts/"+c.ID+".csv"], c.Data.CSV()) || !bytes.Equal(files["data/charts/"+c.ID+".json"], c.Data.JSON()) {
			t.Errorf("%s: downloads differ from the chart's data", c.ID)
		}
		embed := string(files["embed/"+c.ID+"/index.html"])
		for _, want := range []string{
			`<body class="page-embed" data-embed="` + c.ID + `">`,
			`<meta name="robots" content="noindex">`,
			`<a href="https://factcheck.example/` + map[bool]string{true: "claims/" + c.Claim, false: "topics/" + c.Topic}[c.Claim != ""] + `/#` + c.ElementID + `" target="_blank" rel="noopener">`,
		} {
			if !strings.Contains(embed, want) {
				t.Errorf("%s: embed page lacks %s", c.ID, want)
			}
		}
		if strings.Contains(embed, `rel="canonical"`) || strings.Contains(embed, "site-header") {
			t.Errorf("%s: embed page has a canonical link or the site's header", c.ID)
		}
		if strings.Contains(string(files["sitemap.xml"]), "/embed/") {
			t.Error("the sitemap lists embed pages")
		}
	}

	// The oEmbed document of a chart.
	var o map[string]any
	if err := json.Unmarshal(files["embed/deepseek/ladder/oembed.json"], &o); err != nil {
		t.Fatal(err)
	}
	html := `<iframe src="https://factcheck.example/embed/deepseek/ladder/" title="` + titles["deepseek/ladder"] + `" width="640" height="%v" loading="lazy" style="width:100%%;height:auto;aspect-ratio:640/%v;border:0"></iframe>` + "\n" +
		`<script src="https://factcheck.example/assets/embed.js" async></script>`
	want := map[string]any{
		"version": "1.0", "type": "rich", "title": strings.ReplaceAll(titles["deepseek/ladder"], "&#39;", "'"),
		"provider_name": "Reckon Test Desk", "provider_url": "https://factcheck.example/",
		"html": fmt.Sprintf(html, o["height"], o["height"]), "width": float64(640), "height": o["height"],
	}
	if h, _ := o["height"].(float64); h < 300 {
		t.Errorf("oEmbed height %v", o["height"])
	}
	if fmt.Sprint(o) != fmt.Sprint(want) {
		t.Errorf("oEmbed:\n%v\nwant:\n%v", o, want)
	}
	if _, ok := files["assets/embed.js"]; !ok {
		t.Error("no assets/embed.js")
	}
}

// TestWithoutCharts: without drawn charts, the figures are their tables,
// and no page loads a chart script or offers embeds.
func TestWithoutCharts(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	in.Charts = nil
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatal(err)
	}
	checkSite(t, files, false)
	for _, p := range files.Paths() {
		if strings.HasPrefix(p, "embed/") || strings.HasPrefix(p, "data/charts/") {
			t.Errorf("%s without charts", p)
		}
		if strings.HasSuffix(p, ".html") && (strings.Contains(string(files[p]), "charts.js") || strings.Contains(string(files[p]), "json+oembed")) {
			t.Errorf("%s loads chart scripts or links to oEmbed without charts", p)
		}
	}
	topic := string(files["topics/deepseek/index.html"])
	for _, want := range []string{`<figure class="chart chart-ladder" id="chart-deepseek-ladder">`, `<table class="data ladder stack">`, `<table class="data bridge" id="chart-deepseek-bridge-table">`} {
		if !strings.Contains(topic, want) {
			t.Errorf("topic page lacks %s", want)
		}
	}
}

// checkFigure checks a chart's figure against the markup charts.js reads:
// a drawn chart has its canvas, its option and its links; every figure has
// its table, open until the chart is drawn.
func checkFigure(t *testing.T, fig *html.Node) {
	t.Helper()
	id := attr(fig, "id")
	var canvas, option, data, table, links int
	for n := range fig.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "div" && hasClass(n, "chart-canvas"):
			canvas++
			if h, err := strconv.Atoi(attr(n, "data-height")); err != nil || h <= 0 {
				t.Errorf("%s: canvas height %q", id, attr(n, "data-height"))
			}
		case n.Data == "script":
			option++
			if attr(n, "type") != "application/json" || !hasClass(n, "chart-option") || attr(n, "id") != id+"-option" {
				t.Errorf("%s: option script %v", id, n.Attr)
			}
		case n.Data == "details" && hasClass(n, "chart-data"):
			data++
			if !hasAttr(n, "open") {
				t.Errorf("%s: the table is closed", id)
			}
		case n.Data == "table":
			table++
			if !in(n, "details") {
				t.Errorf("%s: table outside details.chart-data", id)
			}
		case n.Data == "p" && hasClass(n, "chart-links"):
			links++
		}
	}
	drawn := attr(fig, "data-chart") != ""
	if want := map[bool]int{true: 1, false: 0}[drawn]; canvas != want || option != want || data != 1 || table != 1 || links != 1 {
		t.Errorf("%s: %d canvas, %d option, %d details.chart-data, %d table, %d links", id, canvas, option, data, table, links)
	}
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func TestClaimCommentary(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	id := in.Claims.Topics[0].Claims[0].ID
	docs["content/claims/"+id+".md"] = &fstest.MapFile{Data: []byte("## Where the figure comes from\n\nIt is the *final* run: {{claim " + id + "}}.\n")}
	in = withDocs(t, in, docs)
	files, err := renderSite(in, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["claims/"+id+"/index.html"])
	for _, want := range []string{`<section id="analysis" class="prose">`, `<h2 id="where-the-figure-comes-from">Where the figure comes from</h2>`, `<em>final</em>`} {
		if !strings.Contains(page, want) {
			t.Errorf("claim page lacks %q", want)
		}
	}

	// A commentary for a claim that does not exist is an error with a hint.
	docs["content/claims/deepseek/nope.md"] = &fstest.MapFile{Data: []byte("Text.\n")}
	_, err = checkDocs(in, docs)
	list := diag.Errors(err)
	if len(list) != 1 || list[0].Error() != `content/claims/deepseek/nope.md: no claim "deepseek/nope" for this commentary` {
		t.Errorf("errors = %v", list)
	}
}

// TestMethodologyRules checks that the methodology page lists the site's
// rating levels in the order they are tried, each with its condition as
// written, and every value of every axis the conditions compare.
func TestMethodologyRules(t *testing.T) {
	page := string(render(t)["methodology/index.html"])
	i := strings.Index(page, `id="rules"`)
	if i < 0 {
		t.Fatal("no rules section")
	}
	rules := page[i:]
	at := 0
	for _, want := range []string{
		`figure == &#34;consistent&#34;`, `framing == &#34;misattributed&#34;`, `<code><bdi>true</bdi></code>`,
	} {
		j := strings.Index(rules[at:], want)
		if j < 0 {
			t.Fatalf("rules: no %s after offset %d", want, at)
		}
		at += j
	}
	for _, v := range []string{"consistent", "partial", "plausible", "contradicted", "unstated", "misattributed", "own-source"} {
		if !strings.Contains(rules, "<code>"+v+"</code>") {
			t.Errorf("rules: value %s is not listed", v)
		}
	}
	if !strings.Contains(rules, "<code>partial</code>: Partly consistent") || !strings.Contains(rules, "<code>unstated</code>: Scope not stated") {
		t.Errorf("rules: the new values lack their words")
	}
}
