package site_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/diag"
	"reckon/generator/site"
	"reckon/templates"
)

// TestTemplateErrorPositions checks that an error in a template, the
// default or a site's own, names its file and line, so that every error
// format can point at it.
func TestTemplateErrorPositions(t *testing.T) {
	in, _ := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	// partials.html with an error on the line after the header's start
	partials := readFile(t, templates.FS, "partials.html")
	start := `{{define "site-header" -}}` + "\n"
	header := strings.Count(partials[:strings.Index(partials, start)], "\n") + 1
	partials = strings.Replace(partials, start, start+"{{.Nope}}", 1)
	// and one in a source's entry that only the sources page shows
	cited := readFile(t, templates.FS, "partials.html")
	citedBy := `<p class="cited-by">`
	citedLine := strings.Count(cited[:strings.Index(cited, citedBy)], "\n") + 1
	cited = strings.Replace(cited, citedBy, citedBy+"{{.Nope}}", 1)
	for _, tc := range []struct {
		name, file, src, want string
	}{
		{"parse", "claim.html", "{{define \"main\"}}\n<p>\n{{if}}\n{{end}}", "templates/claim.html:3: missing value for if"},
		{"execute", "claim.html", "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n  <p>{{.Nope}}</p>\n{{end}}", `templates/claim.html:3:8: executing "main" at <.Nope>: can't evaluate field Nope in type site.ClaimView`},
		{"function", "404.html", "{{define \"main\"}}{{t \"no_such_key\"}}{{end}}", `templates/404.html:1:20: executing "main" at <t "no_such_key">: error calling t: no interface string "no_such_key" in i18n/*.toml`},
		{"partial", "partials.html", partials, fmt.Sprintf(`templates/partials.html:%d:3: executing "site-header" at <.Nope>: can't evaluate field Nope in type site.Chrome`, header+1)},
		{"partial on the sources page", "partials.html", cited, fmt.Sprintf(`templates/partials.html:%d:%d: executing "source-entry" at <.Nope>: can't evaluate field Nope in type []site.TextLink`, citedLine, len(citedBy)+3)},
		{"missing partial", "404.html", "{{define \"main\"}}\n<p>{{template \"nope\" .}}</p>{{end}}", `templates/404.html:2:15: no such template "nope"`},
		{"escape", "home.html", "{{define \"main\"}}\n<a href=\"{{.Title}}\n{{end}}", `templates/home.html: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp [] attrURL elementNone <nil>}`},
		{"no main", "sources.html", "{{define \"other\"}}{{end}}", `templates/sources.html: does not define "main"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			own := fstest.MapFS{tc.file: {Data: []byte(tc.src)}}
			_, err := renderSite(in, site.Overlay(own, templates.FS))
			list := diag.Errors(err)
			if len(list) != 1 || list[0].Error() != tc.want {
				t.Errorf("error = %v\nwant  %s", err, tc.want)
			}
		})
	}
}
