package build

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"slices"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/templates"
)

// notes returns the editors' notes and the public notes of every source,
// parameter, claim and citation of set.
func notes(set *claim.Set) (editor, public []string) {
	add := func(e, p string) {
		if e != "" {
			editor = append(editor, e)
		}
		if p != "" {
			public = append(public, p)
		}
	}
	for _, s := range set.Sources {
		add(s.EditorNote, s.Note)
	}
	params := func(m map[string]*claim.Parameter) {
		for _, p := range m {
			add(p.EditorNote, p.Note)
		}
	}
	params(set.Parameters)
	for _, t := range set.Topics {
		if t.Model != nil {
			params(t.Model.Parameters)
		}
		for _, c := range t.Claims {
			add(c.EditorNote, "")
			add(c.Source.EditorNote, c.Source.Note)
			for _, r := range c.Repeated {
				add(r.EditorNote, r.Note)
			}
		}
	}
	slices.Sort(editor)
	slices.Sort(public)
	return slices.Compact(editor), slices.Compact(public)
}

// forms returns s as it may appear in an output file: as it is, escaped for
// HTML (by html/template or html.EscapeString) and for JSON.
func forms(s string) []string {
	j, _ := json.Marshal(s)
	tmpl := strings.NewReplacer(`"`, "&#34;", `'`, "&#39;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	return []string{s, html.EscapeString(s), tmpl, strings.Trim(string(j), `"`)}
}

// TestNoEditorNoteInPublic builds the fixture site and asserts that no
// editors' note appears in any file of the output, while its public notes
// do (so that the scan would see an editors' note if one leaked).
func TestNoEditorNoteInPublic(t *testing.T) {
	fsys := os.DirFS(fixtureSite)
	res, files, _, err := Render(Config{Src: fsys, Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
	editor, public := notes(res.Set)
	if len(editor) < 10 {
		t.Fatalf("the fixture has %d editors' notes, want at least 10 for this test to mean something", len(editor))
	}
	found := func(s string) []string {
		var in []string
		for name, data := range files {
			for _, f := range forms(s) {
				if bytes.Contains(data, []byte(f)) {
					in = append(in, name)
					break
				}
			}
		}
		slices.Sort(in)
		return in
	}
	for _, n := range editor {
		if in := found(n); len(in) > 0 {
			t.Errorf("editors' note %q is published in %s", n, strings.Join(in, ", "))
		}
	}
	// A party whose name is not known is described, never named by a
	// placeholder.
	for name, data := range files {
		if bytes.Contains(data, []byte("The seed article")) {
			t.Errorf("%s names a party \"The seed article\"", name)
		}
	}
	seen := 0
	for _, n := range public {
		if len(found(n)) > 0 {
			seen++
		}
	}
	if seen*2 < len(public) {
		t.Errorf("only %d of %d public notes were found in the output: the scan does not see the notes it looks for", seen, len(public))
	}
}
