package chart

import (
	"testing"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/synthsite"
	"reckon/generator/text"
)

// BenchmarkRender renders the charts of synthetic sites of 1,000 and 10,000
// claims (100 a topic): four charts a topic and a bridge a claim.
func BenchmarkRender(b *testing.B) {
	for _, size := range []struct {
		name   string
		topics int
	}{
		{"1k", 10},
		{"10k", 100},
	} {
		b.Run(size.name, func(b *testing.B) {
			set, err := claim.Load(synthsite.Files(synthsite.Options{Topics: size.topics, Claims: 100, Words: 10}), "claims")
			if err != nil {
				b.Fatal(err)
			}
			res, err := costmodel.Compute(set, costmodel.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				cs, err := Render(res, text.English())
				if err != nil {
					b.Fatal(err)
				}
				n = len(cs)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "charts/s")
		})
	}
}
