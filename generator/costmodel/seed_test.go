package costmodel

import (
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel/internal/synth"
)

func ptr(v float64) *float64 { return &v }

func day(s string) claim.Date {
	d, err := claim.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// seedSite is the seed topic (DeepSeek's training costs) reduced to the
// numbers its claims test.
func seedSite(t testing.TB) *claim.Set {
	t.Helper()
	site := map[string]*claim.Parameter{
		"cny_usd_2021": {Label: "Yuan per dollar, 2021 average", Unit: "CNY/USD", Value: ptr(6.45),
			AsOf: day("2021-12-31"), Period: claim.Period{Start: day("2021-01-01"), End: day("2021-12-31")}, SourceID: "fed-h10"},
		"cny_usd_2024": {Label: "Yuan per dollar, 2024 average", Unit: "CNY/USD", Value: ptr(7.19),
			AsOf: day("2024-12-31"), Period: claim.Period{Start: day("2024-01-01"), End: day("2024-12-31")}, SourceID: "fed-h10"},
		"cny_usd_2025_01": {Label: "Yuan per dollar, January 2025", Unit: "CNY/USD", Value: ptr(7.2957),
			AsOf: day("2025-01-31"), Period: claim.Period{Start: day("2025-01-01"), End: day("2025-01-31")}, SourceID: "fed-h10"},
	}
	m := &claim.Model{
		File: "claims/deepseek/model.toml",
		Parameters: map[string]*claim.Parameter{
			"v3_gpu_hours": {Label: "H800 GPU-hours of V3's final run", Unit: "GPU-h", Value: ptr(2.788e6), SourceID: "deepseek/v3-report"},
			"h800_rental":  {Label: "Assumed H800 rental price", Unit: "USD/GPU-h", Value: ptr(2), SourceID: "deepseek/v3-report"},
			"r1_gpu_hours": {Label: "H800 GPU-hours of R1's reinforcement learning", Unit: "GPU-h", Low: ptr(0.2e6), High: ptr(1e6),
				Distribution: "lognormal", SourceID: "deepseek/semianalysis"},
			"fire_flyer_cny": {Label: "Fire-Flyer 2 build cost", Unit: "CNY", Value: ptr(1e9), SourceID: "deepseek/high-flyer"},
			"gpt4_cost":      {Label: "GPT-4 training cost", Unit: "USD", Low: ptr(78e6), High: ptr(200e6), SourceID: "deepseek/altman"},
		},
		Components: map[string]*claim.Component{
			"final_run":    {Label: "V3's final training run", Expr: "v3_gpu_hours * h800_rental", Unit: "USD"},
			"r1_rl":        {Label: "R1's reinforcement learning", Expr: "r1_gpu_hours * h800_rental", Unit: "USD"},
			"fire_flyer_2": {Label: "the Fire-Flyer 2 supercomputer", Expr: "fire_flyer_cny / cny_usd_2021", Unit: "USD"},
			"gpt4":         {Label: "GPT-4's training", Expr: "gpt4_cost", Unit: "USD"},
		},
		Scopes: map[string]*claim.Scope{
			"v3-final-run":  {Label: "V3 final training run", Add: []string{"final_run"}},
			"r1-training":   {Label: "R1 training", Extends: "v3-final-run", Add: []string{"r1_rl"}},
			"supercomputer": {Label: "Fire-Flyer 2 supercomputer", Add: []string{"fire_flyer_2"}},
			"article-total": {Label: "final run plus supercomputer", Extends: "v3-final-run", Add: []string{"fire_flyer_2"}},
			"gpt4":          {Label: "GPT-4 training", Add: []string{"gpt4"}},
		},
	}
	if err := synth.Finish(m, site); err != nil {
		t.Fatal(err)
	}
	claims := []*claim.Claim{
		{ID: "deepseek/article-total", Title: "More than $500M in all", Date: day("2025-01-29"),
			Scope: "article-total", Source: claim.Citation{SourceID: "deepseek/article"},
			Figure: claim.Figure{Value: 500e6, Currency: "USD", Qualifier: "more-than"},
			Parts:  []claim.Part{{Label: "direct cost", Value: 5.6e6, Currency: "USD"}, {Label: "supercomputer", Value: 139e6, Currency: "USD"}}},
		{ID: "deepseek/high-flyer", Title: "CNY 1 billion for the supercomputer", Date: day("2024-07-01"), Spent: day("2021-06-01"),
			Scope: "supercomputer", Source: claim.Citation{SourceID: "deepseek/high-flyer"},
			Figure:     claim.Figure{Value: 1e9, Currency: "CNY"},
			Conversion: &claim.Conversion{Value: 139e6, Currency: "USD"}},
		{ID: "deepseek/r1-cost", Title: "R1 cost $5.6M to train", Date: day("2025-01-27"),
			Scope: "v3-final-run", PresentedAs: "r1-training", Source: claim.Citation{SourceID: "deepseek/v3-report"},
			Figure: claim.Figure{Value: 5.6e6, Currency: "USD"}},
	}
	for _, c := range claims {
		c.Topic, c.File = "deepseek", "claims/"+c.ID+".toml"
	}
	return &claim.Set{
		Site:       &claim.Site{Currency: "USD"},
		Parameters: site,
		Topics: []*claim.Topic{{ID: "deepseek", Title: "What did DeepSeek spend?", Currency: "USD", Model: m, Claims: claims,
			Narrowest: "v3-final-run", Broadest: "article-total"}},
	}
}
