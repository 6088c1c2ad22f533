package text

import (
	"testing"

	"reckon/templates"
)

// BenchmarkMoney writes amounts of every size as a chart's tips and tables
// do, in English and in Arabic with its digits.
func BenchmarkMoney(b *testing.B) {
	vs := []float64{5576000, 294672, 1.444424e9, 0.055, 2.394e9, 108695652, 4.2e6, 155038759.68992248, 1e13, 950}
	cat, err := Load(templates.FS, "ar")
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []struct {
		name  string
		words *Words
	}{{"en", English()}, {"ar", For("ar", cat).With(Numbers{Digits: "arab"})}} {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, v := range vs {
					_ = w.words.Money(v, "USD")
					_ = w.words.Signed(-v, "USD")
					_ = w.words.Round(v, "USD")
				}
			}
		})
	}
}
