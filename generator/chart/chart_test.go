package chart

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/golden"
	"reckon/generator/internal/synthsite"
	"reckon/generator/text"
	"reckon/templates"
)

// fixtureSite is the frozen copy of the example site the regression tests
// run on (never the repository's own claims/, which a newsroom edits).
const fixtureSite = "../testdata/site"

// seed renders the fixture site's claims, once per test binary run.
var seed = sync.OnceValues(func() ([]*Chart, error) {
	return renderFixture(text.English())
})

// renderFixture renders the fixture site's claims in w's words.
func renderFixture(w *text.Words) ([]*Chart, error) {
	set, err := claim.Load(os.DirFS(fixtureSite), "claims")
	if err != nil {
		return nil, err
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		return nil, err
	}
	return Render(res, w)
}

func seedCharts(t *testing.T) []*Chart {
	t.Helper()
	cs, err := seed()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func find(t *testing.T, cs []*Chart, id string) *Chart {
	t.Helper()
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no chart %q", id)
	return nil
}

// option decodes a chart's option into plain JSON values.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(c.Option), &m); err != nil {
		t.Fatalf("%s: option is not JSON: %v", c.ID, err)
	}
	return m
}

// path walks a decoded option: keys for objects, ints for arrays.
func path(t *testing.T, v any, steps ...any) any {
	t.Helper()
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not an object", s, v)
			}
			v = m[s]
		case int:
			a, ok := v.([]any)
			if !ok || s >= len(a) {
				t.Fatalf("at %v: %v is not an array that long", s, v)
			}
			v = a[s]
		}
	}
	return v
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// seriesNamed returns the series of an option with that name.
func seriesNamed(t *testing.T, opt map[string]any, name string) map[string]any {
	t.Helper()
	for _, s := range opt["series"].([]any) {
		if s := s.(map[string]any); s["name"] == name {
			return s
		}
	}
	t.Fatalf("no series %q", name)
	return nil
}

func TestSeedChartIDs(t *testing.T) {
	var got []string
	for _, c := range seedCharts(t) {
		got = append(got, c.ID+" "+c.ElementID+" "+c.Kind)
	}
	want := []string{
		"deepseek/article-true-cost-500m/bridge chart-deepseek_article-true-cost-500m-bridge claim-bridge",
		"deepseek/bridge chart-deepseek-bridge bridge",
		"deepseek/deepseek-under-6m/bridge chart-deepseek_deepseek-under-6m-bridge claim-bridge",
		"deepseek/high-flyer-1b-yuan/bridge chart-deepseek_high-flyer-1b-yuan-bridge claim-bridge",
		"deepseek/ladder chart-deepseek-ladder ladder",
		"deepseek/nature-r1-294k/bridge chart-deepseek_nature-r1-294k-bridge claim-bridge",
		"deepseek/r1-compute-5-6m/bridge chart-deepseek_r1-compute-5-6m-bridge claim-bridge",
		"deepseek/semianalysis-1-3b/bridge chart-deepseek_semianalysis-1-3b-bridge claim-bridge",
		"deepseek/semianalysis-1-6b/bridge chart-deepseek_semianalysis-1-6b-bridge claim-bridge",
		"deepseek/semianalysis-hardware-500m/bridge chart-deepseek_semianalysis-hardware-500m-bridge claim-bridge",
		"deepseek/sensitivity chart-deepseek-sensitivity sensitivity",
		"deepseek/timeline chart-deepseek-timeline timeline",
		"deepseek/v3-report-5-576m/bridge chart-deepseek_v3-report-5-576m-bridge claim-bridge",
		"deepseek/washington-post-1b/bridge chart-deepseek_washington-post-1b-bridge claim-bridge",
		"gpt-4/ai-index-78-4m/bridge chart-gpt-4_ai-index-78-4m-bridge claim-bridge",
		"gpt-4/altman-100m/bridge chart-gpt-4_altman-100m-bridge claim-bridge",
		"gpt-4/bridge chart-gpt-4-bridge bridge",
		"gpt-4/epoch-acquisition-778m/bridge chart-gpt-4_epoch-acquisition-778m-bridge claim-bridge",
		"gpt-4/epoch-amortized-40-7m/bridge chart-gpt-4_epoch-amortized-40-7m-bridge claim-bridge",
		"gpt-4/epoch-cloud-78-6m/bridge chart-gpt-4_epoch-cloud-78-6m-bridge claim-bridge",
		"gpt-4/ladder chart-gpt-4-ladder ladder",
		"gpt-4/timeline chart-gpt-4-timeline timeline",
	}
	if !slices.Equal(got, want) {
		t.Errorf("charts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestElementID(t *testing.T) {
	tests := []struct{ subject, name, want string }{
		{"deepseek", "ladder", "chart-deepseek-ladder"},
		{"deepseek/v3-report-5-576m", "bridge", "chart-deepseek_v3-report-5-576m-bridge"},
		// Hyphens cannot make a topic chart and a claim chart collide.
		{"a-b", "bridge", "chart-a-b-bridge"},
		{"a/b", "bridge", "chart-a_b-bridge"},
	}
	for _, tc := range tests {
		if got := ElementID(tc.subject, tc.name); got != tc.want {
			t.Errorf("ElementID(%q, %q) = %q, want %q", tc.subject, tc.name, got, tc.want)
		}
	}
}

func TestSeedLadderPoints(t *testing.T) {
	c := find(t, seedCharts(t), "deepseek/ladder")
	opt := option(t, c)
	wantRows := []string{
		"DeepSeek: $294,000, Mostly accurate",
		"DeepSeek: $5.576M, Mostly accurate",
		"an Arabic-language news site: $5.6M, Misleading",
		"an Arabic-language news site: ≤$6M, Mostly accurate",
		"an Arabic-language news site: CNY 1B, Needs context",
		"an Arabic-language news site: >$500M, False",
		"SemiAnalysis: >$500M, Mostly accurate",
		"The Washington Post: >$1B, Misleading",
		"an Arabic-language news site: ~$1.3B, Misleading",
		"SemiAnalysis: ~$1.6B, Mostly accurate",
	}
	if got := strs(path(t, opt, "yAxis", 0, "data")); !slices.Equal(got, wantRows) {
		t.Errorf("rows:\n%q\nwant:\n%q", got, wantRows)
	}
	if got := path(t, opt, "xAxis", 0, "type"); got != "log" {
		t.Errorf("x axis type %v, want log", got)
	}
	if lo, hi := path(t, opt, "xAxis", 0, "min"), path(t, opt, "xAxis", 0, "max"); lo != 1e5 || hi != 1e10 {
		t.Errorf("x axis %v..%v, want 1e5..1e10", lo, hi)
	}
	// Each figure, as [value in USD, row], in the series of its claim's
	// rating, with the mark of that rating's band, every point naming it.
	points := func(name string) string {
		s := seriesNamed(t, opt, name)
		var out []string
		for _, d := range s["data"].([]any) {
			v := d.(map[string]any)["value"].([]any)
			if r := d.(map[string]any)["rating"]; r != name {
				t.Errorf("series %q: point %v has rating %v", name, v, r)
			}
			out = append(out, fmt.Sprintf("%v@%v", v[0], v[1]))
		}
		return s["symbol"].(string) + " " + strings.Join(out, " ")
	}
	for _, tc := range []struct{ series, want string }{
		{"Mostly accurate", "diamond 294000@0 5.576e+06@1 6e+06@3 5e+08@6 1.6e+09@9"},
		{"Needs context", "emptyRect 1.5503876e+08@4"},
		{"Misleading", "triangle 5.6e+06@2 1e+09@7 1.3e+09@8"},
		{"False", crossSymbol + " 5e+08@5"},
	} {
		if got := points(tc.series); got != tc.want {
			t.Errorf("%s points: %s, want %s", tc.series, got, tc.want)
		}
	}
	if got, want := strs(path(t, opt, "legend", "data")), []string{"Mostly accurate", "Needs context", "Misleading", "False", "Model range", "Model central"}; !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}
	// The model's range for the scope each claim measures: base + span.
	base, span := seriesNamed(t, opt, "base")["data"].([]any), seriesNamed(t, opt, "Model range")["data"].([]any)
	var ranges []string
	for i := range base {
		lo := base[i].(map[string]any)["value"].(float64)
		ranges = append(ranges, text.English().Money(lo, "USD")+"–"+text.English().Money(lo+span[i].(map[string]any)["value"].(float64), "USD"))
	}
	wantRanges := []string{"$288,552–$300,792", "$5.576M–$5.576M", "$5.576M–$5.576M", "$5.576M–$5.576M", "$155M–$155M",
		"$160.6M–$160.6M", "$1.3B–$1.6B", "$1.3B–$1.6B", "$1.3B–$1.6B", "$1.3B–$1.6B"}
	if !slices.Equal(ranges, wantRanges) {
		t.Errorf("model ranges:\n%q\nwant:\n%q", ranges, wantRanges)
	}
	wantCaption := "The 10 claims run from DeepSeek's $294,000 to SemiAnalysis's about $1.6B, about 5,400 times as much. Rated: 5 Mostly accurate, 1 Needs context, 3 Misleading and 1 False."
	if c.Caption != wantCaption {
		t.Errorf("caption:\n%s\nwant:\n%s", c.Caption, wantCaption)
	}
	if len(c.Table.Rows) != 10 || c.Table.Rows[5][0] != "With its supercomputer, R1's true cost tops half a billion dollars" || c.Table.Rows[5][6] != "contradicted" || c.Table.Rows[5][7] != "False" {
		t.Errorf("table row 5: %q", c.Table.Rows[5])
	}
}

func TestSeedBridge(t *testing.T) {
	c := find(t, seedCharts(t), "deepseek/bridge")
	opt := option(t, c)
	// A ladder of scopes on a log axis: each scope the bridge passes, its
	// central value marked and labelled with the step's change, its range a
	// bar; $5.6M, the tens of millions and the billions all on the axis.
	var labels, ranges []string
	base, span := seriesNamed(t, opt, "base")["data"].([]any), seriesNamed(t, opt, "Model range")["data"].([]any)
	for i, d := range seriesNamed(t, opt, "Model central")["data"].([]any) {
		d := d.(map[string]any)
		labels = append(labels, fmt.Sprintf("%v@%v", d["text"], d["value"].([]any)[1]))
		lo := base[i].(map[string]any)["value"].(float64)
		ranges = append(ranges, text.English().Money(lo, "USD")+"–"+text.English().Money(lo+span[i].(map[string]any)["value"].(float64), "USD"))
	}
	// The final run's components, removed before the fleet's capex is
	// added (which contains them), join that step: no rung at $0.
	// Labels on the plot and the caption round; the table keeps the digits.
	want := []string{"$5.6M@0", "$1.45B (+$1.44B)@1", "$2.4B (+$940M)@2", "$2.4B@3"}
	if !slices.Equal(labels, want) {
		t.Errorf("marks %q, want %q", labels, want)
	}
	wantRanges := []string{"$5.576M–$5.576M", "$1.3B–$1.6B", "$2.244B–$2.544B", "$2.244B–$2.544B"}
	if !slices.Equal(ranges, wantRanges) {
		t.Errorf("ranges %q, want %q", ranges, wantRanges)
	}
	if got := path(t, opt, "xAxis", 0, "type"); got != "log" {
		t.Errorf("x axis type %v, want log", got)
	}
	if lo, hi := path(t, opt, "xAxis", 0, "min"), path(t, opt, "xAxis", 0, "max"); lo != 1e6 || hi != 1e10 {
		t.Errorf("x axis %v..%v, want 1e6..1e10", lo, hi)
	}
	wantCaption := "The broadest estimate, $2.4B, is about 430 times the narrowest, $5.6M. The largest step (+$1.45B): add Server capex of the whole GPU fleet."
	if c.Caption != wantCaption {
		t.Errorf("caption:\n%s\nwant:\n%s", c.Caption, wantCaption)
	}
}

// A claim bridge whose residual is not material (Altman's $100M against
// Epoch AI's $778M: $6M, under 5% of $778M) runs between the model's
// estimates, with no residual step; the replacement reads as two steps.
func TestSeedClaimBridgeResidual(t *testing.T) {
	c := find(t, seedCharts(t), "gpt-4/altman-100m/bridge")
	var rows []string
	for _, r := range c.Table.Rows {
		rows = append(rows, strings.Join(r, " | "))
	}
	want := []string{
		"Start: Training GPT-4: final run plus experiments | $106.1M | $94.27M to $117.8M | $106.1M",
		"Remove Compute for experiments and Final training run, cloud prices | −$106.1M | −$117.8M to −$94.27M | $0",
		"Add Buying the training cluster | +$778.1M |  | $778.1M",
		"End: Buying GPT-4's training cluster | $778.1M |  | $778.1M",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("table:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	// The caption rounds (the table above keeps the digits).
	wantCaption := "The model's estimate for Buying GPT-4's training cluster, $780M, is 7.3 times its estimate for what this claim measures, $106M. The largest step (+$780M): add Buying the training cluster."
	if c.Caption != wantCaption {
		t.Errorf("caption:\n%s\nwant:\n%s", c.Caption, wantCaption)
	}
}

func TestSeedGolden(t *testing.T) {
	cs := seedCharts(t)
	for _, id := range []string{"deepseek/ladder", "deepseek/bridge"} {
		c := find(t, cs, id)
		var b bytes.Buffer
		if err := json.Indent(&b, []byte(c.Option), "", "  "); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
		golden.Check(t, "testdata/"+strings.ReplaceAll(id, "/", "-")+".option.golden", b.Bytes())
	}
	// The words of every topic chart: what a reader sees beside it.
	var b strings.Builder
	for _, c := range cs {
		if c.Claim != "" {
			continue
		}
		fmt.Fprintf(&b, "== %s (%dpx)\ntitle: %s\ncaption: %s\ndescription: %s\ntable: %s\n  %s\n", c.ID, c.Height, c.Title, c.Caption, c.Description,
			c.Table.Caption, strings.Join(c.Table.Header, " | "))
		for _, r := range c.Table.Rows {
			fmt.Fprintf(&b, "  %s\n", strings.Join(r, " | "))
		}
		fmt.Fprintf(&b, "csv:\n%s", c.Data.CSV())
	}
	golden.Check(t, "testdata/seed-charts.golden", []byte(b.String()))
}

func TestEveryChartWellFormed(t *testing.T) {
	for _, c := range seedCharts(t) {
		if !json.Valid([]byte(c.Option)) || !json.Valid(c.Data.JSON()) {
			t.Errorf("%s: option or data is not valid JSON", c.ID)
		}
		if bytes.ContainsAny([]byte(c.Option), "<>&") {
			t.Errorf("%s: option holds a raw <, > or &", c.ID)
		}
		if got := option(t, c)["aria"].(map[string]any)["label"].(map[string]any)["description"]; got != c.Description {
			t.Errorf("%s: aria description %q, want the chart's description", c.ID, got)
		}
		recs, err := csv.NewReader(bytes.NewReader(c.Data.CSV())).ReadAll()
		if err != nil {
			t.Errorf("%s: CSV: %v", c.ID, err)
		} else if len(recs)-1 != len(c.Table.Rows) {
			t.Errorf("%s: %d CSV rows, %d table rows", c.ID, len(recs)-1, len(c.Table.Rows))
		}
		for i, r := range c.Table.Rows {
			if len(r) != len(c.Table.Header) || len(c.Table.Numeric) != len(c.Table.Header) {
				t.Errorf("%s: table row %d has %d cells for %d columns (%d numeric flags)", c.ID, i, len(r), len(c.Table.Header), len(c.Table.Numeric))
			}
		}
		if c.Caption == "" || c.Title == "" || c.Description == "" || c.Height < 120 {
			t.Errorf("%s: empty caption, title or description, or height %d", c.ID, c.Height)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	set, err := claim.Load(synthsite.Files(synthsite.Options{Topics: 4, Claims: 30, Words: 10}), "claims")
	if err != nil {
		t.Fatal(err)
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Render(res, text.English())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(res, text.English())
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 4*(4+30) {
		t.Errorf("%d charts, want %d", len(a), 4*(4+30))
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two renders of the same results differ")
	}
	if !slices.IsSortedFunc(a, func(x, y *Chart) int { return strings.Compare(x.ID, y.ID) }) {
		t.Error("charts are not sorted by ID")
	}
}

// hostileStrings are put, each in a different field, into the input.
func hostileStrings() []string {
	return []string{
		`<script>alert(1)</script>`,
		`</script><script>alert(2)</script>`,
		`__f__function(){alert(3)}`,
		`javascript:alert(4)`,
		`"double" 'single' \back`,
		"line\u2028para\u2029end",
		`=HYPERLINK("https://evil.example")`,
		`@SUM(A1)`,
	}
}

// hostileSet is a synthetic topic whose labels, names and titles are hostile.
func hostileSet(t *testing.T) *costmodel.Results {
	t.Helper()
	hostile := hostileStrings()
	fsys := synthsite.Files(synthsite.Options{Topics: 1, Claims: 4, Words: 10})
	edit := func(name string, pairs ...string) {
		f := fsys[name]
		s := string(f.Data)
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("%s: no %q", name, pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	q := func(s string) string { return tomlString(s) }
	edit("claims/topic-000/model.toml",
		"label = \"The final run\"", "label = "+q(hostile[1]),
		"[components.staff_cost]\nlabel = \"Staff\"", "[components.staff_cost]\nlabel = "+q(hostile[2]),
		"label = \"Rental price\"", "label = "+q(hostile[3]))
	edit("claims/topic-000/claim-000.toml", `claimant = "Claimant 0"`, "claimant = "+q(hostile[0]))
	edit("claims/topic-000/claim-001.toml", `claimant = "Claimant 1"`, "claimant = "+q(hostile[4]))
	edit("claims/topic-000/claim-002.toml", `title = "Claimant 2 says project 0 cost`, "title = "+q(hostile[6])[:len(q(hostile[6]))-1]+" says project 0 cost",
		`claimant = "Claimant 2"`, "claimant = "+q(hostile[5]))
	edit("claims/topic-000/claim-003.toml", `claimant = "Claimant 3"`, "claimant = "+q(hostile[7]))
	set, err := claim.Load(fsys, "claims")
	if err != nil {
		t.Fatal(err)
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// collect gathers every string in a decoded JSON value.
func collect(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, x := range v {
			collect(x, out)
		}
	case map[string]any:
		for _, x := range v {
			collect(x, out)
		}
	}
}

func TestHostileStringsStayData(t *testing.T) {
	cs, err := Render(hostileSet(t), text.English())
	if err != nil {
		t.Fatal(err)
	}
	hostile := hostileStrings()
	seen := map[string]bool{}
	for _, c := range cs {
		opt := []byte(c.Option)
		for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
			if bytes.Contains(opt, []byte(bad)) {
				t.Errorf("%s: option holds a raw %q", c.ID, bad)
			}
		}
		var all []string
		collect(option(t, c), &all)
		for _, h := range hostile {
			for _, s := range all {
				if strings.Contains(s, h) {
					seen[h] = true
				}
			}
		}
		// No formatter or colour comes from the input.
		var walk func(v any, key string)
		walk = func(v any, key string) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					walk(x, k)
				}
			case []any:
				for _, x := range v {
					walk(x, key)
				}
			case string:
				if key == "formatter" && strings.ContainsAny(v, "<>\"'_") {
					t.Errorf("%s: formatter %q", c.ID, v)
				}
			}
		}
		walk(option(t, c), "")
	}
	for _, h := range hostile[:6] {
		if !seen[h] {
			t.Errorf("hostile string %q does not reach any option intact", h)
		}
	}
}

func TestHostileCSVIsDefused(t *testing.T) {
	cs, err := Render(hostileSet(t), text.English())
	if err != nil {
		t.Fatal(err)
	}
	c := find(t, cs, "topic-000/ladder")
	recs, err := csv.NewReader(bytes.NewReader(c.Data.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var titles, claimants []string
	for _, r := range recs[1:] {
		titles, claimants = append(titles, r[1]), append(claimants, r[2])
	}
	if !slices.Contains(titles, `'=HYPERLINK("https://evil.example") says project 0 cost $12M`) {
		t.Errorf("titles %q: the formula is not defused", titles)
	}
	if !slices.Contains(claimants, `'@SUM(A1)`) {
		t.Errorf("claimants %q: the formula is not defused", claimants)
	}
	// The JSON download keeps the text as it is.
	if !bytes.Contains(c.Data.JSON(), []byte(`"claimant": "@SUM(A1)"`)) {
		t.Errorf("JSON download:\n%s", c.Data.JSON())
	}
}

func TestDatasetCSV(t *testing.T) {
	d := dataset{Columns: []string{"text", "number"}}
	for _, s := range []string{"=1+2", "+1", "-1", "@A1", "\tx", "\rx", "plain", "a, \"b\"", ""} {
		d.add(s, -1.5)
	}
	d.add("inf", math.Inf(1))
	got := d.csv()
	want := "text,number\n'=1+2,-1.5\n'+1,-1.5\n'-1,-1.5\n'@A1,-1.5\n'\tx,-1.5\n\"'\rx\",-1.5\nplain,-1.5\n\"a, \"\"b\"\"\",-1.5\n,-1.5\ninf,\n"
	if string(got) != want {
		t.Errorf("csv:\n%q\nwant:\n%q", got, want)
	}
}

func TestDatasetJSON(t *testing.T) {
	d := dataset{Columns: []string{"b", "a"}}
	d.add("<x>", 2.5)
	d.add("y", math.Inf(1))
	got := d.json(meta{ID: "t/ladder", Kind: "ladder", Topic: "t", Title: "T", Caption: "C", Currency: "USD"})
	if !json.Valid(got) {
		t.Fatalf("not JSON:\n%s", got)
	}
	want := `{
  "id": "t/ladder",
  "kind": "ladder",
  "topic": "t",
  "title": "T",
  "caption": "C",
  "currency": "USD",
  "columns": [
    "b",
    "a"
  ],
  "rows": [
    {
      "b": "\u003cx\u003e",
      "a": 2.5
    },
    {
      "b": "y",
      "a": null
    }
  ]
}
`
	if string(got) != want {
		t.Errorf("json:\n%s\nwant:\n%s", got, want)
	}
}

func TestSingleClaimTopic(t *testing.T) {
	set, err := claim.Load(synthsite.Files(synthsite.Options{Topics: 1, Claims: 1, Words: 10}), "claims")
	if err != nil {
		t.Fatal(err)
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Render(res, text.English())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	// One claim: no bridge between claims, nothing to bridge the claim to.
	if want := []string{"topic-000/ladder", "topic-000/sensitivity", "topic-000/timeline"}; !slices.Equal(ids, want) {
		t.Errorf("charts %q, want %q", ids, want)
	}
	if got, want := find(t, cs, "topic-000/timeline").Caption, "One claim, made on 1 January 2025: Claimant 0's at most $4.2M."; got != want {
		t.Errorf("timeline caption %q, want %q", got, want)
	}
}

func TestNumbers(t *testing.T) {
	mk := &maker{w: text.English()}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"niceCeil 2.394e9", fmt.Sprint(niceCeil(2.394e9)), "2.5e+09"},
		{"niceCeil 1", fmt.Sprint(niceCeil(1)), "1"},
		{"niceCeil 101", fmt.Sprint(niceCeil(101)), "200"},
		{"niceCeil 0", fmt.Sprint(niceCeil(0)), "0"},
		{"linearExtent", fmt.Sprint(linearExtent([]float64{-3, 7.2e6})), "-5 1e+07"},
		{"logExtent", fmt.Sprint(logExtent([]float64{294000, 0, -1, 1.6e9})), "100000 1e+10 true"},
		{"logExtent power", fmt.Sprint(logExtent([]float64{1e6})), "1e+06 1e+07 true"},
		{"logExtent none", fmt.Sprint(logExtent([]float64{0, -2})), "0 0 false"},
		{"factor", text.English().Factor(429.36), "429"},
		{"factor large", text.English().Factor(5442.2), "5,442"},
		{"factor small", text.English().Factor(1.65), "1.7"},
		{"plot", fmt.Sprint(plot(294672.00000000093)), "294672"},
		{"shorten", mk.shorten("replace the rented compute with the fleet", 20), "replace the rented…"},
		{"shorten short", mk.shorten("add staff", 20), "add staff"},
		{"signed", text.English().Signed(-22.6e6, "USD") + " " + text.English().Signed(16.73e6, "USD"), "−$22.6M +$16.73M"},
		{"date", text.English().Date(claim.Date{Year: 2024, Month: 12, Day: 27}), "27 December 2024"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// charts.js maps every formatter name and palette token the options hold,
// and runs nothing it reads.
func TestChartsJSKnowsEveryName(t *testing.T) {
	src, err := os.ReadFile("../../templates/assets/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	js := string(src)
	for _, bad := range []string{"eval(", "Function(", "document.write", "insertAdjacentHTML", "setTimeout(\"", ".innerHTML"} {
		if strings.Contains(js, bad) {
			t.Errorf("charts.js uses %s", bad)
		}
	}
	formatters, tokens := map[string]bool{}, map[string]bool{}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k)
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			if key == "formatter" || key == "valueFormatter" {
				formatters[v] = true
			}
			if strings.HasPrefix(v, "palette:") {
				tokens[strings.TrimPrefix(v, "palette:")] = true
				if !strings.HasSuffix(strings.ToLower(key), "color") {
					t.Errorf("palette token %s under key %q, which charts.js does not read as a colour", v, key)
				}
			}
		}
	}
	for _, c := range seedCharts(t) {
		walk(option(t, c), "")
	}
	for f := range formatters {
		name := f
		if strings.HasPrefix(f, "money:") {
			name = "money:"
		}
		if !strings.Contains(js, `"`+name+`"`) && !(name == "money:" && strings.Contains(js, "/^money:([A-Z]{3})$/")) {
			t.Errorf("charts.js has no formatter %q", f)
		}
	}
	for tok := range tokens {
		for _, scheme := range []string{"light", "dark"} {
			i := strings.Index(js, scheme+": {")
			end := strings.Index(js[i:], "}")
			if i < 0 || !regexpToken(js[i:i+end], tok) {
				t.Errorf("charts.js's %s palette has no colour %q", scheme, tok)
			}
		}
	}
	if len(formatters) < 4 || len(tokens) < 10 {
		t.Errorf("formatters %v, tokens %v: the walk found too few", formatters, tokens)
	}
}

// regexpToken reports whether a palette object's source names the token as a key.
func regexpToken(src, tok string) bool {
	return strings.Contains(src, " "+tok+":") || strings.Contains(src, `"`+tok+`":`) || strings.Contains(src, "\n      "+tok+":")
}

// arabicSeed renders the fixture site's claims in Arabic, a right-to-left
// catalog, once per test binary run.
var arabicSeed = sync.OnceValues(func() ([]*Chart, error) {
	cat, err := text.Load(templates.FS, "ar")
	if err != nil {
		return nil, err
	}
	return renderFixture(text.For("ar", cat))
})

// TestArabicGolden pins the options of an Arabic bridge and sensitivity
// chart: mirrored (value axis inverted, rows' names at the right, margins
// and labels swapped, legend and tooltip right to left) and in Arabic.
func TestArabicGolden(t *testing.T) {
	cs, err := arabicSeed()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"deepseek/bridge", "deepseek/sensitivity"} {
		c := find(t, cs, id)
		var b bytes.Buffer
		if err := json.Indent(&b, []byte(c.Option), "", "  "); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
		golden.Check(t, "testdata/ar-"+strings.ReplaceAll(id, "/", "-")+".option.golden", b.Bytes())
	}
}

// TestMirroredOnlyForRTL checks what mirroring changes, chart by chart:
// every Arabic option has its x axis inverted, its y axis at the right and
// an RTL tooltip, and no English option has any of them.
func TestMirroredOnlyForRTL(t *testing.T) {
	ar, err := arabicSeed()
	if err != nil {
		t.Fatal(err)
	}
	en := seedCharts(t)
	if len(ar) != len(en) {
		t.Fatalf("%d Arabic charts, %d English", len(ar), len(en))
	}
	type option struct {
		XAxis   []struct{ Inverse bool }
		YAxis   []struct{ Position string }
		Tooltip struct {
			ExtraCSSText string `json:"extraCssText"`
		}
		Legend struct{ Align string }
	}
	for i := range ar {
		for _, c := range []struct {
			chart *Chart
			rtl   bool
		}{{ar[i], true}, {en[i], false}} {
			var o option
			if err := json.Unmarshal([]byte(c.chart.Option), &o); err != nil {
				t.Fatal(err)
			}
			got := len(o.XAxis) == 1 && o.XAxis[0].Inverse && len(o.YAxis) == 1 && o.YAxis[0].Position == "right" &&
				o.Tooltip.ExtraCSSText == "direction:rtl;text-align:right" && o.Legend.Align == "right"
			none := len(o.XAxis) == 1 && !o.XAxis[0].Inverse && len(o.YAxis) == 1 && o.YAxis[0].Position == "" &&
				o.Tooltip.ExtraCSSText == "" && o.Legend.Align == ""
			if c.rtl && !got || !c.rtl && !none {
				t.Errorf("%s (rtl %v): %+v", c.chart.ID, c.rtl, o)
			}
		}
	}
}

// TestDrawerDrawsAsRender checks that a Drawer draws each claim's chart as
// Render does, from many goroutines at once, in English and in Arabic
// (mirrored, other digits), and nothing for a claim without a chart or
// not among the results; and that RenderSome with no claims draws the
// rest of Render's charts.
func TestDrawerDrawsAsRender(t *testing.T) {
	set, err := claim.Load(synthsite.Files(synthsite.Options{Topics: 3, Claims: 20, Words: 10}), "claims")
	if err != nil {
		t.Fatal(err)
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seedSet, err := claim.Load(os.DirFS(fixtureSite), "claims")
	if err != nil {
		t.Fatal(err)
	}
	seedRes, err := costmodel.Compute(seedSet, costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := text.Load(templates.FS, "ar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		res  *costmodel.Results
		w    func() *text.Words
	}{
		{"synthetic", res, text.English},
		{"seed", seedRes, text.English},
		{"seed-ar", seedRes, func() *text.Words { return text.For("ar", cat).With(text.Numbers{Digits: "arab"}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all, err := Render(tc.res, tc.w())
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]*Chart{}
			for _, c := range all {
				if c.Kind == ClaimBridge {
					want[c.Claim] = c
				}
			}
			var ids []string
			for _, tp := range tc.res.Topics {
				for _, c := range tp.Claims {
					ids = append(ids, c.Claim.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("no claim has a chart")
			}
			ids = append(ids, "no-such/claim")
			d := NewDrawer(tc.res, tc.w())
			got := make([]*Chart, len(ids))
			errs := make([]error, len(ids))
			var wg sync.WaitGroup
			for i, id := range ids {
				wg.Go(func() { got[i], errs[i] = d.Claim(id) })
			}
			wg.Wait()
			for i, id := range ids {
				if errs[i] != nil {
					t.Errorf("%s: %v", id, errs[i])
				}
				if !reflect.DeepEqual(got[i], want[id]) {
					t.Errorf("%s: the Drawer drew %+v, Render %+v", id, got[i], want[id])
				}
			}
			rest, err := RenderSome(tc.res, tc.w(), func(string) bool { return false })
			if err != nil {
				t.Fatal(err)
			}
			others := slices.DeleteFunc(slices.Clone(all), func(c *Chart) bool { return c.Kind == ClaimBridge })
			if len(rest) == 0 || !reflect.DeepEqual(rest, others) {
				t.Errorf("RenderSome without claims drew %d charts, want the %d of Render's that are not claims'", len(rest), len(others))
			}
		})
	}
}
