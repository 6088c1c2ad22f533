package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"reckon/generator/route"
	"reckon/generator/text"
	defaults "reckon/templates"
)

func TestFormat(t *testing.T) {
	tx := &texts{m: map[string]string{"per": "{1} per {2}", "times_sign": "{factor}×", "sentence": "{text}.", "sentence_ends": ".?!"}}
	r := &tr{t: tx, w: tx.words("en")}
	rr := &renderer{tr: r}
	tests := []struct {
		name, got, want string
	}{
		{"money", r.quantity(5.576e6, "USD"), "$5.576M"},
		{"other currency", r.quantity(1e9, "CNY"), "CNY 1B"},
		{"price", r.quantity(2, "USD/GPU-h"), "$2 per GPU-h"},
		{"price per product", r.quantity(2.5, "USD/GPU/h"), "$2.5 per GPU*h"},
		{"rate", r.quantity(6.45, "CNY/USD"), "CNY 6.45 per USD"},
		{"count", r.quantity(2.788e6, "GPU-h"), "2,788,000 GPU-h"},
		{"pure number", r.quantity(0.32239, "1"), "0.3224"},
		{"per unit", r.quantity(3, "1/h"), "3 per h"},
		{"negative", r.w.Number(-1234.5), "-1,235"},
		{"infinite", r.w.Number(posInf()), "∞"},
		{"factor small", rr.factor(3.14), "3.1×"},
		{"factor large", rr.factor(428.4), "428×"},
		{"factor none", rr.factor(0), ""},
		{"signed up", r.w.Signed(1.5e6, "USD"), "+$1.5M"},
		{"signed down", r.w.Signed(-1.5e6, "USD"), "−$1.5M"},
		{"machine", machine(5.576e6), "5576000"},
		{"machine tiny", machine(1e-9), "1e-09"},
		{"percent", r.w.Percent(0.456), "46%"},
		{"sentence", r.w.Sentence("the figure is right"), "The figure is right."},
		{"sentence kept", r.w.Sentence("Already?"), "Already?"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	if r.err != nil {
		t.Error(r.err)
	}
}

func posInf() float64 { return 1 / zero() }
func zero() float64   { return 0 }

func TestOverlay(t *testing.T) {
	upper := fstest.MapFS{"a.html": {Data: []byte("upper")}, "assets/x.css": {Data: []byte("x")}}
	lower := fstest.MapFS{"a.html": {Data: []byte("lower")}, "b.html": {Data: []byte("b")}, "assets/y.js": {Data: []byte("y")}}
	o := Overlay(upper, nil, lower)
	if err := fstest.TestFS(o, "a.html", "b.html", "assets/x.css", "assets/y.js"); err != nil {
		t.Fatal(err)
	}
	data, _ := fs.ReadFile(o, "a.html")
	if string(data) != "upper" {
		t.Errorf("a.html = %q, want the upper layer's", data)
	}
	matches, _ := fs.Glob(o, "*.html")
	if !slices.Equal(matches, []string{"a.html", "b.html"}) {
		t.Errorf("Glob = %v", matches)
	}
}

func TestTexts(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.toml": {Data: []byte("dir = \"ltr\"\nhello = \"Hello, {1}\"\nbye = \"Bye\"\n")},
		"i18n/ar.toml": {Data: []byte("dir = \"rtl\"\nhello = \"مرحبا {1}\"\n")},
	}
	ar, err := loadTexts(fsys, "ar-EG", "")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := ar.get("hello", "x")
	bye, _ := ar.get("bye")
	if got != "مرحبا x" || bye != "Bye" || ar.m["dir"] != "rtl" {
		t.Errorf("ar strings: %q %q %q", got, bye, ar.m["dir"])
	}
	if _, err := ar.get("nope"); err == nil || err.Error() != `no interface string "nope" in i18n/*.toml` {
		t.Errorf("missing key: %v", err)
	}
	fr, err := loadTexts(fsys, "fr", "")
	if err != nil || fr.m["dir"] != "ltr" {
		t.Errorf("a language without a file falls back to English: %v", err)
	}
	if text.DirOf("ar") != "rtl" || text.DirOf("he-IL") != "rtl" || text.DirOf("en") != "ltr" {
		t.Error("DirOf is wrong")
	}
}

// TestStringsComplete checks that the default strings hold every key the
// code and the templates may ask for, whatever the data.
func TestStringsComplete(t *testing.T) {
	en, err := loadTexts(defaults.FS, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for prefix, values := range map[string][]string{
		"verdict_":     {"consistent", "plausible", "contradicted", "fair", "misattributed", "misleading", "add-up", "do-not-add-up", "spending-date", "claim-date", "neither", "independent", "own-source", "none"},
		"method_":      {"point", "corners", "monte-carlo"},
		"methods_":     {"point", "corners", "monte-carlo"},
		"dist_":        {"uniform", "triangular", "normal", "lognormal"},
		"figure_":      {"exact", "about", "more-than", "at-least", "less-than", "at-most"},
		"source_kind_": {"primary", "secondary", "estimate"},
		"axis_":        {"figure", "parts", "framing", "conversion", "support"},
		"month_":       {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
	} {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	// Every key the templates ask for with {{t "key" ...}}.
	re := regexp.MustCompile(`\{\{-? ?t "([^"]+)"`)
	files, _ := fs.Glob(defaults.FS, "*.html")
	for _, f := range files {
		data, _ := fs.ReadFile(defaults.FS, f)
		for _, m := range re.FindAllSubmatch(data, -1) {
			keys = append(keys, string(m[1]))
		}
	}
	// Every key the Go code asks for by a literal.
	src, _ := filepath.Glob("*.go")
	lit := regexp.MustCompile(`\.s\("([a-z0-9_-]+)"[,)]`)
	for _, f := range src {
		data, _ := os.ReadFile(f)
		for _, m := range lit.FindAllSubmatch(data, -1) {
			keys = append(keys, string(m[1]))
		}
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if _, err := en.get(k); err != nil {
			t.Error(err)
		}
	}
	if len(keys) < 150 {
		t.Errorf("found only %d keys: the patterns are broken", len(keys))
	}
}

func TestTextsArguments(t *testing.T) {
	tx := &texts{m: map[string]string{"a": "{2} then {1}, {x} {3} {} {1", "b": "plain"}}
	got, _ := tx.get("a", "one", 2)
	if want := "2 then one, {x} {3} {} {1"; got != want {
		t.Errorf("get = %q, want %q", got, want)
	}
	if got, _ := tx.get("b", "unused"); got != "plain" {
		t.Errorf("get = %q", got)
	}
}

// TestTemplateIDsAreReserved checks that every id the templates write
// literally is one that commentary headings may not take, so that a heading
// never duplicates an id of the page around it.
func TestTemplateIDsAreReserved(t *testing.T) {
	literal := regexp.MustCompile(`\bid="([a-z0-9-]+)"`)
	files, err := fs.Glob(defaults.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range files {
		data, err := fs.ReadFile(defaults.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(data), -1) {
			n++
			if !route.Reserved(m[1]) {
				t.Errorf("%s: id %q is not in route.ReservedIDs", name, m[1])
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d literal ids in the templates", n)
	}
}
