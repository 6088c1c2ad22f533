package site_test

import (
	"fmt"
	"testing"

	"reckon/generator/site"
	"reckon/templates"
)

// synthetic returns the fixture's site with topics × claims claims: every
// topic a copy of the fixture's, every claim a copy of its two.
func synthetic(topics, claims int) site.Input {
	in, _ := fixture(plainStrings(), "", fixtureMethodology)
	base := in.Results.Topics[0]
	in.Claims.Topics = nil
	in.Results.Topics = nil
	for i := range topics {
		tp := *base.Topic
		tp.ID = fmt.Sprintf("topic-%03d", i)
		tp.Claims = nil
		rt := *base
		rt.Topic = &tp
		rt.Claims = nil
		for j := range claims {
			src := base.Claims[j%len(base.Claims)]
			cl := *src.Claim
			cl.ID = fmt.Sprintf("%s/claim-%03d", tp.ID, j)
			cl.Topic = tp.ID
			rc := *src
			rc.Claim = &cl
			tp.Claims = append(tp.Claims, &cl)
			rt.Claims = append(rt.Claims, &rc)
		}
		in.Claims.Topics = append(in.Claims.Topics, &tp)
		in.Results.Topics = append(in.Results.Topics, &rt)
	}
	return in
}

func BenchmarkRender(b *testing.B) {
	for _, n := range []struct{ topics, claims int }{{10, 100}, {100, 100}} {
		in := synthetic(n.topics, n.claims)
		b.Run(fmt.Sprintf("claims=%d", n.topics*n.claims), func(b *testing.B) {
			for b.Loop() {
				files, err := renderSite(in, templates.FS)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(files)), "files")
			}
		})
	}
}
