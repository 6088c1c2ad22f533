package chart

import (
	"encoding/json"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/internal/synthsite"
	"reckon/generator/text"
	"reckon/templates"
)

// benchResults computes the results of a synthetic site of topics topics
// of 100 claims.
func benchResults(b *testing.B, topics int) *costmodel.Results {
	b.Helper()
	set, err := claim.Load(synthsite.Files(synthsite.Options{Topics: topics, Claims: 100, Words: 10}), "claims")
	if err != nil {
		b.Fatal(err)
	}
	res, err := costmodel.Compute(set, costmodel.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// reportCPU starts counting the CPU time of a benchmark, and returns the
// function that reports it, per operation, as cpu-ns/op: with the
// collector's work on other threads, and without other processes' time.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

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
			res := benchResults(b, size.topics)
			b.ReportAllocs()
			n := 0
			defer reportCPU(b)()
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

// BenchmarkDrawClaim draws the bridge of each of the 1,000 claims of a
// synthetic site one at a time, as a build does, on one goroutine, and
// makes its data's CSV and JSON: the work per claim of a build's charts.
func BenchmarkDrawClaim(b *testing.B) {
	res := benchResults(b, 10)
	for _, w := range []struct {
		name  string
		words func() *text.Words
	}{
		{"en", text.English},
		{"ar", func() *text.Words {
			cat, err := text.Load(templates.FS, "ar")
			if err != nil {
				b.Fatal(err)
			}
			return text.For("ar", cat).With(text.Numbers{Digits: "arab"})
		}},
	} {
		b.Run(w.name, func(b *testing.B) {
			d := NewDrawer(res, w.words())
			var ids []string
			for _, t := range res.Topics {
				for _, c := range t.Claims {
					ids = append(ids, c.Claim.ID)
				}
			}
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				for _, id := range ids {
					c, err := d.Claim(id)
					if err != nil {
						b.Fatal(err)
					}
					if c != nil {
						_, _ = c.Data.CSV(), c.Data.JSON()
					}
				}
			}
		})
	}
}

// BenchmarkData writes the CSV and the JSON of the data of every chart of
// a synthetic site of 1,000 claims.
func BenchmarkData(b *testing.B) {
	cs, err := Render(benchResults(b, 10), text.English())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		for _, c := range cs {
			_, _ = c.Data.CSV(), c.Data.JSON()
		}
	}
}

// BenchmarkOption writes the options of the bridges of 1,000 claims as
// JSON, with the encoder and with json.Marshal.
func BenchmarkOption(b *testing.B) {
	res := benchResults(b, 10)
	w := text.English()
	var ms []map[string]any
	for _, t := range res.Topics {
		mk := &maker{proto: charts.NewBar(), w: w}
		nums := w.Script(t.Currency)
		for _, c := range t.Claims {
			if s := mk.claimBridge(t, c); s != nil {
				s.b.v.numbers = &nums
				ms = append(ms, s.b.option())
			}
		}
	}
	for _, enc := range []struct {
		name string
		f    func(m map[string]any) ([]byte, error)
	}{
		{"encoder", func(m map[string]any) ([]byte, error) { return appendOption(make([]byte, 0, 4096), m) }},
		{"json.Marshal", func(m map[string]any) ([]byte, error) { return json.Marshal(m) }},
	} {
		b.Run(enc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				for _, m := range ms {
					if _, err := enc.f(m); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
