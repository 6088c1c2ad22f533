package slug

import "testing"

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"deepseek": true, "v3-report-5-576m": true, "gpt-4": true,
		"": false, "-a": false, "a-": false, "DeepSeek": false, "a_b": false, "a/b": false, "ä": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}
