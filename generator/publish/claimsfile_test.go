package publish

import (
	"encoding/json"
	"testing"
)

// TestClaimsFileIsIndentedWhole checks that claims.json put together from
// elements indented on their own is what indenting the whole file gives,
// for no claims, one, and several with nested and empty values.
func TestClaimsFileIsIndentedWhole(t *testing.T) {
	type elem struct {
		ID      string         `json:"id"`
		Empty   []string       `json:"empty"`
		Nested  map[string]any `json:"nested,omitempty"`
		Reasons []string       `json:"reasons"`
	}
	for _, tc := range [][]elem{
		{},
		{{ID: "a/b", Empty: []string{}, Reasons: []string{"x <y> & z"}}},
		{{ID: "1"}, {ID: "2", Nested: map[string]any{"k": []any{1.5, map[string]any{}, "v"}}}, {ID: "3", Reasons: []string{}}},
	} {
		want, err := json.MarshalIndent(struct {
			Claims []elem `json:"claims"`
		}{tc}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var elems [][]byte
		for _, e := range tc {
			b, err := marshalIndent(e, "    ", false)
			if err != nil {
				t.Fatal(err)
			}
			elems = append(elems, b)
		}
		got, err := claimsFile(elems)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Errorf("claimsFile of %d claims =\n%s\nwant\n%s", len(tc), got, want)
		}
	}
}

// TestMarshalIndent checks that marshalIndent gives what json.MarshalIndent
// does (by two spaces, HTML escaped), with or without a newline, for
// prefixes that change from call to call, in a slice of its own length,
// and MarshalIndent's error.
func TestMarshalIndent(t *testing.T) {
	values := []any{
		map[string]any{"a": []any{1, "<b>&", map[string]any{}}, "z": nil},
		[]string{},
		"x\u2028y",
		42,
		struct {
			A string `json:"a"`
		}{"\n"},
	}
	for i := range 3 {
		for _, prefix := range []string{"", "    ", "\t"} {
			for _, v := range values {
				want, err := json.MarshalIndent(v, prefix, "  ")
				if err != nil {
					t.Fatal(err)
				}
				newline := i%2 == 0
				if newline {
					want = append(want, '\n')
				}
				got, err := marshalIndent(v, prefix, newline)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("marshalIndent(%v, %q, %v) = %q, want %q", v, prefix, newline, got, want)
				}
				if cap(got) > len(got)+1 {
					t.Errorf("marshalIndent(%v) holds %d bytes for %d", v, cap(got), len(got))
				}
			}
		}
	}
	if _, err := marshalIndent(func() {}, "", true); err == nil {
		t.Error("marshalIndent of a func: no error")
	}
}
