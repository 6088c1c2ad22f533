package site_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/site"
	"reckon/templates"
)

// streamWith is stream with the templates of tmpl.
func streamWith(t *testing.T, in site.Input, tmpl fs.FS) output {
	t.Helper()
	files, emit := collect()
	if _, err := site.Stream(in, tmpl, emit); err != nil {
		t.Fatal(err)
	}
	return files
}

// overlayFile is the templates with the file name of the defaults changed
// by replacing old with new, which it must hold.
func overlayFile(t *testing.T, name, old, new string) fs.FS {
	t.Helper()
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	return site.Overlay(fstest.MapFS{name: {Data: bytes.Replace(data, []byte(old), []byte(new), 1)}}, templates.FS)
}

// TestSourcesOwnTemplates: a site's own templates that make a source's
// entry as an earlier Reckon's did (a "source-entry" partial that does not
// print the entry's HTML) make the same files as the defaults; and the
// entries of the sources page are made with the templates its own file
// defines.
func TestSourcesOwnTemplates(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	want := streamWith(t, in, templates.FS)

	old := overlayFile(t, "partials.html", "{{define \"source-entry\" -}}\n{{with .HTML}}{{.}}{{else -}}\n", "{{define \"source-entry\" -}}\n{{if true -}}\n")
	for memo := range 2 {
		in.Memo = nil
		if memo == 1 {
			in.Memo = &site.Memo{}
			streamWith(t, in, old)
		}
		got := streamWith(t, in, old)
		for _, p := range want.Paths() {
			if !bytes.Equal(got[p], want[p]) {
				t.Errorf("memo %v: %s with the earlier source-entry differs", memo == 1, p)
			}
		}
		if len(got) != len(want) {
			t.Errorf("memo %v: %d files with the earlier source-entry, %d with the defaults", memo == 1, len(got), len(want))
		}
	}

	// sources.html may define a template that the partial uses.
	in.Memo = nil
	own := overlayFile(t, "sources.html", "{{define \"main\" -}}", "{{define \"date\"}}<b>{{.Text}}</b>{{end}}\n{{define \"main\" -}}")
	page := string(streamWith(t, in, own)["sources/index.html"])
	entries := strings.Split(page, `<article class="source" `)[1:]
	if len(entries) != 3 {
		t.Fatalf("%d source entries, want 3:\n%s", len(entries), page)
	}
	dated := 0
	for _, e := range entries {
		if strings.Contains(e, "<time") {
			t.Errorf("entry without the page's own date template:\n%s", e)
		}
		if strings.Contains(e, "<b>") {
			dated++
		}
	}
	if dated != 2 {
		t.Errorf("%d entries with the page's own date template, want 2:\n%s", dated, page)
	}
}

// TestSourcesCitedBy: a source lists each claim and parameter that cites
// it once, in the order of the claims and then the parameters, however
// often a claim cites it.
func TestSourcesCitedBy(t *testing.T) {
	in, _ := fixture(plainStrings(), "", fixtureMethodology)
	seed := in.Claims.Topics[0].Claims[0]
	report := seed.Repeated[0]
	seed.Repeated = append(seed.Repeated, report)
	seed.Evidence = []string{report.SourceID, seed.Source.SourceID, report.SourceID}
	page := string(streamWith(t, in, templates.FS)["sources/index.html"])
	var got []string
	for e := range strings.SplitSeq(page, `<article class="source" `) {
		id, _, _ := strings.Cut(strings.TrimPrefix(e, `id="`), `"`)
		_, list, _ := strings.Cut(e, `<ul class="cited-by-list">`)
		list, _, _ = strings.Cut(list, "</ul>")
		for _, l := range strings.Split(list, `<li><a href="`)[1:] {
			href, _, _ := strings.Cut(l, `"`)
			got = append(got, id+" "+href)
		}
	}
	want := []string{
		"src-fred /topics/deepseek/#param-cny_per_usd_2021",
		"src-deepseek--seed-article /claims/deepseek/seed-r1/",
		"src-deepseek--seed-article /topics/deepseek/#param-experiment_ratio",
		"src-deepseek--v3-report /claims/deepseek/seed-r1/",
		"src-deepseek--v3-report /claims/deepseek/v3-report/",
		"src-deepseek--v3-report /topics/deepseek/#param-gpu_hours",
		"src-deepseek--v3-report /topics/deepseek/#param-rental_rate",
	}
	if !slices.Equal(got, want) {
		t.Errorf("cited by:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
