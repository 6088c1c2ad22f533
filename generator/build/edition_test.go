package build

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"reckon/generator/diag"
	"reckon/generator/internal/golden"
	"reckon/templates"
)

// editionsSite is the fixture site with two editions: a copy of the
// fixture site with an Arabic edition that falls back to English, the
// deepseek topic and one of its claims (deepseek/r1-compute-5-6m, whose
// quote is Arabic) translated, that claim's commentary in
// content/ar/. Its Arabic edition writes Arabic-Indic digits; its
// interface strings are Reckon's own Arabic catalog.
const editionsSite = "../testdata/editions"

// editionsFS returns the files of the editions fixture, to change in a test.
func editionsFS(t *testing.T) fstest.MapFS { return fixtureCopyOf(t, editionsSite) }

func buildEditions(t *testing.T, src fs.FS) map[string][]byte {
	t.Helper()
	res, files, _, err := Render(Config{Src: src, Templates: templates.FS})
	if err != nil {
		var b bytes.Buffer
		diag.Format(&b, err, diag.Files(res.Files()))
		t.Fatalf("the editions fixture does not build:\n%s", b.String())
	}
	return files
}

// TestEditionsGolden pins the Arabic edition's home, topic and claim pages
// of the two-edition fixture, and checks what makes it an edition: every
// page under /ar/ with lang and dir, alternates and a language switch in
// both editions, the untranslated items marked as English, ClaimReview in
// the edition's language, one sitemap with the pages of both, and the
// assets shared.
func TestEditionsGolden(t *testing.T) {
	files := buildEditions(t, os.DirFS(editionsSite))
	for _, p := range []string{"ar/index.html", "ar/topics/deepseek/index.html", "ar/claims/deepseek/r1-compute-5-6m/index.html"} {
		golden.Check(t, "testdata/editions/"+strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "_")+".golden", files[p])
	}
	contains := func(name string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !bytes.Contains(files[name], []byte(w)) {
				t.Errorf("%s does not contain %q", name, w)
			}
		}
	}
	claimLinks := []string{
		`<link rel="alternate" hreflang="en" href="https://reckon.example.org/claims/gpt-4/altman-100m/">`,
		`<link rel="alternate" hreflang="ar" href="https://reckon.example.org/ar/claims/gpt-4/altman-100m/">`,
		`<link rel="alternate" hreflang="x-default" href="https://reckon.example.org/claims/gpt-4/altman-100m/">`,
	}
	contains("claims/gpt-4/altman-100m/index.html", append(claimLinks,
		`<html lang="en" dir="ltr">`,
		`<li><a href="/ar/claims/gpt-4/altman-100m/" hreflang="ar" lang="ar"><bdi>العربية</bdi></a></li>`)...)
	// gpt-4 is an English-only topic: in Arabic, its pages and cards fall
	// back to English, marked so.
	contains("ar/claims/gpt-4/altman-100m/index.html", append(claimLinks,
		`<html lang="ar" dir="rtl">`,
		`<main id="main" class="wrap" tabindex="-1" lang="en" dir="ltr">`,
		`<li><a href="/claims/gpt-4/altman-100m/" hreflang="en" lang="en"><bdi>English</bdi></a></li>`,
		`"inLanguage": "ar"`)...)
	contains("ar/topics/gpt-4/index.html", `<main id="main" class="wrap" tabindex="-1" lang="en" dir="ltr">`)
	contains("ar/about/index.html", `<main id="main" class="wrap" tabindex="-1" lang="en" dir="ltr">`)
	contains("ar/index.html", `<article class="card topic-card" lang="en" dir="ltr">`)
	contains("sitemap.xml", "<loc>https://reckon.example.org/ar/claims/deepseek/r1-compute-5-6m/</loc>", "<loc>https://reckon.example.org/claims/deepseek/r1-compute-5-6m/</loc>")
	contains("robots.txt", "Sitemap: https://reckon.example.org/sitemap.xml")
	contains("ar/feed.xml", "https://reckon.example.org/ar/claims/deepseek/r1-compute-5-6m/")
	contains("ar/embed/deepseek/ladder/oembed.json", `https://reckon.example.org/ar/embed/deepseek/ladder/`)
	for _, name := range []string{"ar/robots.txt", "ar/sitemap.xml", "ar/assets/site.css"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s is written; an edition shares it with the main one", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "ar/") && strings.HasSuffix(name, ".html") && !bytes.Contains(files[name], []byte(`<html lang="ar" dir="rtl"`)) {
			t.Errorf("%s: not lang=ar dir=rtl", name)
		}
	}
}

// TestEditionsDeterministic builds the two-edition fixture twice and
// compares every file.
func TestEditionsDeterministic(t *testing.T) {
	a := buildEditions(t, os.DirFS(editionsSite))
	b := buildEditions(t, os.DirFS(editionsSite))
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Error("two builds of the editions fixture differ")
	}
}

// TestEditionsMissingTranslations: without fallback, every text and
// document not translated into the edition's language is an error at the
// text (or at the top of the document), all of them at once.
func TestEditionsMissingTranslations(t *testing.T) {
	src := editionsFS(t)
	site := src["claims/site.toml"]
	site.Data = bytes.Replace(site.Data, []byte("fallback = true"), []byte("fallback = false"), 1)
	_, err := Validate(Config{Src: src})
	if err == nil {
		t.Fatal("the site checks without its translations")
	}
	var b strings.Builder
	for _, e := range diag.Errors(err) {
		b.WriteString(e.Error() + "\n")
	}
	golden.Check(t, "testdata/editions/missing.golden", []byte(b.String()))
}

// TestEditionsNewTopicFallsBack: a topic written in English only, in the
// documented formats (the claim loader's minimal topic), builds in a site
// whose Arabic edition falls back, and its Arabic pages are marked as
// English.
func TestEditionsNewTopicFallsBack(t *testing.T) {
	src := editionsFS(t)
	base, err := txtar.ParseFile("../claim/testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range base.Files {
		if strings.HasPrefix(f.Name, "claims/t/") {
			src[f.Name] = &fstest.MapFile{Data: f.Data}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no topic in the claim loader's base site")
	}
	files := buildEditions(t, src)
	page := files["ar/claims/t/run/index.html"]
	if !bytes.Contains(page, []byte(`<main id="main" class="wrap" tabindex="-1" lang="en" dir="ltr">`)) {
		t.Errorf("ar/claims/t/run/index.html is not marked as English:\n%s", page)
	}
	if _, ok := files["claims/t/run/index.html"]; !ok {
		t.Error("no English page for the new topic's claim")
	}
}

// TestEditionStyle checks that an edition's digits and date style are the
// site's to set: digits in site.toml, the date style in a catalog of the
// site's own that takes the place of Reckon's.
func TestEditionStyle(t *testing.T) {
	page := "ar/claims/deepseek/v3-report-5-576m/index.html"
	src := editionsFS(t)
	files := buildEditions(t, src)
	if !bytes.Contains(files[page], []byte("٢٧ ديسمبر ٢٠٢٤")) {
		t.Errorf(`%s: digits = "arab" does not write Arabic-Indic digits`, page)
	}
	src["claims/site.toml"].Data = bytes.Replace(src["claims/site.toml"].Data, []byte(`digits = "arab"`), []byte(`digits = "latn"`), 1)
	cat, err := fs.ReadFile(templates.FS, "i18n/ar.toml")
	if err != nil {
		t.Fatal(err)
	}
	cat = regexp.MustCompile(`(?m)^date_format = .*$`).ReplaceAll(cat, []byte(`date_format = "{2} {1}، {3}"`))
	src["templates/i18n/ar.toml"] = &fstest.MapFile{Data: cat}
	files = buildEditions(t, src)
	if !bytes.Contains(files[page], []byte("ديسمبر 27، 2024")) {
		t.Errorf("%s: the site's own date_format with Western digits is not used", page)
	}
	if bytes.Contains(files[page], []byte("٢٠٢٤")) {
		t.Errorf(`%s: digits = "latn" still writes Arabic-Indic digits`, page)
	}
}
