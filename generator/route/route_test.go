package route

import (
	"strings"
	"testing"
)

func TestURLScheme(t *testing.T) {
	for _, base := range []string{"https://factcheck.example/", "https://user.example/proj/"} {
		u, err := New(base)
		if err != nil {
			t.Fatal(err)
		}
		prefix := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(base, "https://factcheck.example"), "https://user.example"), "/")
		tests := []struct {
			name, got, want, file string
		}{
			{"home", u.Home(), "/", "index.html"},
			{"topic", u.Topic("deepseek"), "/topics/deepseek/", "topics/deepseek/index.html"},
			{"claim", u.Claim("deepseek/v3-report"), "/claims/deepseek/v3-report/", "claims/deepseek/v3-report/index.html"},
			{"sources", u.Sources(), "/sources/", "sources/index.html"},
			{"source", u.Source("deepseek/v3-report"), "/sources/#src-deepseek--v3-report", ""},
			{"corrections", u.Corrections(), "/corrections/", "corrections/index.html"},
			{"page", u.Page("about"), "/about/", "about/index.html"},
			{"404", u.NotFound(), "/404.html", "404.html"},
			{"feed", u.Feed(), "/feed.xml", "feed.xml"},
			{"sitemap", u.Sitemap(), "/sitemap.xml", "sitemap.xml"},
			{"robots", u.Robots(), "/robots.txt", "robots.txt"},
			{"asset", u.Asset("site.css"), "/assets/site.css", "assets/site.css"},
			{"claim card", u.Card("deepseek/v3-report"), "/cards/deepseek/v3-report.png", "cards/deepseek/v3-report.png"},
			{"topic card", u.Card("deepseek"), "/cards/deepseek.png", "cards/deepseek.png"},
			{"claims json", u.ClaimsJSON(), "/data/claims.json", "data/claims.json"},
			{"claims csv", u.ClaimsCSV(), "/data/claims.csv", "data/claims.csv"},
			{"topic json", u.TopicJSON("deepseek"), "/data/topics/deepseek.json", "data/topics/deepseek.json"},
			{"chart csv", u.ChartCSV("deepseek/ladder"), "/data/charts/deepseek/ladder.csv", "data/charts/deepseek/ladder.csv"},
			{"chart json", u.ChartJSON("deepseek/v3-report/bridge"), "/data/charts/deepseek/v3-report/bridge.json", "data/charts/deepseek/v3-report/bridge.json"},
			{"embed", u.Embed("deepseek/ladder"), "/embed/deepseek/ladder/", "embed/deepseek/ladder/index.html"},
			{"claim embed", u.Embed("deepseek/v3-report/bridge"), "/embed/deepseek/v3-report/bridge/", "embed/deepseek/v3-report/bridge/index.html"},
			{"oembed", u.OEmbed("deepseek/ladder"), "/embed/deepseek/ladder/oembed.json", "embed/deepseek/ladder/oembed.json"},
		}
		for _, tc := range tests {
			t.Run(base+" "+tc.name, func(t *testing.T) {
				if tc.got != prefix+tc.want {
					t.Errorf("path = %q, want %q", tc.got, prefix+tc.want)
				}
				if tc.file != "" && u.File(tc.got) != tc.file {
					t.Errorf("file = %q, want %q", u.File(tc.got), tc.file)
				}
			})
		}
		if got, want := u.Abs(u.Topic("x")), strings.TrimSuffix(base, "/")+"/topics/x/"; got != want {
			t.Errorf("Abs = %q, want %q", got, want)
		}
	}
}

func TestValidChartID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"deepseek/ladder", true},
		{"deepseek/v3-report-5-576m/bridge", true},
		{"gpt-4/timeline", true},
		{"ladder", false},
		{"deepseek/../ladder", false},
		{"/deepseek/ladder", false},
		{"deepseek/ladder/", false},
		{"deepseek//ladder", false},
		{"deepseek/Ladder", false},
		{"deepseek/lad der", false},
		{"deepseek/ladder.csv", false},
		{`deepseek/"><script>`, false},
	}
	for _, tc := range tests {
		if got := ValidChartID(tc.id); got != tc.want {
			t.Errorf("ValidChartID(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestBadBaseURL(t *testing.T) {
	for _, base := range []string{"factcheck.example", "ftp://x.example/", "https://x.example/?a=1", "https:///path"} {
		if _, err := New(base); err == nil {
			t.Errorf("New(%q) succeeded", base)
		}
	}
}

func TestAnchors(t *testing.T) {
	tests := []struct{ got, want string }{
		{ScopeID("v3-final-run"), "scope-v3-final-run"},
		{ComponentID("gpu-hours"), "component-gpu-hours"},
		{ParamID("rental"), "param-rental"},
		{FormulaID("tokens"), "formula-tokens"},
		{BridgeID("total"), "bridge-total"},
		{SourceID("deepseek/v3-report"), "src-deepseek--v3-report"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
		if !Reserved(tc.got) {
			t.Errorf("%q is not reserved", tc.got)
		}
	}
	for _, id := range []string{"about-the-model", "caption", "scopes-and-more"} {
		if Reserved(id) {
			t.Errorf("%q is reserved", id)
		}
	}
	if !Reserved("scopes") || !Reserved("x-caption") || !Reserved("chart-mine") {
		t.Error("a reserved id or form is not reserved")
	}
}

func TestChartPermalink(t *testing.T) {
	u, err := New("https://user.example/proj/")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.ChartPermalink("deepseek", "", "chart-deepseek-ladder"), "/proj/topics/deepseek/#chart-deepseek-ladder"; got != want {
		t.Errorf("topic chart: %q, want %q", got, want)
	}
	if got, want := u.ChartPermalink("deepseek", "deepseek/v3", "chart-deepseek_v3-bridge"), "/proj/claims/deepseek/v3/#chart-deepseek_v3-bridge"; got != want {
		t.Errorf("claim chart: %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	u, err := New("https://factcheck.example/")
	if err != nil {
		t.Fatal(err)
	}
	got := u.Snippet("deepseek/ladder", `A "title" <b>`, 400)
	want := `<iframe src="https://factcheck.example/embed/deepseek/ladder/" title="A &#34;title&#34; &lt;b&gt;" width="640" height="600" loading="lazy" style="width:100%;height:auto;aspect-ratio:640/600;border:0"></iframe>` + "\n" +
		`<script src="https://factcheck.example/assets/embed.js" async></script>`
	if got != want {
		t.Errorf("snippet:\n%s\nwant:\n%s", got, want)
	}
}

func TestForSite(t *testing.T) {
	u, err := ForSite("", "https://configured.example/")
	if err != nil || u.Abs(u.Home()) != "https://configured.example/" {
		t.Errorf("configured base: %v %q", err, u.Abs(u.Home()))
	}
	u, err = ForSite("https://flag.example/x/", "https://configured.example/")
	if err != nil || u.Abs(u.Home()) != "https://flag.example/x/" {
		t.Errorf("given base: %v %q", err, u.Abs(u.Home()))
	}
	_, err = ForSite("", "")
	if want := "claims/site.toml: no base URL for canonical links, the feed and the sitemap"; err == nil || err.Error() != want {
		t.Errorf("no base: %v, want %s", err, want)
	}
	if err := CheckChartID("deepseek/Ladder"); err == nil || err.Error() != `chart ID "deepseek/Ladder" is not a slug path` {
		t.Errorf("CheckChartID = %v", err)
	}
	if err := CheckChartID("deepseek/ladder"); err != nil {
		t.Errorf("CheckChartID = %v", err)
	}
}

// TestEditionScheme: an edition's pages and machine outputs are under its
// folder, its assets are the site's, and Rel gives the same path in every
// edition, with or without a base path.
func TestEditionScheme(t *testing.T) {
	for _, base := range []string{"https://x.example/", "https://x.example/proj/"} {
		main, err := New(base)
		if err != nil {
			t.Fatal(err)
		}
		root := strings.TrimSuffix(strings.TrimPrefix(base, "https://x.example"), "/")
		ar := main.In("ar")
		cases := []struct{ got, want string }{
			{ar.Claim("t/a"), root + "/ar/claims/t/a/"},
			{ar.Feed(), root + "/ar/feed.xml"},
			{ar.Asset("site.css"), root + "/assets/site.css"},
			{ar.Shared("/images/x.png"), root + "/images/x.png"},
			{ar.File(ar.Claim("t/a")), "ar/claims/t/a/index.html"},
			{ar.File(ar.Home()), "ar/index.html"},
			{ar.Rel(ar.Claim("t/a")), "/claims/t/a/"},
			{ar.Rel(ar.Home()), "/"},
			{main.Rel(main.Claim("t/a")), "/claims/t/a/"},
			{ar.In("").Claim("t/a"), root + "/claims/t/a/"},
			{ar.Abs(ar.Home()), "https://x.example" + root + "/ar/"},
		}
		for i, c := range cases {
			if c.got != c.want {
				t.Errorf("%s case %d: got %q, want %q", base, i, c.got, c.want)
			}
		}
	}
}
