package text_test

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The packages whose strings can reach a page, relative to this one. Their
// reader text is made here, from templates/i18n; publish is scanned once it
// exists.
var scanned = []string{"../costmodel", "../chart", "../site", "../publish", "../card"}

// exception is a literal that looks like reader text but is not, or not
// yet, made by this package: the literal Lit (every literal, when Lit is
// "") in the function Func of a scanned package, and why it may stay.
type exception struct{ Func, Lit, Why string }

// exceptions are the literals the scan lets through. Each must still be
// needed: the test fails on one that matches nothing.
var exceptions = []exception{
	{"newEngine", "with every input at its central value", "where an evaluation failed, in an error for the terminal"},
	{"cornerVectors", " at its ", "where an evaluation failed, in an error for the terminal"},
	{"cornerVectors", " end", "where an evaluation failed, in an error for the terminal"},
	{"cornerVectors", "with ", "where an evaluation failed, in an error for the terminal"},
	{"joinAnd", ", ", "joins names in errors for the terminal"},
	{"joinAnd", " and ", "joins names in errors for the terminal"},
	{"unknownValue", "scope, component, formula or parameter", "an error for the terminal: what a reference may name"},
	{"templateError", "template: ", "html/template's own error prefix, matched to find the position"},
	{"templateError", ": ", "html/template's own error text, matched to find the position"},
	{"goWritten", "", "partials as html/template escapes them, matched to find the defaults that Go writes"},
	{"chartBody", "", "partials.html's own chart-body partial as parsed, matched to find the default that is rendered once for two pages"},
	{"escapeSample", "", "bytes and characters that html/template is asked to escape, to check that Go escapes the same"},
	{"robots", "User-agent: *\nAllow: /\n\nSitemap: ", "robots.txt syntax, read by crawlers"},
	{"lines", "\u2026", "the ellipsis that ends a line cut short on a social card, the same mark in every script"},
}

// TestNoReaderTextOutsideText parses the non-test Go files of the packages
// that make pages and fails on every string literal that looks like text a
// reader would see: a word beside a space, or sentence punctuation beside a
// space. See [readerText] and [allowed] for what passes.
//
// The column names of the CSV and JSON exports (claims.csv's "figure_value",
// a chart's "change_low") stay in code: they are identifiers that programs
// read, the same in every language, like JSON keys; the values under them
// that readers see come from the catalog.
func TestNoReaderTextOutsideText(t *testing.T) {
	used := make([]bool, len(exceptions))
	files := 0
	for _, dir := range scanned {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) && dir == "../publish" {
				continue // not made yet
			}
			t.Fatalf("%s: no Go files", dir)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files++
			for _, f := range scan(t, name, src, used) {
				t.Error(f)
			}
		}
	}
	if files < 20 {
		t.Fatalf("scanned only %d files", files)
	}
	for i, e := range exceptions {
		if !used[i] {
			t.Errorf("exception %q in %s matches no literal: remove it", e.Lit, e.Func)
		}
	}
}

// TestReaderTextScan plants literals in a small source file: the scan
// reports those a reader would see and lets the rest through.
func TestReaderTextScan(t *testing.T) {
	tests := []struct {
		name, code string
		fn         string // the function around code; "f" when empty
		caught     bool
	}{
		{"label", `s := "Start: " + label`, "", true},
		{"phrase", `title = "From " + from + " to " + to`, "", true},
		{"sentence", `caption := fmt.Sprintf("%d claims run from %s to %s.", n, a, b)`, "", true},
		{"one word in a phrase", `x := a + " to " + b`, "", true},
		{"separator", `x := strings.Join(items, "; ")`, "", true},
		{"text trimmed", `x := strings.TrimRight("the end. ", " .")`, "", true},
		{"parenthesis", `x := a + " (" + b + ")"`, "", true},
		{"ellipsis", `x := s + "…"`, "", true},
		{"not an error call", `x := fmt.Sprint("no such thing")`, "", true},
		{"a key named otherwise", `x := Item{Text: "the model's range"}`, "", true},
		{"exception in another function", `x := strings.Join(s, ", ")`, "other", true},

		{"catalog key", `s := w.Say("chart_ladder_title", "n", n)`, "", false},
		{"identifier", `kind := "monte-carlo"`, "", false},
		{"option name", `pos := "insideRight"`, "", false},
		{"palette token", `c := "palette:text"`, "", false},
		{"formatter prefix", `f := "money:"`, "", false},
		{"URL", `u := "https://example.org/a?b=c"`, "", false},
		{"file path", `p := "claims/site.toml"`, "", false},
		{"format without words", `id := fmt.Sprintf("%s/%s", a, b)`, "", false},
		{"HTML", "s := `<script src=\"%s\" async></script>`", "", false},
		{"error", `err := fmt.Errorf("no exchange rate between %s and %s", a, b)`, "", false},
		{"errors.New", `err := errors.New("render needs loaded claims")`, "", false},
		{"error helper", `return e.evalError(nd, vec, "at Monte Carlo sample "+n, err)`, "", false},
		{"panic", `panic("cannot happen here")`, "", false},
		{"regexp", `re := regexp.MustCompile("^template: (.*)$")`, "", false},
		{"diagnostic", `err := diag.Error{Msg: "no base URL for links", Hint: "set base_url, or pass -base-url"}`, "", false},
		{"hint", `hint := "did you mean this?"`, "", false},
		{"message", `e.msg += " in topic"`, "", false},
		{"condition", `l := claim.RatingLevel{When: "figure == \"consistent\""}`, "", false},
		{"bytes of a format", `b = append(b, ": "...)`, "", false},
		{"character set", `cut := strings.TrimRight(s, " ,;:")`, "", false},
		{"struct tag", "type x struct{ A string `json:\"a b\"` }", "", false},
		{"exception", `return strings.Join(s, ", ")`, "joinAnd", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code := tc.code // a statement in a function, or a declaration
			if !strings.HasPrefix(code, "type ") {
				code = "func " + cmp.Or(tc.fn, "f") + "() {\n\t" + code + "\n}"
			}
			// The import path is not a literal a reader sees either.
			src := "package p\n\nimport \"strings and more\"\n\n" + code + "\n"
			found := scan(t, "p.go", []byte(src), make([]bool, len(exceptions)))
			if caught := len(found) > 0; caught != tc.caught {
				t.Errorf("%s: caught %v, want %v (%q)", tc.code, caught, tc.caught, found)
			}
		})
	}
}

// scan returns a finding for every literal of the file that looks like
// reader text and is not allowed, and marks the exceptions it used.
func scan(t *testing.T, name string, src []byte, used []bool) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.ImportSpec:
			stack = stack[:len(stack)-1] // not walked: no nil call follows
			return false
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil || !readerText(s) || allowed(stack) {
				return true
			}
			fn := enclosingFunc(stack)
			for i, e := range exceptions {
				if e.Func == fn && (e.Lit == "" || e.Lit == s) {
					used[i] = true
					return true
				}
			}
			out = append(out, fmt.Sprintf("%s: %q looks like reader text: make it a catalog entry in templates/i18n/en.toml and write it through text.Words",
				fset.Position(n.Pos()), s))
		}
		return true
	})
	return out
}

var (
	// markup is an HTML tag with its attributes.
	markup = regexp.MustCompile(`<[^<>]*>`)
	// verb is a fmt verb.
	verb = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z%]`)
	// wordSpace is a letter beside a space: a word in a phrase.
	wordSpace = regexp.MustCompile(`\pL\s|\s\pL`)
	// stopSpace is sentence punctuation or a parenthesis beside a space or
	// an end: "Start: ", "; ", " (".
	stopSpace = regexp.MustCompile(`[.;:!?,()](\s|$)|(^|\s)[.;:!?,()]`)
)

// readerText reports whether a literal's value looks like text a reader
// would see. A value without a space is one token (an identifier, a
// catalog or JSON key, a file path, a URL, a CSS class, an ECharts option
// name or palette token) and passes, unless it holds an ellipsis; so does
// HTML markup and a format verb. Otherwise a word or sentence punctuation
// beside a space makes it text. A single word shown to readers cannot be
// told from an identifier this way: the scan misses it.
func readerText(s string) bool {
	s = verb.ReplaceAllString(markup.ReplaceAllString(s, ""), "")
	if strings.Contains(s, "…") {
		return true
	}
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	return wordSpace.MatchString(s) || stopSpace.MatchString(s)
}

// notText are the calls whose arguments are not page text: errors and
// panics for the terminal, regular expressions.
var notText = []string{"fmt.Errorf", "errors.New", "panic", "regexp.MustCompile"}

// charSets are the calls whose second argument is a set of characters,
// not text: the characters CSV quotes, those trimmed off a cut label.
var charSets = []string{"strings.ContainsAny", "strings.IndexAny", "strings.Trim", "strings.TrimLeft", "strings.TrimRight"}

// notTextKeys are the fields whose values are not page text: a
// diagnostic's message and hint (diag.Error and the site's reference
// errors), and a rating level's condition (an expression).
var notTextKeys = []string{"Msg", "Hint", "msg", "hint", "When"}

// allowed reports whether the literal at the top of the stack stands where
// no reader sees it: a struct tag; an argument of [notText] calls or of a
// function whose name ends in "Error" (an error helper); the character set
// of a [charSets] call; the value of a
// [notTextKeys] field, or assigned to a variable or field named msg or
// hint; or the bytes appended to a machine format (append(b, "..."...)).
func allowed(stack []ast.Node) bool {
	lit := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.Field:
			if n.Tag == lit {
				return true
			}
		case *ast.CallExpr:
			name := callName(n.Fun)
			if slices.Contains(notText, name) || strings.HasSuffix(name, "Error") {
				return true
			}
			if slices.Contains(charSets, name) && len(n.Args) == 2 && n.Args[1] == stack[i+1] {
				return true
			}
			if name == "append" && n.Ellipsis.IsValid() && n.Args[len(n.Args)-1] == stack[i+1] {
				return true
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && slices.Contains(notTextKeys, k.Name) && n.Value == stack[i+1] {
				return true
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if !slices.Contains([]string{"msg", "hint"}, lastName(l)) {
					return false
				}
			}
			return true
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// callName is a call's function as written: "fmt.Errorf", "panic", or the
// method's name for e.evalError.
func callName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && slices.Contains([]string{"errors", "fmt", "regexp", "strings"}, x.Name) {
			return x.Name + "." + f.Sel.Name
		}
		return f.Sel.Name
	}
	return ""
}

// lastName is the name an assignment sets: "msg" for msg and err.msg.
func lastName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// enclosingFunc is the name of the function declaration around the top of
// the stack, or "".
func enclosingFunc(stack []ast.Node) string {
	for i := len(stack) - 1; i >= 0; i-- {
		if d, ok := stack[i].(*ast.FuncDecl); ok {
			return d.Name.Name
		}
	}
	return ""
}
