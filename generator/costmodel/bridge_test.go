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
			back := costmodel.BridgeBetween(res, "alt", "base")
			if len(back.Steps) != 1 {
				t.Fatalf("bridge back has %d steps", len(back.Steps))
			}
			b := back.Steps[0]
			if b.Kind != "replace" || words.StepLabel(res, b) != "replace twelve r with ten r" || b.Added[0] != "x" || b.Removed[0] != "y" || b.Cumulative != 20 ||
				b.Delta.Central != -4 || b.Delta.Low != -d.High || b.Delta.High != -d.Low {
				t.Errorf("step back = %+v", b)
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

func TestBridgeBetween(t *testing.T) {
	res := compute(t, treeTopic(t), costmodel.Options{})
	for _, tc := range []struct{ from, to, want string }{
		{"a", "a2", `a→a2: add a1 "add A1" 10→11; add a2 "add A2" 100→111`},
		{"a2", "a", `a2→a: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1`},
		{"a2", "a3", `a2→a3: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1; add a3 "add A3" 1000→1001`},
		{"a1", "b", `a1→b: remove a1 "remove A1" -10→1; remove a "remove A" -1→0; add b "add B" 10000→10000`},
		{"a", "a", `a→a: `},
		{"a", "nope", `nil`},
	} {
		if got := describeBridge(res, costmodel.BridgeBetween(res, tc.from, tc.to)); got != tc.want {
			t.Errorf("BridgeBetween(%s, %s):\n got %s\nwant %s", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestClaimBridges(t *testing.T) {
	res := compute(t, treeTopic(t), costmodel.Options{})
	var got []string
	for _, c := range res.Claims {
		for _, b := range c.Bridges {
			got = append(got, fmt.Sprintf("%s: %s→%s (%s) residual %g", c.Claim.ID, b.From, b.To, b.Claim, b.Residual))
		}
	}
	// Claims are sorted by ID: w, x, y, z; w and x share scope a2, so the
	// bridges to a2 go to w, the first of them.
	want := []string{
		"t/w: a2→b (t/y) residual 1001", // (11000 - 110) - (10000 - 111)
		"t/w: a2→a3 (t/z) residual 0",   // (1000 - 110) - (1001 - 111)
		"t/x: a2→b (t/y) residual 991",
		"t/x: a2→a3 (t/z) residual -10",
		"t/y: b→a2 (t/w) residual -1001",
		"t/y: b→a3 (t/z) residual -1001", // (1000 - 11000) - (1001 - 10000)
		"t/z: a3→a2 (t/w) residual 0",
		"t/z: a3→b (t/y) residual 1001",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claim bridges:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The topic's bridge runs from the smallest measured scope to the largest.
	if got, want := describeBridge(res, res.Bridge), `a2→b: remove a2 "remove A2" -100→11; remove a1 "remove A1" -10→1; remove a "remove A" -1→0; add b "add B" 10000→10000`; got != want {
		t.Errorf("topic bridge:\n got %s\nwant %s", got, want)
	}
	top := treeTopic(t)
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
