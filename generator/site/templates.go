package site

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
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
}

func parseTemplates(fsys fs.FS, t *texts) (*templates, error) {
	funcs := template.FuncMap{
		// t returns the interface string for a key: {{t "skip_link"}},
		// {{t "claims_count" 3}}.
		"t": t.get,
	}
	base, err := template.New("site").Option("missingkey=error").Funcs(funcs).ParseFS(fsys, "layout.html", "partials.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %v", err)
	}
	foldStrings(base, t)
	ts := &templates{base: base, pages: map[string]*template.Template{}}
	for _, kind := range pageKinds() {
		clone, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("templates: %v", err)
		}
		if _, err := clone.ParseFS(fsys, kind+".html"); err != nil {
			return nil, fmt.Errorf("templates: %v", err)
		}
		if clone.Lookup("main") == nil {
			return nil, fmt.Errorf("templates: %s.html does not define \"main\"", kind)
		}
		foldStrings(clone, t)
		ts.pages[kind] = clone
	}
	return ts, nil
}

func (ts *templates) execute(w io.Writer, kind string, view any) error {
	if err := ts.pages[kind].ExecuteTemplate(w, "layout", view); err != nil {
		return fmt.Errorf("templates: %v", err)
	}
	return nil
}

// partial executes a named template of partials.html.
func (ts *templates) partial(w io.Writer, name string, view any) error {
	if err := ts.base.ExecuteTemplate(w, name, view); err != nil {
		return fmt.Errorf("templates: %v", err)
	}
	return nil
}

// Overlay returns a file system that reads each file from the first of
// layers that has it, and lists a folder as the union of the layers'. A
// site's own templates folder laid over the default templates overrides
// just the files it has:
//
//	tmpl := site.Overlay(os.DirFS("templates"), templates.FS)
//
// A layer that is nil is skipped.
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
