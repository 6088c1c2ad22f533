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
			{"asset", u.Asset("site.css"), "/assets/site.css", "assets/site.css"},
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
