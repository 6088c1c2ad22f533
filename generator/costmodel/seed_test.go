package costmodel_test

import (
	"fmt"
	"math"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/costmodel/internal/synth"
)

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
		round(c)
	}
	return &claim.Set{
		Site:       &claim.Site{Currency: "USD"},
		Parameters: site,
		Topics: []*claim.Topic{{ID: "deepseek", Title: "What did DeepSeek spend?", Currency: "USD", Model: m, Claims: claims,
			Narrowest: "v3-final-run", Broadest: "article-total"}},
	}
}

// TestSeed pins the seed topic's key numbers: 2,788,000 GPU-hours × $2 =
// $5,576,000; CNY 1B is $155.04M at 2021's 6.45 and $139.08M at 2024's
// 7.19; and $5.6M + $139M = $144.6M does not make "more than $500M".
func TestSeed(t *testing.T) {
	res, err := costmodel.Compute(seedSite(t), costmodel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	top := res.Topics[0]
	if got := scopeOf(top, "v3-final-run").Central; got != 5576000 {
		t.Errorf("V3 final run = %v, want 5576000", got)
	}
	if got, want := scopeOf(top, "supercomputer").Central, 1e9/6.45; got != want {
		t.Errorf("supercomputer = %v, want %v", got, want)
	}
	type want struct {
		figure, framing, parts, conversion, support costmodel.Verdict
		rating                                      string
		reasons                                     []string
	}
	wants := map[string]want{
		"deepseek/article-total": {costmodel.Contradicted, "", costmodel.DoNotAddUp, "", costmodel.Independent, "False", []string{
			`the figure, more than $500M, is 3.1 times the model's high end for "final run plus supercomputer" ($160.6M; point estimate), more than a factor of 2 away`,
			`the parts it names add up to $144.6M, not more than $500M`,
			`the model's inputs for "final run plus supercomputer" come from 2 sources other than the claim's own: 2 independent origins`,
		}},
		"deepseek/high-flyer": {costmodel.Consistent, "", "", costmodel.ClaimDate, costmodel.OwnSource, "Mostly accurate", []string{
			`the figure, CNY 1B ($155M at 6.45 CNY/USD, the 2021 rate), is within the model's range for "Fire-Flyer 2 supercomputer" ($155M; point estimate)`,
			`CNY 1B is $155M at the 2021 rate (6.45 CNY/USD) and $139.1M at the 2024 rate (7.19 CNY/USD); the stated $139M follows the later rate, not the rate when the money was spent`,
			`every input of the model for "Fire-Flyer 2 supercomputer" comes from the claim's own source, so the check rests on the claimant's word`,
		}},
		"deepseek/r1-cost": {costmodel.Consistent, costmodel.Misleading, "", "", costmodel.OwnSource, "Misleading", []string{
			`the figure, $5.6M, is within the model's range for "V3 final training run" ($5.576M; point estimate)`,
			`it was presented as "R1 training", which the model puts at $5.976M to $7.576M, central $6.47M; the figure measures only a part of that, "V3 final training run"`,
			`every input of the model for "V3 final training run" comes from the claim's own source, so the check rests on the claimant's word`,
		}},
	}
	for _, c := range top.Claims {
		w := wants[c.Claim.ID]
		got := want{figure: c.Figure.Verdict, support: c.Support.Verdict, rating: c.Rating.Label, reasons: words.Reasons(c)}
		if c.Framing != nil {
			got.framing = c.Framing.Verdict
		}
		if c.Parts != nil {
			got.parts = c.Parts.Verdict
		}
		if c.Conversion != nil {
			got.conversion = c.Conversion.Verdict
		}
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s:\n got %q\nwant %q", c.Claim.ID, got, w)
		}
	}
	hf := top.Claims[1]
	if hf.Figure.Rate.Param != "cny_usd_2021" || hf.Conversion.ClaimRate.Param != "cny_usd_2024" {
		t.Errorf("rates: figure %s, claim %s", hf.Figure.Rate.Param, hf.Conversion.ClaimRate.Param)
	}
	if math.Abs(hf.Conversion.AtSpending-155.03876e6) > 10 || math.Abs(hf.Conversion.AtClaim-139.08206e6) > 10 {
		t.Errorf("conversion at spending %v, at claim %v", hf.Conversion.AtSpending, hf.Conversion.AtClaim)
	}
	if got := top.Claims[0].Parts.Sum; got != 144.6e6 {
		t.Errorf("parts sum = %v, want 144.6e6", got)
	}
	if got, want := describeBridge(top, top.Bridge), `v3-final-run→article-total: add article-total "add the Fire-Flyer 2 supercomputer" 1.5503875968992248e+08→1.6061475968992248e+08`; got != want {
		t.Errorf("topic bridge:\n got %s\nwant %s", got, want)
	}
}
