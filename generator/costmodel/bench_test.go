package costmodel

import (
	"reflect"
	"testing"

	"reckon/generator/costmodel/internal/synth"
)

func BenchmarkCompute(b *testing.B) {
	for _, size := range []struct {
		name           string
		topics, claims int
	}{
		{"1k", 10, 100},
		{"10k", 100, 100},
	} {
		b.Run(size.name, func(b *testing.B) {
			set, err := synth.Set(synth.Options{Topics: size.topics, Claims: size.claims})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compute(set, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size.topics*size.claims)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
		})
	}
}

func TestComputeDeterministic(t *testing.T) {
	set, err := synth.Set(synth.Options{Topics: 6, Claims: 40, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Compute(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Compute(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two computations of the same set differ")
	}
	// A topic computed alone gives what it gives among others.
	one, err := ComputeTopic(set.Topics[3], Options{Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, a.Topics[3]) {
		t.Fatal("ComputeTopic differs from Compute")
	}
}
