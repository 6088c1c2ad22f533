package site_test

import (
	"bytes"
	"strings"
	"testing"

	"reckon/templates"
)

// TestTextOwnPartial: the pages that the defaults make, where Go writes
// what the "text" partial writes, are those that a "text" partial of the
// same output but its own make; and a site's own "text" partial is the one
// its pages show.
func TestTextOwnPartial(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	want := streamWith(t, in, templates.FS)
	const partial = `{{define "text"}}{{range .}}{{if .User}}<bdi>{{.Text}}</bdi>{{else}}{{.Text}}{{end}}{{end}}{{end}}`

	same := overlayFile(t, "partials.html", partial, `{{define "text"}}{{range .}}{{if not .User}}{{.Text}}{{else}}<bdi>{{.Text}}</bdi>{{end}}{{end}}{{end}}`)
	got := streamWith(t, in, same)
	for _, p := range want.Paths() {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s with an own text partial of the same output differs", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with an own text partial, %d with the defaults", len(got), len(want))
	}

	own := overlayFile(t, "partials.html", partial, `{{define "text"}}{{range .}}{{if .User}}<q>{{.Text}}</q>{{else}}{{.Text}}{{end}}{{end}}{{end}}`)
	page := string(streamWith(t, in, own)["claims/deepseek/seed-r1/index.html"])
	for _, s := range []string{`<figcaption>From`, `<p class="cite-text" id="cite-text">`, `<p class="meta">Claim by `} {
		_, after, ok := strings.Cut(page, s)
		if !ok {
			t.Fatalf("no %s in the claim page:\n%s", s, page)
		}
		if line, _, _ := strings.Cut(after, "\n"); !strings.Contains(line, "<q>") || strings.Contains(line, "<bdi>") {
			t.Errorf("%s does not show the own text partial: %s", s, line)
		}
	}
}
