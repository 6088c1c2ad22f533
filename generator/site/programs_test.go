package site_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/site"
)

// TestProgramsWriteWhatTemplatesWrite: every file of a site is the same,
// byte for byte, whether its templates run as programs or through
// html/template alone: the fixture, its hostile text, its commentary, and
// a site's own templates, of which programs run what they can and
// html/template the rest. The default templates run as programs alone.
func TestProgramsWriteWhatTemplatesWrite(t *testing.T) {
	plain, plainDocs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	hostile, hostileDocs := fixture(hostileStrings(), hostileArticle, fixtureMethodology)
	own := site.Overlay(fstest.MapFS{
		// A method in a field's place, a map, a function the programs do
		// not know, an unknown field only some pages reach, and a partial
		// called in an attribute.
		"404.html":   {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1><p>{{.Canonical | len}} {{range $i, $t := .Topics}}{{$i}}{{$t.Text}}{{else}}none{{end}}</p>{{end}}`)},
		"page.html":  {Data: []byte(`{{define "main"}}<h1 title="{{template "text" .Lede}}">{{.Lede.String}}</h1>{{.Body}}{{with $x := .Kind}}{{$x}}{{end}}{{end}}`)},
		"home.html":  {Data: []byte(`{{define "main"}}{{range .Topics}}<p>{{if and .Claims (ne .Title "x")}}{{.Claims}}{{end}}{{printf "%d" .Claims}}</p>{{end}}{{end}}`)},
		"claim.html": {Data: []byte(`{{define "main"}}{{template "text" .Cite}}{{if .Corrections}}{{(index .Corrections 0).Change}}{{end}}{{template "own" .}}{{end}}{{define "own"}}<a href="{{.Topic.URL}}?q={{.Title}}">{{not .Summary}}</a>{{end}}`)},
	}, tmplFS())
	// The Arabic edition of the fixture, in Arabic digits, with the
	// language switch and the alternates of two editions.
	arabic := withDocs(t, plain, plainDocs)
	arabic.Editions = []site.Edition{{Lang: "en", Name: "English"}, {Lang: "ar", Dir: "rtl", Prefix: "ar", Name: "العربية", Digits: "arab"}}
	arabic.Edition = 1
	st := *arabic.Claims.Site
	st.Language = "ar"
	claims := *arabic.Claims
	claims.Site = &st
	arabic.Claims = &claims
	arabic.Fallback = map[string]bool{"claim:deepseek/v3-report": true, "topic:deepseek": true, "page:about": true}
	for _, tc := range []struct {
		name      string
		in        site.Input
		tmpl      fs.FS // nil for the default templates
		fallbacks bool  // whether html/template executes some
	}{
		{"fixture", plain, nil, false},
		{"commentary", withDocs(t, plain, plainDocs), nil, false},
		{"hostile", withDocs(t, hostile, hostileDocs), nil, false},
		{"edition", arabic, nil, false},
		{"own templates", withDocs(t, plain, plainDocs), own, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := tc.tmpl
			if tmpl == nil {
				tmpl = tmplFS()
			}
			want, emit := collect()
			if _, err := site.StreamPrograms(tc.in, tmpl, true, emit); err != nil {
				t.Fatal(err)
			}
			got, emit := collect()
			fallbacks, err := site.StreamPrograms(tc.in, tmpl, false, emit)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Paths(), want.Paths()) {
				t.Fatalf("files:\n%s\nwant:\n%s", strings.Join(got.Paths(), "\n"), strings.Join(want.Paths(), "\n"))
			}
			for _, p := range want.Paths() {
				if !bytes.Equal(got[p], want[p]) {
					t.Errorf("%s differs:\n%s\nwant:\n%s", p, got[p], want[p])
				}
			}
			if tc.name == "edition" && !slices.ContainsFunc(want.Paths(), func(p string) bool {
				return bytes.Contains(want[p], []byte(`<nav class="lang-switch wrap"`)) && bytes.Contains(want[p], []byte(`dir="rtl"`))
			}) {
				t.Error("no page of the edition has its language switch")
			}
			if (fallbacks > 0) != tc.fallbacks {
				t.Errorf("html/template executed %d templates", fallbacks)
			}
		})
	}
}

// TestProgramErrors: a site's template that fails fails with
// html/template's error when its program gives up.
func TestProgramErrors(t *testing.T) {
	in, _ := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	for _, src := range []string{
		`{{define "main"}}{{.Nope}}{{end}}`,
		`{{define "main"}}{{.Page.Site.Title}}{{with .Origin}}{{.By}}{{end}}{{t "no_such_key"}}{{end}}`,
		`{{define "main"}}{{range .Axes}}{{.Name.Nope}}{{end}}{{end}}`,
	} {
		own := site.Overlay(fstest.MapFS{"claim.html": {Data: []byte(src)}}, tmplFS())
		var errs []string
		for _, without := range []bool{true, false} {
			_, err := site.StreamPrograms(in, own, without, func(string, []byte) error { return nil })
			if err == nil {
				t.Fatalf("%s: no error", src)
			}
			errs = append(errs, err.Error())
		}
		if errs[0] != errs[1] {
			t.Errorf("%s: programs fail with\n%s\nhtml/template with\n%s", src, errs[1], errs[0])
		}
	}
}
