package site_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"reckon/generator/site"
)

// bidiStrings sets every text field of the fixture to its name followed by
// a right-to-left override (U+202E) and a right-to-left embedding (U+202B),
// neither of them closed: on a page, each would reorder whatever follows
// it in its paragraph unless the field is isolated. The model's reasons and
// step labels are written by package text from the fixture's findings, with
// labels inside.
func bidiStrings() fixtureStrings {
	var s fixtureStrings
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(v.Type().Field(i).Name + " \u202e$78.56M \u202bby")
	}
	s.URL, s.ArchiveURL = plainStrings().URL, plainStrings().ArchiveURL
	return s
}

// bidiMarked reports whether s holds one of the fixture's bidi controls.
func bidiMarked(s string) bool { return strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e") }

// TestUserTextIsIsolated renders the site with bidi controls in every user
// string and checks, on every page, that each text holding one is inside
// an isolating element (a <bdi>, an element with dir="auto" or of the class
// "isolate") that holds exactly one user string and nothing of the
// template around it.
func TestUserTextIsIsolated(t *testing.T) {
	strs := bidiStrings()
	// The commentary's own references are rendered by package content.
	article := strings.Replace(fixtureArticle, "see {{claim deepseek/v3-report}}", "see the report", 1)
	in, docs := fixture(strs, article, fixtureMethodology)
	in = withDocs(t, in, docs)
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatal(err)
	}
	// The user strings, as the pages may show them: as written, or with a
	// capital first letter where they start a sentence.
	allowed := map[string]bool{}
	var names []string
	v := reflect.ValueOf(strs)
	for i := range v.NumField() {
		s := v.Field(i).String()
		if !bidiMarked(s) {
			continue
		}
		allowed[s] = true
		r, n := utf8.DecodeRuneInString(s)
		allowed[string(unicode.ToUpper(r))+s[n:]] = true
		names = append(names, v.Type().Field(i).Name)
	}
	// One translation, as the fixture writes it.
	allowed[strs.Translation+"The cost of training R1 was about $5.6 million"] = true
	seen := map[string]bool{} // field names whose text a page shows
	pages := 0
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		doc, err := html.Parse(strings.NewReader(string(files[p])))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.TextNode || !bidiMarked(n.Data) || rawText(n) {
				continue
			}
			iso := isolate(n)
			if iso == nil {
				t.Errorf("%s: %q is not isolated, in <%s>: %q", p, n.Data, n.Parent.Data, text(n.Parent))
				continue
			}
			got := text(iso)
			if !allowed[got] {
				t.Errorf("%s: the isolate <%s> around %q holds more than one user string: %q", p, iso.Data, n.Data, got)
				continue
			}
			name, _, _ := strings.Cut(got, " ")
			seen[strings.ToUpper(name[:1])+name[1:]] = true
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	// Every field is shown somewhere, or the test would prove nothing
	// about it. Some are only data: they never reach a page as text.
	// The figure is written from its value.
	notShown := []string{"FigureText"}
	for _, name := range names {
		if !seen[name] && !slices.Contains(notShown, name) {
			t.Errorf("no page shows %s", name)
		}
	}
}

// rawText reports whether a text node is the content of an element that
// holds text only (title, script, style, textarea), where no element can
// isolate it.
func rawText(n *html.Node) bool {
	switch n.Parent.Data {
	case "title", "script", "style", "textarea":
		return true
	}
	return false
}

// isolate returns the nearest ancestor of n that isolates its content
// from the text around it, or nil.
func isolate(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.Data == "bdi" || attr(p, "dir") == "auto" || hasClass(p, "isolate") {
			return p
		}
	}
	return nil
}

func TestIsolateMarksLabels(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		users   []string
		want    string // user spans in [brackets]
	}{
		{"quoted label", `the figure is within the range for "Final run" ($5.6M)`, []string{"Final run"}, `the figure is within the range for "[Final run]" ($5.6M)`},
		{"capitalized", "Add research and cluster", []string{"add research", "cluster"}, "[Add research] and [cluster]"},
		{"longest first", "From DeepSeek V3 to DeepSeek", []string{"DeepSeek", "DeepSeek V3"}, "From [DeepSeek V3] to [DeepSeek]"},
		{"whole words", "add a run", []string{"a"}, "add [a] run"},
		{"none", "nothing here", []string{"run", ""}, "nothing here"},
		{"bidi", "for \"x\u202e\" ($1)", []string{"x\u202e"}, "for \"[x\u202e]\" ($1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for _, sp := range site.Isolate(tc.s, tc.users) {
				if sp.User {
					b.WriteString("[" + sp.Text + "]")
				} else {
					b.WriteString(sp.Text)
				}
			}
			if b.String() != tc.want {
				t.Errorf("isolate(%q) = %q, want %q", tc.s, b.String(), tc.want)
			}
		})
	}
}
