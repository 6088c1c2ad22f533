package site_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/site"
	"reckon/templates"
)

// TestLookupAgreesWithRender checks that every reference the lookup finds
// renders as something: a value with its text and number, a chart with its
// figure. A reference that passed the check can never come out empty.
func TestLookupAgreesWithRender(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	lookup := site.Lookup(in.Claims, in.Results, nil)
	topic := in.Results.Topics[0]
	var names []string
	for _, s := range topic.Scopes {
		names = append(names, s.Scope.Name)
		for _, c := range s.Components {
			names = append(names, c.Component.Name)
		}
	}
	for _, f := range topic.Formulas {
		names = append(names, f.Formula.Name)
	}
	for _, p := range topic.Params {
		names = append(names, p.Param.Name)
	}
	names = append(names, "cny_per_usd_2021", "nope")
	var b strings.Builder
	b.WriteString("## Values\n\n")
	values := 0
	for _, n := range names {
		for _, part := range []string{"central", "low", "high", "range"} {
			args := []string{topic.Topic.ID, n, part}
			if lookup(content.Value, args) == nil {
				fmt.Fprintf(&b, "{{value %s}}\n", strings.Join(args, " "))
				values++
			}
		}
	}
	charts := 0
	for _, c := range []string{"ladder", "bridge", "sensitivity", "timeline", "pie"} {
		if lookup(content.Chart, []string{topic.Topic.ID, c}) == nil {
			fmt.Fprintf(&b, "\n{{chart %s %s}}\n", topic.Topic.ID, c)
			charts++
		}
	}
	if values < 4*6 || charts < 3 {
		t.Fatalf("the lookup found %d values and %d charts; the fixture has more", values, charts)
	}
	docs["content/topics/"+topic.Topic.ID+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	set, err := checkDocs(in, docs)
	if err != nil {
		t.Fatal(err)
	}
	in.Docs = set
	files, err := renderSite(in, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["topics/"+topic.Topic.ID+"/index.html"])
	full := regexp.MustCompile(`<data class="value" value="[^"]+">[^<]+</data>`)
	if got := len(full.FindAllString(page, -1)); got != values {
		t.Errorf("%d values rendered with text and number, want %d", got, values)
	}
	if got := strings.Count(page, `class="ref ref-value" href="/topics/`+topic.Topic.ID+`/#`); got != values {
		t.Errorf("%d values link to their row, want %d", got, values)
	}
}

// TestLookupWithoutResults checks the lookup of claims that did not load:
// it reports what no file declares, and nothing it cannot know.
func TestLookupWithoutResults(t *testing.T) {
	in, _ := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	set := &claim.Set{
		Topics:     in.Claims.Topics,
		Parameters: in.Claims.Parameters,
		Files: map[string][]byte{
			"claims/broken/topic.toml":  []byte("title = 1"),
			"claims/deepseek/gone.toml": []byte("title = 1"),
		},
	}
	lookup := site.Lookup(set, nil, nil)
	id := in.Claims.Topics[0].ID
	tests := []struct {
		kind string
		args []string
		want string
	}{
		{content.Topic, []string{id}, ""},
		{content.Topic, []string{"broken"}, ""},
		{content.Topic, []string{"nowhere"}, `no topic "nowhere"`},
		{content.Claim, []string{in.Claims.Topics[0].Claims[0].ID}, ""},
		{content.Claim, []string{"deepseek/gone"}, ""},
		{content.Claim, []string{"deepseek/nowhere"}, `no claim "deepseek/nowhere"`},
		{content.Value, []string{id, "final_run"}, ""},
		{content.Value, []string{id, "cny_per_usd_2021"}, ""},
		{content.Value, []string{id, "final-run", "range"}, `no scope, component, formula or parameter "final-run" in topic "` + id + `"`},
		{content.Value, []string{"broken", "anything"}, ""},
		{content.Value, []string{"nowhere", "x"}, `no topic "nowhere"`},
		{content.Chart, []string{id, "bridge"}, ""},
		{content.Chart, []string{"broken", "pie"}, `no chart "pie"`},
	}
	for _, tc := range tests {
		got := ""
		if err := lookup(tc.kind, tc.args); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("lookup(%s %s) = %q, want %q", tc.kind, strings.Join(tc.args, " "), got, tc.want)
		}
	}
}
