package text

import (
	"math"
	"strconv"
	"testing"

	"reckon/generator/claim"
)

func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		cur  string
		want string
	}{
		{5576000, "USD", "$5.576M"},
		{5.6e6, "USD", "$5.6M"},
		{144.6e6, "USD", "$144.6M"},
		{1e9 / 6.45, "USD", "$155M"},
		{1e9 / 7.2957, "USD", "$137.1M"},
		{1.3e9, "USD", "$1.3B"},
		{1e9, "CNY", "CNY 1B"},
		{294672, "USD", "$294,672"},
		{1234.5, "USD", "$1,235"},
		{999999.6, "USD", "$1M"},
		{999.96e6, "USD", "$1B"},
		{2.5e13, "USD", "$25T"},
		{1.5e15, "USD", "$1,500T"},
		{2, "USD", "$2"},
		{0.055, "USD", "$0.055"},
		{123.456, "EUR", "EUR 123.5"},
		{0, "USD", "$0"},
		{-5e6, "USD", "-$5M"},
		{math.Inf(1), "USD", "$∞"},
	} {
		if got := English().Money(tc.v, tc.cur); got != tc.want {
			t.Errorf("FormatMoney(%v, %q) = %q, want %q", tc.v, tc.cur, got, tc.want)
		}
	}
}

func TestImpliedRounding(t *testing.T) {
	for _, tc := range []struct{ v, want float64 }{
		{5.6e6, 1e5},
		{5576000, 1000},
		{1e9, 1e9},
		{139e6, 1e6},
		{294672, 1},
		{2.5, 0.1},
		{0.055, 0.001},
	} {
		if got := claim.ImpliedRounding(strconv.FormatFloat(tc.v, 'g', -1, 64)); got != tc.want {
			t.Errorf("claim.ImpliedRounding(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestFormatFactor(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{3.113, "3.1"},
		{1.04, "1.0"},
		{9.96, "10"},
		{12.4, "12"},
		{1234.5, "1,235"},
	} {
		if got := factor(tc.v); got != tc.want {
			t.Errorf("FormatFactor(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestRoundForProse(t *testing.T) {
	w := English()
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{2.394e9, "$2.4B"},
		{1.562e9, "$1.56B"},
		{-1.292e9, "-$1.29B"},
		{155e6, "$155M"},
		{5.576e6, "$5.6M"},
		{294672, "$290,000"},
		{0, "$0"},
	} {
		if got := w.Round(tc.v, "USD"); got != tc.want {
			t.Errorf("Round(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	if got := w.SignedRound(-1.4497e9, "USD"); got != "−$1.45B" {
		t.Errorf("SignedRound = %q", got)
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{429.3, "about 430"}, {7.26, "7.3"}, {12, "12"}, {5442, "about 5,400"}, {150.2, "150"}, {1234, "about 1,230"},
	} {
		if got := w.About(tc.v); got != tc.want {
			t.Errorf("About(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{429.3, "about 430 times"}, {9.04, "9.0 times"}, {1.1, "1.1 times"}, {1.04, "4% above"}, {1.006, "1% above"}, {1.004, "about the same as"}, {1, "about the same as"},
	} {
		if got := w.BridgeTimes(tc.v); got != tc.want {
			t.Errorf("BridgeTimes(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestDates writes each precision of a date alone and after a verb, from
// the English catalog, and reads each string form back from TOML's value.
func TestDates(t *testing.T) {
	w := English()
	for _, tc := range []struct{ toml, iso, date, when string }{
		{"", "", "", ""},
		{"2024-12-27", "2024-12-27", "27 December 2024", "on 27 December 2024"},
		{"2023-04", "2023-04", "April 2023", "in April 2023"},
		{"2025", "2025", "2025", "in 2025"},
		{"before 2024-12-27", "", "before 27 December 2024", "before 27 December 2024"},
		{"on or after 2025-01-31", "", "on or after 31 January 2025", "on or after 31 January 2025"},
	} {
		var d claim.Date
		if tc.toml != "" {
			var err error
			if tc.iso == tc.toml && len(tc.toml) == 10 {
				d, err = claim.ParseDate(tc.toml)
			} else {
				err = d.UnmarshalTOML(tc.toml)
			}
			if err != nil {
				t.Fatalf("%q: %v", tc.toml, err)
			}
		}
		if got := d.String(); got != tc.toml {
			t.Errorf("%q: String() = %q", tc.toml, got)
		}
		if got := d.ISO(); got != tc.iso {
			t.Errorf("%q: ISO() = %q, want %q", tc.toml, got, tc.iso)
		}
		if got := w.Date(d); got != tc.date {
			t.Errorf("%q: Date = %q, want %q", tc.toml, got, tc.date)
		}
		if got := w.When(d); got != tc.when {
			t.Errorf("%q: When = %q, want %q", tc.toml, got, tc.when)
		}
	}
}
