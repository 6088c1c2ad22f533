package costmodel_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
)

// TestStepDeltaRange checks that a step's range is that of the difference,
// read from the same corners: replacing 10r by 12r (r from 1 to 3) adds 2r,
// from 2 to 6, not 12-30 to 36-10.
func TestStepDeltaRange(t *testing.T) {
	for _, tc := range []struct {
		name       string
		maxCorners int
	}{{"corners", 0}, {"monte-carlo", -1}} {
		t.Run(tc.name, func(t *testing.T) {
			top := newTopic(t, &claim.Model{
				Parameters: map[string]*claim.Parameter{"r": uniform(1, 3, "USD", "")},
				Components: map[string]*claim.Component{"x": usd("ten r", "10 * r"), "y": usd("twelve r", "12 * r")},
				Scopes: map[string]*claim.Scope{
					"base": scope("Base", "", "x"),
					"alt":  {Label: "Alt", Extends: "base", Replaces: []string{"x"}, Add: []string{"y"}},
				},
			}, nil, &claim.Claim{Scope: "base", Figure: figure(20, "")})
			res := compute(t, top, costmodel.Options{MaxCorners: tc.maxCorners})
			st := scopeOf(res, "alt").Step
			if st.Kind != "replace" || words.StepLabel(res, st) != "replace ten r with twelve r" || st.Cumulative != 24 {
				t.Errorf("step = %+v", st)
			}
			d := st.Delta
			if d.Central != 4 || d.Method != tc.name || d.Low < 2-1e-9 || d.High > 6+1e-9 || d.High-d.Low < 3 {
				t.Errorf("delta = %+v, want central 4 within [2, 6]", d)
			}
			// On a bridge, the replacement is split in two named steps, each
			// with the range of its own change.
			back := bridgeBetween(t, top, costmodel.Options{MaxCorners: tc.maxCorners}, "alt", "base")
			if got, want := describeBridge(res, back), `alt→base: remove alt "remove twelve r" -24→0; add alt "add ten r" 20→20`; got != want {
				t.Errorf("bridge back:\n got %s\nwant %s", got, want)
			}
			if rm := back.Steps[0].Delta; rm.Low < -36-1e-9 || rm.High > -12+1e-9 || rm.High-rm.Low < 18 || !back.Steps[0].Undo {
				t.Errorf("removal = %+v, want within -36 to -12, undoing alt", back.Steps[0])
			}
		})
	}
}

// treeTopic: a ← a1 ← a2, a ← a3, and b, each scope adding one component
// worth 1, 10, 100, 1000 and 10000.
func treeTopic(t *testing.T) *claim.Topic {
	return newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{"unit": point(1, "USD", "")},
		Components: map[string]*claim.Component{
			"ca": usd("A", "unit"), "ca1": usd("A1", "10 * unit"), "ca2": usd("A2", "100 * unit"),
			"ca3": usd("A3", "1000 * unit"), "cb": usd("B", "10000 * unit"),
		},
		Scopes: map[string]*claim.Scope{
			"a": scope("a", "", "ca"), "a1": scope("a1", "a", "ca1"), "a2": scope("a2", "a1", "ca2"),
			"a3": scope("a3", "a", "ca3"), "b": scope("b", "", "cb"),
		},
	}, nil,
		&claim.Claim{ID: "t/x", Scope: "a2", Figure: figure(120, "")},
		&claim.Claim{ID: "t/y", Scope: "b", Figure: figure(11000, "")},
		&claim.Claim{ID: "t/z", Scope: "a3", Figure: figure(1000, "")},
		&claim.Claim{ID: "t/w", Scope: "a2", Figure: figure(110, "")},
	)
}

func describeBridge(t *costmodel.Topic, b *costmodel.Bridge) string {
	if b == nil {
		return "nil"
	}
	var s []string
	for _, st := range b.Steps {
		s = append(s, fmt.Sprintf("%s %s %q %g→%g", st.Kind, st.Scope, words.StepLabel(t, st), st.Delta.Central, st.Cumulative))
	}
	return fmt.Sprintf("%s→%s: %s", b.From, b.To, strings.Join(s, "; "))
}

// bridgeBetween computes top with its bridge running from one scope to
// another, and returns that bridge.
func bridgeBetween(t *testing.T, top *claim.Topic, o costmodel.Options, from, to string) *costmodel.Bridge {
	t.Helper()
	top.Narrowest, top.Broadest = from, to
	return compute(t, top, o).Bridge
}

func TestBridgeBetween(t *testing.T) {
	res := compute(t, treeTopic(t), costmodel.Options{})
	for _, tc := range []struct{ from, to, want string }{
		{"a", "a2", `a→a2: add a1 "add A1" 10→11; add a2 "add A2" 100→111`},
		{"a2", "a", `a2→a: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1`},
		{"a2", "a3", `a2→a3: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1; add a3 "add A3" 1000→1001`},
		{"a1", "b", `a1→b: remove a1 "remove A1" -10→1; remove a "remove A" -1→0; add b "add B" 10000→10000`},
		{"a", "a", `nil`},
		{"a", "nope", `nil`},
	} {
		if got := describeBridge(res, bridgeBetween(t, treeTopic(t), costmodel.Options{}, tc.from, tc.to)); got != tc.want {
			t.Errorf("bridge %s → %s:\n got %s\nwant %s", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestBridgeNetting checks that no bridge takes a component out and puts
// it back: from a scope that replaces the final run by capex to one that
// only adds to the final run, the run is never removed and re-added.
func TestBridgeNetting(t *testing.T) {
	top := newTopic(t, &claim.Model{
		Parameters: map[string]*claim.Parameter{"unit": point(1, "USD", "")},
		Components: map[string]*claim.Component{
			"run": usd("Run", "unit"), "exp": usd("Experiments", "10 * unit"),
			"capex": usd("Capex", "1000 * unit"), "ff": usd("Supercomputer", "100 * unit"),
		},
		Scopes: map[string]*claim.Scope{
			"run":     scope("Run", "", "run"),
			"dev":     scope("Dev", "run", "exp"),
			"fleet":   {Label: "Fleet", Extends: "dev", Replaces: []string{"run", "exp"}, Add: []string{"capex"}},
			"run-ff":  scope("Run and supercomputer", "run", "ff"),
			"ff-only": scope("Supercomputer", "", "ff"),
		},
	}, nil, &claim.Claim{Scope: "run", Figure: figure(1, "")})
	res := compute(t, top, costmodel.Options{})
	for _, tc := range []struct{ from, to, want string }{
		// Up from fleet: undo its replacement (capex out, run and exp
		// back), undo dev (exp out again): exp cancels.
		{"fleet", "run-ff", `fleet→run-ff: remove fleet "remove Capex" -1000→0; add fleet "add Run" 1→1; add run-ff "add Supercomputer" 100→101`},
		// Down from run: add exp, then replace run and exp by capex.
		{"run", "fleet", `run→fleet: remove fleet "remove Run" -1→0; add fleet "add Capex" 1000→1000`},
		{"fleet", "ff-only", `fleet→ff-only: remove fleet "remove Capex" -1000→0; add ff-only "add Supercomputer" 100→100`},
	} {
		if got := describeBridge(res, bridgeBetween(t, top, costmodel.Options{}, tc.from, tc.to)); got != tc.want {
			t.Errorf("bridge %s → %s:\n got %s\nwant %s", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestClaimBridges(t *testing.T) {
	top := treeTopic(t)
	top.ConfusedWith = [][]string{{"x", "z"}}
	res := compute(t, top, costmodel.Options{})
	var got []string
	for _, c := range res.Claims {
		for _, b := range c.Bridges {
			got = append(got, fmt.Sprintf("%s: %s→%s (%s) residual %g shown %v", c.Claim.ID, b.From, b.To, b.Claim, b.Residual, b.HasResidual))
		}
	}
	// Claims are sorted by ID: w, x, y, z. Each bridges to the narrowest
	// scope (a2) and the broadest (b), and x and z, confused with each
	// other, to each other's scope, measured against each other's figure.
	// A residual is shown when above 5% of the figure it is measured against.
	want := []string{
		"t/w: a2→b (t/y) residual 1001 shown true", // (11000 - 110) - (10000 - 111)
		"t/x: a2→b (t/y) residual 991 shown true",
		"t/x: a2→a3 (t/z) residual -10 shown false", // (1000 - 120) - (1001 - 111), under 5% of 1000
		"t/y: b→a2 (t/w) residual -1001 shown true", // w is the first claim of a2
		"t/z: a3→a2 (t/x) residual 10 shown true",   // x, not w: z is confused with x; 10 > 5% of 120
		"t/z: a3→b (t/y) residual 1001 shown true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claim bridges:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A higher threshold hides the 1001 against 11000 (9%).
	if b := compute(t, treeTopic(t), costmodel.Options{Residual: 0.1}).Claims[0].Bridges[0]; b.HasResidual || b.Residual != 1001 {
		t.Errorf("with a 10%% threshold: residual %g shown %v, want 1001 hidden", b.Residual, b.HasResidual)
	}
	// The topic's bridge runs from the smallest measured scope to the largest.
	if got, want := describeBridge(res, res.Bridge), `a2→b: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1; remove a "remove A" -1→0; add b "add B" 10000→10000`; got != want {
		t.Errorf("topic bridge:\n got %s\nwant %s", got, want)
	}
	top = treeTopic(t)
	top.Narrowest, top.Broadest = "a", "a2"
	if got, want := describeBridge(compute(t, top, costmodel.Options{}), compute(t, top, costmodel.Options{}).Bridge), `a→a2: add a1 "add A1" 10→11; add a2 "add A2" 100→111`; got != want {
		t.Errorf("named topic bridge:\n got %s\nwant %s", got, want)
	}
}

// TestHeadline checks the bridge each claim's chart draws: to the topic
// bridge's end (a2 → b), from its start for the claim that measures the
// end, and always the claim's own bridge to that scope.
func TestHeadline(t *testing.T) {
	res := compute(t, treeTopic(t), costmodel.Options{})
	want := map[string]string{"t/w": "a2→b", "t/x": "a2→b", "t/y": "b→a2", "t/z": "a3→b"}
	for _, c := range res.Claims {
		h := c.Headline
		if h == nil {
			t.Errorf("%s: no headline bridge", c.Claim.ID)
			continue
		}
		if got := h.From + "→" + h.To; got != want[c.Claim.ID] {
			t.Errorf("%s: headline %s, want %s", c.Claim.ID, got, want[c.Claim.ID])
		}
		if !slices.Contains(c.Bridges, h) {
			t.Errorf("%s: headline is not one of the claim's bridges", c.Claim.ID)
		}
	}
}
