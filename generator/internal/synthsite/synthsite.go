package synthsite

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing/fstest"
)

// Options size a synthetic site. Zero fields take the defaults in brackets.
type Options struct {
	Topics int    // [10]
	Claims int    // claims per topic [100]
	Words  int    // words of commentary per claim [400]
	Seed   uint64 // [1]
}

// Files returns the site as a map of path to content.
func Files(o Options) fstest.MapFS {
	if o.Topics == 0 {
		o.Topics = 10
	}
	if o.Claims == 0 {
		o.Claims = 100
	}
	if o.Words == 0 {
		o.Words = 400
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	fsys := fstest.MapFS{}
	put := func(name, s string) { fsys[name] = &fstest.MapFile{Data: []byte(s)} }
	put("claims/site.toml", siteTOML)
	put("claims/sources.toml", `[fx]
title = "Exchange rates"
publisher = "A central bank"
url = "https://example.org/fx"
kind = "primary"
verified = true
`)
	put("claims/parameters.toml", `[eur_per_usd]
label = "EUR per USD"
value = 0.92
unit = "EUR/USD"
as_of = 2024-06-30
period = { start = 2024-01-01, end = 2024-12-31 }
source = "fx"
`)
	for t := range o.Topics {
		id := fmt.Sprintf("topic-%03d", t)
		put("claims/"+id+"/topic.toml", fmt.Sprintf(`title = "What did project %d cost?"
question = "What did project %d cost to build and run?"
summary = "It depends on what is counted."
published = 2025-%02d-%02d
order = %d
`, t, t, 1+t%12, 1+t%28, t))
		put("claims/"+id+"/sources.toml", `[report]
title = "The project's report"
publisher = "The project"
url = "https://example.org/report"
published = 2024-12-01
kind = "primary"
verified = true

[analyst]
title = "An analyst's estimate"
publisher = "Analysts Inc."
url = "https://example.org/analysis"
published = 2025-01-15
kind = "estimate"
verified = true
`)
		put("claims/"+id+"/model.toml", modelTOML(rng))
		scopes := []string{"run", "run-and-staff", "development", "total"}
		var article strings.Builder
		fmt.Fprintf(&article, "+++\ntitle = \"Project %d\"\n+++\n\n", t)
		for c := range o.Claims {
			name := fmt.Sprintf("claim-%03d", c)
			scope := scopes[rng.IntN(len(scopes))]
			presented := ""
			if rng.IntN(3) == 0 {
				presented = fmt.Sprintf("presented_as = %q\n", scopes[(slices.Index(scopes, scope)+1)%len(scopes)])
			}
			value := []float64{4.2e6, 6e6, 12e6, 25e6, 80e6, 150e6}[rng.IntN(6)]
			qual := []string{"exact", "about", "more-than", "at-most"}[rng.IntN(4)]
			put("claims/"+id+"/"+name+".toml", fmt.Sprintf(`title = "Claimant %d says project %d cost $%gM"
claimant = "Claimant %d"
date = 2025-%02d-%02d
published = 2026-01-15
summary = "A synthetic claim."
scope = %q
%s
[figure]
value = %g
currency = "USD"
qualifier = %q

[source]
source = "report"
locator = "p. %d"
quote = "The project cost about $%g million."
`, c, t, value/1e6, c, 1+c%12, 1+c%28, scope, presented, value, qual, 1+c, value/1e6))
			if c < 3 {
				fmt.Fprintf(&article, "Claim {{claim %s/%s}} measures one scope. ", id, name)
			}
			put("content/claims/"+id+"/"+name+".md", commentary(rng, o.Words))
		}
		fmt.Fprintf(&article, "\n\n%s", commentary(rng, o.Words))
		put("content/topics/"+id+".md", article.String())
	}
	return fsys
}

const siteTOML = `title = "Synthetic Checks"
description = "A synthetic site for benchmarks."
publisher = "Bench Desk"
base_url = "https://bench.example.org/"

[rating]
best = 5
worst = 1

[[rating.level]]
value = 1
label = "False"
when = 'figure == "contradicted" || parts == "do-not-add-up"'

[[rating.level]]
value = 2
label = "Misleading"
when = 'framing == "misattributed" || framing == "misleading"'

[[rating.level]]
value = 3
label = "Needs context"
when = 'figure == "plausible"'

[[rating.level]]
value = 5
label = "Accurate"
when = "true"
`

func modelTOML(rng *rand.Rand) string {
	h := 1e6 + float64(rng.IntN(4e6))
	return fmt.Sprintf(`[parameters.gpu_hours]
label = "GPU-hours of the final run"
value = %g
unit = "GPU-h"
as_of = 2024-12-01
source = "report"

[parameters.rate]
label = "Rental price"
low = 1.5
high = 3
central = 2
distribution = "triangular"
unit = "USD/GPU-h"
as_of = 2024-12-01
source = "analyst"

[parameters.staff]
label = "Staff"
low = 40
high = 120
unit = "person"
as_of = 2024-12-01
source = "analyst"

[parameters.salary]
label = "Cost per person-year"
low = 2e5
high = 6e5
distribution = "lognormal"
coverage = 0.9
unit = "USD/person"
as_of = 2024-12-01
source = "analyst"

[parameters.experiments]
label = "Experiment compute, as a multiple of the final run"
low = 1
high = 4
unit = "1"
as_of = 2024-12-01
source = "analyst"

[parameters.hardware_eur]
label = "Hardware"
low = 5e7
high = 2e8
distribution = "lognormal"
unit = "EUR"
as_of = 2024-06-30
source = "analyst"

[formulas.run_cost]
label = "Final run"
expr = "gpu_hours * rate"
unit = "USD"

[components.run]
label = "Final run"
expr = "run_cost"
unit = "USD"

[components.staff_cost]
label = "Staff"
expr = "staff * salary"
unit = "USD"

[components.experiments_cost]
label = "Experiments"
expr = "experiments * run_cost"
unit = "USD"

[components.hardware]
label = "Hardware"
expr = "hardware_eur / eur_per_usd"
unit = "USD"

[scopes.run]
label = "The final run"
add = ["run"]

[scopes.run-and-staff]
label = "The run and its staff"
extends = "run"
add = ["staff_cost"]

[scopes.development]
label = "Development"
extends = "run-and-staff"
add = ["experiments_cost"]

[scopes.total]
label = "Everything, hardware bought"
extends = "development"
add = ["hardware"]
`, h)
}

var words = strings.Fields(`the model cost compute report figure range estimate hardware run
training scope claim source price rental cluster research staff year budget analysis
number total capital operating share market chip server energy data method`)

// commentary returns Markdown of about n words in paragraphs, with some
// emphasis, a list and a table, like a fact-checker's notes.
func commentary(rng *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("## What the figure covers\n\n")
	for i := 1; i <= n; i++ {
		w := words[rng.IntN(len(words))]
		switch {
		case i%97 == 0:
			b.WriteString("\n\n- a point about the " + w + "\n- another point\n\n")
		case i%61 == 0:
			b.WriteString("*" + w + "* ")
		case i%13 == 0:
			b.WriteString(w + ". ")
		case i%80 == 0:
			b.WriteString(w + ".\n\n")
		default:
			b.WriteString(w + " ")
		}
	}
	b.WriteString("\n\n| item | share |\n|---|---|\n| compute | most |\n| staff | some |\n")
	return b.String()
}
