package build

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"reckon/templates"
)

// TestChartPointsSayTheRating renders the fixture site and reads, on every
// page and embed page, the option of every ladder and timeline: each claim
// of the topic has one point, in the series named by the claim's rating
// label, and the point carries that label (its "rating", its tooltip, and
// its label on the timeline or its row's name on the ladder). A chart that
// marked a claim by the figure's verdict alone ("consistent") fails.
func TestChartPointsSayTheRating(t *testing.T) {
	_, files, _, err := Render(Config{Src: os.DirFS(fixtureSite), Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
	res := checkFixture(t)
	ratings := map[string]map[string]string{} // topic ID -> claim ID -> rating label
	for _, top := range res.Results.Topics {
		ratings[top.Topic.ID] = map[string]string{}
		for _, c := range top.Claims {
			if c.Rating.Label == "" {
				t.Fatalf("%s has no rating label", c.Claim.ID)
			}
			ratings[top.Topic.ID][c.Claim.ID] = c.Rating.Label
		}
	}
	charts, embeds := 0, 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, fig := range figures(doc) {
			id := attrOf(fig, "data-chart")
			topic, kind, _ := strings.Cut(id, "/")
			if kind != "ladder" && kind != "timeline" {
				continue
			}
			charts++
			if strings.HasPrefix(name, "embed/") {
				embeds++
			}
			checkRatings(t, name+" "+id, kind, optionOf(t, name, fig), ratings[topic])
		}
	}
	// The fixture's two topics each have a ladder and a timeline on the topic
	// page and as embed pages.
	if charts < 8 || embeds < 4 {
		t.Errorf("%d ladders and timelines, %d of them on embed pages; want at least 8 and 4", charts, embeds)
	}
}

func checkRatings(t *testing.T, where, kind string, opt map[string]any, want map[string]string) {
	t.Helper()
	var cats []any
	if kind == "ladder" {
		y, _ := opt["yAxis"].([]any)
		if len(y) == 0 {
			t.Fatalf("%s: no y axis", where)
		}
		cats, _ = y[0].(map[string]any)["data"].([]any)
	}
	seen := map[string]bool{}
	series, _ := opt["series"].([]any)
	for _, s := range series {
		s := s.(map[string]any)
		data, _ := s["data"].([]any)
		for _, d := range data {
			d, ok := d.(map[string]any)
			if !ok || d["claim"] == nil {
				continue
			}
			claim := d["claim"].(string)
			label, ok := want[claim]
			if !ok {
				t.Errorf("%s: a point for %q, not a claim of the topic", where, claim)
				continue
			}
			seen[claim] = true
			if s["name"] != label || d["rating"] != label {
				t.Errorf("%s: %s is in series %q with rating %q, want %q", where, claim, s["name"], d["rating"], label)
			}
			tip, _ := d["tip"].([]any)
			if !slices.Contains(tip, any("Rating: "+label)) {
				t.Errorf("%s: %s tooltip %q does not say %q", where, claim, tip, "Rating: "+label)
			}
			switch kind {
			case "timeline":
				if text, _ := d["text"].(string); !strings.HasSuffix(text, ": "+label) {
					t.Errorf("%s: %s label %q does not end with its rating %q", where, claim, text, label)
				}
			case "ladder":
				v, _ := d["value"].([]any)
				row, _ := v[1].(float64)
				if int(row) >= len(cats) || !strings.HasSuffix(cats[int(row)].(string), ", "+label) {
					t.Errorf("%s: %s row %v does not end with its rating %q", where, claim, v, label)
				}
			}
		}
	}
	for claim := range want {
		if !seen[claim] {
			t.Errorf("%s: no point for %s", where, claim)
		}
	}
}

// figures returns the chart figures of a page.
func figures(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == "figure" && attrOf(c, "data-chart") != "" {
			out = append(out, c)
		}
	}
	return out
}

// optionOf parses the ECharts option of a chart figure.
func optionOf(t *testing.T, page string, fig *html.Node) map[string]any {
	t.Helper()
	for c := range fig.Descendants() {
		if c.Type == html.ElementNode && c.Data == "script" && strings.Contains(attrOf(c, "class"), "chart-option") && c.FirstChild != nil {
			var opt map[string]any
			if err := json.Unmarshal([]byte(c.FirstChild.Data), &opt); err != nil {
				t.Fatalf("%s: %s option: %v", page, attrOf(fig, "data-chart"), err)
			}
			return opt
		}
	}
	t.Fatalf("%s: %s has no option", page, attrOf(fig, "data-chart"))
	return nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
