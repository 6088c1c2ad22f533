package keypos

import (
	"slices"
	"testing"
)

const doc = `title = "x"
[figure]
value = 5.6e6 # comment
[[repeated]]
source = "a"
[[repeated]]
source = "b"
quote = 'q'
[parameters."gpu.hours"]
low = 1
tags = [ "p", "q" ]
inline = { a = 1, b = { c = 2 } }
["r.2"]
url = "x"
`

func TestIndex(t *testing.T) {
	ix, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path            string
		line, col       int
		valLine, valCol int
		raw             string
		exact           bool
	}{
		{"title", 1, 1, 1, 9, `"x"`, true},
		{"figure", 2, 2, 2, 2, "", true},
		{"figure.value", 3, 1, 3, 9, "5.6e6", true},
		{"repeated[0].source", 5, 1, 5, 10, `"a"`, true},
		{"repeated[1].source", 7, 1, 7, 10, `"b"`, true},
		{"repeated[1].quote", 8, 1, 8, 9, `'q'`, true},
		{`parameters."gpu.hours".low`, 10, 1, 10, 7, "1", true},
		{`parameters."gpu.hours".tags[1]`, 11, 15, 11, 15, `"q"`, true},
		{`parameters."gpu.hours".inline.b.c`, 12, 25, 12, 29, "2", true},
		{"repeated[1].missing", 6, 3, 6, 3, "", false},
		{`"r.2".url`, 14, 1, 14, 7, `"x"`, true}, // a one-key quoted table header
	}
	for _, tc := range tests {
		e, ok := ix.Lookup(tc.path)
		if ok != tc.exact || e.Line != tc.line || e.Col != tc.col || e.ValLine != tc.valLine || e.ValCol != tc.valCol || e.Raw != tc.raw {
			t.Errorf("Lookup(%s) = %+v, %v; want line %d:%d val %d:%d raw %q exact %v", tc.path, e, ok, tc.line, tc.col, tc.valLine, tc.valCol, tc.raw, tc.exact)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := map[string][]string{
		"a.b":                  {"a", "b"},
		`parameters."x.y".low`: {"parameters", "x.y", "low"},
		"repeated[2].quote":    {"repeated", "[2]", "quote"},
		"tags[0]":              {"tags", "[0]"},
	}
	for in, want := range tests {
		if got := Split(in); !slices.Equal(got, want) {
			t.Errorf("Split(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseErrorAndStrings(t *testing.T) {
	ix, err := Parse([]byte("a = \"x\\u0041\"\nb = ['p', 1]\nc = 'q'\nd ==\n"))
	if e, ok := err.(*Error); !ok || e.Error() != "4:4: unexpected character U+003D '=' at start of value" {
		t.Errorf("error %T %v, want a *Error at 4:4", err, err)
	}
	for _, tc := range []struct {
		path  string
		str   string
		isStr bool
	}{{"a", "xA", true}, {"b[0]", "p", true}, {"b[1]", "", false}, {"b", "", false}, {"c", "q", true}} {
		if ent, _ := ix.Lookup(tc.path); ent.Str != tc.str || ent.IsStr != tc.isStr {
			t.Errorf("%s: Str %q IsStr %v, want %q %v", tc.path, ent.Str, ent.IsStr, tc.str, tc.isStr)
		}
	}
}
