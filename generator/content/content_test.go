package content

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/diag"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func errorLines(err error) []string {
	var out []string
	for _, e := range diag.Errors(err) {
		line := e.Error()
		if e.Hint != "" {
			line += " | " + e.Hint
		}
		out = append(out, line)
	}
	return out
}

func TestLoad(t *testing.T) {
	s, err := Load(mapFS(map[string]string{
		"content/about.md":           "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\nmenu = 2\n+++\nText.\n",
		"content/methodology.md":     "+++\ntitle = \"Methodology\"\ndescription = \"How.\"\n+++\n",
		"content/topics/deepseek.md": "+++\ntitle = \"The article\"\nsummary = \"In short.\"\n+++\n## A\n",
		"content/topics/gpt-4.md":    "## No front matter\n",
		"content/notes.txt":          "ignored",
		"content/.draft.md":          "ignored",
		"content/_index.md":          "ignored",
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range append(slices.Clone(s.Pages), s.Topics...) {
		got = append(got, fmt.Sprintf("%s %s %q %q %q %d", d.File, d.Name, d.Title, d.Summary, d.Description, d.Menu))
	}
	want := []string{
		`content/about.md about "About" "" "Who we are." 2`,
		`content/methodology.md methodology "Methodology" "" "How." 0`,
		`content/topics/deepseek.md deepseek "The article" "In short." "" 0`,
		`content/topics/gpt-4.md gpt-4 "" "" "" 0`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Page("about") == nil || s.Topic("gpt-4") == nil || s.Page("nope") != nil {
		t.Error("Page or Topic lookup is wrong")
	}
}

func TestLoadMissingFolder(t *testing.T) {
	s, err := Load(fstest.MapFS{}, "content")
	if err != nil || len(s.Pages)+len(s.Topics) != 0 {
		t.Errorf("Load of a missing folder = %v, %v; want an empty set", s, err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "unclosed front matter",
			files: map[string]string{"content/about.md": "+++\ntitle = \"A\"\n\nText\n"},
			want:  []string{"content/about.md:1:1: front matter is not closed | close the front matter with a line of +++"},
		},
		{
			name:  "unknown key, with its position",
			files: map[string]string{"content/about.md": "+++\ntitle = \"A\"\ndescription = \"D\"\nmenus = 1\n+++\n"},
			want:  []string{`content/about.md:4:1: unknown key "menus" | did you mean "menu"? known keys here: description, menu, title`},
		},
		{
			name:  "page keys are not topic keys",
			files: map[string]string{"content/topics/x.md": "+++\ndescription = \"D\"\n+++\n"},
			want:  []string{`content/topics/x.md:2:1: unknown key "description" | known keys here: summary, title`},
		},
		{
			name:  "a claim's commentary takes no keys",
			files: map[string]string{"content/claims/t/c.md": "+++\ntitel = \"x\"\n+++\n"},
			want:  []string{`content/claims/t/c.md:2:1: unknown key "titel" | this file takes no front matter keys`},
		},
		{
			name:  "wrong type",
			files: map[string]string{"content/about.md": "+++\ntitle = \"A\"\ndescription = \"D\"\nmenu = \"first\"\n+++\n"},
			want:  []string{`content/about.md:4:1: menu: TOML value has type string; destination has type integer | quote text as "..." and write numbers without quotes`},
		},
		{
			name:  "TOML syntax error",
			files: map[string]string{"content/about.md": "+++\ntitle = \"A\n+++\n"},
			want:  []string{`content/about.md:2:11: title: strings cannot contain newlines | quote text as "..." and write numbers without quotes`},
		},
		{
			name:  "missing page keys",
			files: map[string]string{"content/about.md": "Text\n"},
			want: []string{
				`content/about.md:1:1: missing required key "description" | one sentence for search engines and link previews`,
				`content/about.md:1:1: missing required key "title" | add title = "..." to the front matter between +++ lines`,
			},
		},
		{
			name:  "bad names and layout",
			files: map[string]string{"content/About.md": "+++\ntitle = \"A\"\ndescription = \"D\"\n+++\n", "content/blog/post.md": "x", "content/topics/x/y.md": "x"},
			want: []string{
				`content/About.md: file name "About" is not a valid slug | use lower-case letters, digits and hyphens: it becomes the page's URL`,
				`content/blog/post.md: Markdown file outside the content layout | pages are content/NAME.md and topic articles content/topics/TOPIC.md`,
				`content/topics/x: unexpected folder | a topic's article is one file: content/topics/TOPIC.md`,
			},
		},
		{
			name: "headings and references",
			files: map[string]string{"content/topics/x.md": "+++\n+++\n# Title\n\n## A\n\n#### B\n\n" +
				"{{claim nope}} {{value x}} {{value x y median}} {{chart x}} {{pie x}} {{}} {{claim x/y\n\n" +
				"Inline {{chart x ladder}} here.\n\n[see {{claim x/y}}](https://example.org)\n"},
			want: []string{
				`content/topics/x.md:3:1: level-1 heading in the body | the page's title is its only h1: start sections at ##`,
				`content/topics/x.md:7:1: heading level 4 follows level 2 | go down one level at a time, so that the outline has no gaps`,
				`content/topics/x.md:9:1: claim reference takes one claim ID, got "nope" | write {{claim TOPIC/NAME}}, e.g. {{claim deepseek/v3-report}}`,
				`content/topics/x.md:9:16: value reference takes a topic, a name and an optional part, got "x" | write {{value TOPIC NAME}} or {{value TOPIC NAME range}}`,
				`content/topics/x.md:9:28: unknown value part "median" | use central, low, high or range`,
				`content/topics/x.md:9:49: chart reference takes a topic and a chart name, got "x" | write {{chart TOPIC NAME}}, e.g. {{chart deepseek ladder}}`,
				`content/topics/x.md:9:61: unknown reference kind "pie" | use claim, value or chart; to write {{ literally, escape it as \{{`,
				`content/topics/x.md:9:71: empty reference | write {{claim TOPIC/NAME}}, {{value TOPIC NAME}} or {{chart TOPIC NAME}}`,
				`content/topics/x.md:9:76: reference is not closed | write a reference on one line, as {{kind args}}; to write {{ literally, escape it as \{{`,
				`content/topics/x.md:11:8: chart reference inside a paragraph | put {{chart ...}} in a paragraph of its own, with blank lines around it`,
				`content/topics/x.md:13:6: claim reference inside a link | {{claim ...}} is a link already: take it out of the [link](...)`,
			},
		},
		{
			name: "links, as the browser reads them",
			files: map[string]string{"content/topics/x.md": "[a](&#106;avascript:alert(1))\n\n[b](%6Aavascript:alert(1)) [c](JaVa&#x09;Script:x)\n\n" +
				"[d](//evil.example/x) [e](&#47;/evil.example/x) <javascript:alert(1)> [f](data:text/html,x) [g](:x)\n\n" +
				"[ok](https://example.org) [ok](mailto:a@example.org) [ok](/methodology/) [ok](#a) [ok](../about/) <https://example.org>\n"},
			want: []string{
				`content/topics/x.md:1:2: link to a javascript: URL | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
				`content/topics/x.md:3:2: link to a javascript: URL | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
				`content/topics/x.md:3:29: link to a javascript: URL | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
				`content/topics/x.md:5:2: protocol-relative link "//evil.example/x" | write the scheme (https://evil.example/x), or a path from the site's root (/methodology/)`,
				`content/topics/x.md:5:24: protocol-relative link "//evil.example/x" | write the scheme (https://evil.example/x), or a path from the site's root (/methodology/)`,
				`content/topics/x.md:5:49: link to a javascript: URL | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
				`content/topics/x.md:5:72: link to a data: URL | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
				`content/topics/x.md:5:94: link with a malformed scheme "" | link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)`,
			},
		},
		{
			name: "images ship with the site",
			files: map[string]string{
				"content/about.md": "+++\ntitle = \"A\"\ndescription = \"D\"\n+++\n" +
					"![a](https://evil.example/a.png) ![b](//evil.example/b.png) ![c](&#106;avascript:x)\n\n" +
					"![d](images/missing.png) ![e](../../secret.png) ![f](topics/x.png)\n\n" +
					"![g](images/logo.svg) ![h](/images/ok.png) ![i](images/ok.png?v=1) ![j](images/ok.png)\n",
				"content/images/ok.png":   "PNG",
				"content/images/logo.svg": "<svg/>",
				"content/topics/x.png":    "PNG",
			},
			want: []string{
				`content/about.md:5:1: external image "https://evil.example/a.png" | the site loads nothing from other hosts: save the image under content/images/ and write its path relative to this file (images/NAME.png from content/NAME.md)`,
				`content/about.md:5:34: external image "//evil.example/b.png" | the site loads nothing from other hosts: save the image under content/images/ and write its path relative to this file (images/NAME.png from content/NAME.md)`,
				`content/about.md:5:61: image from a javascript: URL | the site loads nothing from other hosts: save the image under content/images/ and write its path relative to this file (images/NAME.png from content/NAME.md)`,
				`content/about.md:7:1: no image file content/images/missing.png | the path is relative to this Markdown file`,
				`content/about.md:7:26: image "../../secret.png" is outside the content folder | images live under content/images/; write the path relative to this Markdown file`,
				`content/about.md:7:49: image content/topics/x.png is not under content/images/ | move it to content/images/ and write the path relative to this Markdown file`,
				`content/about.md:9:1: image content/images/logo.svg is not a PNG, JPEG, GIF, WebP or AVIF file | convert it; SVG is not accepted, because an SVG file can run script`,
				`content/about.md:9:23: image path "/images/ok.png" starts with / | write the path relative to this Markdown file (images/NAME.png from content/NAME.md, ../images/NAME.png from content/topics/TOPIC.md)`,
				`content/about.md:9:44: image path "images/ok.png?v=1" has a query or fragment | name the file only: images/NAME.png`,
			},
		},
		{
			name:  "a chart placed twice",
			files: map[string]string{"content/topics/x.md": "{{chart x ladder}}\n\n{{chart x bridge}}\n\n{{chart x ladder}}\n"},
			want:  []string{`content/topics/x.md:5:1: chart x ladder is already placed on this page | place each chart once per page`},
		},
		{
			name: "reserved page names",
			files: map[string]string{
				"content/images.md":  "+++\ntitle = \"I\"\ndescription = \"D\"\n+++\n",
				"content/sources.md": "+++\ntitle = \"S\"\ndescription = \"D\"\n+++\n",
			},
			want: []string{
				`content/images.md: page name "images" is reserved | rename the file: the site uses /images/ itself`,
				`content/sources.md: page name "sources" is reserved | rename the file: the site uses /sources/ itself`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(mapFS(tc.files), "content")
			if got := errorLines(err); !slices.Equal(got, tc.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// resolveAll resolves every reference to a fixed form.
func resolveAll(kind string, args []string) Ref {
	switch kind {
	case Claim:
		return Ref{Text: "The <claim> & title", URL: "/claims/" + args[0] + "/"}
	case Value:
		return Ref{Text: "$5.576M", Value: "5576000", URL: "/topics/" + args[0] + "/#scope-" + args[1]}
	case Image:
		return Ref{URL: "/site/" + args[0]}
	}
	return Ref{HTML: `<figure id="chart-x">chart</figure>`}
}

type hintError struct{ msg, hint string }

func (e hintError) Error() string { return e.msg }
func (e hintError) Hint() string  { return e.hint }

func TestRender(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "references",
			body: "It cost {{value deepseek v3-final-run}}, says {{claim deepseek/v3}}.\n\n{{chart deepseek ladder}}\n",
			want: `<p>It cost <a class="ref ref-value" href="/topics/deepseek/#scope-v3-final-run"><data class="value" value="5576000">$5.576M</data></a>, says <a class="ref ref-claim" href="/claims/deepseek/v3/"><bdi>The &lt;claim&gt; &amp; title</bdi></a>.</p>
<figure id="chart-x">chart</figure>
`,
		},
		{
			name: "escaped braces and code",
			body: "\\{{claim x/y}} and `{{claim x/y}}`\n",
			want: "<p>{{claim x/y}} and <code>{{claim x/y}}</code></p>\n",
		},
		{
			name: "raw HTML is dropped",
			body: "<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b>\n",
			want: "<!-- raw HTML omitted -->\n<p>A <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n",
		},
		{
			name: "table alignment as classes, header scope",
			body: "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
			want: "<table>\n<thead>\n<tr>\n<th scope=\"col\" class=\"align-left\">a</th>\n<th scope=\"col\" class=\"align-right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class=\"align-left\">1</td>\n<td class=\"align-right\">2</td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "heading ids avoid the page's",
			body: "## Sources\n\n## Chart data\n\n## Scope of work\n\n## Sources\n\n## Notes\n",
			want: "<h2 id=\"sources-1\">Sources</h2>\n<h2 id=\"chart-data-1\">Chart data</h2>\n<h2 id=\"scope-of-work-1\">Scope of work</h2>\n<h2 id=\"sources-2\">Sources</h2>\n<h2 id=\"notes\">Notes</h2>\n",
		},
		{
			name: "heading ids keep the letters of every script",
			body: "## تكلفة التدريب: ٥٫٥ مليون؟\n\n## تكلفة التدريب: ٥٫٥ مليون؟\n\n## Ce qu’il coûte\n\n## \u0627\u0654 — «»\n\n## ?!\n\n## ?!\n",
			want: "<h2 id=\"تكلفة-التدريب-٥٥-مليون\">تكلفة التدريب: ٥٫٥ مليون؟</h2>\n<h2 id=\"تكلفة-التدريب-٥٥-مليون-1\">تكلفة التدريب: ٥٫٥ مليون؟</h2>\n<h2 id=\"ce-quil-coûte\">Ce qu’il coûte</h2>\n<h2 id=\"\u0623--\">\u0627\u0654 — «»</h2>\n<h2 id=\"section\">?!</h2>\n<h2 id=\"section-1\">?!</h2>\n",
		},
		{
			name: "typographer, footnotes, autolinks",
			body: "\"Quoted\" -- see https://example.org.[^1]\n\n[^1]: A note.\n",
			want: "<p>&ldquo;Quoted&rdquo; &ndash; see <a href=\"https://example.org\">https://example.org</a>.<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>A note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">↩︎</a></p>\n</li>\n</ol>\n</div>\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(mapFS(map[string]string{"content/topics/deepseek.md": tc.body}), "content")
			if err != nil {
				t.Fatal(err)
			}
			got := s.Render(s.Topic("deepseek"), resolveAll)
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// lookupMissing finds everything but the names "missing" and the topic
// and claims "gone".
func lookupMissing(kind string, args []string) error {
	switch {
	case strings.Contains(strings.Join(args, " "), "missing"):
		return hintError{"no such thing", "try another"}
	case kind == Topic && args[0] == "gone", kind == Claim && strings.HasPrefix(args[0], "gone/"):
		return hintError{"gone", `did you mean "here"?`}
	}
	return nil
}

func TestCheck(t *testing.T) {
	s, err := Load(mapFS(map[string]string{
		"content/topics/x.md":      "+++\nsummary = \"s\"\n+++\n\n## A\n\nOne {{claim x/missing}}, two {{value x missing}}, {{value x here range}}.\n\n{{chart x missing}}\n",
		"content/topics/gone.md":   "Fine.\n",
		"content/claims/gone/a.md": "Fine.\n",
		"content/claims/x/a.md":    "{{claim x/a}}\n",
		"content/about.md":         "+++\ntitle = \"A\"\ndescription = \"D.\"\n+++\nSee {{value missing y}}.\n",
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Check(lookupMissing)
	want := []string{
		"content/about.md:5:5: no such thing | try another",
		`content/claims/gone/a.md: no claim "gone/a" for this commentary | did you mean "here"? a claim's commentary is content/claims/TOPIC/NAME.md for the claim file claims/TOPIC/NAME.toml`,
		`content/topics/gone.md: no topic "gone" for this article | did you mean "here"? an article is content/topics/TOPIC.md for a folder claims/TOPIC`,
		"content/topics/x.md:7:5: no such thing | try another",
		"content/topics/x.md:7:30: no such thing | try another",
		"content/topics/x.md:9:1: no such thing | try another",
	}
	if got := errorLines(err); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var list diag.List
	if !errors.As(err, &list) {
		t.Errorf("Check's error is a %T, want a diag.List", err)
	}
	if err := s.Check(func(string, []string) error { return nil }); err != nil {
		t.Errorf("Check with a lookup that finds everything: %v", err)
	}
}

// TestCheckAfterErrors checks that the documents that loaded are checked
// even when others did not, so that one run reports both.
func TestCheckAfterErrors(t *testing.T) {
	s, err := Load(mapFS(map[string]string{
		"content/topics/x.md": "See {{claim x/missing}}.\n",
		"content/claims.md":   "+++\ntitle = \"C\"\ndescription = \"D.\"\n+++\n",
	}), "content")
	errs := append(diag.Errors(err), diag.Errors(s.Check(lookupMissing))...)
	want := []string{
		`content/claims.md: page name "claims" is reserved | rename the file: the site uses /claims/ itself`,
		"content/topics/x.md:1:5: no such thing | try another",
	}
	if got := errorLines(errs.Err()); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in           string
		front, body        string
		bodyLine           int
		ok, hasFrontMatter bool
	}{
		{"none", "Text\n", "", "Text\n", 1, true, false},
		{"empty", "+++\n+++\nText\n", "", "Text\n", 3, true, true},
		{"crlf and spaces", "+++ \r\na = 1\r\n+++\r\nText", "a = 1\r\n", "Text", 4, true, true},
		{"unclosed", "+++\na = 1\n", "", "", 0, false, false},
		{"not a fence", "++++\nText\n", "", "++++\nText\n", 1, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			front, body, line, ok := split([]byte(tc.in))
			if string(front) != tc.front || string(body) != tc.body || line != tc.bodyLine || ok != tc.ok || (front != nil) != tc.hasFrontMatter {
				t.Errorf("split(%q) = %q, %q, %d, %v", tc.in, front, body, line, ok)
			}
		})
	}
}

// tricky has references everywhere Markdown lets them stand: in an image's
// alt text (where they write nothing, as any inline markup there), a
// heading, table cells, a link, a chart block, nested lists, emphasis, a
// footnote, and escaped or in code (where they are text).
const tricky = "Alt ![see {{value deepseek a}}](../images/img.png) after {{value deepseek b range}}.[^1]\n\n" +
	"## Cost {{value deepseek c}}\n\n| part | {{value deepseek d}} |\n|:--|--:|\n| {{claim deepseek/v3}} | [x {{value deepseek e}}](https://e.org) |\n\n" +
	"{{chart deepseek ladder}}\n\n- *em {{claim deepseek/r1}}*\n  - ~~s {{value deepseek f}}~~\n\n" +
	"`{{claim x/y}}` \\{{claim x/y}}\n\n[^1]: A note with {{claim deepseek/v3}}.\n"

// trickyResolve resolves every reference of tricky, noting each call.
func trickyResolve(calls *[]string) Resolver {
	return func(kind string, args []string) Ref {
		*calls = append(*calls, kind+" "+strings.Join(args, " "))
		switch kind {
		case Claim:
			return Ref{Text: "<" + args[0] + ">", URL: "/claims/" + args[0] + "/"}
		case Value:
			return Ref{Text: "$" + args[1], Value: "1&2", URL: "/topics/" + args[0] + "/#scope-" + args[1]}
		case Image:
			return Ref{URL: "/p&q/" + args[0]}
		}
		return Ref{HTML: template.HTML(`<figure id="chart-` + args[1] + `">chart</figure>`)}
	}
}

// TestRenderPlacesReferences checks that references are written where
// goldmark would have written them, and resolved in document order (the
// footnote's last).
func TestRenderPlacesReferences(t *testing.T) {
	s, err := Load(mapFS(map[string]string{"content/topics/deepseek.md": tricky, "content/images/img.png": "PNG"}), "content")
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	got := s.Render(s.Topic("deepseek"), trickyResolve(&calls))
	want := "<p>Alt <img src=\"/p&amp;q/images/img.png\" alt=\"see \"> after <a class=\"ref ref-value\" href=\"/topics/deepseek/#scope-b\"><data class=\"value\" value=\"1&amp;2\">$b</data></a>.<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup></p>\n<h2 id=\"cost-value-deepseek-c\">Cost <a class=\"ref ref-value\" href=\"/topics/deepseek/#scope-c\"><data class=\"value\" value=\"1&amp;2\">$c</data></a></h2>\n<table>\n<thead>\n<tr>\n<th scope=\"col\" class=\"align-left\">part</th>\n<th scope=\"col\" class=\"align-right\"><a class=\"ref ref-value\" href=\"/topics/deepseek/#scope-d\"><data class=\"value\" value=\"1&amp;2\">$d</data></a></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class=\"align-left\"><a class=\"ref ref-claim\" href=\"/claims/deepseek/v3/\"><bdi>&lt;deepseek/v3&gt;</bdi></a></td>\n<td class=\"align-right\"><a href=\"https://e.org\">x <a class=\"ref ref-value\" href=\"/topics/deepseek/#scope-e\"><data class=\"value\" value=\"1&amp;2\">$e</data></a></a></td>\n</tr>\n</tbody>\n</table>\n<figure id=\"chart-ladder\">chart</figure>\n<ul>\n<li><em>em <a class=\"ref ref-claim\" href=\"/claims/deepseek/r1/\"><bdi>&lt;deepseek/r1&gt;</bdi></a></em>\n<ul>\n<li><del>s <a class=\"ref ref-value\" href=\"/topics/deepseek/#scope-f\"><data class=\"value\" value=\"1&amp;2\">$f</data></a></del></li>\n</ul>\n</li>\n</ul>\n<p><code>{{claim x/y}}</code> {{claim x/y}}</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>A note with <a class=\"ref ref-claim\" href=\"/claims/deepseek/v3/\"><bdi>&lt;deepseek/v3&gt;</bdi></a>.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">↩︎</a></p>\n</li>\n</ol>\n</div>\n"
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	wantCalls := []string{
		"image images/img.png", "value deepseek a", "value deepseek b range", "value deepseek c", "value deepseek d",
		"claim deepseek/v3", "value deepseek e", "chart deepseek ladder", "claim deepseek/r1",
		"value deepseek f", "claim deepseek/v3",
	}
	if !slices.Equal(calls, wantCalls) {
		t.Errorf("resolved:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(wantCalls, "\n"))
	}
}

// TestRenderConcurrent renders documents from several goroutines at once,
// for the race detector, and checks that each gets its own references.
func TestRenderConcurrent(t *testing.T) {
	files := map[string]string{}
	for i := range 8 {
		files[fmt.Sprintf("content/topics/t%d.md", i)] = fmt.Sprintf("See {{claim t%d/c}} and {{value t%d v}}.\n", i, i)
	}
	s, err := Load(mapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]string, 4*len(s.Topics))
	for i := range got {
		wg.Go(func() {
			h := s.Render(s.Topics[i%len(s.Topics)], func(kind string, args []string) Ref {
				return Ref{Text: kind + ":" + strings.Join(args, ",")}
			})
			got[i] = string(h)
		})
	}
	wg.Wait()
	for i, h := range got {
		n := i % len(s.Topics)
		want := fmt.Sprintf("<p>See <bdi>claim:t%d/c</bdi> and <data class=\"value\" value=\"\">value:t%d,v</data>.</p>\n", n, n)
		if h != want {
			t.Errorf("render %d = %q, want %q", i, h, want)
		}
	}
}

// TestLoadKeepsFiles checks which file contents a Set keeps for error
// context: all when loading fails, those with references when it succeeds.
func TestLoadKeepsFiles(t *testing.T) {
	files := map[string]string{
		"content/about.md":       "+++\ntitle = \"About\"\ndescription = \"D.\"\n+++\nNo references.\n",
		"content/topics/a.md":    "See {{claim a/b}}.\n",
		"content/topics/b.md":    "Plain.\n",
		"content/claims/a/b.md":  "Worth {{value a x}}.\n",
		"content/claims/a/c.md":  "Plain.\n",
		"content/methodology.md": "+++\ntitle = \"M\"\ndescription = \"D.\"\n+++\n",
	}
	s, err := Load(mapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(s.Files)), []string{"content/claims/a/b.md", "content/topics/a.md"}; !slices.Equal(got, want) {
		t.Errorf("files kept after success: %q, want %q", got, want)
	}
	files["content/topics/c.md"] = "# Title\n"
	s, err = Load(mapFS(files), "content")
	if err == nil {
		t.Fatal("no error for a level-1 heading")
	}
	if got := len(s.Files); got != len(files) {
		t.Errorf("kept %d files after an error, want all %d", got, len(files))
	}
}

// TestLoadMany loads more files than there are processors, with errors in
// some, and checks that documents come sorted and errors complete.
func TestLoadMany(t *testing.T) {
	files := map[string]string{}
	var want []string
	for i := range 60 {
		name := fmt.Sprintf("topic-%02d", i)
		body := fmt.Sprintf("## About %d\n\nSee {{claim %s/x}}.\n", i, name)
		if i%7 == 3 {
			body = "#### Too deep\n"
			want = append(want, fmt.Sprintf("content/claims/%s/x.md:1:1: heading level 4 follows level 1", name))
		}
		files["content/claims/"+name+"/x.md"] = body
		files["content/topics/"+name+".md"] = body
		if i%7 == 3 {
			want = append(want, fmt.Sprintf("content/topics/%s.md:1:1: heading level 4 follows level 1", name))
		}
	}
	slices.Sort(want)
	_, err := Load(mapFS(files), "content")
	var got []string
	for _, e := range diag.Errors(err) {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, body := range files {
		if strings.HasPrefix(body, "####") {
			delete(files, name)
		}
	}
	s, err := Load(mapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Claims) != len(s.Topics) || len(s.Topics) != len(files)/2 {
		t.Fatalf("loaded %d claims and %d topics from %d files", len(s.Claims), len(s.Topics), len(files))
	}
	for i, d := range s.Claims {
		if d.Name != s.Topics[i].Name+"/x" || i > 0 && s.Topics[i-1].Name >= s.Topics[i].Name {
			t.Errorf("document %d: claim %s, topic %s: not sorted", i, d.Name, s.Topics[i].Name)
		}
	}
}

// TestLoadImages checks that the images a set shows are listed once each,
// sorted, with their bytes, and written with their URL on the site.
func TestLoadImages(t *testing.T) {
	s, err := Load(mapFS(map[string]string{
		"content/about.md":            "+++\ntitle = \"A\"\ndescription = \"D\"\n+++\n![The GPUs](images/gpu%20room.png \"Hall 2\")\n",
		"content/topics/x.md":         "![Twice *over*](<../images/gpu room.png>) ![](<../images/charts/a.jpg>)\n",
		"content/claims/x/c.md":       "![c](../../images/charts/a.jpg)\n",
		"content/images/gpu room.png": "PNG",
		"content/images/charts/a.jpg": "JPEG",
		"content/images/unused.png":   "PNG",
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, im := range s.Images {
		got = append(got, im.Name+"="+string(im.Data))
	}
	if want := []string{"images/charts/a.jpg=JPEG", "images/gpu room.png=PNG"}; !slices.Equal(got, want) {
		t.Errorf("images %q, want %q", got, want)
	}
	for _, tc := range []struct {
		doc  *Doc
		want string
	}{
		{s.Page("about"), "<p><img src=\"/site/images/gpu%20room.png\" alt=\"The GPUs\" title=\"Hall 2\"></p>\n"},
		{s.Topic("x"), "<p><img src=\"/site/images/gpu%20room.png\" alt=\"Twice over\"> <img src=\"/site/images/charts/a.jpg\" alt=\"\"></p>\n"},
		{s.Claim("x/c"), "<p><img src=\"/site/images/charts/a.jpg\" alt=\"c\"></p>\n"},
	} {
		if got := string(s.Render(tc.doc, resolveAll)); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.doc.File, got, tc.want)
		}
	}
}
