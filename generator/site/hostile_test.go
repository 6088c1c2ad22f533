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

	"reckon/generator/diag"
	"reckon/generator/site"
	"reckon/templates"
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
	set, err := loadDocs(docs)
	if err != nil {
		t.Fatal(err)
	}
	in.Docs = set
	files, err := site.Render(in, templates.FS)
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
			if n.Data == "div" && !slices.Contains([]string{"table-wrap", "wrap site-header-inner", "wrap", "cards", "prose article", "footnotes", "chart-canvas"}, attr(n, "class")) {
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
// error at its position, not a dead link.
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
		"content/topics/deepseek.md:3:36: link to a data: URL",
		"content/topics/deepseek.md:5:1: link to a javascript: URL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
