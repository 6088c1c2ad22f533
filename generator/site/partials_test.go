package site_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"reckon/generator/site"
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

// TestChartOwnTemplates: a site's own "chart" partial that writes the
// whole figure, as an earlier Reckon's did (it does not print the
// figure's Body), makes the same files as the defaults; and a claim page
// whose own file defines "chart-body" shows its own, while the chart's
// embed page shows the shared one.
func TestChartOwnTemplates(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	want := streamWith(t, in, templates.FS)

	data, err := fs.ReadFile(templates.FS, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	body, ok := between(string(data), "{{define \"chart-body\" -}}\n", "\n{{- end}}\n\n{{- /* component-cells")
	if !ok {
		t.Fatal("partials.html has no chart-body partial")
	}
	old := overlayFile(t, "partials.html", "{{with .Body}}{{.}}{{else}}{{template \"chart-body\" .}}{{end}}", body)
	got := streamWith(t, in, old)
	for _, p := range want.Paths() {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s with the earlier chart partial differs", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with the earlier chart partial, %d with the defaults", len(got), len(want))
	}

	own := overlayFile(t, "claim.html", "{{define \"main\" -}}", "{{define \"chart-body\"}}<p>own body</p>{{end}}\n{{define \"main\" -}}")
	got = streamWith(t, in, own)
	const claim, embed = "claims/deepseek/seed-r1/index.html", "embed/deepseek/seed-r1/bridge/index.html"
	if page := string(got[claim]); !strings.Contains(page, "<p>own body</p>") || strings.Contains(page, `<div class="chart-canvas"`) {
		t.Errorf("%s does not show its own chart-body:\n%s", claim, page)
	}
	if !bytes.Equal(got[embed], want[embed]) {
		t.Errorf("%s differs from the defaults':\n%s", embed, got[embed])
	}
}

// between returns the text of s between the first start and the end after
// it.
func between(s, start, end string) (string, bool) {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(after, end)
	return in, ok
}

// bodiesStream renders in with tmpl, asking reuse (nil for none) for each
// page, and returns what it emits and how many claim charts' bodies it
// rendered.
func bodiesStream(t *testing.T, in site.Input, tmpl fs.FS, reuse func(name string, k site.Key) []byte) (output, int64) {
	t.Helper()
	in.Reuse = reuse
	files, emit := collect()
	n, err := site.StreamBodies(in, tmpl, emit)
	if err != nil {
		t.Fatal(err)
	}
	return files, n
}

// TestChartBodyOnce: a claim chart's body is rendered once for the
// claim's page and its embed page, only when one of them is rendered, not
// reused; the pages are those a render without reuse makes.
func TestChartBodyOnce(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	claimCharts := 0
	for _, c := range in.Charts {
		if c.Claim != "" {
			claimCharts++
		}
	}
	want, n := bodiesStream(t, in, templates.FS, nil)
	if claimCharts == 0 || n != int64(claimCharts) {
		t.Fatalf("without reuse, %d bodies rendered; want one for each of the %d claim charts", n, claimCharts)
	}
	_, keys := reuseStream(t, in, templates.FS, nil)
	isEmbed := func(name string) bool { return strings.HasPrefix(name, "embed/") }
	for _, tc := range []struct {
		name   string
		reused func(name string) bool
		bodies int
	}{
		{"every page reused", func(string) bool { return true }, 0},
		{"the embed pages reused", isEmbed, claimCharts},
		{"the claim pages reused", func(name string) bool { return !isEmbed(name) }, claimCharts},
	} {
		got, n := bodiesStream(t, in, templates.FS, func(name string, k site.Key) []byte {
			if keys[name] == k && tc.reused(name) {
				return want[name]
			}
			return nil
		})
		if n != int64(tc.bodies) {
			t.Errorf("%s: %d bodies rendered, want %d", tc.name, n, tc.bodies)
		}
		for _, p := range want.Paths() {
			if !bytes.Equal(got[p], want[p]) {
				t.Errorf("%s: %s differs from a render without reuse", tc.name, p)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", tc.name, len(got), len(want))
		}
	}
}

// TestChartOwnBody: a site's own "chart-body" partial, which may show
// what a claim's page and its embed page hold apart, is executed for
// each page, as before.
func TestChartOwnBody(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	own := overlayFile(t, "partials.html", `<details class="chart-data" open>`, `<details class="chart-data" open{{if .NewTab}} data-tab="new"{{end}}{{range .Links}} data-link="{{.Text}}"{{end}}>`)
	got, n := bodiesStream(t, in, own, nil)
	if n != 0 {
		t.Errorf("%d bodies rendered once for two pages with an own chart-body", n)
	}
	const claim, embed = "claims/deepseek/seed-r1/index.html", "embed/deepseek/seed-r1/bridge/index.html"
	if page := string(got[claim]); strings.Contains(page, `data-tab="new"`) || strings.Count(page, "data-link=") < 4 {
		t.Errorf("%s does not show its own figure's body:\n%s", claim, page)
	}
	if page := string(got[embed]); !strings.Contains(page, `data-tab="new"`) || strings.Count(page, "data-link=") != 2 {
		t.Errorf("%s does not show its own figure's body:\n%s", embed, page)
	}
}
