package diag

import (
	"bytes"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, tab\tand\nline feed", "plain text, tab\tand\nline feed"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"cr\r bell\a del\x7f c1\u0085", `cr\x0d bell\x07 del\x7f c1\x85`},
		{"abc\u202edef", `abc\u202edef`},
		{"\u2067iso\u2069 \u200fmark \u061c \ufeff \u2028", `\u2067iso\u2069 \u200fmark \u061c \ufeff \u2028`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"real \ufffd replacement", "real \ufffd replacement"},
		{"العربية and 中文", "العربية and 中文"},
	}
	for _, tc := range tests {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFormatEscapes checks that no byte of the input reaches the terminal
// raw: not in the message, the file name, the excerpt or the hint, and
// that the caret still stands under the column.
func TestFormatEscapes(t *testing.T) {
	src := []byte("ok = 1\n\tx = \"\x1b[2J\u202e\xff\" # y\r\n")
	var l List
	l.Add(Pos{File: "claims/\x1b]0;title\a.toml", Line: 2, Col: 15}, "hint \x1b[5m", "message \x1b[31m%s", "red\u2066")
	var b bytes.Buffer
	Format(&b, l.Err(), func(string) ([]byte, bool) { return src, true })
	want := `claims/\x1b]0;title\x07.toml:2:15: message \x1b[31mred\u2066
      1 | ok = 1
      2 | 	x = "\x1b[2J\u202e\xff" # y
        | 	                      ^
  hint: hint \x1b[5m
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAnnotationsEscape(t *testing.T) {
	var l List
	l.Add(Pos{File: "a\u202e.toml", Line: 1, Col: 2}, "h\x1b", "m\x1b[2J")
	var b bytes.Buffer
	Annotations(&b, l.Err())
	if got, want := b.String(), "::error file=a\\u202e.toml,line=1,col=2::m\\x1b[2J%0Ahint: h\\x1b\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
