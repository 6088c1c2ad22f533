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
			b, err := json.MarshalIndent(e, "    ", "  ")
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
