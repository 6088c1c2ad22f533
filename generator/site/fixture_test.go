package site_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/diag"
	"reckon/generator/site"
	reckontext "reckon/generator/text"
	"reckon/templates"
)

// The fixture is a small DeepSeek-like site built by hand, so that the site
// can be tested without the claim loader or the cost model.

func ptr[T any](v T) *T { return &v }

func date(s string) claim.Date {
	d, err := claim.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fixtureStrings are the texts of the fixture; the hostile test replaces
// every one of them.
type fixtureStrings struct {
	SiteTitle, SiteDescription, Publisher                                              string
	SourceTitle, SourcePublisher, SourceNote, SourceQuote, SourceLocator, SourceAuthor string
	TopicTitle, TopicQuestion, TopicSummary                                            string
	ParamLabel, ParamNote, ParamQuote, ParamLocator                                    string
	ComponentLabel, ComponentDescription, ScopeLabel, ScopeDescription                 string
	ClaimTitle, Claimant, ClaimantRole, ClaimSummary, FigureText                       string
	Quote, Translation, CitationNote, CitationLocator                                  string
	PartLabel, PartNote, CorrectionChange, CorrectionReason                            string
	RatingLabel, RatingDescription                                                     string
	URL, ArchiveURL                                                                    string
}

func plainStrings() fixtureStrings {
	return fixtureStrings{
		SiteTitle:            "Reckon Test Desk",
		SiteDescription:      "Fact-checks of the figures behind AI.",
		Publisher:            "Reckon Test Desk",
		SourceTitle:          "DeepSeek-V3 Technical Report",
		SourcePublisher:      "arXiv",
		SourceNote:           "",
		SourceQuote:          "Note that the aforementioned costs include only the official training of DeepSeek-V3.",
		SourceLocator:        "Table 1",
		SourceAuthor:         "DeepSeek-AI",
		TopicTitle:           "What did DeepSeek spend?",
		TopicQuestion:        "Did DeepSeek train its models for $5.6 million?",
		TopicSummary:         "The $5.6M covers one final training run at a rental price; the company's spending was far larger.",
		ParamLabel:           "GPU-hours of the final V3 run",
		ParamNote:            "",
		ParamQuote:           "2,788K H800 GPU hours",
		ParamLocator:         "Table 1",
		ComponentLabel:       "Final training run",
		ComponentDescription: "GPU-hours times a notional rental price",
		ScopeLabel:           "Final training run of V3",
		ScopeDescription:     "The compute of the last run only",
		ClaimTitle:           "DeepSeek trained V3 for $5.576M",
		Claimant:             "DeepSeek",
		ClaimantRole:         "",
		ClaimSummary:         "The figure is right for what it measures: one final run at $2 per GPU-hour.",
		FigureText:           "$5.576M",
		Quote:                "the total training costs amount to only $5.576M",
		Translation:          "",
		CitationNote:         "",
		CitationLocator:      "Table 1",
		PartLabel:            "Pre-training",
		PartNote:             "",
		CorrectionChange:     "Corrected the number of GPUs from 2,000 to 2,048.",
		CorrectionReason:     "The report says 2,048.",
		RatingLabel:          "Accurate",
		RatingDescription:    "The figure matches what it measures.",
		URL:                  "https://arxiv.org/abs/2412.19437",
		ArchiveURL:           "https://web.archive.org/web/2025/https://arxiv.org/abs/2412.19437",
	}
}

// fixture returns an Input and the matching content folder.
func fixture(s fixtureStrings, article, methodology string) (site.Input, fstest.MapFS) {
	verified, unverified := ptr(true), ptr(false)
	st := &claim.Site{
		Title: s.SiteTitle, Description: s.SiteDescription, Language: "en", BaseURL: "https://factcheck.example/",
		Publisher: s.Publisher, Currency: "USD", Tolerance: 2, About: 0.1,
		Rating: claim.RatingScale{Best: 5, Worst: 1, Levels: []claim.RatingLevel{
			{Value: 5, Label: s.RatingLabel, Description: s.RatingDescription, When: `figure == "consistent"`},
			{Value: 2, Label: "Misleading", Description: "Right about one thing, presented as another.", When: `framing == "misattributed"`},
			{Value: 1, Label: "False", Description: "The figure is contradicted.", When: "true"},
		}},
	}
	report := &claim.Source{
		ID: "deepseek/v3-report", Title: s.SourceTitle, Publisher: s.SourcePublisher, Author: s.SourceAuthor,
		URL: s.URL, Published: date("2024-12-27"), Accessed: date("2025-02-01"), ArchiveURL: s.ArchiveURL,
		Kind: "primary", Language: "en", Locator: s.SourceLocator, Quote: s.SourceQuote, Verified: verified, Note: s.SourceNote,
	}
	article1 := &claim.Source{
		ID: "deepseek/seed-article", Title: "كم كلف تدريب DeepSeek؟", Publisher: "Seed News", URL: "https://news.example/deepseek",
		Published: date("2025-02-03"), Kind: "secondary", Language: "ar", Verified: unverified, Note: "The stored copy could not be matched to a live page.",
	}
	fx := &claim.Source{
		ID: "fred", Title: "China / U.S. Foreign Exchange Rate", Publisher: "FRED", URL: "https://fred.stlouisfed.org/series/AEXCHUS",
		Kind: "primary", Language: "en", Verified: verified,
	}
	gpuHours := &claim.Parameter{
		Name: "gpu_hours", Label: s.ParamLabel, Unit: "GPU-h", Value: ptr(2.788e6), AsOf: date("2024-12-27"),
		Source: "v3-report", SourceID: report.ID, Locator: s.ParamLocator, Quote: s.ParamQuote, Note: s.ParamNote, Verified: verified,
	}
	rate := &claim.Parameter{
		Name: "rental_rate", Label: "Rental price of an H800", Unit: "USD/GPU-h", Value: ptr(2.0), AsOf: date("2024-12-27"),
		Source: "v3-report", SourceID: report.ID,
	}
	multiplier := &claim.Parameter{
		Name: "experiment_ratio", Label: "Experiments per final run", Unit: "1", Low: ptr(2.0), High: ptr(4.0),
		Distribution: "lognormal", AsOf: date("2025-01-31"), Source: "seed-article", SourceID: article1.ID,
		Verified: unverified, Note: "An analyst's estimate; not checked against a primary source.",
	}
	cnyRate := &claim.Parameter{
		Name: "cny_per_usd_2021", Label: "CNY per USD, 2021 average", Unit: "CNY/USD", Value: ptr(6.45), AsOf: date("2021-12-31"),
		Source: "fred", SourceID: fx.ID, Site: true,
	}
	finalRun := &claim.Component{Name: "final_run", Label: s.ComponentLabel, Expr: "gpu_hours * rental_rate", Unit: "USD", Description: s.ComponentDescription}
	experiments := &claim.Component{Name: "experiments", Label: "Research experiments", Expr: "final_run * experiment_ratio", Unit: "USD"}
	scopeRun := &claim.Scope{Name: "final_run", Label: s.ScopeLabel, Description: s.ScopeDescription, Components: []string{"final_run"}}
	scopeDev := &claim.Scope{Name: "development", Label: "Development of V3", Extends: "final_run", Add: []string{"experiments"}, Components: []string{"experiments", "final_run"}}
	model := &claim.Model{
		Parameters: map[string]*claim.Parameter{"gpu_hours": gpuHours, "rental_rate": rate, "experiment_ratio": multiplier},
		Formulas:   map[string]*claim.Formula{"run_hours": {Name: "run_hours", Label: "Hours of the run", Expr: "gpu_hours / 2048", Unit: "h"}},
		Components: map[string]*claim.Component{"final_run": finalRun, "experiments": experiments},
		Scopes:     map[string]*claim.Scope{"final_run": scopeRun, "development": scopeDev},
	}
	topic := &claim.Topic{
		ID: "deepseek", Title: s.TopicTitle, Question: s.TopicQuestion, Summary: s.TopicSummary,
		Published: date("2025-02-01"), Updated: date("2025-09-20"), Currency: "USD", Model: model,
		Sources: []*claim.Source{report, article1},
	}
	v3 := &claim.Claim{
		ID: "deepseek/v3-report", Topic: "deepseek", Title: s.ClaimTitle, Claimant: s.Claimant, ClaimantRole: s.ClaimantRole,
		Date: date("2024-12-27"), Published: date("2025-02-01"), Summary: s.ClaimSummary, Scope: "final_run",
		Figure:     claim.Figure{Value: 5.576e6, Currency: "USD", Qualifier: "exact", Text: s.FigureText},
		Source:     claim.Citation{Source: "v3-report", SourceID: report.ID, Locator: s.CitationLocator, Quote: s.Quote, Language: "en", Note: s.CitationNote},
		Parts:      []claim.Part{{Label: s.PartLabel, Value: 5.328e6, Currency: "USD", Note: s.PartNote}, {Label: "Context extension and post-training", Value: 0.248e6, Currency: "USD"}},
		Correction: []claim.Correction{{Date: date("2025-02-10"), Change: s.CorrectionChange, Reason: s.CorrectionReason}},
	}
	seed := &claim.Claim{
		ID: "deepseek/seed-r1", Topic: "deepseek", Title: "DeepSeek trained R1 for $5.6 million", Claimant: "Seed News",
		ClaimantKind: "organization", Date: date("2025-02-03"), Published: date("2025-02-05"),
		Summary: "The $5.6M is the final V3 run, not R1, and not the development of either.",
		Scope:   "final_run", PresentedAs: "development",
		Figure:   claim.Figure{Value: 5.6e6, Currency: "USD", Qualifier: "about", Text: "5.6 مليون دولار"},
		Source:   claim.Citation{Source: "seed-article", SourceID: article1.ID, Quote: "بلغت تكلفة تدريب R1 نحو 5.6 مليون دولار", Language: "ar", Translation: s.Translation + "The cost of training R1 was about $5.6 million"},
		Repeated: []claim.Citation{{Source: "v3-report", SourceID: report.ID, Date: date("2025-01-20")}},
	}
	topic.Claims = []*claim.Claim{seed, v3}
	set := &claim.Set{
		Site: st, Sources: []*claim.Source{report, article1, fx},
		Parameters: map[string]*claim.Parameter{"cny_per_usd_2021": cnyRate}, Topics: []*claim.Topic{topic},
	}
	sortSources(set.Sources) // by ID, as claim.Load leaves them

	point := func(v float64) costmodel.Estimate {
		return costmodel.Estimate{Central: v, Low: v, High: v, P50: v, Method: "point"}
	}
	runEst := point(5.576e6)
	expEst := costmodel.Estimate{Central: 15.77e6, Low: 11.52e6, High: 21.6e6, P50: 15.7e6, Method: "monte-carlo"}
	devEst := costmodel.Estimate{Central: 21.35e6, Low: 17.1e6, High: 27.2e6, P50: 21.3e6, Method: "monte-carlo"}
	// The arithmetic, as costmodel writes it from each formula.
	qty := func(name string, v float64, u string) costmodel.Token {
		return costmodel.Token{Kind: costmodel.TokenQuantity, Text: name, Value: v, Unit: u}
	}
	op := func(o string) costmodel.Token { return costmodel.Token{Kind: costmodel.TokenOperator, Text: o} }
	cRun := &costmodel.Component{Component: finalRun, Unit: "USD", Estimate: runEst,
		Arithmetic: []costmodel.Token{qty("gpu_hours", 2.788e6, "GPU-h"), op("*"), qty("rental_rate", 2, "USD/GPU-h")}}
	cExp := &costmodel.Component{Component: experiments, Unit: "USD", Estimate: expEst,
		Arithmetic: []costmodel.Token{qty("final_run", 5.576e6, "USD"), op("*"), qty("experiment_ratio", 2.83, "1")}}
	runHours := &costmodel.Formula{Formula: model.Formulas["run_hours"], Unit: "h", Estimate: point(1361.328125),
		Arithmetic: []costmodel.Token{qty("gpu_hours", 2.788e6, "GPU-h"), op("/"), {Kind: costmodel.TokenNumber, Text: "2048", Value: 2048}}}
	sRun := &costmodel.Scope{Scope: scopeRun, Currency: "USD", Estimate: runEst, Components: []*costmodel.Component{cRun}, Inputs: []string{"gpu_hours", "rental_rate"},
		Formulas: []*costmodel.Formula{runHours}}
	sDev := &costmodel.Scope{
		Scope: scopeDev, Currency: "USD", Estimate: devEst, Components: []*costmodel.Component{cExp, cRun},
		Inputs:      []string{"experiment_ratio", "gpu_hours", "rental_rate"},
		Sensitivity: []costmodel.Sensitivity{{Param: "experiment_ratio", Label: "Experiments per final run", AtLow: 16.7e6, AtHigh: 27.9e6, Swing: 11.2e6, Share: 1}},
	}
	bridge := &costmodel.Bridge{
		From: "final_run", To: "development", FromValue: runEst, ToValue: devEst,
		Steps: []costmodel.Step{{Kind: "add", Scope: "development", Added: []string{"experiments"}, Delta: expEst, Cumulative: 21.35e6}},
	}
	// The findings, as the model makes them; package text writes them as
	// reasons, and the step's label from the component's label.
	v3Figure := costmodel.Finding{Kind: costmodel.FigureWithinRange, Figure: v3.Figure, Verdict: costmodel.Consistent, Scope: sRun}
	v3Parts := costmodel.Finding{Kind: costmodel.PartsFit, Figure: v3.Figure, Amount: 5.576e6}
	v3Support := costmodel.Finding{Kind: costmodel.SupportOwnSource, Scope: sRun}
	rV3 := &costmodel.Claim{
		Claim:   v3,
		Figure:  costmodel.FigureCheck{Verdict: costmodel.Consistent, Value: 5.576e6, Low: 5.5755e6, High: 5.5765e6, Model: runEst, Ratio: 1, Finding: v3Figure},
		Parts:   &costmodel.PartsCheck{Verdict: costmodel.AddUp, Sum: 5.576e6, Low: 5.5755e6, High: 5.5765e6, Finding: v3Parts},
		Support: costmodel.SupportCheck{Verdict: costmodel.OwnSource, Sources: []string{report.ID}, Finding: v3Support},
		Threshold: &costmodel.Threshold{Param: "rental_rate", Label: rate.Label, Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: 1.99982, High: 2.000179, Below: costmodel.Plausible, Above: costmodel.Plausible, Kind: costmodel.ThresholdBetween},
		Rating:   costmodel.Rating{Value: 5, Label: s.RatingLabel, Best: 5, Worst: 1},
		Findings: []costmodel.Finding{v3Figure, v3Parts, v3Support},
		Bridges:  []*costmodel.Bridge{bridge},
		Headline: bridge,
	}
	seedFigure := costmodel.Finding{Kind: costmodel.FigureWithinRange, Figure: seed.Figure, Verdict: costmodel.Consistent, Scope: sRun}
	rSeed := &costmodel.Claim{
		Claim:   seed,
		Figure:  costmodel.FigureCheck{Verdict: costmodel.Consistent, Value: 5.6e6, Low: 5.04e6, High: 6.16e6, Model: runEst, Ratio: 1.004, Finding: seedFigure},
		Framing: &costmodel.FramingCheck{Verdict: costmodel.Misattributed, Presented: "development", Model: devEst, Ratio: 0.26, Finding: costmodel.Finding{Kind: costmodel.FramingPart, Scope: sDev, Measured: sRun}},
		Support: costmodel.SupportCheck{Verdict: costmodel.Independent, Sources: []string{article1.ID, report.ID}, Finding: costmodel.Finding{Kind: costmodel.SupportOwnAndOther, Scope: sRun, Count: 1, Origins: 1}},
		// About $5.6M is 5.04e6 to 6.16e6: 2,788,000 GPU-h at 1.80775 to 2.20947 USD/GPU-h.
		Threshold: &costmodel.Threshold{Param: "rental_rate", Label: rate.Label, Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: 1.80775, High: 2.20947, Below: costmodel.Plausible, Above: costmodel.Plausible, Kind: costmodel.ThresholdBetween},
		Rating:   costmodel.Rating{Value: 2, Label: "Misleading", Best: 5, Worst: 1},
		Findings: []costmodel.Finding{seedFigure},
		Bridges:  []*costmodel.Bridge{bridge},
		Headline: bridge,
	}
	res := &costmodel.Results{Topics: []*costmodel.Topic{{
		Topic:    topic,
		Currency: "USD",
		Formulas: []*costmodel.Formula{runHours},
		Params: []*costmodel.Param{
			{Param: cnyRate, Unit: "CNY/USD", Estimate: point(6.45)},
			{Param: multiplier, Unit: "1", Estimate: costmodel.Estimate{Central: 2.83, Low: 2, High: 4, P50: 2.83, Method: "monte-carlo"}},
			{Param: gpuHours, Unit: "GPU-h", Estimate: point(2.788e6)},
			{Param: rate, Unit: "USD/GPU-h", Estimate: point(2)},
		},
		Scopes: []*costmodel.Scope{sRun, sDev},
		Claims: []*costmodel.Claim{rSeed, rV3},
		Bridge: bridge,
	}}}
	docs := fstest.MapFS{
		"content/topics/deepseek.md":    {Data: []byte(article)},
		"content/methodology.md":        {Data: []byte(methodology)},
		"content/about.md":              {Data: []byte("+++\ntitle = \"About us\"\ndescription = \"Who we are.\"\nmenu = 2\n+++\nWe check figures.\n")},
		"content/corrections-policy.md": {Data: []byte("+++\ntitle = \"Corrections policy\"\ndescription = \"How we correct.\"\n+++\nWe say what changed and why.\n")},
	}
	charts, err := chart.Render(res, reckontext.English())
	if err != nil {
		panic(err)
	}
	in := site.Input{Claims: set, Results: res, Charts: charts, ChartScripts: []string{echartsPath, "assets/charts.js"}}
	return in, docs
}

// echartsPath is where the build publishes ECharts; the tests' templates
// hold a stand-in (see tmplFS).
const echartsPath = "assets/echarts/echarts.common.min.js"

// tmplFS is the default templates with a stand-in for ECharts, which the
// build copies from its npm package.
func tmplFS() fs.FS {
	return site.Overlay(fstest.MapFS{echartsPath: {Data: []byte("/* ECharts */\n")}}, templates.FS)
}

func sortSources(s []*claim.Source) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j].ID < s[i].ID {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

const fixtureArticle = `+++
summary = "One run, not a budget."
+++
## What the $5.6M covers

DeepSeek's figure, {{value deepseek final_run}}, is the price of {{value deepseek gpu_hours}}
({{value deepseek run_hours}} on the cluster) at
{{value deepseek rental_rate}}: see {{claim deepseek/v3-report}}. With experiments, the model puts
development at {{value deepseek development}} ({{value deepseek development range}}).

{{chart deepseek timeline}}

{{chart deepseek ladder}}

| Stage | GPU-hours |
|:------|----------:|
| Pre-training | 2,664K |

The report is plain about it.[^1]

[^1]: "Note that the aforementioned costs include only the official training."
`

const fixtureMethodology = `+++
title = "Methodology"
description = "How we check figures."
menu = 1
+++
## Scopes

A claim is checked against the scope it measures.
`

// loadDocs loads a fixture's content folder.
func loadDocs(fsys fstest.MapFS) (*content.Set, error) { return content.Load(fsys, "content") }

// withDocs returns in with the fixture's content folder, fsys, loaded as
// its commentary.
func withDocs(t *testing.T, in site.Input, fsys fstest.MapFS) site.Input {
	t.Helper()
	set, err := loadDocs(fsys)
	if err != nil {
		t.Fatal(err)
	}
	in.Docs = set
	return in
}

// checkDocs loads a fixture's content folder and checks it against in, as
// a build does, with the errors of both.
func checkDocs(in site.Input, fsys fstest.MapFS) (*content.Set, error) {
	set, err := content.Load(fsys, "content")
	return set, append(diag.Errors(err), diag.Errors(set.Check(site.Lookup(in.Claims, in.Results, nil)))...).Err()
}
