package main

import (
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mayImport is the direction of the import graph: for each package of the
// generator (by its path under generator/, "." for the command), the
// packages of the module it may import. Each package's doc comment states
// its row in a sentence "It may import: a, b and c." (or "It may import
// nothing of Reckon."), and [TestImportDirection] checks both the code and
// the docs against it. Any package may import diag; nothing imports build
// but the command. The rows name text, route and publish, and give theirs,
// as the layout of issue 9 has them.
var mayImport = map[string][]string{
	".":                        {"build", "card", "chart", "claim", "content", "diag", "diff", "explain", "input", "route", "serve", "slug", "text", "reckon/templates"},
	"build":                    {"card", "chart", "claim", "content", "costmodel", "diag", "input", "internal/pool", "publish", "route", "site", "text", "reckon/schemas"},
	"card":                     {},
	"chart":                    {"claim", "costmodel", "diag", "internal/pool", "text", "unit"},
	"claim":                    {"diag", "formula", "input", "internal/pool", "keypos", "slug", "spell", "unit"},
	"content":                  {"diag", "input", "internal/pool", "keypos", "route", "slug", "spell"},
	"costmodel":                {"claim", "diag", "formula", "internal/pool", "unit"},
	"costmodel/internal/synth": {"claim", "formula", "unit"},
	"diag":                     {},
	"diff":                     {"chart", "claim", "content", "costmodel", "diag", "keypos", "route", "text"},
	"explain":                  {"claim", "costmodel", "spell", "text"},
	"formula":                  {"diag", "spell", "unit"},
	"input":                    {"diag", "keypos"},
	"internal/golden":          {},
	"internal/pool":            {},
	"internal/synthsite":       {},
	"internal/synthsite/cmd":   {"internal/synthsite"},
	"internal/sitebench":       {"internal/synthsite", "reckon/templates"},
	"keypos":                   {},
	"publish":                  {"claim", "costmodel", "internal/pool", "route"},
	"route":                    {"diag"},
	"serve":                    {"diag"},
	"site":                     {"card", "chart", "claim", "content", "costmodel", "diag", "internal/pool", "route", "spell", "text", "unit"},
	"slug":                     {},
	"spell":                    {},
	"text":                     {"claim", "costmodel", "unit", "reckon/templates"},
	"unit":                     {},
}

// onlyImporter names, for a module outside Reckon that one package wraps,
// the only package that may import it.
var onlyImporter = map[string]string{
	"github.com/expr-lang/expr":        "formula",
	"github.com/go-echarts/go-echarts": "chart",
	"github.com/yuin/goldmark":         "content",
	"github.com/fsnotify/fsnotify":     "serve",
	"github.com/go-text/typesetting":   "card",
	"golang.org/x/image":               "card",
}

// pkg is what the import check needs of one package.
type pkg struct {
	name    string   // path under generator/, "." for the command
	imports []string // of the package's non-test files
	doc     string   // the package's doc comment
}

// checkImports returns, sorted, every import of pkgs against mayImport and
// onlyImporter, and every doc comment that does not state its row.
func checkImports(pkgs []pkg, mayImport map[string][]string, onlyImporter map[string]string) []string {
	const mod = "reckon/generator/"
	var bad []string
	for _, p := range pkgs {
		allowed, ok := mayImport[p.name]
		if !ok {
			bad = append(bad, fmt.Sprintf("%s: no row in mayImport: say in its doc what it may import, and add the row", p.name))
			continue
		}
		for _, imp := range p.imports {
			name, inModule := strings.CutPrefix(imp, mod)
			if !inModule && strings.HasPrefix(imp, "reckon/") {
				name, inModule = imp, true
			}
			if inModule && !slices.Contains(allowed, name) {
				bad = append(bad, fmt.Sprintf("%s imports %s: forbidden edge %s -> %s (it may import: %s)", p.name, imp, p.name, name, list(allowed)))
			}
			for prefix, owner := range onlyImporter {
				if (imp == prefix || strings.HasPrefix(imp, prefix+"/")) && p.name != owner {
					bad = append(bad, fmt.Sprintf("%s imports %s: forbidden edge %s -> %s (only %s may import it)", p.name, imp, p.name, prefix, owner))
				}
			}
		}
		stated, ok := docImports(p.doc)
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s: doc comment does not say %q", p.name, "It may import: ..."))
		case !slices.Equal(stated, slices.Sorted(slices.Values(allowed))):
			bad = append(bad, fmt.Sprintf("%s: doc says it may import %s, mayImport says %s", p.name, list(stated), list(allowed)))
		}
	}
	slices.Sort(bad)
	return bad
}

func list(names []string) string {
	if len(names) == 0 {
		return "nothing of Reckon"
	}
	return strings.Join(slices.Sorted(slices.Values(names)), ", ")
}

var mayImportRE = regexp.MustCompile(`It may import(?:: ([^.]*)| nothing of Reckon)\.`)

// docImports returns the packages, sorted, that the doc comment doc says
// its package may import: "It may import: a, b and c." or "It may import
// nothing of Reckon."; ok is false when it says neither.
func docImports(doc string) (names []string, ok bool) {
	m := mayImportRE.FindStringSubmatch(strings.Join(strings.Fields(doc), " "))
	if m == nil {
		return nil, false
	}
	if m[1] == "" {
		return []string{}, true
	}
	for _, part := range strings.Split(strings.ReplaceAll(m[1], " and ", ", "), ",") {
		names = append(names, strings.TrimSpace(part))
	}
	slices.Sort(names)
	return names, true
}

// generatorPackages reads the packages under the folder dir (generator/),
// skipping testdata.
func generatorPackages(t *testing.T, dir string) []pkg {
	var pkgs []pkg
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		bp, err := build.ImportDir(p, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		q := pkg{name: filepath.ToSlash(rel), imports: bp.Imports}
		fset := token.NewFileSet()
		for _, f := range bp.GoFiles {
			af, err := parser.ParseFile(fset, filepath.Join(p, f), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				return err
			}
			if af.Doc != nil {
				q.doc += af.Doc.Text()
			}
		}
		pkgs = append(pkgs, q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestImportDirection fails on an import against the direction the
// packages' docs state (see [mayImport]).
func TestImportDirection(t *testing.T) {
	pkgs := generatorPackages(t, ".")
	if len(pkgs) < 20 {
		t.Fatalf("found %d packages under generator/, want them all", len(pkgs))
	}
	for _, msg := range checkImports(pkgs, mayImport, onlyImporter) {
		t.Error(msg)
	}
	// Every row names packages that exist, or that are meant to.
	known := map[string]bool{"reckon/templates": true, "reckon/schemas": true, "text": true, "route": true, "publish": true}
	for _, p := range pkgs {
		known[p.name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(mayImport)) {
		for _, n := range mayImport[name] {
			if !known[n] {
				t.Errorf("mayImport[%q] names %q, which is no package", name, n)
			}
		}
	}
}

func TestCheckImports(t *testing.T) {
	allow := map[string][]string{
		"claim":     {"diag", "unit"},
		"costmodel": {"claim", "diag"},
		"unit":      {},
	}
	only := map[string]string{"github.com/expr-lang/expr": "formula"}
	docs := map[string]string{
		"claim":     "Package claim is the data model. It may import: diag and unit.\n",
		"costmodel": "Package costmodel computes. It may import: claim, diag.\n",
		"unit":      "Package unit is units. It may import nothing of Reckon.\n",
	}
	ok := func(name string, imports ...string) pkg { return pkg{name: name, imports: imports, doc: docs[name]} }
	for _, tc := range []struct {
		name string
		pkgs []pkg
		want []string
	}{
		{"allowed", []pkg{ok("claim", "fmt", "reckon/generator/unit"), ok("costmodel", "reckon/generator/claim"), ok("unit", "strings")}, nil},
		{"planted upward edge", []pkg{ok("claim", "reckon/generator/costmodel")},
			[]string{"claim imports reckon/generator/costmodel: forbidden edge claim -> costmodel (it may import: diag, unit)"}},
		{"leaf imports a package", []pkg{ok("unit", "reckon/generator/diag")},
			[]string{"unit imports reckon/generator/diag: forbidden edge unit -> diag (it may import: nothing of Reckon)"}},
		{"wrapped module outside its owner", []pkg{ok("costmodel", "github.com/expr-lang/expr/vm")},
			[]string{"costmodel imports github.com/expr-lang/expr/vm: forbidden edge costmodel -> github.com/expr-lang/expr (only formula may import it)"}},
		{"package without a row", []pkg{{name: "extra", doc: "Package extra. It may import nothing of Reckon."}},
			[]string{"extra: no row in mayImport: say in its doc what it may import, and add the row"}},
		{"doc without the sentence", []pkg{{name: "unit", doc: "Package unit is units."}},
			[]string{`unit: doc comment does not say "It may import: ..."`}},
		{"doc out of date", []pkg{{name: "claim", doc: "Package claim. It may import: diag."}},
			[]string{"claim: doc says it may import diag, mayImport says diag, unit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := checkImports(tc.pkgs, allow, only)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestDocImports(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string
		ok   bool
	}{
		{"Package a does x.\n\nIt may import: claim, costmodel and\ninternal/pool.", []string{"claim", "costmodel", "internal/pool"}, true},
		{"Package a does x. It may import: reckon/templates and build. More.", []string{"build", "reckon/templates"}, true},
		{"Package a does x. It may import nothing of Reckon.", []string{}, true},
		{"Package a does x. It imports claim.", nil, false},
	} {
		got, ok := docImports(tc.doc)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("docImports(%q) = %q, %v; want %q, %v", tc.doc, got, ok, tc.want, tc.ok)
		}
	}
}
