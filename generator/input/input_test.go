package input

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDepth(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	tests := []struct {
		name, data string
		want       string // "" for no error
	}{
		{"at the limit", "x = " + deep(100) + "\n", ""},
		{"one past", "x = " + deep(101) + "\n", "f.toml:1:105: arrays and tables nest more than 100 deep"},
		{"table headers do not add up", "[a]\n[[b]]\n[[b]]\nx = " + deep(98) + "\n", ""},
		{"basic string", `x = "[[[[[[\"[[[" ` + "\n" + "y = " + deep(101), "f.toml:2:105: arrays and tables nest more than 100 deep"},
		{"literal string ends at its quote, backslash and all", `x = '[[\' y = ` + deep(101), "f.toml:1:115: arrays and tables nest more than 100 deep"},
		{"comment", "# " + deep(200) + "\ny = 1", ""},
		{"multi-line basic string with quotes at its end", "x = \"\"\"\n" + deep(200) + "\n\\\"\"\"\"\"\"\ny = " + deep(101), "f.toml:4:105: arrays and tables nest more than 100 deep"},
		{"multi-line literal string", "x = '''" + deep(200) + "''''' y = " + deep(101), "f.toml:1:518: arrays and tables nest more than 100 deep"},
		{"unclosed string ends at its line", "x = \"[[[\ny = " + deep(101), "f.toml:2:105: arrays and tables nest more than 100 deep"},
		{"inline tables", "x = " + strings.Repeat("{a=", 101), "f.toml:1:305: arrays and tables nest more than 100 deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if e := Depth("f.toml", []byte(tc.data), MaxDepth); e != nil {
				got = e.Error()
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestTextLimits checks that a binary file gives one error a line and ten
// in all, and that a byte-order mark is stripped only at the start.
func TestTextLimits(t *testing.T) {
	data, errs := Text("f", []byte(strings.Repeat("\x00\x01\xff\n", 50)))
	if len(errs) != 10 || errs[9].Error() != "f:10:1: control character U+0000" {
		t.Errorf("got %d errors, the last %v", len(errs), errs[len(errs)-1])
	}
	if len(data) != 200 {
		t.Errorf("data changed: %d bytes", len(data))
	}
	data, errs = Text("f", []byte("\ufeffa\ufeffb"))
	if len(errs) != 0 || string(data) != "a\ufeffb" {
		t.Errorf("got %q, %v", data, errs)
	}
}

func TestReadNotRegular(t *testing.T) {
	r := &Reader{FS: fstest.MapFS{"p": {Mode: fs.ModeNamedPipe | 0o644}}}
	if _, err := r.Read("p", 10); err == nil || err.Error() != "p: not a regular file" {
		t.Errorf("got %v", err)
	}
}
