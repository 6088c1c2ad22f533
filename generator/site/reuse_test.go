package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/site"
	"reckon/templates"
)

// reuseStream renders in with tmpl, asking reuse for each page, and
// returns what it emits and the key of each page asked for, by name.
func reuseStream(t *testing.T, in site.Input, tmpl fs.FS, reuse func(name string, k site.Key) []byte) (output, map[string]site.Key) {
	t.Helper()
	var mu sync.Mutex
	keys := map[string]site.Key{}
	in.Reuse = func(name string, k site.Key) []byte {
		mu.Lock()
		if _, twice := keys[name]; twice {
			t.Errorf("Reuse asked twice for %s", name)
		}
		keys[name] = k
		mu.Unlock()
		if reuse == nil {
			return nil
		}
		return reuse(name, k)
	}
	files, emit := collect()
	_, err := site.Stream(in, tmpl, emit)
	if err != nil {
		t.Fatal(err)
	}
	return files, keys
}

// marking returns a reuse that has the pages of keys, each as a marker
// naming it.
func marking(keys map[string]site.Key) func(string, site.Key) []byte {
	return func(name string, k site.Key) []byte {
		if keys[name] == k {
			return []byte("reused " + name)
		}
		return nil
	}
}

// reusedPages returns the pages of files that are markers (see marking).
func reusedPages(files output) map[string]bool {
	out := map[string]bool{}
	for name, data := range files {
		if string(data) == "reused "+name {
			out[name] = true
		}
	}
	return out
}

// TestStreamReuse checks that Stream asks Reuse for every page, with a key
// that stays the same for the same view and templates, sends what Reuse
// returns in place of the page, and renders a page whose view changed.
func TestStreamReuse(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	whole, _, err := stream(t, in)
	if err != nil {
		t.Fatal(err)
	}
	first, keys := reuseStream(t, in, templates.FS, nil)
	var pages []string
	for _, name := range whole.Paths() {
		if !bytes.Equal(first[name], whole[name]) {
			t.Errorf("%s with Reuse returning nil differs from the stream without Reuse", name)
		}
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	if len(keys) != len(pages) || len(pages) < 10 {
		t.Errorf("Reuse asked for %d files; want the %d pages", len(keys), len(pages))
	}
	for _, name := range pages {
		if _, ok := keys[name]; !ok {
			t.Errorf("Reuse not asked for %s", name)
		}
	}

	again, _ := reuseStream(t, in, templates.FS, marking(keys))
	reused := reusedPages(again)
	for _, name := range whole.Paths() {
		if strings.HasSuffix(name, ".html") != reused[name] {
			t.Errorf("%s reused: %v", name, reused[name])
		}
	}
	same, _ := reuseStream(t, in, templates.FS, func(name string, k site.Key) []byte {
		if keys[name] == k {
			return whole[name]
		}
		return nil
	})
	for _, name := range whole.Paths() {
		if !bytes.Equal(same[name], whole[name]) {
			t.Errorf("%s made of the reused pages differs", name)
		}
	}

	// An edited claim: its page is made again, as a whole render makes it.
	c := in.Results.Topics[0].Claims[0].Claim
	edited := "claims/" + c.ID + "/index.html"
	title := c.Title
	c.Title = title + ", edited"
	defer func() { c.Title = title }()
	want, _, err := stream(t, in)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := reuseStream(t, in, templates.FS, marking(keys))
	reused = reusedPages(got)
	if reused[edited] || !bytes.Equal(got[edited], want[edited]) {
		t.Errorf("the edited claim's page %s: reused %v, as a whole render makes it %v", edited, reused[edited], bytes.Equal(got[edited], want[edited]))
	}
	if !reused["404.html"] {
		t.Errorf("404.html, which does not show the claim, was made again")
	}
	for name := range want {
		if !reused[name] && !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs from a whole render", name)
		}
	}
}

// TestStreamReuseTemplates checks that an edit of any template or
// interface-string file changes the key of every page.
func TestStreamReuseTemplates(t *testing.T) {
	in := synthetic(2, 3)
	_, keys := reuseStream(t, in, templates.FS, nil)
	for _, file := range []string{"claim.html", "partials.html", "i18n/en.toml"} {
		t.Run(file, func(t *testing.T) {
			data, err := fs.ReadFile(templates.FS, file)
			if err != nil {
				t.Fatal(err)
			}
			edit := "\n{{/* edited */}}\n"
			if strings.HasSuffix(file, ".toml") {
				edit = "\n# edited\n"
			}
			tmpl := site.Overlay(fstest.MapFS{file: {Data: append(bytes.Clone(data), edit...)}}, templates.FS)
			got, _ := reuseStream(t, in, tmpl, marking(keys))
			if reused := reusedPages(got); len(reused) > 0 {
				t.Errorf("after an edit of %s, %d pages reused, such as %s", file, len(reused), fmt.Sprint(mapKeys(reused)[:1]))
			}
		})
	}
}

func mapKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
