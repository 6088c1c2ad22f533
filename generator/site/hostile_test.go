package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"reckon/generator/chart"
	"reckon/generator/diag"
	"reckon/generator/site"
)

// hostile is text that would be markup or script if it were ever written
// unescaped, in HTML, in an attribute, in a script block, in XML or in a
// go-echarts formatter.
const hostile = `<script>alert(1)</script>" onmouseover="alert(2)' onload='alert(3)</script><img src=x onerror=alert(4)>__f__function(){alert(5)}__f__ ]]> --> {{.}} javascript:alert(6)`

// hostileStrings sets every text field of the fixture to hostile text, and
// every URL to a script or data URL.
func hostileStrings() fixtureStrings {
	var s fixtureStrings
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(v.Type().Field(i).Name + ": " + hostile)
	}
	s.URL = "javascript:alert(7)"
	s.ArchiveURL = "data:text/html,<script>alert(8)</script>"
	s.ClaimTitle = "Title: " + hostile[:60] // titles are short, but just as hostile
	return s
}

// hostileArticle is commentary with raw HTML, event handlers and quotes:
// raw HTML is dropped and the rest is text.
const hostileArticle = `+++
summary = "` + `<script>alert(9)</script> \" onclick=\"alert(10)` + `"
+++
## <script>alert(11)</script> heading

<script>alert(12)</script>

<img src="x" onerror="alert(13)">

Text with <b onclick="alert(14)">inline HTML</b>, "quotes", 'single', __f__function(){alert(15)}__f__ and {{claim deepseek/v3-report}}.

<div style="color:red">styled</div>

| a <i>x</i> | b |
|---|---|
| <script>alert(16)</script> | ` + "`<script>code</script>`" + ` |
`

func TestHostileContentIsInert(t *testing.T) {
	in, docs := fixture(hostileStrings(), hostileArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatal(err)
	}
	seen := false // the hostile text is shown as text somewhere
	for _, p := range files.Paths() {
		data := files[p]
		switch {
		case strings.HasSuffix(p, ".html"):
			if checkInertHTML(t, p, data) {
				seen = true
			}
		case strings.HasSuffix(p, ".xml"):
			checkXML(t, p, data)
		case strings.HasSuffix(p, ".json"):
			if !json.Valid(data) {
				t.Errorf("%s: invalid JSON", p)
			}
		}
	}
	if !seen {
		t.Error("the hostile text appears nowhere as text: was it dropped instead of escaped?")
	}
	// The commentary's raw HTML is gone, its text kept.
	topic := string(files["topics/deepseek/index.html"])
	for _, bad := range []string{"alert(11)</script>", "<b onclick", `style="color:red"`, "<img src=\"x\""} {
		if strings.Contains(topic, bad) {
			t.Errorf("topic page contains %q", bad)
		}
	}
	if !strings.Contains(topic, "<code>&lt;script&gt;code&lt;/script&gt;</code>") {
		t.Error("a code span lost its text")
	}
	checkSite(t, files, true)
	checkHostileCharts(t, in, files)
}

// checkHostileCharts checks that the charts, whose titles, captions,
// categories and tables hold the hostile text, show it as text on their
// pages and embed pages, and that their embed code and oEmbed documents
// are exactly an iframe and the embed script.
func checkHostileCharts(t *testing.T, in site.Input, files output) {
	t.Helper()
	hostileTitle := false
	for _, c := range in.Charts {
		hostileTitle = hostileTitle || strings.Contains(c.Title, "<script>alert(1)</script>")
		embed := "embed/" + c.ID + "/index.html"
		page := "topics/" + c.Topic + "/index.html"
		if c.Claim != "" {
			page = "claims/" + c.Claim + "/index.html"
		}
		for _, p := range []string{page, embed} {
			doc, err := html.Parse(bytes.NewReader(files[p]))
			if err != nil {
				t.Fatal(err)
			}
			fig := byID(doc, c.ElementID)
			if fig == nil {
				t.Errorf("%s: no figure %s", p, c.ElementID)
				continue
			}
			if got := strings.TrimSpace(text(firstElement(fig))); got != c.Title+" "+c.Caption {
				t.Errorf("%s: caption of %s is %q, want the title and the takeaway as text", p, c.ID, got)
			}
			opt := byID(doc, c.ElementID+"-option")
			if opt == nil || text(opt) != string(c.Option) || !json.Valid([]byte(text(opt))) {
				t.Errorf("%s: the option of %s is not the chart's JSON", p, c.ID)
			}
			if p == embed {
				if ta := byID(doc, c.ElementID+"-embed"); ta != nil {
					t.Errorf("%s: embed page offers embed code", p)
				}
				continue
			}
			ta := byID(doc, c.ElementID+"-embed")
			if ta == nil || ta.Data != "textarea" {
				t.Errorf("%s: no embed code for %s", p, c.ID)
				continue
			}
			checkSnippet(t, p, text(ta), c)
		}
		var o struct {
			HTML string `json:"html"`
		}
		if err := json.Unmarshal(files["embed/"+c.ID+"/oembed.json"], &o); err != nil {
			t.Errorf("%s oEmbed: %v", c.ID, err)
		}
		checkSnippet(t, c.ID+" oEmbed", o.HTML, c)
	}
	if !hostileTitle {
		t.Error("no chart title holds the hostile text")
	}
}

// checkSnippet checks that embed code is an iframe of the chart's embed
// page, titled with the chart's title, and the embed script, and nothing else.
func checkSnippet(t *testing.T, where, snippet string, c *chart.Chart) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(snippet), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nodes {
		for m := range n.Descendants() {
			if m.Type == html.ElementNode {
				got = append(got, m.Data)
			}
		}
		if n.Type != html.ElementNode {
			if strings.TrimSpace(n.Data) != "" {
				t.Errorf("%s: text %q in the embed code", where, n.Data)
			}
			continue
		}
		got = append(got, n.Data)
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: attribute %s in the embed code", where, a.Key)
			}
		}
		switch n.Data {
		case "iframe":
			if src := attr(n, "src"); src != "https://factcheck.example/embed/"+c.ID+"/" {
				t.Errorf("%s: iframe src %q", where, src)
			}
			if attr(n, "title") != c.Title {
				t.Errorf("%s: iframe title %q, want %q", where, attr(n, "title"), c.Title)
			}
		case "script":
			if attr(n, "src") != "https://factcheck.example/assets/embed.js" || !hasAttr(n, "async") {
				t.Errorf("%s: script %q", where, attr(n, "src"))
			}
		}
	}
	if !slices.Equal(got, []string{"iframe", "script"}) {
		t.Errorf("%s: embed code has elements %v, want an iframe and a script", where, got)
	}
}

func byID(doc *html.Node, id string) *html.Node {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && attr(n, "id") == id {
			return n
		}
	}
	return nil
}

// checkInertHTML reports any script, handler, style or unsafe URL in a page
// other than the site's own, and whether the hostile text shows as text.
func checkInertHTML(t *testing.T, p string, data []byte) (seen bool) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && strings.Contains(n.Data, "<script>alert(1)</script>") && n.Parent.Data != "script" {
			seen = true
		}
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				t.Errorf("%s: attribute %s=%q on <%s>", p, a.Key, a.Val, n.Data)
			}
			if (a.Key == "href" || a.Key == "src") && !safeURL(a.Val) {
				t.Errorf("%s: unsafe %s=%q on <%s>", p, a.Key, a.Val, n.Data)
			}
		}
		switch n.Data {
		case "img", "iframe", "object", "embed", "style", "form", "b", "i", "div":
			if n.Data == "div" && !slices.Contains([]string{"table-wrap", "wrap site-header-inner", "wrap", "cards", "prose article", "footnotes", "chart-canvas", "claim-side", "home"}, attr(n, "class")) {
				t.Errorf("%s: unexpected <div class=%q>", p, attr(n, "class"))
			}
			if n.Data != "div" {
				t.Errorf("%s: unexpected <%s>", p, n.Data)
			}
		case "script":
			switch attr(n, "type") {
			case "application/ld+json":
				var v any
				if err := json.Unmarshal([]byte(text(n)), &v); err != nil {
					t.Errorf("%s: JSON-LD does not parse: %v", p, err)
				}
				if !strings.Contains(text(n), `"name": "Publisher: \u003cscript\u003ealert(1)\u003c/script\u003e\" onmouseover=`) {
					t.Errorf("%s: JSON-LD does not hold the publisher as escaped data:\n%s", p, text(n))
				}
			case "":
				if !strings.HasPrefix(attr(n, "src"), "/assets/") || text(n) != "" {
					t.Errorf("%s: script %q", p, attr(n, "src"))
				}
			case "application/json":
				// A chart's option: data that charts.js parses, with every
				// < escaped, so that nothing in it can end the element.
				if attr(n, "class") != "chart-option" || !json.Valid([]byte(text(n))) || strings.ContainsAny(text(n), "<>&") {
					t.Errorf("%s: JSON script %q is not a chart option", p, attr(n, "id"))
				}
				if strings.Contains(text(n), "alert(1)") && !strings.Contains(text(n), `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
					t.Errorf("%s: the option %q holds the hostile text unescaped", p, attr(n, "id"))
				}
			default:
				t.Errorf("%s: script of type %q", p, attr(n, "type"))
			}
		}
	}
	return seen
}

func checkXML(t *testing.T, p string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "img") {
			t.Errorf("%s: <%s> element", p, se.Name.Local)
		}
	}
}

// TestHostileLinksAreErrors: a script or data URL in commentary is a build
// error at its position, not a dead link or an image the page cannot load.
func TestHostileLinksAreErrors(t *testing.T) {
	article := "## A\n\n[click](javascript:alert(1)) and ![i](data:text/html,x)\n\n<javascript:alert(2)>\n\n[ok](https://example.org) [rel](/about/) [frag](#a) [mail](mailto:a@example.org)\n"
	_, docs := fixture(plainStrings(), article, fixtureMethodology)
	_, err := loadDocs(docs)
	var got []string
	for _, e := range diag.Errors(err) {
		got = append(got, e.Error())
	}
	want := []string{
		"content/topics/deepseek.md:3:2: link to a javascript: URL",
		"content/topics/deepseek.md:3:34: image from a data: URL",
		"content/topics/deepseek.md:5:1: link to a javascript: URL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
