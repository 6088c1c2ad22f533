package costmodel_test

import (
	"math"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/text"
)

// words writes the findings as the site does, in English.
var words = text.English()

func TestFigureCheck(t *testing.T) {
	const rng = `"Scope" ($100M to $200M, central $150M)`
	for _, tc := range []struct {
		name    string
		figure  claim.Figure
		verdict costmodel.Verdict
		reason  string
	}{
		{"inside", figure(150e6, ""), costmodel.Consistent,
			`the figure, $150M, is within the model's range for ` + rng},
		{"rounding-reaches", claim.Figure{Value: 2.5e8, Currency: "USD", Rounding: 1e8}, costmodel.Partial, // 250M ± 50M reaches 200M, but 250M is outside
			`the figure, $250M, meets the model's range for ` + rng + ` for only part of what it allows, so the model neither confirms nor rules it out`},
		{"rounding-holds-range", claim.Figure{Value: 2e8, Currency: "USD", Rounding: 4e8}, costmodel.Consistent, // 200M ± 200M holds all of 100M..200M
			`the figure, $200M, is within the model's range for ` + rng},
		{"above-plausible", figure(250e6, ""), costmodel.Plausible,
			`the figure, $250M, is 1.3 times the model's high end for ` + rng + `: outside the range, but within a factor of 2`},
		{"above-contradicted", figure(500e6, ""), costmodel.Contradicted,
			`the figure, $500M, is 2.5 times the model's high end for ` + rng + `, more than a factor of 2 away`},
		{"below-plausible", figure(60e6, ""), costmodel.Plausible,
			`the model's low end for ` + rng + ` is 1.7 times the figure, $60M: outside the range, but within a factor of 2`},
		{"below-contradicted", figure(40e6, ""), costmodel.Contradicted,
			`the model's low end for ` + rng + ` is 2.5 times the figure, $40M, more than a factor of 2 away`},
		{"about-value-outside", figure(220e6, "about"), costmodel.Partial, // 198M..242M meets the range, 220M is outside it
			`the figure, about $220M, meets the model's range for ` + rng + ` for only part of what it allows, so the model neither confirms nor rules it out`},
		{"about-value-inside", figure(190e6, "about"), costmodel.Consistent, // 171M..209M: 190M is inside
			`the figure, about $190M, is within the model's range for ` + rng},
		{"more-than-straddled", figure(120e6, "more-than"), costmodel.Partial, // the range runs from below to above $120M
			`the figure, more than $120M, meets the model's range for ` + rng + ` for only part of what it allows, so the model neither confirms nor rules it out`},
		{"more-than-below-range", figure(100e6, "more-than"), costmodel.Consistent, // the whole range is at or above $100M
			`the figure, more than $100M, is within the model's range for ` + rng},
		{"at-most-straddled", figure(150e6, "at-most"), costmodel.Partial,
			`the figure, at most $150M, meets the model's range for ` + rng + ` for only part of what it allows, so the model neither confirms nor rules it out`},
		{"more-than-above", figure(300e6, "more-than"), costmodel.Plausible,
			`the figure, more than $300M, is 1.5 times the model's high end for ` + rng + `: outside the range, but within a factor of 2`},
		{"at-least-above", figure(1e9, "at-least"), costmodel.Contradicted,
			`the figure, at least $1B, is 5.0 times the model's high end for ` + rng + `, more than a factor of 2 away`},
		{"less-than-inside", figure(6e9, "less-than"), costmodel.Consistent,
			`the figure, less than $6B, is within the model's range for ` + rng},
		{"at-most-below", figure(10e6, "at-most"), costmodel.Contradicted,
			`the model's low end for ` + rng + ` is 10 times the figure, at most $10M, more than a factor of 2 away`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := compute(t, rangeTopic(t, &claim.Claim{Scope: "s", Figure: tc.figure}), costmodel.Options{})
			fc := res.Claims[0].Figure
			if fc.Verdict != tc.verdict || words.Reason(fc.Finding) != tc.reason {
				t.Errorf("got %s: %s\nwant %s: %s", fc.Verdict, words.Reason(fc.Finding), tc.verdict, tc.reason)
			}
			if want := tc.figure.Value / 150e6; math.Abs(fc.Ratio-want) > 1e-12 {
				t.Errorf("ratio = %v, want %v", fc.Ratio, want)
			}
		})
	}
}

func TestFigureTolerance(t *testing.T) {
	top := rangeTopic(t, &claim.Claim{Scope: "s", Figure: figure(500e6, "")})
	fc := compute(t, top, costmodel.Options{Tolerance: 3}).Claims[0].Figure
	want := `the figure, $500M, is 2.5 times the model's high end for "Scope" ($100M to $200M, central $150M): outside the range, but within a factor of 3`
	if fc.Verdict != costmodel.Plausible || words.Reason(fc.Finding) != want {
		t.Errorf("got %s: %s\nwant plausible: %s", fc.Verdict, words.Reason(fc.Finding), want)
	}
}

func TestFramingCheck(t *testing.T) {
	for _, tc := range []struct {
		name             string
		scope, presented string
		figure           claim.Figure
		verdict          costmodel.Verdict
		reason           string
	}{
		{"fair", "run", "r1", figure(6e6, "about"), costmodel.Fair,
			`it was presented as "R1 training", which the model puts at $5.976M to $7.576M, central $6.776M, and the figure fits that too`},
		{"part-as-whole", "run", "r1", figure(5.6e6, ""), costmodel.Misleading,
			`it was presented as "R1 training", which the model puts at $5.976M to $7.576M, central $6.776M; the figure measures only a part of that, "Final run"`},
		{"part-as-whole-transitive", "run", "total", figure(5.6e6, ""), costmodel.Misleading,
			`it was presented as "Total", which the model puts at $106M to $107.6M, central $106.8M; the figure measures only a part of that, "Final run"`},
		{"whole-as-part", "total", "run", figure(107e6, ""), costmodel.Misleading,
			`it was presented as "Final run", which the model puts at $5.576M; point estimate; the figure measures "Total", a broader scope that builds on it`},
		{"other-thing", "run", "other", figure(5.6e6, ""), costmodel.Misattributed,
			`it was presented as "Another model", which the model puts at $100M; point estimate; the figure measures something else, "Final run"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := compute(t, framingTopic(t, &claim.Claim{Scope: tc.scope, PresentedAs: tc.presented, Figure: tc.figure}), costmodel.Options{})
			fr := res.Claims[0].Framing
			if fr == nil {
				t.Fatal("no framing check")
			}
			if fr.Verdict != tc.verdict || words.Reason(fr.Finding) != tc.reason || fr.Presented != tc.presented {
				t.Errorf("got %s (%s): %s\nwant %s (%s): %s", fr.Verdict, fr.Presented, words.Reason(fr.Finding), tc.verdict, tc.presented, tc.reason)
			}
			if want := res.Claims[0].Figure.Value / scopeOf(res, tc.presented).Central; fr.Ratio != want {
				t.Errorf("ratio = %v, want %v", fr.Ratio, want)
			}
		})
	}
	// The scope was not stated: the framing says so, whatever the figure.
	res := compute(t, framingTopic(t, &claim.Claim{Scope: "run", ScopeUnstated: true, Figure: figure(5.6e6, "")}), costmodel.Options{})
	if fr := res.Claims[0].Framing; fr == nil || fr.Verdict != costmodel.Unstated || fr.Presented != "" ||
		words.Reason(fr.Finding) != `the claimant did not say what the figure covers; we read it as "Final run", but the claim as made names no scope` {
		t.Errorf("framing = %+v, want unstated", fr)
	}
	// Presented as the scope it measures: no framing check.
	res = compute(t, framingTopic(t, &claim.Claim{Scope: "run", PresentedAs: "run", Figure: figure(5.6e6, "")}), costmodel.Options{})
	if res.Claims[0].Framing != nil {
		t.Errorf("framing = %+v, want none", res.Claims[0].Framing)
	}
}

func TestPartsCheck(t *testing.T) {
	site := map[string]*claim.Parameter{
		"cny_usd_2021": {Label: "2021", Unit: "CNY/USD", Value: ptr(6.45), AsOf: day("2021-12-31"),
			Period: claim.Period{Start: day("2021-01-01"), End: day("2021-12-31")}},
	}
	for _, tc := range []struct {
		name           string
		figure         claim.Figure
		parts          []claim.Part
		verdict        costmodel.Verdict
		reason         string
		sum, low, high float64
	}{
		{"seed-article", figure(500e6, "more-than"),
			[]claim.Part{{Label: "direct", Value: 5.6e6, Currency: "USD"}, {Label: "supercomputer", Value: 139e6, Currency: "USD"}},
			costmodel.DoNotAddUp, "the parts it names add up to $144.6M, not more than $500M", 144.6e6, 144.05e6, 145.15e6},
		{"add-up-by-rounding", figure(150e6, ""),
			[]claim.Part{{Label: "a", Value: 5.6e6, Currency: "USD"}, {Label: "b", Value: 140e6, Currency: "USD", Rounding: 10e6}},
			costmodel.AddUp, "the parts it names add up to $145.6M, which fits the figure, $150M", 145.6e6, 140.55e6, 150.65e6},
		{"not-exact", figure(151e6, ""),
			[]claim.Part{{Label: "a", Value: 5.6e6, Currency: "USD"}, {Label: "b", Value: 139e6, Currency: "USD"}},
			costmodel.DoNotAddUp, "the parts it names add up to $144.6M, not $151M", 144.6e6, 144.05e6, 145.15e6},
		{"other-currency", figure(160e6, "about"),
			[]claim.Part{{Label: "a", Value: 5.6e6, Currency: "USD"}, {Label: "b", Value: 1e9, Currency: "CNY", Rounding: 1e8}},
			costmodel.AddUp, "the parts it names add up to $160.6M, which fits the figure, about $160M", 5.6e6 + 1e9/6.45, 5.55e6 + 0.95e9/6.45, 5.65e6 + 1.05e9/6.45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &claim.Claim{Scope: "s", Figure: tc.figure, Parts: tc.parts, Spent: day("2021-06-01")}
			top := newTopic(t, &claim.Model{
				Parameters: map[string]*claim.Parameter{"cost": point(150e6, "USD", "t/src")},
				Components: map[string]*claim.Component{"c": usd("the cost", "cost")},
				Scopes:     map[string]*claim.Scope{"s": scope("Scope", "", "c")},
			}, site, c)
			pc := compute(t, top, costmodel.Options{}).Claims[0].Parts
			if pc.Verdict != tc.verdict || words.Reason(pc.Finding) != tc.reason {
				t.Errorf("got %s: %s\nwant %s: %s", pc.Verdict, words.Reason(pc.Finding), tc.verdict, tc.reason)
			}
			for _, v := range [][2]float64{{pc.Sum, tc.sum}, {pc.Low, tc.low}, {pc.High, tc.high}} {
				if math.Abs(v[0]-v[1]) > 1e-6 {
					t.Errorf("sum [low, high] = %v [%v, %v], want %v [%v, %v]", pc.Sum, pc.Low, pc.High, tc.sum, tc.low, tc.high)
					break
				}
			}
		})
	}
}

func TestRateDescription(t *testing.T) {
	for _, tc := range []struct {
		p    *claim.Parameter
		want string
	}{
		{rateParam(6.45, "CNY/USD", "2021-12-31", "2021-01-01", "2021-12-31"), "the 2021 rate (6.45 CNY/USD)"},
		{rateParam(7.2957, "CNY/USD", "2025-01-31", "2025-01-01", "2025-01-31"), "the January 2025 rate (7.2957 CNY/USD)"},
		{rateParam(7.2957, "CNY/USD", "2024-02-29", "2024-02-01", "2024-02-29"), "the February 2024 rate (7.2957 CNY/USD)"},
		{rateParam(6.47, "CNY/USD", "2021-06-30", "2021-04-01", "2021-06-30"), "the rate for 1 April 2021 to 30 June 2021 (6.47 CNY/USD)"},
		{rateParam(7.3, "CNY/USD", "2025-03-01", "", ""), "the rate of 1 March 2025 (7.3 CNY/USD)"},
	} {
		m := &claim.Model{Inputs: map[string]*claim.Parameter{"r": tc.p}}
		got := words.RateName(costmodel.FindRate(m, "CNY", "USD", day("2025-01-01")))
		if got != tc.want {
			t.Errorf("describe() = %q, want %q", got, tc.want)
		}
	}
}

func TestConversionCheck(t *testing.T) {
	site := map[string]*claim.Parameter{
		"cny_usd_2021": rateParam(6.45, "CNY/USD", "2021-12-31", "2021-01-01", "2021-12-31"),
		"cny_usd_2024": rateParam(7.19, "CNY/USD", "2024-12-31", "2024-01-01", "2024-12-31"),
		"cny_usd_2025": rateParam(7.2957, "CNY/USD", "2025-01-31", "2025-01-01", "2025-01-31"),
	}
	const at = "CNY 1B is $155M at the 2021 rate (6.45 CNY/USD) and "
	for _, tc := range []struct {
		name        string
		date, spent string
		conv        claim.Conversion
		verdict     costmodel.Verdict
		reason      string
		atS, atC    float64
	}{
		{"claim-date", "2024-07-01", "2021-06-01", claim.Conversion{Value: 139e6, Currency: "USD"}, costmodel.ClaimDate,
			at + "$139.1M at the 2024 rate (7.19 CNY/USD); the stated $139M follows the later rate, not the rate when the money was spent",
			1e9 / 6.45, 1e9 / 7.19},
		{"conversion-date", "2024-07-01", "2021-06-01", claim.Conversion{Value: 137e6, Currency: "USD", Date: day("2025-01-10")}, costmodel.ClaimDate,
			at + "$137.1M at the January 2025 rate (7.2957 CNY/USD); the stated $137M follows the later rate, not the rate when the money was spent",
			1e9 / 6.45, 1e9 / 7.2957},
		{"spending-date", "2024-07-01", "2021-06-01", claim.Conversion{Value: 155e6, Currency: "USD"}, costmodel.SpendingDate,
			at + "$139.1M at the 2024 rate (7.19 CNY/USD); the stated $155M follows the rate when the money was spent",
			1e9 / 6.45, 1e9 / 7.19},
		{"neither", "2024-07-01", "2021-06-01", claim.Conversion{Value: 180e6, Currency: "USD"}, costmodel.Neither,
			at + "$139.1M at the 2024 rate (7.19 CNY/USD); the stated $180M matches neither",
			1e9 / 6.45, 1e9 / 7.19},
		{"three-percent", "2024-07-01", "2021-06-01", claim.Conversion{Value: 151e6, Currency: "USD"}, costmodel.SpendingDate,
			at + "$139.1M at the 2024 rate (7.19 CNY/USD); the stated $151M follows the rate when the money was spent",
			1e9 / 6.45, 1e9 / 7.19},
		{"same-rate", "2021-09-01", "2021-06-01", claim.Conversion{Value: 139e6, Currency: "USD"}, costmodel.Neither,
			"CNY 1B is $155M at the 2021 rate (6.45 CNY/USD), the rate both when the money was spent and when it was converted; the stated $139M does not match it",
			1e9 / 6.45, 1e9 / 6.45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conv := tc.conv
			c := &claim.Claim{Scope: "s", Date: day(tc.date), Spent: day(tc.spent),
				Figure: claim.Figure{Value: 1e9, Currency: "CNY"}, Conversion: &conv}
			top := newTopic(t, &claim.Model{
				Parameters: map[string]*claim.Parameter{"cost": point(1e9, "CNY", "t/src")},
				Components: map[string]*claim.Component{"c": usd("the cost", "cost / cny_usd_2021")},
				Scopes:     map[string]*claim.Scope{"s": scope("Scope", "", "c")},
			}, site, c)
			cc := compute(t, top, costmodel.Options{}).Claims[0].Conversion
			if cc.Verdict != tc.verdict || words.Reason(cc.Finding) != tc.reason {
				t.Errorf("got %s: %s\nwant %s: %s", cc.Verdict, words.Reason(cc.Finding), tc.verdict, tc.reason)
			}
			if math.Abs(cc.AtSpending-tc.atS) > 1e-6 || math.Abs(cc.AtClaim-tc.atC) > 1e-6 {
				t.Errorf("at spending, at claim = %v, %v; want %v, %v", cc.AtSpending, cc.AtClaim, tc.atS, tc.atC)
			}
		})
	}
}

func TestSupportCheck(t *testing.T) {
	for _, tc := range []struct {
		name, scope, source string
		verdict             costmodel.Verdict
		reason              string
		sources             []string
		origins             []string // of the claim's source, as the loader sets them
		origin              string   // the source the figure first appeared in
	}{
		{"own", "run", "t/report", costmodel.OwnSource,
			`every input of the model for "Final run" comes from the claim's own source, so the check rests on the claimant's word`,
			[]string{"t/report"}, nil, ""},
		{"mixed", "r1", "t/report", costmodel.Independent,
			`the model's inputs for "R1 training" come from the claim's own source and 1 other source: 1 independent origin apart from the claim's own source`,
			[]string{"t/analyst", "t/report"}, nil, ""},
		{"independent", "run", "t/article", costmodel.Independent,
			`the model's inputs for "Final run" come from 1 source other than the claim's own: 1 independent origin`,
			[]string{"t/report"}, nil, ""},
		// The article takes its figures from the report: no independent origin.
		{"derived", "run", "t/article", costmodel.OwnSource,
			`the model's inputs for "Final run" come from 1 source other than the claim's own, but they and the claim's own source take their figures from the same origin, so the check is not independent of the claim`,
			[]string{"t/report"}, []string{"t/report"}, ""},
		// The article rewords the report's figure: the report is the claim's own too.
		{"origin", "run", "t/article", costmodel.OwnSource,
			`every input of the model for "Final run" comes from the claim's own source, so the check rests on the claimant's word`,
			[]string{"t/report"}, nil, "t/report"},
		{"origin-and-other", "total", "t/article", costmodel.Independent,
			`the model's inputs for "Total" come from the claim's own source and 1 other source: 1 independent origin apart from the claim's own source`,
			[]string{"t/analyst", "t/report"}, nil, "t/report"},
		{"independent-many", "total", "t/article", costmodel.Independent,
			`the model's inputs for "Total" come from 2 sources other than the claim's own: 2 independent origins`,
			[]string{"t/analyst", "t/report"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &claim.Claim{Scope: tc.scope, Figure: figure(5.6e6, ""), Source: claim.Citation{SourceID: tc.source, Origins: tc.origins}}
			if tc.origin != "" {
				c.Origin = &claim.Origin{SourceID: tc.origin}
			}
			sc := compute(t, framingTopic(t, c), costmodel.Options{}).Claims[0].Support
			if sc.Verdict != tc.verdict || words.Reason(sc.Finding) != tc.reason || strings.Join(sc.Sources, " ") != strings.Join(tc.sources, " ") {
				t.Errorf("got %s %v: %s\nwant %s %v: %s", sc.Verdict, sc.Sources, words.Reason(sc.Finding), tc.verdict, tc.sources, tc.reason)
			}
		})
	}
}
