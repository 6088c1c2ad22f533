package site

import (
	"errors"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"reckon/generator/diag"
)

// pageKinds returns the page templates: each file KIND.html defines "main",
// which layout.html's "layout" places.
func pageKinds() []string {
	return []string{"home", "topic", "claim", "sources", "corrections", "page", "404"}
}

// templates is the parsed template set: the shared templates (layout.html
// and partials.html) and one clone per page kind.
type templates struct {
	base  *template.Template
	pages map[string]*template.Template
	// files names the file each template is defined in, by template
	// name, for each page kind ("" for base): html/template drops a
	// template's parse tree when it fails to escape it.
	files map[string]map[string]string
	// source is the SHA-256 of the files the set and its interface
	// strings were parsed from (see readDigest); zero for a set parsed
	// without noting them.
	source [32]byte
	// bodyShared is whether a claim chart's body (the "chart-body"
	// partial) is the same on the claim's page and on the chart's embed
	// page, so that it is rendered once for both (see
	// [renderer.figureHTML]): the partial is partials.html's own, which
	// shows none of what the two figures hold apart (their links, embed
	// code and new-tab flag), and claim.html defines no template but
	// "main".
	bodyShared bool
	// progs are the programs of the templates that the Go code executes
	// (see [program]), by page kind ("" for base) and name.
	progs map[string]*programs
}

// definedIn returns the file each template of t is defined in, by name.
func definedIn(t *template.Template) map[string]string {
	m := map[string]string{}
	for _, d := range t.Templates() {
		if d.Tree != nil {
			m[d.Name()] = d.Tree.ParseName
		}
	}
	return m
}

func parseTemplates(fsys fs.FS, t *texts) (*templates, error) {
	funcs := template.FuncMap{
		// t returns the interface string for a key: {{t "skip_link"}},
		// {{t "claims_count" 3}}.
		"t": t.get,
		// tx is t for a string whose arguments are user text, each of
		// which the "text" partial isolates: {{template "text" (tx
		// "claim_by" .Claimant)}}.
		"tx": t.text,
		// table names a data table for the "table-open" partial: the id
		// of its caption, its class and, optionally, its own id.
		"table": tableOf,
	}
	base, err := template.New("site").Option("missingkey=error").Funcs(funcs).ParseFS(fsys, "layout.html", "partials.html")
	if err != nil {
		return nil, templateError(nil, err)
	}
	body := base.Lookup("chart-body")
	ownBody := body != nil && body.Tree != nil && body.Tree.Root != nil && body.Tree.Root.String() == chartBody()
	foldStrings(base, t)
	ts := &templates{base: base, pages: map[string]*template.Template{}, files: map[string]map[string]string{"": definedIn(base)}, progs: map[string]*programs{}}
	// Programs run the templates only while html/template escapes as
	// they do.
	agrees := execAgrees(newProbes())
	// with is funcs and the functions the folds put in the templates.
	with := func(folded ...template.FuncMap) template.FuncMap {
		out := maps.Clone(funcs)
		for _, f := range folded {
			maps.Copy(out, f)
		}
		return out
	}
	for _, kind := range pageKinds() {
		clone, err := base.Clone()
		if err != nil {
			return nil, templateError(nil, err)
		}
		if _, err := clone.ParseFS(fsys, kind+".html"); err != nil {
			return nil, templateError(nil, err)
		}
		if clone.Lookup("main") == nil {
			return nil, &diag.Error{Pos: diag.Pos{File: templatePath(kind + ".html")}, Msg: `does not define "main"`, Hint: `a page template holds {{define "main"}}...{{end}}`}
		}
		foldStrings(clone, t)
		ts.pages[kind] = clone
		ts.files[kind] = definedIn(clone)
		if err := escapeError(clone, "main"); err != nil {
			return nil, templateError(ts.files[kind], err)
		}
		foldEscaped(clone, "layout")
		folded := with(foldPartials(clone, "layout"), foldEscapers(clone, "layout"))
		// The page's own source-entry, which the sources page executes
		// on its own, has the program of its escaping within the layout.
		names := []string{"layout"}
		if slices.ContainsFunc(reachable(clone, names), func(t *template.Template) bool { return t.Name() == "source-entry" }) {
			names = append(names, "source-entry")
		}
		if agrees {
			ts.progs[kind] = compilePrograms(clone, folded, names...)
		}
	}
	ts.bodyShared = ownBody && ts.shared("claim")
	foldEscaped(base, goPartials()...)
	folded := with(foldPartials(base, goPartials()...), foldEscapers(base, goPartials()...))
	if agrees {
		ts.progs[""] = compilePrograms(base, folded, goPartials()...)
	}
	return ts, nil
}

// goPartials are the templates of partials.html and layout.html that the
// Go code executes on their own (see [templates.partial]).
func goPartials() []string {
	return []string{"site-header", "site-footer", "source-entry", "bridge-table", "rating", "components-table", "data-table", "chart", "chart-body", "embed-layout"}
}

// tableTag is a data table's opening, for the "table-open" partial.
type tableTag struct{ Caption, Class, ID string }

func tableOf(caption, class string, id ...string) tableTag {
	t := tableTag{Caption: caption, Class: class}
	if len(id) > 0 {
		t.ID = id[0]
	}
	return t
}

func (ts *templates) execute(w io.Writer, kind string, view any) error {
	if err := ts.progs[kind].execute(ts.pages[kind], w, "layout", view); err != nil {
		return templateError(ts.files[kind], err)
	}
	return nil
}

// shared reports whether the templates that the page of kind executes,
// other than its "main", are the shared ones: its file defines no other
// (the template of its file's own top-level text, named after the file,
// is empty).
func (ts *templates) shared(kind string) bool {
	for _, d := range ts.pages[kind].Templates() {
		if d.Tree == nil || d.Tree.ParseName != kind+".html" || d.Name() == "main" {
			continue
		}
		if d.Name() != kind+".html" || !parse.IsEmptyTree(d.Tree.Root) {
			return false
		}
	}
	return true
}

// partial executes a named template of partials.html.
func (ts *templates) partial(w io.Writer, name string, view any) error {
	if err := ts.progs[""].execute(ts.base, w, name, view); err != nil {
		return templateError(ts.files[""], err)
	}
	return nil
}

// pagePartial executes a named template of the template set of the page
// kind, as that page's template would execute it where it calls it (the
// page's file may define templates the partial uses).
func (ts *templates) pagePartial(w io.Writer, kind, name string, view any) error {
	if err := ts.progs[kind].execute(ts.pages[kind], w, name, view); err != nil {
		return templateError(ts.files[kind], err)
	}
	return nil
}

// escapeError returns the error html/template finds in the template name of
// t on its own, if any. Within the layout, it would blame the layout.
func escapeError(t *template.Template, name string) error {
	c, err := t.Clone()
	if err != nil {
		return err
	}
	var he *template.Error
	if err := c.ExecuteTemplate(io.Discard, name, nil); errors.As(err, &he) {
		return he
	}
	return nil
}

// templatePath is the path of a template file from the site root, which is
// also where the defaults live in Reckon's own repository.
func templatePath(name string) string { return "templates/" + name }

// templateLocation matches the position that text/template and
// html/template put at the start of their errors: "template: claim.html:12:
// ..." (parsing), "template: claim.html:12:5: executing ..." (execution),
// "html/template:claim.html:12:5: ..." (escaping).
var templateLocation = regexp.MustCompile(`^(?:html/)?template: ?([A-Za-z0-9_.-]+\.html):([0-9]+)(?::([0-9]+))?: (.*)$`)

// templateError turns an error of package html/template, raised while
// parsing or executing templates defined in files (by name; nil while
// parsing), into a [diag.Error] at the template file's line and column:
// templates/claim.html:12:5.
func templateError(files map[string]string, err error) error {
	var he *template.Error
	if errors.As(err, &he) {
		pos := diag.Pos{File: "templates"}
		switch {
		case he.Node != nil:
			loc, _ := (*parse.Tree)(nil).ErrorContext(he.Node)
			if m := templateLocation.FindStringSubmatch("template: " + loc + ": "); m != nil {
				pos = templatePos(m)
			}
		case files[he.Name] != "":
			pos = diag.Pos{File: templatePath(files[he.Name]), Line: he.Line}
		}
		return &diag.Error{Pos: pos, Msg: he.Description}
	}
	err = innermost(err)
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if m := templateLocation.FindStringSubmatch(msg); m != nil {
		return &diag.Error{Pos: templatePos(m), Msg: m[4]}
	}
	return &diag.Error{Pos: diag.Pos{File: "templates"}, Msg: strings.TrimPrefix(strings.TrimPrefix(msg, "html/"), "template: ")}
}

// innermost returns the error of the template executed by a function
// that a template called, when err is one: the error of the "text" partial
// that [foldText] makes a function execute is the partial's own.
func innermost(err error) error {
	for {
		var outer, inner texttemplate.ExecError
		if !errors.As(err, &outer) || !errors.As(outer.Err, &inner) {
			return err
		}
		err = inner
	}
}

// templatePos is the position of a match of [templateLocation]. The
// templates count columns from 0, as bytes.
func templatePos(m []string) diag.Pos {
	line, _ := strconv.Atoi(m[2])
	pos := diag.Pos{File: templatePath(m[1]), Line: line}
	if col, err := strconv.Atoi(m[3]); err == nil {
		pos.Col = col + 1
	}
	return pos
}

// Overlay returns a file system that reads each file from the first of
// layers that has it, and lists a folder as the union of the layers'. A
// site's own templates folder laid over the default templates overrides
// just the files it has:
//
//	tmpl := site.Overlay(os.DirFS("templates"), templates.FS)
//
// A layer that is nil is skipped. A file that is not a regular one (a
// pipe, a device) is not opened: Open fails.
func Overlay(layers ...fs.FS) fs.FS {
	var ls []fs.FS
	for _, l := range layers {
		if l != nil {
			ls = append(ls, l)
		}
	}
	return overlay(ls)
}

type overlay []fs.FS

var errNotRegular = errors.New("not a regular file")

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var dirs []fs.FS
	for _, l := range o {
		st, err := fs.Stat(l, name)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			if len(dirs) > 0 {
				break // a folder in an upper layer hides a file below
			}
			if !st.Mode().IsRegular() {
				// a pipe would be waited on, a device read without end
				return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
			}
			return l.Open(name)
		}
		dirs = append(dirs, l)
	}
	if len(dirs) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if len(dirs) == 1 {
		return dirs[0].Open(name)
	}
	f, err := dirs[0].Open(name)
	if err != nil {
		return nil, err
	}
	return &overlayDir{File: f, fsys: overlay(dirs), name: name}, nil
}

// ReadDir merges the listings of every layer, upper layers first.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		es, err := fs.ReadDir(l, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// overlayDir is a folder present in several layers.
type overlayDir struct {
	fs.File
	fsys    overlay
	name    string
	entries []fs.DirEntry
	read    bool
}

func (d *overlayDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		es, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = es, true
	}
	if n <= 0 {
		es := d.entries
		d.entries = nil
		return es, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	es := d.entries[:n]
	d.entries = d.entries[n:]
	return es, nil
}

var _ fs.ReadDirFS = overlay(nil)

// chartBody returns partials.html's own "chart-body" partial, as its
// parse tree prints it (see [templates.bodyShared]). It shows a claim
// chart's title, caption, option, height, ID and table (a claim's figure
// always has a table), which are the same on the claim's page and on the
// embed page.
func chartBody() string {
	return `<figcaption>{{if .Title}}{{template "text" .Title}} <span class="chart-takeaway">{{template "text" .Caption}}</span>{{else}}{{template "text" .Caption}}{{end}}</figcaption>{{if .Option}}
<div class="chart-canvas" data-height="{{.Height}}"></div>
<script type="application/json" class="chart-option" id="{{.ID}}-option">{{.Option}}</script>{{end}}
<details class="chart-data" open>
<summary>{{t "chart_data"}}</summary>{{if .Table}}
{{template "data-table" .Table}}{{else}}{{if .Ladder}}
{{template "ladder-table" .}}{{else}}{{if .Bridge}}
{{template "bridge-table" .Bridge}}{{else}}{{if .Sensitivity}}
{{template "sensitivity-table" .}}{{else}}{{if .Timeline}}
{{template "timeline-table" .}}{{end}}{{end}}{{end}}{{end}}{{end}}
</details>`
}
