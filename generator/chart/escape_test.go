package chart

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// escapeCases are strings with every kind of byte the fast paths of
// appendJSONString and unsafeInScript must hand to the slow ones.
var escapeCases = []string{
	"", "plain", "Final run ($5.6M)", `a "quoted" word`, `back\slash`, "<b>", "a > b", "R&D",
	"tab\there", "new\nline", "\x00\x1f\x7f", "DeepSeek V3 – 5.6 M$", "x\u2028y", "x\u2029y", "x\u2027y",
	"\xe2\x80", "\xe2", "\xff\xfe", "\xf0\xe2\x80\xa8", "ok\u202e", "日本語",
	"\b\f\r\x01\x1b", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\u2028\u2029\u2028", "a\xe2\x80\xa8", "\ufffd", "end\\",
}

func TestAppendJSONStringIsJSONMarshal(t *testing.T) {
	for _, s := range escapeCases {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendJSONString(%q) = %s, want x%s", s, got, want)
		}
	}
}

func TestUnsafeInScriptIsContainsAny(t *testing.T) {
	for _, s := range escapeCases {
		want := bytes.ContainsAny([]byte(s), "<>&\u2028\u2029")
		if got := unsafeInScript([]byte(s)); got != want {
			t.Errorf("unsafeInScript(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestCSVChecksAsStrings compares csvQuoted and defuse with the strings
// functions they stand for.
func TestCSVChecksAsStrings(t *testing.T) {
	cases := append([]string{"=1", "+1", "-1", "@a", "\ta", "\ra", "'a", "a,b", "a\"b", "a\rb", "a\nb", "\xe2\x80\xa8", "\u00e2"}, escapeCases...)
	for _, s := range cases {
		if got, want := csvQuoted(s), strings.ContainsAny(s, ",\"\r\n"); got != want {
			t.Errorf("csvQuoted(%q) = %v, want %v", s, got, want)
		}
		want := s
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			want = "'" + s
		}
		if got := defuse(s); got != want {
			t.Errorf("defuse(%q) = %q, want %q", s, got, want)
		}
	}
}
