package templates

import (
	"regexp"
	"strings"
	"testing"
)

// TestStylesheetLogical checks that site.css says where things go by the
// reading direction (margin-inline-start, text-align: start, inset-inline)
// and never by the physical side, so that a right-to-left edition mirrors
// the layout: no left or right property, value or four-sided shorthand
// whose sides differ. Background gradients, which run between both
// physical edges alike, may name them.
func TestStylesheetLogical(t *testing.T) {
	data, err := FS.ReadFile("assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	css := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllStringFunc(string(data), func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n")) // keep line numbers
	})
	physical := regexp.MustCompile(`(?:^|[\s{;])(` +
		`(?:(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right|top|bottom)[a-z-]*|` +
		`left|right|top|bottom|width|height|min-width|max-width|min-height|max-height)\s*:|` +
		`(?:text-align|float|clear)\s*:\s*(?:left|right)\b)`)
	fourSided := regexp.MustCompile(`(?:^|[\s{;])(?:margin|padding|inset|border-width|border-style|border-color)\s*:\s*([^;}]+)`)
	n := 0
	for i, line := range strings.Split(css, "\n") {
		if strings.Contains(line, "gradient(") {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "@media") {
			continue // media features are physical: the viewport's width
		}
		n++
		if m := physical.FindStringSubmatch(line); m != nil {
			t.Errorf("site.css:%d: %q is physical: use the logical property (inline/block, start/end)", i+1, strings.TrimSpace(m[1]))
		}
		for _, m := range fourSided.FindAllStringSubmatch(line, -1) {
			if f := strings.Fields(m[1]); len(f) == 4 && f[1] != f[3] {
				t.Errorf("site.css:%d: %q sets left and right apart: use the -inline-start and -inline-end properties", i+1, strings.TrimSpace(m[0]))
			}
		}
	}
	if n < 300 {
		t.Fatalf("read only %d lines of site.css", n)
	}
}
