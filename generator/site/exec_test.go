package site

import (
	"bytes"
	"html/template"
	"maps"
	"strings"
	"testing"
)

// compiled parses src, which defines "page", as the templates are parsed
// (with the functions t, tx and table, escaped and folded), and returns
// the set and its program of "page".
func compiled(t testing.TB, src string) (*template.Template, *programs) {
	t.Helper()
	tx := &texts{m: map[string]string{"hello": "Hello, {1}!", "items": "{1} items", "plain": "a < b"}}
	funcs := template.FuncMap{"t": tx.get, "tx": tx.text, "table": tableOf}
	set := template.Must(template.New("x").Option("missingkey=error").Funcs(funcs).Parse(textSource + src))
	foldEscaped(set, "page")
	folded := maps.Clone(funcs)
	maps.Copy(folded, foldPartials(set, "page"))
	maps.Copy(folded, foldEscapers(set, "page"))
	if !execAgrees(newProbes()) {
		t.Fatal("html/template does not escape as the programs do")
	}
	return set, compilePrograms(set, folded, "page")
}

// both executes "page" on data with its program and with html/template,
// and returns what each wrote or its error.
func both(set *template.Template, ps *programs, data any) (got, want string) {
	var g, w bytes.Buffer
	g.WriteString("kept:") // a program writes after what the buffer holds
	if err := ps.execute(set, &g, "page", data); err != nil {
		g.WriteString("error: " + err.Error())
	}
	w.WriteString("kept:")
	if err := set.ExecuteTemplate(&w, "page", data); err != nil {
		w.WriteString("error: " + err.Error())
	}
	return g.String(), w.String()
}

type (
	execInner struct {
		Name string
		P    *execInner
	}
	execView struct {
		execInner
		Title, URL string
		N          int
		On         bool
		Tags       []string
		Items      []execInner
		Any        any
		Ptr        *execInner
		Text       Text
		Date       Date
		HTML       template.HTML
		JS         template.JS
		Map        map[string]string
		hidden     string
	}
	execMethod struct{ Title string }
)

// Upper is a method that text/template calls in a field's place.
func (m execMethod) Upper() string { return strings.ToUpper(m.Title) }

// TestProgramSemantics: a program writes what html/template writes, or
// gives up to it, for each part of the template language it knows and
// for what it does not.
func TestProgramSemantics(t *testing.T) {
	view := execView{
		execInner: execInner{Name: "inner <x>"}, Title: `a "b" & c + d`, URL: "https://x.example/a b?c=d&e",
		N: 3, On: true, Tags: []string{"one", "t'wo"}, Items: []execInner{{Name: "i1"}, {Name: "i2", P: &execInner{Name: "deep"}}},
		Any: "any <s>", Ptr: &execInner{Name: "ptr"}, Text: Text{{Text: "x < "}, {Text: "user", User: true}},
		HTML: "<b>bold</b>", JS: `{"a":1}`, Map: map[string]string{"k": "v"}, hidden: "h",
	}
	empty := execView{}
	for _, tc := range []struct {
		name, src string
		data      []any
		program   bool // the program writes the page, for every data
	}{
		{"fields", `{{define "page"}}<p title="{{.Title}}">{{.Name}} {{.Title}} {{.N}} {{.Ptr.Name}}</p>{{end}}`, []any{view}, true},
		{"embedded and pointers", `{{define "page"}}{{.Name}}{{with .Ptr}}{{.Name}}{{end}}{{with .Ptr.P}}{{.Name}}{{else}}none{{end}}{{end}}`, []any{view, &view}, true},
		{"urls", `{{define "page"}}<a href="{{.URL}}">x</a><a href="/p?q={{.Title}}&r={{.URL}}">y</a><a href="{{.Title}}">z</a>{{end}}`, []any{view, execView{URL: "javascript:alert(1)", Title: "%41%zz"}}, true},
		{"rcdata and script", `{{define "page"}}<title>{{.Title}}</title><textarea>{{.URL}}</textarea><script type="application/json">{{.JS}}</script>{{end}}`, []any{view}, true},
		{"if with else", `{{define "page"}}{{if .On}}on{{else if .N}}n{{else}}off{{end}}{{with .Tags}}{{len .}}{{end}}{{with .Title}}[{{.}}]{{else with .URL}}({{.}}){{else}}-{{end}}{{end}}`, []any{view}, false},
		{"if with", `{{define "page"}}{{if .On}}on{{else if .N}}n{{else}}off{{end}}{{with .Title}}[{{.}}]{{else with .URL}}({{.}}){{else}}-{{end}}{{if .Items}}items{{end}}{{if .Any}}any{{end}}{{end}}`, []any{view, empty, execView{N: 1, URL: "/u"}}, true},
		{"range", `{{define "page"}}{{range .Tags}}<i>{{.}}</i>{{else}}none{{end}}{{range $i, $x := .Items}}{{$i}}={{$x.Name}}{{with $x.P}}>{{.Name}}{{end}};{{end}}{{range $t := .Tags}}{{$t}}{{$.N}}{{end}}{{end}}`, []any{view, empty}, true},
		{"variables", `{{define "page"}}{{$x := .Title}}{{$x}}{{with .Ptr}}{{$x = .Name}}{{$x}}{{end}}{{$x}}{{$}}{{end}}`, []any{execInner{Name: "n"}}, false},
		{"variables set and read", `{{define "page"}}{{$x := .Title}}{{$x}}{{if .On}}{{$x = .URL}}{{end}}<a href="{{$x}}">{{$.N}}</a>{{end}}`, []any{view, empty}, true},
		{"builtins", `{{define "page"}}{{if and .On .N}}a{{end}}{{if or .Title .URL}}o{{end}}{{if not .On}}n{{end}}{{if eq .Title "x"}}e{{end}}{{if ne .N 3}}ne{{end}}{{if eq .N 3}}three{{end}}{{print .N "-" .Title}}{{end}}`, []any{view, empty, execView{Title: "x"}}, true},
		{"functions", `{{define "page"}}{{t "plain"}}{{t "hello" .Title}}{{t "items" 3}}{{template "text" (tx "hello" .Title)}}{{template "text" .Text}}{{with table .Title "c" .URL}}{{.Caption}}{{.ID}}{{end}}{{end}}`, []any{view}, true},
		{"partials", `{{define "page"}}{{template "text" .Text}}{{template "row" .}}{{template "row" .Ptr}}{{end}}{{define "row"}}<b title="{{.Name}}">{{.Name}}</b>{{template "text" .Any}}{{end}}`, []any{view}, false},
		{"partial calls", `{{define "page"}}{{template "row" .}}{{template "row" .Ptr}}{{template "list" .Items}}{{end}}{{define "row"}}<b title="{{.Name}}">{{.Name}}</b>{{end}}{{define "list"}}{{range .}}{{template "row" .}}{{template "deep" .P}}{{end}}{{end}}{{define "deep"}}{{with .}}{{template "deep" .P}}+{{.Name}}{{end}}{{end}}`, []any{view}, true},
		{"html", `{{define "page"}}{{.HTML}}<p title="{{.HTML}}">{{end}}`, []any{view}, true},
		{"any", `{{define "page"}}{{.Any}}<p title="{{.Any}}">{{.Any}}</p>{{end}}`, []any{view, execView{Any: 7}, execView{Any: []int{1}}}, true},
		// What the programs give up on, to html/template: a method, a map,
		// an unexported field, a nil pointer, a nil data, a comparison of
		// two kinds, an unknown function, a missing field.
		{"method", `{{define "page"}}{{.Upper}}{{end}}`, []any{execMethod{Title: "m"}}, false},
		{"map", `{{define "page"}}{{.Map.k}}{{end}}`, []any{view}, false},
		{"unexported", `{{define "page"}}{{.hidden}}{{end}}`, []any{view}, false},
		{"nil pointer", `{{define "page"}}{{.P.Name}}{{end}}`, []any{execInner{}}, false},
		{"nil data", `{{define "page"}}{{.Name}}{{end}}`, []any{nil, (*execInner)(nil)}, false},
		{"bad comparison", `{{define "page"}}{{if eq .N "3"}}x{{end}}{{end}}`, []any{view}, false},
		{"unknown function", `{{define "page"}}{{printf "%d" .N}}{{end}}`, []any{view}, false},
		{"missing field", `{{define "page"}}{{.Nope}}{{end}}`, []any{view}, false},
		{"missing string", `{{define "page"}}{{t "nope"}}{{end}}`, []any{view}, false},
		{"range over int", `{{define "page"}}{{range .N}}{{.}}{{end}}{{end}}`, []any{view}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, ps := compiled(t, tc.src)
			for _, data := range tc.data {
				before := ps.fallbacks.Load()
				got, want := both(set, ps, data)
				if got != want {
					t.Errorf("%T: program writes\n%s\nhtml/template\n%s", data, got, want)
				}
				if ran := ps.fallbacks.Load() == before; ran != tc.program {
					t.Errorf("%T: the program wrote the page: %v, want %v", data, ran, tc.program)
				}
			}
		})
	}
}

// TestProgramDepth: a template that calls itself without end is
// html/template's to report.
func TestProgramDepth(t *testing.T) {
	set, ps := compiled(t, `{{define "page"}}{{template "page" .}}{{end}}`)
	if ps.byName["page"] == nil {
		t.Fatal("no program")
	}
	got, want := both(set, ps, 1)
	if got != want || !strings.Contains(got, "exceeded maximum template depth") {
		t.Errorf("program: %.200s\nhtml/template: %.200s", got, want)
	}
}

// FuzzPrograms: a program writes what html/template writes, for any
// strings in every context the templates print them in: element text, a
// quoted attribute, a URL and a part of one, a title and a text area.
func FuzzPrograms(f *testing.F) {
	for _, s := range append(hostile, urlSample()...) {
		f.Add(s, "u"+s)
	}
	set, ps := compiled(f, `{{define "page"}}<p title="{{.Title}}">{{.Title}}</p><a href="{{.URL}}">{{.Name}}</a>`+
		`<a href="/s?q={{.Title}}#{{.Name}}">q</a><img src="{{.Name}}" alt="{{.URL}}"><title>{{.URL}}</title><textarea>{{.Title}}</textarea>`+
		`{{template "text" .Text}}{{template "date" .Date}}{{template "when" .Date}}{{range .Tags}}<i data-x="{{.}}">{{.}}</i>{{end}}{{end}}`)
	if ps.byName["page"] == nil {
		f.Fatal("no program")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		v := execView{execInner: execInner{Name: b}, Title: a, URL: b, Tags: []string{a, b}, Text: Text{{Text: a}, {Text: b, User: true}}, Date: Date{ISO: a, Text: b, When: a}}
		before := ps.fallbacks.Load()
		got, want := both(set, ps, v)
		if got != want {
			t.Errorf("program writes\n%q\nhtml/template\n%q", got, want)
		}
		if ps.fallbacks.Load() != before {
			t.Error("html/template wrote the page")
		}
	})
}

// TestExecAgrees: html/template escapes as the programs' escapers do, so
// programs are made; and a text area's escaper that writes otherwise is
// seen to.
func TestExecAgrees(t *testing.T) {
	probes := newProbes()
	if !execAgrees(probes) {
		t.Fatal("html/template does not escape as the programs do")
	}
	other := template.Must(template.New("probe").Parse(`<p title={{.}}>`))
	probes["_html_template_rcdataescaper"] = &escapeProbe{before: "<p title=", after: ">", tmpl: other}
	if execAgrees(probes) {
		t.Error("a probe that writes otherwise agrees")
	}
}
