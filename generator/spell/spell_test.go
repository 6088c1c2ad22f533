package spell

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"héllo", "hello", 1},
		{"report", "report", 0},
		{"reprot", "report", 1}, // a transposition counts one
		{"abuot", "about", 1},
		{"gpu_hourz", "gpu_hours", 1},
		{"kitten", "sitting", 3},
		{"año", "ano", 1}, // runes, not bytes
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		s    string
		cand []string
		want string
	}{
		{"v3-final-rn", []string{"fleet-capex", "v3-final-run"}, "v3-final-run"},
		{"GPU_hours", []string{"gpu_hours"}, "gpu_hours"}, // case does not count
		{"median", []string{"period"}, ""},                // too far for its length
		{"page", []string{"date"}, ""},
		{"ab", []string{"ac", "ad"}, "ac"}, // the first of equals wins
		{"x", nil, ""},
	}
	for _, tc := range tests {
		if got := Closest(tc.s, tc.cand); got != tc.want {
			t.Errorf("Closest(%q, %q) = %q, want %q", tc.s, tc.cand, got, tc.want)
		}
	}
}
