package costmodel

import (
	"testing"

	"reckon/generator/claim"
)

// TestComputeSiteSettings checks that Compute takes the site's settings
// where the options leave them zero, and keeps the topics' order.
func TestComputeSiteSettings(t *testing.T) {
	a := rangeTopic(t, &claim.Claim{Scope: "s", Figure: figure(500e6, "")})
	b := rangeTopic(t, &claim.Claim{Scope: "s", Figure: figure(150e6, "")})
	a.ID, b.ID = "b-topic", "a-topic"
	set := &claim.Set{
		Site: &claim.Site{Tolerance: 3, Currency: "USD", Rating: claim.RatingScale{Best: 2, Worst: 0, Levels: []claim.RatingLevel{
			{Value: 2, Label: "Fine", When: `figure != "contradicted"`},
			{Value: 0, Label: "Wrong", When: "true"},
		}}},
		Topics: []*claim.Topic{a, b},
	}
	res, err := Compute(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Topics[0].Topic != a || res.Topics[1].Topic != b {
		t.Fatal("topics out of order")
	}
	if got := res.Topics[0].Claims[0]; got.Figure.Verdict != Plausible || got.Rating != (Rating{2, "Fine", 2, 0}) {
		t.Errorf("with the site's tolerance of 3: %s, %+v", got.Figure.Verdict, got.Rating)
	}
	res, err = Compute(set, Options{Tolerance: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Topics[0].Claims[0]; got.Figure.Verdict != Contradicted || got.Rating != (Rating{0, "Wrong", 2, 0}) {
		t.Errorf("with the options' tolerance of 2: %s, %+v", got.Figure.Verdict, got.Rating)
	}
}

// TestComputeErrors checks that errors from every topic are reported
// together, sorted.
func TestComputeErrors(t *testing.T) {
	bad := func(id string) *claim.Topic {
		top := rangeTopic(t, &claim.Claim{ID: id + "/yen", Scope: "s", Figure: claim.Figure{Value: 1e9, Currency: "JPY"}})
		top.ID = id
		return top
	}
	_, err := Compute(&claim.Set{Site: &claim.Site{}, Topics: []*claim.Topic{bad("z"), rangeTopic(t), bad("a")}}, Options{})
	want := "claims/a/yen.toml: figure.currency: no exchange rate between JPY and USD to convert the figure (and 1 more error)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}
