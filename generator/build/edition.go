package build

import (
	"cmp"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/diag"
	"reckon/generator/route"
	"reckon/generator/site"
	"reckon/generator/text"
)

// edition is one of the site's editions other than the main one, loaded:
// its translated claims, their results and its commentary.
type edition struct {
	claim.Edition
	set      *claim.Set
	res      *costmodel.Results
	docs     *content.Set
	fallback map[string]bool // see site.Input.Fallback
}

// loadEditions loads each of the site's other editions from the main
// edition's claims (res) and commentary (docs): the claims translated
// (claim.Set.Translate) and computed anew, and the commentary of
// content/LANG/, checked like the main edition's, with the main
// edition's documents standing in for the ones it lacks when the edition
// falls back. A document the main edition lacks, and, without fallback,
// one the edition lacks, is an error. When the claims did not load
// (res.Results is nil) or failed is set, only the documents are loaded
// and matched, for their errors, and no edition is returned.
func loadEditions(fsys fs.FS, res *Result, docs *content.Set, failed bool) ([]edition, diag.List) {
	var errs diag.List
	res.Untranslated = append(res.Untranslated, res.Set.Untranslated...)
	defer func() { res.Untranslated = res.Untranslated.Sort() }()
	var out []edition
	for _, e := range res.Set.Site.Others() {
		if !claim.ValidTag(e.Lang) {
			continue // an error of claims/site.toml
		}
		dir := path.Join("content", e.Lang)
		own, err := content.Load(fsys, dir)
		errs = append(errs, diag.Errors(err)...)
		maps.Copy(res.files, own.Files)
		own.Leave(func(id string) bool { _, ok := res.Unpublished.Published[id]; return ok })
		fallback := map[string]bool{}
		ed, derrs := mergeDocs(e, dir, docs, own, fallback, &res.Untranslated)
		errs = append(errs, derrs...)
		if res.Results == nil || failed {
			continue
		}
		set, items := res.Set.Translate(e.Lang)
		maps.Copy(fallback, items)
		r, err := costmodel.Compute(set, costmodel.Options{})
		if err != nil {
			errs = append(errs, diag.Errors(err)...)
			continue
		}
		errs = append(errs, diag.Errors(own.Check(site.Lookup(set, r, res.Unpublished.Published)))...)
		out = append(out, edition{Edition: e, set: set, res: r, docs: ed, fallback: fallback})
	}
	return out, errs
}

// mergeDocs returns the documents of an edition: its own (from dir), and,
// for each document of the main edition it lacks, the main one when the
// edition falls back (noted in fallback) or else an error at the main
// document. A document of its own that the main edition lacks is an error.
func mergeDocs(e claim.Edition, dir string, main, own *content.Set, fallback map[string]bool, untranslated *diag.List) (*content.Set, diag.List) {
	var errs diag.List
	out := &content.Set{Files: own.Files}
	kinds := []struct {
		key        string
		main, own  []*content.Doc
		out        *[]*content.Doc
		translated string
	}{
		{"article", main.Topics, own.Topics, &out.Topics, "topics/"},
		{"commentary", main.Claims, own.Claims, &out.Claims, "claims/"},
		{"page", main.Pages, own.Pages, &out.Pages, ""},
	}
	for _, k := range kinds {
		for _, d := range k.main {
			i := slices.IndexFunc(k.own, func(o *content.Doc) bool { return o.Name == d.Name })
			switch {
			case i >= 0:
				*k.out = append(*k.out, k.own[i])
			case e.Fallback:
				*k.out = append(*k.out, d)
				fallback[k.key+":"+d.Name] = true
				untranslated.Add(diag.Pos{File: d.File, Line: 1, Col: 1}, "translate it into "+path.Join(dir, k.translated+d.Name+".md"), "no %q translation of this document", e.Lang)
			default:
				want := path.Join(dir, k.translated+d.Name+".md")
				errs.Add(diag.Pos{File: d.File, Line: 1, Col: 1}, "translate it into "+want+", or set fallback = true on the \""+e.Lang+"\" edition in claims/site.toml",
					"no %q translation of this document", e.Lang)
			}
		}
		for _, o := range k.own {
			if !slices.ContainsFunc(k.main, func(d *content.Doc) bool { return d.Name == o.Name }) {
				errs.Add(diag.Pos{File: o.File}, "every edition has the same pages: add it to the main edition's content/ first", "no document of the main edition for this translation")
			}
		}
	}
	// Images are shared, at /images/, by name: the main edition writes
	// its own, the edition those the main one lacks.
	for _, im := range own.Images {
		if !slices.ContainsFunc(main.Images, func(m content.ImageFile) bool { return m.Name == im.Name }) {
			out.Images = append(out.Images, im)
		}
	}
	return out, errs
}

// prepareEditions prepares the site of each edition of res.editions as
// prepare does the main one's, with the templates tmpl; in is the main
// edition's site input, which gets the editions too.
func prepareEditions(cfg Config, res *Result, in *site.Input, tmpl fs.FS) ([]prepared, error) {
	if len(res.editions) == 0 {
		return nil, nil
	}
	main := res.Set.Site.Main()
	name := func(lang string) string {
		cat, err := cfg.catalogs.Load(tmpl, lang)
		if err != nil {
			return lang
		}
		return cmp.Or(cat.Strings["language_name"], lang)
	}
	eds := []site.Edition{{Lang: main.Lang, Dir: main.Dir, Name: name(main.Lang), Digits: main.Digits}}
	for _, e := range res.editions {
		eds = append(eds, site.Edition{Lang: e.Lang, Dir: e.Dir, Prefix: e.Prefix, Name: name(e.Lang), Digits: e.Digits})
	}
	in.Editions = eds
	var out []prepared
	for i, e := range res.editions {
		ep, err := prepareEdition(cfg, tmpl, nil, e.set, e.res, e.docs, e.Lang, e.Digits, e.Prefix)
		if err != nil {
			return nil, err
		}
		ep.site.Editions, ep.site.Edition, ep.site.Fallback = eds, i+1, e.fallback
		out = append(out, ep)
	}
	return out, nil
}

// shared reports whether an edition's file name is one that every edition
// shares, so that only the main edition's is written: the assets.
func shared(name string) bool { return strings.HasPrefix(name, "assets/") }

// renderEdition renders the pages of one of the site's other editions,
// ep, handing them to emit but for the files the editions share with the
// main one (see shared), and then its machine outputs, which it hands to
// out, as render does the main edition's: its claims' charts are drawn
// with their pages, and their data handed to out at once. It returns the
// edition's pages, for the main edition's sitemap, and lets go of what ep
// holds.
func renderEdition(ep *prepared, emit, out func(name string, data []byte) error) ([]route.Page, error) {
	pages, err := ep.pages(func(name string, data []byte) error {
		if shared(name) {
			return nil
		}
		return emit(name, data)
	}, out)
	if err != nil {
		return nil, err
	}
	err = ep.pub.Stream(pages, out)
	ep.pub = nil
	return pages, err
}

// wordsIn returns the words of the catalog cat in lang, writing numbers in
// the number system digits ("" for the catalog's own).
func wordsIn(lang string, cat *text.Catalog, digits string) *text.Words {
	w := text.For(lang, cat)
	if digits != "" {
		w = w.With(text.Numbers{Digits: digits})
	}
	return w
}
