package site

import (
	"bytes"
	"html/template"
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
