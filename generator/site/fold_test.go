package site

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"testing"
)

// TestFoldStrings checks that folding the constant calls of t into their
// strings changes no output, in any context, and leaves a missing key to
// fail when, and only when, its call runs.
func TestFoldStrings(t *testing.T) {
	tx := &texts{file: "i18n/en.toml", m: map[string]string{
		"plain": "Skip to content", "special": `<b> & "quotes" + 'it'`, "count": "{1} claims",
		"url": "a b/c?d=é", "js": "x</script>",
	}}
	src := `{{define "page"}}<p title="{{t "special"}}">{{t "plain"}} {{t "special"}} {{t "count" 3}} {{t "special" | len}}</p>` +
		`<a href="/{{t "url"}}">{{t "url"}}</a><script>var s = {{t "js"}};</script>` +
		`{{if .}}{{t "plain"}}{{else}}{{t "missing"}}{{end}}{{with $x := t "plain"}}{{$x}}{{end}}{{template "part" (t "plain")}}{{end}}` +
		`{{define "part"}}<em>{{.}}</em>{{end}}`
	run := func(fold bool, data any) (string, error) {
		set := template.Must(template.New("x").Option("missingkey=error").Funcs(template.FuncMap{"t": tx.get}).Parse(src))
		if fold {
			foldStrings(set, tx)
		}
		var b bytes.Buffer
		err := set.ExecuteTemplate(&b, "page", data)
		return b.String(), err
	}
	want, err := run(false, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(true, true)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("folded:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(got, `title="&lt;b&gt; &amp; &#34;quotes&#34; &#43; &#39;it&#39;"`) {
		t.Errorf("the folded string is not escaped in its attribute:\n%s", got)
	}
	set := template.Must(template.New("x").Funcs(template.FuncMap{"t": tx.get}).Parse(src))
	foldStrings(set, tx)
	tree := set.Lookup("page").Tree.Root.String()
	for _, call := range []string{`t "plain"`, `t "special"`, `t "url"`, `t "js"`} {
		if strings.Contains(tree, call) {
			t.Errorf("%s is not folded: %s", call, tree)
		}
	}
	for _, call := range []string{`t "count" 3`, `t "missing"`} {
		if !strings.Contains(tree, call) {
			t.Errorf("%s is folded: %s", call, tree)
		}
	}
	_, err = run(true, false)
	if err == nil || !strings.Contains(err.Error(), `no interface string "missing"`) {
		t.Errorf("a missing key that runs: %v, want its error", err)
	}
}

// TestFoldEscaped checks that printing the constant strings of escaped
// templates as text changes no output in any context, that it folds the
// ones in element text, quoted attributes and text areas and no other,
// and that a template that cannot be escaped fails as it did.
func TestFoldEscaped(t *testing.T) {
	special := strconv.Quote(`<b> & "quotes" + 'it' ` + "\x00 é")
	src := `{{define "page"}}<p title="{{` + special + `}}">{{` + special + `}} {{"plain"}}</p>` +
		`<textarea>{{` + special + `}}</textarea><title>{{"a<b"}}</title>` +
		`<a href="/{{"a b/c?d=é"}}">{{if .}}{{"yes"}}{{else}}{{"no"}}{{end}}</a><script>var s = {{"x</script>"}};</script>` +
		`<p class={{"un quoted"}}>{{range .}}{{"item"}}{{end}}{{with $x := "kept"}}{{$x}}{{end}}{{template "part" "arg"}}</p>{{end}}` +
		`{{define "part"}}<em>{{.}}</em>{{"part"}}{{end}}` +
		`{{define "open"}}<a href="{{"x"}}{{end}}`
	run := func(fold bool, name string, data any) (string, *template.Template, error) {
		set := template.Must(template.New("x").Parse(src))
		if fold {
			foldEscaped(set, name)
		}
		var b strings.Builder
		err := set.ExecuteTemplate(&b, name, data)
		return b.String(), set, err
	}
	for _, data := range []any{[]int{1, 2}, nil} {
		want, _, err := run(false, "page", data)
		if err != nil {
			t.Fatal(err)
		}
		got, set, err := run(true, "page", data)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("folded:\n%s\nwant:\n%s", got, want)
		}
		tree := set.Lookup("page").Tree.Root.String() + set.Lookup("part").Tree.Root.String()
		for _, kept := range []string{`"a b/c?d=é"`, `"x</script>"`, `"un quoted"`, `$x := "kept"`, `template "part" "arg"`} {
			if !strings.Contains(tree, kept) {
				t.Errorf("%s is folded: %s", kept, tree)
			}
		}
		for _, folded := range []string{`{{"plain"`, `{{"yes"`, `{{"no"`, `{{"item"`, `{{"part"`, `{{"a<b"`, `{{"<b>`} {
			if strings.Contains(tree, folded) {
				t.Errorf("%s is not folded: %s", folded, tree)
			}
		}
	}
	_, _, want := run(false, "open", nil)
	_, _, got := run(true, "open", nil)
	if want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("a template that cannot be escaped: %v, want %v", got, want)
	}
}

// textSource is the "text", "date" and "when" partials of partials.html.
const textSource = `{{define "text"}}{{range .}}{{if .User}}<bdi>{{.Text}}</bdi>{{else}}{{.Text}}{{end}}{{end}}{{end}}` +
	`{{define "date"}}{{if .ISO}}<time datetime="{{.ISO}}">{{.Text}}</time>{{else}}{{.Text}}{{end}}{{end}}` +
	`{{define "when"}}{{if .ISO}}<time datetime="{{.ISO}}">{{.When}}</time>{{else}}{{.When}}{{end}}{{end}}`

// hostile are strings that escaping must take care of: markup, quotes,
// NUL, invalid UTF-8, bidi controls, line separators, noncharacters.
var hostile = []string{
	"", "plain", `<b> & "q" + 'a'`, "nul\x00byte", "bad \xff\xfe utf-8 \xe2\x82", "é ü 中文 \u202e\u2066 rtl \u2069",
	"\uFDD0 \uFFFE noncharacters", "&amp; already", "</bdi><script>", "a\u2028b\u2029c", "`x`=y ''\"\"", "1+1 +5% ++",
	"\x00+\x00<\x00", "\ufeff\u200b\u200e\u200f", "\xed\xa0\x80 surrogate", "&#43;&#x2b;",
}

// FuzzTextHTML: a Text and a Date written in Go are what the "text",
// "date" and "when" partials write through html/template, and a string
// escaped in Go is what html/template's escapers of element text and of a
// quoted attribute write, for any bytes, valid UTF-8 or not.
func FuzzTextHTML(f *testing.F) {
	for i, s := range hostile {
		f.Add(s, "user "+s, i-3)
	}
	set := template.Must(template.New("x").Parse(textSource))
	probes := newProbes()
	const page = `{{define "page"}}{{.}}<p title="{{.}}">{{end}}`
	ref := template.Must(template.New("x").Parse(page))
	folded := template.Must(template.New("x").Parse(page))
	foldEscaped(folded, "page")
	foldEscapers(folded, "page")
	if tree := folded.Lookup("page").Tree.Root.String(); tree != `{{. | _reckon_htmlescaper}}<p title="{{. | _reckon_attrescaper}}">` {
		f.Fatalf("escapers not folded: %s", tree)
	}
	f.Fuzz(func(t *testing.T, plain, usr string, n int) {
		tx := Text{{Text: plain}, {Text: usr, User: true}, {Text: plain, User: true}}
		for _, c := range []struct {
			name string
			data any
			got  template.HTML
		}{
			{"text", tx, tx.html()},
			{"date", Date{ISO: usr, Text: plain}, timeHTML(usr, plain)},
			{"when", Date{ISO: usr, When: plain}, timeHTML(usr, plain)},
			{"date", Date{Text: plain}, timeHTML("", plain)},
		} {
			var b strings.Builder
			if err := set.ExecuteTemplate(&b, c.name, c.data); err != nil {
				t.Fatal(err)
			}
			if string(c.got) != b.String() {
				t.Errorf("%s: Go writes %q, the partial %q", c.name, c.got, b.String())
			}
		}
		for _, chain := range []string{"_html_template_htmlescaper", "_html_template_attrescaper"} {
			for _, s := range []string{plain, usr} {
				want, ok := probes[chain].print(s)
				if got := string(appendEscaped([]byte("x"), s)); !ok || got != "x"+want {
					t.Errorf("%s: Go writes %q, html/template %q", chain, got, want)
				}
				if got := escapeString(s); got != want {
					t.Errorf("%s: escapeString writes %q, html/template %q", chain, got, want)
				}
			}
		}
		// The escapers that Go writes in html/template's place, on any
		// string or int, and on the types of the views.
		for _, v := range []any{plain, usr, n, template.HTML(usr), Text{{Text: usr}}, &plain, count(n), date(usr)} {
			var want, got strings.Builder
			if err := ref.ExecuteTemplate(&want, "page", v); err != nil {
				t.Fatal(err)
			}
			if err := folded.ExecuteTemplate(&got, "page", v); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%T: folded escapers write %q, html/template %q", v, got.String(), want.String())
			}
		}
	})
}

// TestEscapeAgrees: html/template escapes as [appendEscaped] does, so the
// partials are folded; and an escaper that writes otherwise (that of an
// unquoted attribute, which escapes spaces, = and `) is seen to.
func TestEscapeAgrees(t *testing.T) {
	probes := newProbes()
	if !escapeAgrees(probes) {
		t.Fatal("html/template does not escape as appendEscaped does")
	}
	other := template.Must(template.New("probe").Parse(`<p title={{.}}>`))
	probes["_html_template_attrescaper"] = &escapeProbe{before: "<p title=", after: ">", tmpl: other}
	if escapeAgrees(probes) {
		t.Error("a probe that writes otherwise agrees")
	}
}

// TestFoldText: calls of the "text", "date" and "when" partials in element
// text become calls of a function that writes the same, for a Text or a
// Date or any other data, and fails as the partial does; calls elsewhere and a site's own "text"
// partial are left as they are.
func TestFoldText(t *testing.T) {
	type span struct {
		Text string
		User bool
	}
	src := textSource + `{{define "page"}}<p>{{template "text" .T}}</p><p title="{{template "text" .T}}">{{template "text" (.T)}}</p>` +
		`{{template "text" .Spans}}{{template "text" .Nil}}{{range .List}}<i>{{template "text" .}}</i>{{end}}` +
		`{{template "date" .D}} {{template "when" .D}}{{template "date" .O}}{{if .Bad}}{{template "text" .Bad}}{{end}}{{end}}`
	data := func(bad any) map[string]any {
		return map[string]any{
			"T": Text{{Text: "a < b, "}, {Text: `"Mr" O'Neil`, User: true}}, "Spans": []span{{"x & y", true}}, "Nil": Text(nil),
			"List": []Text{{{Text: "one"}}, {{Text: "two", User: true}}}, "Bad": bad,
			"O": map[string]string{"ISO": "<x>", "Text": "y&z"}, "D": Date{ISO: "2025-01-02", Text: "2 January 2025", When: "on 2 January 2025"},
		}
	}
	run := func(src string, fold bool, data any) (string, string, error) {
		set := template.Must(template.New("x").Option("missingkey=error").Parse(src))
		foldEscaped(set, "page")
		if fold {
			foldPartials(set, "page")
		}
		var b bytes.Buffer
		err := set.ExecuteTemplate(&b, "page", data)
		if err != nil {
			err = templateError(map[string]string{}, err)
		}
		return b.String(), set.Lookup("page").Tree.Root.String(), err
	}
	want, _, err := run(src, false, data(nil))
	if err != nil {
		t.Fatal(err)
	}
	got, tree, err := run(src, true, data(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("folded:\n%s\nwant:\n%s", got, want)
	}
	for name, want := range map[string]int{"text": 6, "date": 2, "when": 1} {
		if n := strings.Count(tree, partialFunc(name)); n != want {
			t.Errorf("%d calls of %s, want %d: %s", n, partialFunc(name), want, tree)
		}
	}
	if !strings.Contains(tree, `{{template "text$htmltemplate_stateAttr`) {
		t.Errorf("the call in the attribute is not the partial's: %s", tree)
	}

	// Data the partial cannot range over fails as it did.
	_, _, wantErr := run(src, false, data(3.5))
	_, _, gotErr := run(src, true, data(3.5))
	if wantErr == nil || gotErr == nil || gotErr.Error() != wantErr.Error() {
		t.Errorf("folded error %v, want %v", gotErr, wantErr)
	}

	// A site's own "text" partial is the one executed.
	own := strings.Replace(src, "<bdi>{{.Text}}</bdi>", "<u>{{.Text}}</u>", 1)
	got, tree, err = run(own, true, data(nil))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(tree, partialFunc("text")) || !strings.Contains(tree, partialFunc("date")) || !strings.Contains(got, "<u>&#34;Mr&#34; O&#39;Neil</u>") {
		t.Errorf("own partial not executed:\n%s\n%s", got, tree)
	}
}

// count is an int of its own type, which prints itself.
type count int

func (c count) String() string { return "<" + strconv.Itoa(int(c)) + "+>" }

// date is a Date from its ISO form.
func date(iso string) Date { return Date{ISO: iso, Text: iso} }

// TestFoldEscapers: the escaper of an action in element text or a quoted
// attribute, written in Go, writes what html/template's writes, for a
// string, HTML and any other value; other escapers are left alone.
func TestFoldEscapers(t *testing.T) {
	str := `<b> & "q" + 'a' ` + "\x00 \xff é"
	values := []any{
		str, template.HTML(`<i title="x">it</i> &amp; ` + str), 42, 2.5, true, nil, &str, Text{{Text: str}, {Text: "u", User: true}},
		template.URL("https://x.example/?a=1&b=<2>"), template.JS(`"js"`), []string{"a", "<b>"}, Span{Text: str},
		-7, int64(8), count(9), template.HTMLAttr(`a="b"`), (*string)(nil), date("2025-01-02"),
	}
	src := `{{define "page"}}<p class="{{.}}" title='{{.}}'>{{.}}</p><a href="{{.}}">{{.}}</a><textarea>{{.}}</textarea>{{template "part" .}}{{end}}` +
		`{{define "part"}}<em data-x="{{.}}">{{. | print}}</em>{{end}}`
	run := func(fold bool, v any) (string, string) {
		set := template.Must(template.New("x").Parse(src))
		foldEscaped(set, "page")
		if fold {
			foldEscapers(set, "page")
		}
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, "page", v); err != nil {
			t.Fatal(err)
		}
		return b.String(), set.Lookup("page").Tree.Root.String() + set.Lookup("part").Tree.Root.String()
	}
	for _, v := range values {
		want, _ := run(false, v)
		got, tree := run(true, v)
		if got != want {
			t.Errorf("%T: folded\n%s\nwant\n%s", v, got, want)
		}
		for name, n := range map[string]int{"_reckon_htmlescaper": 3, "_reckon_attrescaper": 3, "_html_template_urlfilter": 1, "_html_template_rcdataescaper": 1} {
			if c := strings.Count(tree, name); c != n {
				t.Errorf("%d calls of %s, want %d: %s", c, name, n, tree)
			}
		}
	}
}
