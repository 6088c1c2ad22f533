package costmodel

import (
	"math"
	"strings"
	"testing"

	"reckon/generator/claim"
)

func TestInterval(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		qualifier      string
		v, r           float64
		wantLo, wantHi float64
	}{
		{"exact", 5.6e6, 1e5, 5.55e6, 5.65e6},
		{"", 5576000, 1000, 5575500, 5576500},
		{"about", 1.3e9, 1e8, 1.17e9, 1.43e9}, // 10% is wider than the rounding
		{"about", 1.3e9, 1e9, 0.8e9, 1.8e9},   // the rounding is wider than 10%
		{"more-than", 500e6, 1e8, 500e6, inf},
		{"at-least", 500e6, 1e8, 500e6, inf},
		{"less-than", 6e6, 1e6, 0, 6e6},
		{"at-most", 6e6, 1e6, 0, 6e6},
	} {
		lo, hi := interval(tc.v, tc.r, claim.Qualifier(tc.qualifier), 0.1)
		if math.Abs(lo-tc.wantLo) > 1e-6*tc.v || math.Abs(hi-tc.wantHi) > 1e-6*tc.v && !math.IsInf(tc.wantHi, 1) || math.IsInf(tc.wantHi, 1) != math.IsInf(hi, 1) {
			t.Errorf("interval(%v, %v, %q) = [%v, %v], want [%v, %v]", tc.v, tc.r, tc.qualifier, lo, hi, tc.wantLo, tc.wantHi)
		}
	}
}

func rateParam(v float64, unit, asOf, start, end string) *claim.Parameter {
	p := &claim.Parameter{Label: "rate", Unit: unit, Value: &v, AsOf: day(asOf), SourceID: "fed"}
	if start != "" {
		p.Period = claim.Period{Start: day(start), End: day(end)}
	}
	return p
}

func TestRates(t *testing.T) {
	m := &claim.Model{Inputs: map[string]*claim.Parameter{
		"y2021":    rateParam(6.45, "CNY/USD", "2021-12-31", "2021-01-01", "2021-12-31"),
		"q2_2021":  rateParam(6.47, "CNY / USD", "2021-06-30", "2021-04-01", "2021-06-30"),
		"y2024":    rateParam(7.19, "CNY/USD", "2024-12-31", "2024-01-01", "2024-12-31"),
		"jan2025":  rateParam(0.137, "USD/CNY", "2025-01-31", "2025-01-01", "2025-01-31"),
		"a_spot":   rateParam(7.3, "CNY/USD", "2025-03-01", "", ""),
		"b_spot":   rateParam(7.31, "CNY/USD", "2025-03-01", "", ""),
		"eur":      rateParam(0.9, "EUR/USD", "2021-06-01", "", ""),
		"not_rate": point(3, "USD/GPU-h", ""),
	}}
	for n, p := range m.Inputs {
		p.Name = n
	}
	r := newRates(m, newDist)
	for _, tc := range []struct {
		date     string
		from, to string
		want     string
	}{
		{"2021-05-01", "CNY", "USD", "q2_2021"}, // the shortest covering period
		{"2021-09-01", "CNY", "USD", "y2021"},   // the only covering period
		{"2021-09-01", "USD", "CNY", "y2021"},   // either way round
		{"2023-03-01", "CNY", "USD", "y2021"},   // the latest as of before it
		{"2025-01-15", "CNY", "USD", "jan2025"}, // an inverse unit
		{"2025-06-01", "CNY", "USD", "a_spot"},  // a tie goes to the first name
		{"2020-06-01", "CNY", "USD", "q2_2021"}, // none before: the earliest after
		{"2025-06-01", "EUR", "USD", "eur"},
		{"2025-06-01", "GBP", "USD", ""},
	} {
		got := r.find(tc.from, tc.to, day(tc.date))
		name := ""
		if got != nil {
			name = got.Param
		}
		if name != tc.want {
			t.Errorf("find(%s, %s, %s) = %q, want %q", tc.from, tc.to, tc.date, name, tc.want)
		}
	}
}

func TestMissingRate(t *testing.T) {
	c := &claim.Claim{ID: "t/yen", Scope: "s", Figure: claim.Figure{Value: 1e9, Currency: "JPY"}}
	top := rangeTopic(t, c)
	_, err := ComputeTopic(top, Options{})
	want := `claims/t/yen.toml: figure.currency: no exchange rate between JPY and USD to convert the figure`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestRating(t *testing.T) {
	for _, tc := range []struct {
		name   string
		claim  *claim.Claim
		value  int
		label  string
		reason int // the number of reasons
	}{
		{"accurate", &claim.Claim{Scope: "run", Figure: figure(5.6e6, "")}, 5, "Accurate", 2},
		{"misleading", &claim.Claim{Scope: "run", PresentedAs: "r1", Figure: figure(5.6e6, "")}, 2, "Misleading", 3},
		{"mostly", &claim.Claim{Scope: "run", Figure: figure(9e6, "")}, 4, "Mostly accurate", 2},
		{"false", &claim.Claim{Scope: "run", Figure: figure(20e6, "")}, 1, "False", 2},
		// The figure fits, but the claimant named no scope: not the top level.
		{"unstated", &claim.Claim{Scope: "run", ScopeUnstated: true, Figure: figure(5.6e6, "")}, 4, "Mostly accurate", 3},
		// "More than $6M" where the range runs from $5.976M to $7.576M.
		{"partial", &claim.Claim{Scope: "r1", Figure: figure(6e6, "more-than")}, 4, "Mostly accurate", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := compute(t, framingTopic(t, tc.claim), Options{}).Claims[0]
			want := Rating{Value: tc.value, Label: tc.label, Best: 5, Worst: 1}
			if rc.Rating != want || len(rc.Findings) != tc.reason {
				t.Errorf("rating = %+v with %d reasons, want %+v with %d", rc.Rating, len(rc.Findings), want, tc.reason)
			}
		})
	}
}

func TestRatingCustomScale(t *testing.T) {
	scale := claim.RatingScale{Best: 3, Worst: 0, Levels: []claim.RatingLevel{
		{Value: 3, Label: "Checks out", When: `figure == "consistent" && support == "independent"`},
		{Value: 1, Label: "Unverified", When: `support == "own-source"`},
	}}
	top := framingTopic(t,
		&claim.Claim{Scope: "run", Figure: figure(5.6e6, ""), Source: claim.Citation{SourceID: "t/article"}},
		&claim.Claim{Scope: "run", Figure: figure(5.6e6, ""), Source: claim.Citation{SourceID: "t/report"}},
		&claim.Claim{Scope: "run", Figure: figure(50e6, ""), Source: claim.Citation{SourceID: "t/article"}},
	)
	res := compute(t, top, Options{Rating: scale})
	for i, want := range []Rating{{3, "Checks out", 3, 0}, {1, "Unverified", 3, 0}, {0, "", 3, 0}} {
		if got := res.Claims[i].Rating; got != want {
			t.Errorf("claim %d: rating = %+v, want %+v", i, got, want)
		}
	}
	_, err := ComputeTopic(top, Options{Rating: claim.RatingScale{Best: 1, Levels: []claim.RatingLevel{{Label: "Bad", When: `verdict == "x"`}}}})
	if err == nil || !strings.HasPrefix(err.Error(), `rating level 1 ("Bad"): unknown name verdict`) {
		t.Errorf("error = %v, want an unknown name", err)
	}
}

// rangeTopic has one scope whose value is uniform over $100M..$200M.
func rangeTopic(t *testing.T, claims ...*claim.Claim) *claim.Topic {
	return newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{"cost": uniform(100e6, 200e6, "USD", "t/src")},
		Components: map[string]*claim.Component{"c": usd("the cost", "cost")},
		Scopes:     map[string]*claim.Scope{"s": scope("Scope", "", "c")},
	}, nil, claims...)
}

// framingTopic: "run" (a point, $5.576M) is extended by "r1" (a range,
// $5.976M to $7.576M) and by "total"; "other" stands apart.
func framingTopic(t *testing.T, claims ...*claim.Claim) *claim.Topic {
	return newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{
			"hours":      point(2.788e6, "GPU-h", "t/report"),
			"rate":       point(2, "USD/GPU-h", "t/report"),
			"rl_hours":   uniform(0.2e6, 1e6, "GPU-h", "t/analyst"),
			"other_cost": point(100e6, "USD", "t/analyst"),
		},
		Components: map[string]*claim.Component{
			"run":   usd("the final run", "hours * rate"),
			"rl":    usd("reinforcement learning", "rl_hours * rate"),
			"other": usd("another model", "other_cost"),
		},
		Scopes: map[string]*claim.Scope{
			"run":   scope("Final run", "", "run"),
			"r1":    scope("R1 training", "run", "rl"),
			"total": scope("Total", "r1", "other"),
			"other": scope("Another model", "", "other"),
		},
	}, nil, claims...)
}
