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
