package text

import (
	"math"
	"testing"

	"reckon/generator/costmodel"
)

func TestArithmetic(t *testing.T) {
	w := English()
	q := func(v float64, u string) costmodel.Token {
		return costmodel.Token{Kind: costmodel.TokenQuantity, Value: v, Unit: u}
	}
	op := func(s string) costmodel.Token { return costmodel.Token{Kind: costmodel.TokenOperator, Text: s} }
	for _, tc := range []struct {
		tokens []costmodel.Token
		result float64
		unit   string
		want   string
	}{
		{[]costmodel.Token{q(2788000, "GPU-h"), op("*"), q(2, "USD/GPU-h")}, 5576000, "USD", "2,788,000 GPU-h × $2 per GPU-h = $5.576M"},
		{[]costmodel.Token{q(1e9, "CNY"), op("/"), q(6.45, "CNY/USD")}, 155e6, "USD", "CNY 1B ÷ CNY 6.45 per USD = $155M"},
		{[]costmodel.Token{{Kind: costmodel.TokenNumber, Value: 3}, op("*"), {Kind: costmodel.TokenOpen, Text: "("}, q(1, "1"), op("-"), q(0.5, "1"),
			{Kind: costmodel.TokenClose, Text: ")"}}, 1.5, "1", "3 × (1 − 0.5) = 1.5"},
	} {
		if got := w.Arithmetic(tc.tokens, tc.result, tc.unit); got != tc.want {
			t.Errorf("Arithmetic = %q, want %q", got, tc.want)
		}
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestThreshold(t *testing.T) {
	w := English()
	inf := math.Inf(1)
	for _, tc := range []struct {
		th   costmodel.Threshold
		want string
	}{
		{costmodel.Threshold{Label: "H800 rental price", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: -inf, High: 2.15208, Below: costmodel.None, Above: costmodel.Plausible, Kind: costmodel.ThresholdAtMost},
			"the figure holds while the H800 rental price stays at or below $2.15 per GPU-h (the model uses $2 per GPU-h); above that, it would be plausible"},
		// Bounds that three digits cannot tell apart from the central value
		// coincide with it: no "$1.9999 to $2.0001".
		{costmodel.Threshold{Label: "Rate", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: 1.99982, High: 2.000179, Below: costmodel.Plausible, Above: costmodel.Plausible, Kind: costmodel.ThresholdBetween},
			"the figure holds only while the rate is exactly $2 per GPU-h, the value the model uses; at any other value, it would be plausible"},
		{costmodel.Threshold{Label: "Rate", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: 1.99982, High: 2.000179, Below: costmodel.Contradicted, Above: costmodel.Plausible, Kind: costmodel.ThresholdBetween},
			"the figure holds only while the rate is exactly $2 per GPU-h, the value the model uses; below it, it would be contradicted, and above it plausible"},
		{costmodel.Threshold{Label: "Rate", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: -inf, High: 2.0004, Below: costmodel.None, Above: costmodel.Plausible, Kind: costmodel.ThresholdAtMost},
			"the figure holds while the rate stays at or below $2 per GPU-h, the value the model uses; above that, it would be plausible"},
		// One bound apart, the other at the central value.
		{costmodel.Threshold{Label: "Rate", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: 1.9996, High: 2.6, Below: costmodel.Plausible, Above: costmodel.Plausible, Kind: costmodel.ThresholdBetween},
			"the figure holds only while the rate stays between $2 per GPU-h itself and $2.6 per GPU-h (the model uses $2 per GPU-h); outside that, it would be plausible"},
		// Three digits tell $2.01 from $2.
		{costmodel.Threshold{Label: "Rate", Unit: "USD/GPU-h", Central: 2, Verdict: costmodel.Consistent,
			Low: -inf, High: 2.0109, Below: costmodel.None, Above: costmodel.Plausible, Kind: costmodel.ThresholdAtMost},
			"the figure holds while the rate stays at or below $2.01 per GPU-h (the model uses $2 per GPU-h); above that, it would be plausible"},
		{costmodel.Threshold{Label: "Server capex", Unit: "USD", Central: 1.45e9, Verdict: costmodel.Contradicted,
			Low: 5.0149e8, High: inf, Below: costmodel.Plausible, Above: costmodel.None, Kind: costmodel.ThresholdAtLeast},
			"the figure stays contradicted while the server capex stays at or above $502M (the model uses $1.45B); below that, it would be plausible"},
	} {
		if got := w.Threshold(&tc.th); got != tc.want {
			t.Errorf("Threshold =\n%q, want\n%q", got, tc.want)
		}
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
}
