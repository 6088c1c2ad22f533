package schemas_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/diag"
	"reckon/generator/unit"
	"reckon/schemas"
)

// checker validates files against the schemas, choosing each TOML file's
// schema with the rules of the repository's .taplo.toml, as editors and
// `make lint-toml` do.
type checker struct {
	cfg     taploConfig
	schemas map[string]*jsonschema.Schema // by file name, e.g. "claim.schema.json"
}

// taploConfig is the part of .taplo.toml that maps files to schemas.
type taploConfig struct {
	Include []string     `toml:"include"`
	Exclude []string     `toml:"exclude"`
	Rule    []taploRule  `toml:"rule"`
	Schema  *taploSchema `toml:"schema"`
}

type taploRule struct {
	Include []string    `toml:"include"`
	Exclude []string    `toml:"exclude"`
	Schema  taploSchema `toml:"schema"`
}

type taploSchema struct {
	Path string `toml:"path"`
	URL  string `toml:"url"`
}

func newChecker(t *testing.T) *checker {
	t.Helper()
	ck := &checker{schemas: map[string]*jsonschema.Schema{}}
	md, err := toml.DecodeFile("../.taplo.toml", &ck.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Fatalf(".taplo.toml: keys this test does not understand: %v", u)
	}
	if ck.cfg.Schema != nil {
		t.Fatalf(".taplo.toml: a default [schema] would apply to files no rule names")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseRegexpEngine(compilePattern)
	names, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no schemas embedded: %v", err)
	}
	for _, name := range names {
		data, _ := fs.ReadFile(schemas.FS, name)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("file:///schemas/"+name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, name := range names {
		s, err := c.Compile("file:///schemas/" + name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ck.schemas[name] = s
	}
	for _, r := range ck.cfg.Rule {
		p, ok := strings.CutPrefix(r.Schema.Path, "./schemas/")
		if !ok || r.Schema.URL != "" || ck.schemas[p] == nil {
			t.Fatalf(".taplo.toml: rule %v: schema must be a local file ./schemas/NAME.schema.json, got path %q url %q", r.Include, r.Schema.Path, r.Schema.URL)
		}
	}
	return ck
}

// compilePattern compiles a schema's pattern, written in ECMA-262 syntax as
// JSON Schema asks (and as Taplo's Rust regexp engine reads it), with Go's
// regexp: the one escape they spell differently, \uXXXX, becomes \x{XXXX}.
func compilePattern(s string) (jsonschema.Regexp, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+5 < len(s) && s[i+1] == 'u' && isHex(s[i+2:i+6]):
			fmt.Fprintf(&b, `\x{%s}`, s[i+2:i+6])
			i += 5
		case s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return regexp.Compile(b.String())
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// glob reports whether name matches pattern as Taplo's globs do: "**"
// stands for any number of path segments (at the end, at least one), and
// other segments follow [path.Match].
func glob(pattern, name string) bool {
	var match func(p, n []string) bool
	match = func(p, n []string) bool {
		if len(p) == 0 {
			return len(n) == 0
		}
		if p[0] == "**" {
			if len(p) == 1 {
				return len(n) > 0 // a trailing "**" matches what is inside
			}
			for i := 0; i <= len(n); i++ {
				if match(p[1:], n[i:]) {
					return true
				}
			}
			return false
		}
		if len(n) == 0 {
			return false
		}
		ok, err := path.Match(p[0], n[0])
		return err == nil && ok && match(p[1:], n[1:])
	}
	return match(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func anyGlob(patterns []string, name string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool { return glob(p, name) })
}

// schemaFor returns the schema a file is validated against, "" for a TOML
// file that Taplo checks for syntax only, and whether the file is checked
// at all.
func (ck *checker) schemaFor(t *testing.T, name string) (schema string, checked bool) {
	t.Helper()
	switch {
	case strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md"):
		rel := strings.TrimPrefix(name, "content/")
		switch {
		case strings.HasPrefix(rel, content.TopicsDir+"/"):
			return "topic-front-matter.schema.json", true
		case strings.HasPrefix(rel, content.ClaimsDir+"/"):
			return "claim-front-matter.schema.json", true
		case !strings.Contains(rel, "/"):
			return "page-front-matter.schema.json", true
		}
		return "", false
	case !anyGlob(ck.cfg.Include, name) || anyGlob(ck.cfg.Exclude, name):
		return "", false
	}
	var found []string
	for _, r := range ck.cfg.Rule {
		if anyGlob(r.Include, name) && !anyGlob(r.Exclude, name) {
			found = append(found, strings.TrimPrefix(r.Schema.Path, "./schemas/"))
		}
	}
	if len(found) > 1 {
		t.Fatalf(".taplo.toml: %s matches several rules: %v", name, found)
	}
	if len(found) == 0 {
		return "", true
	}
	return found[0], true
}

// check validates one file (a TOML file, or the front matter of a Markdown
// file) and returns the problems found: a syntax error or the schema's
// errors. It returns nil for a file no schema covers.
func (ck *checker) check(t *testing.T, name string, data []byte) error {
	t.Helper()
	schema, checked := ck.schemaFor(t, name)
	if !checked {
		return nil
	}
	if strings.HasSuffix(name, ".md") {
		data = frontMatter(data)
	}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return err
	}
	if schema == "" {
		return nil
	}
	inst, err := taploView(doc)
	if err != nil {
		return err
	}
	return ck.schemas[schema].Validate(inst)
}

// frontMatter returns the TOML between the +++ lines that open a Markdown
// file, or nothing when there are none (as package content reads it).
func frontMatter(data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	fence := func(l string) bool { return strings.TrimRight(l, " \t\r\n") == "+++" }
	if len(lines) == 0 || !fence(lines[0]) {
		return nil
	}
	for i := 1; i < len(lines); i++ {
		if fence(lines[i]) {
			return []byte(strings.Join(lines[1:i], ""))
		}
	}
	return nil
}

// taploView turns a decoded TOML document into the JSON value Taplo
// validates: dates and times become strings as TOML writes them (a local
// date is "2025-01-31"), integers and floats stay numbers.
func taploView(doc map[string]any) (any, error) {
	var conv func(v any) any
	conv = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			m := make(map[string]any, len(v))
			for k, e := range v {
				m[k] = conv(e)
			}
			return m
		case []map[string]any:
			a := make([]any, len(v))
			for i, e := range v {
				a[i] = conv(e)
			}
			return a
		case []any:
			a := make([]any, len(v))
			for i, e := range v {
				a[i] = conv(e)
			}
			return a
		case time.Time:
			switch v.Location().String() {
			case "date-local":
				return v.Format(time.DateOnly)
			case "datetime-local":
				return v.Format("2006-01-02T15:04:05.999999999")
			case "time-local":
				return v.Format("15:04:05.999999999")
			}
			return v.Format(time.RFC3339Nano)
		}
		return v
	}
	b, err := json.Marshal(conv(doc))
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// goVerdict loads the site in fsys with the Go decoders and returns their
// errors, formatted, or "" when they accept it.
func goVerdict(fsys fs.FS) string {
	var b bytes.Buffer
	set, err := claim.Load(fsys, "claims")
	if err != nil {
		diag.Format(&b, err, diag.Files(set.Files))
	}
	docs, err := content.Load(fsys, "content")
	if err != nil {
		diag.Format(&b, err, diag.Files(docs.Files))
	}
	return b.String()
}

// archiveFS returns the files of ar laid over base (nil for none), leaving
// out the sections that are not files; a file whose content is "(delete)"
// is removed. It also returns the names of the case's own files.
func archiveFS(base, ar *txtar.Archive) (fstest.MapFS, []string) {
	fsys := fstest.MapFS{}
	if base != nil {
		for _, f := range base.Files {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	var own []string
	for _, f := range ar.Files {
		if f.Name == "errors" || f.Name == "github" || f.Name == "schema" {
			continue
		}
		if strings.TrimSpace(string(f.Data)) == "(delete)" {
			delete(fsys, f.Name)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		own = append(own, f.Name)
	}
	return fsys, own
}

func section(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return strings.TrimSpace(string(f.Data)), true
		}
	}
	return "", false
}

func parseArchive(t *testing.T, name string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

// checkAll validates every file of fsys and returns the problems by file.
func (ck *checker) checkAll(t *testing.T, fsys fstest.MapFS) map[string]error {
	t.Helper()
	out := map[string]error{}
	for name, f := range fsys {
		if err := ck.check(t, name, f.Data); err != nil {
			out[name] = err
		}
	}
	return out
}

func describe(errs map[string]error) string {
	var b strings.Builder
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range errs {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "%s: %#v\n", name, errs[name])
	}
	return b.String()
}

// TestValidFilesAgree: on every valid site of the corpus (the claim
// loader's base site, a frozen copy of the example site, and the accepted
// cases of testdata/cases), the Go decoders and the schemas both accept
// every file.
func TestValidFilesAgree(t *testing.T) {
	ck := newChecker(t)
	base := parseArchive(t, "../generator/claim/testdata/base.txtar")
	example := parseArchive(t, "testdata/example.txtar")
	compared := map[string]bool{} // "site: file"
	run := func(site string, fsys fstest.MapFS, files []string) {
		t.Run(site, func(t *testing.T) {
			if got := goVerdict(fsys); got != "" {
				t.Fatalf("the Go decoders reject the site:\n%s", got)
			}
			for _, name := range files {
				if _, checked := ck.schemaFor(t, name); !checked {
					continue
				}
				if err := ck.check(t, name, fsys[name].Data); err != nil {
					t.Errorf("%s: the decoders accept it, the schema rejects it:\n%v", name, err)
				}
				compared[site+": "+name] = true
			}
		})
	}
	baseFS, baseFiles := archiveFS(nil, base)
	run("base", baseFS, baseFiles)
	exFS, exFiles := archiveFS(nil, example)
	run("example", exFS, exFiles)
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, name := range cases {
		ar := parseArchive(t, name)
		verdict, _ := section(ar, "schema")
		if verdict != "accept" {
			continue
		}
		fsys, own := archiveFS(base, ar)
		run(strings.TrimSuffix(filepath.Base(name), ".txtar"), fsys, own)
	}
	if n := len(compared); n < 40 {
		t.Errorf("%d valid files compared, want at least 40", n)
	}
	t.Logf("%d valid files compared", len(compared))
}

// TestInvalidFilesAgree: every broken case (the claim loader's corpus in
// generator/claim/testdata/broken, and the rejected cases of testdata/cases)
// says in its schema section whether a schema can decide it. The Go
// decoders reject every case; the schemas reject every case marked
// "reject" and accept every case marked "not-decidable: REASON" (a check
// that needs other files, or compares two values, or sees what Taplo does
// not: a quoted date looks like a date to it).
func TestInvalidFilesAgree(t *testing.T) {
	ck := newChecker(t)
	base := parseArchive(t, "../generator/claim/testdata/base.txtar")
	broken, _ := filepath.Glob("../generator/claim/testdata/broken/*.txtar")
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	rejected, undecidable := 0, 0
	for _, name := range append(broken, cases...) {
		ar := parseArchive(t, name)
		verdict, ok := section(ar, "schema")
		if !ok {
			t.Errorf("%s: no schema section (reject, or not-decidable: REASON)", name)
			continue
		}
		if verdict == "accept" {
			if slices.Contains(broken, name) {
				t.Errorf("%s: a broken case cannot be accepted", name)
			}
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			fsys, own := archiveFS(base, ar)
			if goVerdict(fsys) == "" {
				t.Fatalf("the Go decoders accept the case")
			}
			errs := ck.checkAll(t, fsys)
			for name := range errs {
				if !slices.Contains(own, name) {
					t.Errorf("the schema rejects %s, a file the case does not write: %v", name, errs[name])
				}
			}
			switch {
			case verdict == "reject":
				if len(errs) == 0 {
					t.Errorf("the decoders reject it, the schemas accept it")
				}
				rejected++
			case strings.HasPrefix(verdict, "not-decidable: ") && len(verdict) > len("not-decidable: "):
				if len(errs) > 0 {
					t.Errorf("marked not-decidable, but the schemas reject it:\n%s", describe(errs))
				}
				undecidable++
			default:
				t.Errorf("schema section %q: want reject, or not-decidable: REASON", verdict)
			}
		})
	}
	if rejected < 40 {
		t.Errorf("%d invalid files rejected by both, want at least 40", rejected)
	}
	t.Logf("%d invalid cases rejected by both; %d not decidable by a schema, rejected by the decoders only", rejected, undecidable)
}

// TestCurrencyCodes: the schemas' currency codes are exactly the codes the
// decoder accepts.
func TestCurrencyCodes(t *testing.T) {
	data, _ := fs.ReadFile(schemas.FS, "claim.schema.json")
	var s struct {
		Definitions struct {
			Currency struct {
				Enum []string `json:"enum"`
			} `json:"currency"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	codes := s.Definitions.Currency.Enum
	var want []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				if code := string([]rune{a, b, c}); unit.IsCurrency(code) {
					want = append(want, code)
				}
			}
		}
	}
	if !slices.Equal(codes, want) {
		t.Errorf("claim.schema.json currency codes differ from unit.IsCurrency:\n got %v\nwant %v", codes, want)
	}
	// Every schema that names currencies names the same ones.
	names, _ := fs.Glob(schemas.FS, "*.schema.json")
	for _, name := range names {
		data, _ := fs.ReadFile(schemas.FS, name)
		var s struct {
			Definitions map[string]json.RawMessage `json:"definitions"`
		}
		json.Unmarshal(data, &s)
		if raw, ok := s.Definitions["currency"]; ok {
			var cur struct {
				Enum []string `json:"enum"`
			}
			json.Unmarshal(raw, &cur)
			if !slices.Equal(cur.Enum, want) {
				t.Errorf("%s: currency codes differ from claim.schema.json", name)
			}
		}
	}
}

// TestTaploMapping: .taplo.toml gives each file the loader reads the schema
// of its kind, and skips the files the loader skips.
func TestTaploMapping(t *testing.T) {
	ck := newChecker(t)
	for name, want := range map[string]string{
		"claims/site.toml":         "site.schema.json",
		"claims/sources.toml":      "sources.schema.json",
		"claims/parameters.toml":   "parameters.schema.json",
		"claims/t/topic.toml":      "topic.schema.json",
		"claims/t/model.toml":      "model.schema.json",
		"claims/t/sources.toml":    "sources.schema.json",
		"claims/t/run.toml":        "claim.schema.json",
		"claims/t/_draft.toml":     "claim.schema.json", // loaded, and refused for its name
		"claims/notes.toml":        "",                  // refused for its place; syntax only
		"claims/_notes.toml":       "skipped",
		"claims/.notes.toml":       "skipped",
		"claims/_t/run.toml":       "skipped",
		"claims/.t/run.toml":       "skipped",
		"claims/t/.run.toml":       "skipped",
		"claims/t/drafts/run.toml": "skipped",
		"templates/i18n/en.toml":   "skipped",
		"content/topics/t.md":      "topic-front-matter.schema.json",
		"content/claims/t/run.md":  "claim-front-matter.schema.json",
		"content/about.md":         "page-front-matter.schema.json",
	} {
		got, checked := ck.schemaFor(t, name)
		if !checked {
			got = "skipped"
		}
		if got != want {
			t.Errorf("%s: schema %q, want %q", name, got, want)
		}
	}
}
