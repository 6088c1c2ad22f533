package text

import "testing"

// TestSay sets arguments into catalog strings: named and numbered
// placeholders, braces that name nothing, an unclosed brace, plurals.
func TestSay(t *testing.T) {
	w := For("en", &Catalog{Strings: map[string]string{
		"named":    "{a} and {b}, {a} again",
		"numbered": "{1} per {2}",
		"unknown":  "{a} {nope} {} {a}",
		"unclosed": "{a} then {a",
		"plain":    "no braces",
		"n_one":    "{n} source",
		"n_other":  "{n} sources of {what}",
		"sentence": "{text}.", "sentence_ends": ".?!",
	}})
	tests := []struct{ got, want string }{
		{w.Say("named", "a", "x", "b", "y"), "x and y, x again"},
		{w.Say("numbered", "1", "$2", "2", "GPU-h"), "$2 per GPU-h"},
		{w.Say("unknown", "a", "x"), "x {nope} {} x"},
		{w.Say("unclosed", "a", "x"), "x then {a"},
		{w.Say("plain", "a", "x"), "no braces"},
		{w.Say("named"), "{a} and {b}, {a} again"},
		{w.Count("n", 1), "1 source"},
		{w.Count("n", 3, "what", "record"), "3 sources of record"},
		{w.Sentence("  the figure is right "), "The figure is right."},
		{w.Sentence("Already?"), "Already?"},
		{w.Sentence(""), ""},
		{w.Capitalize("élan"), "Élan"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: got %q, want %q", i, tc.got, tc.want)
		}
	}
	if err := w.Err(); err != nil {
		t.Errorf("Err = %v", err)
	}
	if got := w.Say("missing"); got != "" {
		t.Errorf("missing key = %q", got)
	}
	if err := w.Err(); err == nil || err.Error() != `no interface string "missing" in i18n/*.toml` {
		t.Errorf("Err after a missing key = %v", err)
	}
}
