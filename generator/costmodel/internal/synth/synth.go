package synth

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"reckon/generator/claim"
	"reckon/generator/formula"
	"reckon/generator/unit"
)

// Finish completes m as claim.Load would: it names every parameter,
// formula, component and scope, fills Inputs (site-wide parameters, then
// the model's own), compiles every expression, orders them and resolves each
// scope's components.
func Finish(m *claim.Model, site map[string]*claim.Parameter) error {
	m.Inputs = map[string]*claim.Parameter{}
	units := map[string]unit.Unit{}
	addParam := func(name string, p *claim.Parameter) error {
		p.Name = name
		p.SetDefaults()
		u, err := unit.Parse(p.Unit)
		if err != nil {
			return fmt.Errorf("parameter %s: %v", name, err)
		}
		units[name], m.Inputs[name] = u, p
		return nil
	}
	for _, n := range slices.Sorted(maps.Keys(site)) {
		if err := addParam(n, site[n]); err != nil {
			return err
		}
	}
	for _, n := range slices.Sorted(maps.Keys(m.Parameters)) {
		if err := addParam(n, m.Parameters[n]); err != nil {
			return err
		}
	}
	declare := func(name, u string) error {
		pu, err := unit.Parse(u)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		units[name] = pu
		return nil
	}
	for _, n := range slices.Sorted(maps.Keys(m.Formulas)) {
		m.Formulas[n].Name = n
		if err := declare(n, m.Formulas[n].Unit); err != nil {
			return err
		}
	}
	for _, n := range slices.Sorted(maps.Keys(m.Components)) {
		m.Components[n].Name = n
		if err := declare(n, m.Components[n].Unit); err != nil {
			return err
		}
	}
	deps := map[string][]string{}
	compile := func(name, src, want string) (*formula.Program, error) {
		p, err := formula.Compile(src, units)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if p.Unit() != units[name] {
			return nil, fmt.Errorf("%s: unit %s, declared %s", name, p.Unit(), want)
		}
		for _, d := range p.Names() {
			if m.Formulas[d] != nil || m.Components[d] != nil {
				deps[name] = append(deps[name], d)
			}
		}
		return p, nil
	}
	var err error
	for _, n := range slices.Sorted(maps.Keys(m.Formulas)) {
		f := m.Formulas[n]
		if f.Program, err = compile(n, f.Expr, f.Unit); err != nil {
			return err
		}
	}
	for _, n := range slices.Sorted(maps.Keys(m.Components)) {
		c := m.Components[n]
		if c.Program, err = compile(n, c.Expr, c.Unit); err != nil {
			return err
		}
	}
	m.Order = nil
	done := map[string]bool{}
	var visit func(string)
	visit = func(n string) {
		if done[n] {
			return
		}
		done[n] = true
		for _, d := range deps[n] {
			visit(d)
		}
		m.Order = append(m.Order, n)
	}
	names := append(slices.Sorted(maps.Keys(m.Formulas)), slices.Sorted(maps.Keys(m.Components))...)
	slices.Sort(names)
	for _, n := range names {
		visit(n)
	}

	resolved := map[string]bool{}
	var resolve func(n string)
	resolve = func(n string) {
		s := m.Scopes[n]
		if resolved[n] {
			return
		}
		resolved[n] = true
		s.Name = n
		var set []string
		if s.Extends != "" {
			resolve(s.Extends)
			set = slices.Clone(m.Scopes[s.Extends].Components)
		}
		for _, r := range s.Replaces {
			if i := slices.Index(set, r); i >= 0 {
				set = slices.Delete(set, i, i+1)
			}
		}
		set = append(set, s.Add...)
		slices.Sort(set)
		s.Components = set
	}
	for _, n := range slices.Sorted(maps.Keys(m.Scopes)) {
		resolve(n)
	}
	return nil
}

// Options shape a synthetic site.
type Options struct {
	Topics int    // default 10
	Claims int    // per topic, default 100
	Seed   uint64 // the generator's seed; the same options give the same site
}

// Set returns a synthetic site. Every topic has the same model, shaped like
// the seed topic (a training run priced from GPU-hours, research, hardware
// bought in another currency, serving), with eleven parameters of every
// distribution, four formulas, seven components and seven scopes, so that
// its estimates need points, corners and Monte Carlo alike. Its claims
// measure and are presented as every scope, with every qualifier; some name
// parts and some state a conversion from yuan.
func Set(o Options) (*claim.Set, error) {
	if o.Topics == 0 {
		o.Topics = 10
	}
	if o.Claims == 0 {
		o.Claims = 100
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5e7))
	set := &claim.Set{
		Site:       &claim.Site{Title: "Synthetic", Currency: "USD"},
		Parameters: SiteParameters(),
	}
	src := &claim.Source{ID: "site-source", Title: "A site-wide source", Kind: "secondary"}
	set.Sources = append(set.Sources, src)
	for i := range o.Topics {
		id := fmt.Sprintf("topic-%03d", i)
		t := &claim.Topic{ID: id, Title: "Topic " + id, Model: Model(id)}
		if err := Finish(t.Model, set.Parameters); err != nil {
			return nil, err
		}
		for _, n := range []string{"report", "analyst"} {
			s := &claim.Source{ID: id + "/" + n, Title: n, Kind: "primary"}
			t.Sources = append(t.Sources, s)
			set.Sources = append(set.Sources, s)
		}
		scopes := slices.Sorted(maps.Keys(t.Model.Scopes))
		for j := range o.Claims {
			t.Claims = append(t.Claims, syntheticClaim(rng, id, j, scopes))
		}
		set.Topics = append(set.Topics, t)
	}
	slices.SortFunc(set.Sources, func(a, b *claim.Source) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return set, nil
}

func f(v float64) *float64 { return &v }

func date(y, m, d int) claim.Date { return claim.Date{Year: y, Month: time.Month(m), Day: d} }

// SiteParameters returns site-wide exchange rates between yuan and dollars:
// annual averages for 2021 to 2025.
func SiteParameters() map[string]*claim.Parameter {
	rates := []float64{6.4515, 6.7261, 7.0809, 7.1957, 7.1884}
	out := map[string]*claim.Parameter{}
	for i, r := range rates {
		y := 2021 + i
		out[fmt.Sprintf("cny_usd_%d", y)] = &claim.Parameter{
			Label: fmt.Sprintf("Yuan per dollar, %d average", y), Unit: "CNY/USD", Value: f(r),
			AsOf: date(y, 12, 31), Period: claim.Period{Start: date(y, 1, 1), End: date(y, 12, 31)}, Source: "site-source", SourceID: "site-source",
		}
	}
	return out
}

// Model returns the synthetic model of a topic: not yet finished (see [Finish]).
func Model(topic string) *claim.Model {
	report, analyst := topic+"/report", topic+"/analyst"
	p := func(label, unit string, value *float64, low, high float64, distribution claim.Distribution, source string) *claim.Parameter {
		q := &claim.Parameter{Label: label, Unit: unit, Value: value, Distribution: distribution,
			AsOf: date(2024, 12, 26), Source: source, SourceID: source}
		if value == nil {
			q.Low, q.High = f(low), f(high)
		}
		return q
	}
	return &claim.Model{
		Parameters: map[string]*claim.Parameter{
			"gpu_hours":       p("H800 GPU-hours of the final run", "GPU-h", f(2.788e6), 0, 0, "", report),
			"rental_rate":     p("Rental price of an H800", "USD/GPU-h", f(2), 0, 0, "", report),
			"market_rate":     p("Market rental price of an H800", "USD/GPU-h", nil, 1.5, 3.5, "triangular", analyst),
			"research_factor": p("Research compute per final-run compute", "1", nil, 2, 8, "lognormal", analyst),
			"a100_count":      p("A100 GPUs bought", "GPU", nil, 9000, 11000, "normal", analyst),
			"a100_price_cny":  p("Price of an A100 in China", "CNY/GPU", nil, 70000, 110000, "uniform", analyst),
			"h800_count":      p("H800 GPUs owned", "GPU", nil, 8000, 12000, "uniform", analyst),
			"h800_price":      p("Price of an H800", "USD/GPU", nil, 25000, 35000, "normal", analyst),
			"staff":           p("Staff", "person", nil, 100, 200, "uniform", analyst),
			"salary":          p("Yearly cost of one researcher", "USD/person", nil, 80000, 250000, "lognormal", analyst),
			"serving_share":   p("Share of hardware used for serving", "1", f(0.5), 0, 0, "", analyst),
		},
		Formulas: map[string]*claim.Formula{
			"final_run_compute": {Label: "Final run compute", Expr: "gpu_hours", Unit: "GPU-h"},
			"research_compute":  {Label: "Research compute", Expr: "final_run_compute * research_factor", Unit: "GPU-h"},
			"a100_cost_cny":     {Label: "A100 cluster in yuan", Expr: "a100_count * a100_price_cny", Unit: "CNY"},
			"h800_fleet":        {Label: "H800 fleet", Expr: "h800_count * h800_price", Unit: "USD"},
		},
		Components: map[string]*claim.Component{
			"final_run":        {Label: "final training run at $2/GPU-h", Expr: "final_run_compute * rental_rate", Unit: "USD"},
			"final_run_market": {Label: "final training run at market rates", Expr: "final_run_compute * market_rate", Unit: "USD"},
			"research":         {Label: "research and ablations", Expr: "research_compute * market_rate", Unit: "USD"},
			"a100_cluster":     {Label: "the A100 cluster", Expr: "a100_cost_cny / cny_usd_2021", Unit: "USD"},
			"h800_hardware":    {Label: "H800 hardware", Expr: "h800_fleet * (1 - serving_share)", Unit: "USD"},
			"serving_hardware": {Label: "serving hardware", Expr: "h800_fleet * serving_share", Unit: "USD"},
			"salaries":         {Label: "salaries", Expr: "staff * salary * 2", Unit: "USD"},
		},
		Scopes: map[string]*claim.Scope{
			"final-run":        {Label: "Final training run", Add: []string{"final_run"}},
			"final-run-market": {Label: "Final run at market rates", Extends: "final-run", Replaces: []string{"final_run"}, Add: []string{"final_run_market"}},
			"training":         {Label: "All training compute", Extends: "final-run-market", Add: []string{"research"}},
			"rnd":              {Label: "Research and development", Extends: "training", Add: []string{"salaries"}},
			"hardware":         {Label: "Hardware bought", Add: []string{"a100_cluster", "h800_hardware"}},
			"all-hardware":     {Label: "Hardware for training and serving", Extends: "hardware", Add: []string{"serving_hardware"}},
			"gpt4":             {Label: "Another company's model", Add: []string{"salaries"}},
		},
	}
}

func syntheticClaim(rng *rand.Rand, topic string, j int, scopes []string) *claim.Claim {
	scope := scopes[rng.IntN(len(scopes))]
	c := &claim.Claim{
		ID: fmt.Sprintf("%s/claim-%03d", topic, j), Topic: topic,
		Title:    fmt.Sprintf("Claim %d", j),
		Claimant: "Someone", Date: date(2025, 1+rng.IntN(12), 1+rng.IntN(28)), Scope: scope,
		Source: claim.Citation{Source: "report", SourceID: topic + "/report"},
		Figure: claim.Figure{
			// 1e6 to 1e10, with two or three significant digits.
			Value:     roundTo(math.Pow(10, 6+4*rng.Float64()), 2+rng.IntN(2)),
			Currency:  "USD",
			Qualifier: claim.Qualifiers()[rng.IntN(len(claim.Qualifiers()))],
		},
	}
	if rng.IntN(3) == 0 {
		c.PresentedAs = scopes[rng.IntN(len(scopes))]
	}
	if rng.IntN(5) == 0 {
		c.Spent = date(2021+rng.IntN(3), 6, 1)
		c.Conversion = &claim.Conversion{Value: c.Figure.Value, Currency: "USD"}
		c.Figure.Currency = "CNY"
		c.Figure.Value = roundTo(c.Figure.Value*7, 2)
	}
	if rng.IntN(4) == 0 {
		for k := range 1 + rng.IntN(3) {
			c.Parts = append(c.Parts, claim.Part{Label: fmt.Sprintf("part %d", k),
				Value: roundTo(c.Figure.Value*rng.Float64()/2, 2), Currency: c.Figure.Currency})
		}
	}
	return c
}

// roundTo rounds v to n significant digits.
func roundTo(v float64, n int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
	return r
}
