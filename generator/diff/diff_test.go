package diff

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"reckon/generator/claim"
)

func ptr[T any](v T) *T { return &v }

func TestFieldsClaim(t *testing.T) {
	old := &claim.Claim{
		ID: "t/a", File: "claims/t/a.toml", Title: "A", Scope: "s",
		Date:   claim.Date{Year: 2025, Month: 1, Day: 2},
		Figure: claim.Figure{Value: 2664000, Currency: "USD"},
		Parts:  []claim.Part{{Label: "one", Value: 1, Currency: "USD"}},
	}
	new := &claim.Claim{
		ID: "t/b", File: "claims/t/b.toml", Title: "B", Scope: "s",
		Date:       claim.Date{Year: 2025, Month: 1, Day: 3},
		Figure:     claim.Figure{Value: 2664001, Currency: "USD"},
		Parts:      []claim.Part{{Label: "one", Value: 1, Currency: "USD"}, {Label: "two", Value: 2, Currency: "USD"}},
		Evidence:   []string{"x"},
		Correction: []claim.Correction{{Date: claim.Date{Year: 2026, Month: 12, Day: 1}, Change: "c", Reason: "r"}},
	}
	want := []Field{
		{"title", "A", "B"},
		{"date", "2025-01-02", "2025-01-03"},
		{"figure.value", 2664000.0, 2664001.0},
		{"parts[1].label", nil, "two"},
		{"parts[1].value", nil, 2.0},
		{"parts[1].currency", nil, "USD"},
		{"evidence", nil, []any{"x"}},
		{"corrections[0].date", nil, "2026-12-01"},
		{"corrections[0].change", nil, "c"},
		{"corrections[0].reason", nil, "r"},
	}
	// ID and File are not keys of the file: a claim that moved is the
	// same claim.
	if got := fields(old, new); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
	if got := fields(old, old); len(got) != 0 {
		t.Errorf("a claim differs from itself: %v", got)
	}
	if !correctionOnly(want[7:]) || correctionOnly(want) {
		t.Errorf("correctionOnly is wrong")
	}
}

func TestFieldsOptionalKeys(t *testing.T) {
	// verified = false differs from no verified key, and from true; a zero
	// value behind a pointer is kept.
	for _, tc := range []struct {
		name     string
		old, new *bool
		want     []Field
	}{
		{"unset to false", nil, ptr(false), []Field{{"verified", nil, false}}},
		{"true to false", ptr(true), ptr(false), []Field{{"verified", true, false}}},
		{"same", ptr(false), ptr(false), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fields(&claim.Source{URL: "https://a.example/", Verified: tc.old}, &claim.Source{URL: "https://a.example/", Verified: tc.new})
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("fields = %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestFieldsModel(t *testing.T) {
	old := claim.Model{Parameters: map[string]*claim.Parameter{
		"rate": {Label: "Rate", Unit: "USD/GPU-h", Value: ptr(2.0), Source: "s"},
		"gone": {Label: "Gone", Unit: "1", Value: ptr(1.0), Source: "s"},
	}}
	new := claim.Model{Parameters: map[string]*claim.Parameter{
		"rate": {Label: "Rate", Unit: "USD/GPU-h", Low: ptr(2.0), High: ptr(3.0), Source: "s"},
	}}
	want := []Field{
		{"parameters.gone.label", "Gone", nil},
		{"parameters.gone.unit", "1", nil},
		{"parameters.gone.value", 1.0, nil},
		{"parameters.gone.source", "s", nil},
		{"parameters.rate.value", 2.0, nil},
		{"parameters.rate.low", nil, 2.0},
		{"parameters.rate.high", nil, 3.0},
	}
	if got := fields(old, new); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
}

func TestFieldsNotFinite(t *testing.T) {
	got := fields(&claim.Part{Value: 1}, &claim.Part{Value: math.Inf(1)})
	want := []Field{{"value", 1.0, "+Inf"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %#v, want %#v", got, want)
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words, 2.5", "plain words, 2.5"},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"[x](javascript:alert(1))", `\[x\](javascript:alert(1))`},
		{"![i](https://t.example/p.png)", `\!\[i\](https://t.example/p.png)`},
		{"@team #12 $x$ `c` *e* _e_ ~s~ &amp; \\", `\@team \#12 \$x\$ \` + "`" + `c\` + "`" + ` \*e\* \_e\_ \~s\~ \&amp; \\`},
		{"line\nbreak", "line ↵ break"},
		{"\u202eevil\u200b\x07", "⟨U+202E⟩evil⟨U+200B⟩⟨U+0007⟩"},
	} {
		if got := text(tc.in); got != tc.want {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"deepseek/v3-report", "`deepseek/v3-report`"},
		{"HEAD~1", "`HEAD~1`"},
		{"{{value t x}}", "`{{value t x}}`"},
		{"a|b", `a\|b`},
		{"a`b", "a\\`b"},
		{"", ""},
	} {
		if got := code(tc.in); got != tc.want {
			t.Errorf("code(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFenced(t *testing.T) {
	got := fenced("diff", "a ``` b\n\u202ec")
	want := "````diff\na ``` b\n⟨U+202E⟩c\n````\n"
	if got != want {
		t.Errorf("fenced = %q, want %q", got, want)
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{2664001, "2,664,001"},
		{-1234.5, "-1,234.5"},
		{0.055, "0.055"},
		{160614759.68992248, "160,614,759.68992248"},
		{100, "100"},
	} {
		if got := number(tc.in); got != tc.want {
			t.Errorf("number(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLineDiff(t *testing.T) {
	got := lineDiff([]string{"a", "b", "c"}, []string{"a", "B", "c", "d"})
	want := []string{"  a", "- b", "+ B", "  c", "+ d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lineDiff = %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	got := snippet([]Field{{"figure.value", 5576000.0, 5600000.0}, {"rating", "Mostly \"accurate\"", "Misleading"}})
	want := `[[corrections]]
date = YYYY-MM-DD  # the day this correction is published
change = "figure.value: 5,576,000 → 5,600,000; rating: \"Mostly \\\"accurate\\\"\" → \"Misleading\""  # what changed, in words for readers
reason = ""  # why: the error found or the new evidence
`
	if got != want {
		t.Errorf("snippet =\n%s\nwant\n%s", got, want)
	}
}

// TestMarkdownCap cuts the report after the last row or block that fits,
// and says so.
func TestMarkdownCap(t *testing.T) {
	r := &Report{}
	for i := range 50 {
		r.Files = append(r.Files, "claims/f"+strings.Repeat("x", i)+".txt")
		r.Sources = append(r.Sources, EntityChange{ID: "s" + strings.Repeat("y", i), Status: Changed, Fields: []Field{{"title", "a", "b"}}})
	}
	var whole, cut strings.Builder
	r.Markdown(&whole, MarkdownOptions{})
	r.Markdown(&cut, MarkdownOptions{Max: 3000, Full: "diff-full.md"})
	if cut.Len() > 3000 || cut.Len() < 2800 {
		t.Errorf("cut report has %d bytes, want a little under 3000", cut.Len())
	}
	head, end, _ := strings.Cut(cut.String(), "\n\n---\n")
	if !strings.HasPrefix(whole.String(), head) {
		t.Errorf("the cut report is not the start of the whole one")
	}
	// The cut falls after a table row.
	if !strings.HasSuffix(head, "| changed | `title` |\n") {
		t.Errorf("the cut report does not end with a table row:\n%s", head[max(0, len(head)-200):])
	}
	want := fmt.Sprintf("\n**This report is cut here to fit a comment; the whole report has %s bytes.** The whole report is in `diff-full.md` (uploaded with the check's artifacts).\n", number(float64(whole.Len())))
	if end != want {
		t.Errorf("cut report ends\n%q\nwant\n%q", end, want)
	}
}

func TestProblemNamesAtMost20(t *testing.T) {
	r := &Report{}
	for i := range 23 {
		r.Uncorrected = append(r.Uncorrected, Uncorrected{ID: fmt.Sprintf("t/c%02d", i)})
	}
	want := "23 published claims changed figure, scope or rating without a new correction entry: t/c00, t/c01, t/c02, t/c03, t/c04, t/c05, t/c06, t/c07, t/c08, t/c09, t/c10, t/c11, t/c12, t/c13, t/c14, t/c15, t/c16, t/c17, t/c18, t/c19 and 3 more"
	if got := r.Problem(); got != want {
		t.Errorf("Problem() = %q, want %q", got, want)
	}
}

// TestFieldsTranslations: the editions of site.toml and the translations
// tables of a claim are compared key by key, like every other field.
func TestFieldsTranslations(t *testing.T) {
	old := &claim.Claim{Title: "A", Translations: claim.Translations{"ar": {"title": "أ"}}}
	new := &claim.Claim{Title: "A", Translations: claim.Translations{"ar": {"title": "ب", "summary": "ج"}}}
	want := []Field{
		{"translations.ar.summary", nil, "ج"},
		{"translations.ar.title", "أ", "ب"},
	}
	if got := fields(old, new); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
	os := &claim.Site{Editions: []claim.Edition{{Lang: "en"}, {Lang: "ar", Prefix: "ar"}}}
	ns := &claim.Site{Editions: []claim.Edition{{Lang: "en"}, {Lang: "ar", Prefix: "ar", Fallback: true}}}
	want = []Field{{"editions[1].fallback", nil, true}}
	if got := fields(os, ns); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
	// The translations of a claim's parts and repeated citations, and a
	// source's title_language.
	oc := &claim.Claim{Parts: []claim.Part{{Label: "P"}}, Repeated: []claim.Citation{{Source: "s"}}}
	nc := &claim.Claim{Parts: []claim.Part{{Label: "P", Translations: claim.Translations{"ar": {"label": "ق"}}}},
		Repeated: []claim.Citation{{Source: "s", Translations: claim.Translations{"ar": {"locator": "الفقرة الأولى"}}}}}
	want = []Field{
		{"repeated[0].translations.ar.locator", nil, "الفقرة الأولى"},
		{"parts[0].translations.ar.label", nil, "ق"},
	}
	if got := fields(oc, nc); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
	want = []Field{{"title_language", nil, "en"}}
	if got := fields(&claim.Source{Title: "T"}, &claim.Source{Title: "T", TitleLanguage: "en"}); !reflect.DeepEqual(got, want) {
		t.Errorf("fields =\n%#v\nwant\n%#v", got, want)
	}
}
