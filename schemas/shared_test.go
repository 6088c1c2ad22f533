package schemas_test

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reckon/schemas"
)

// readSchemas returns every embedded schema, decoded, by file name.
func readSchemas(t *testing.T) map[string]map[string]any {
	t.Helper()
	names, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no schemas embedded: %v", err)
	}
	out := map[string]map[string]any{}
	for _, name := range names {
		data, _ := fs.ReadFile(schemas.FS, name)
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = doc
	}
	return out
}

// TestSharedDefinitions: a definition that several schemas hold (text,
// date, unit, parameter...) is the same in each, so that a rule changed in
// one file is changed in all.
func TestSharedDefinitions(t *testing.T) {
	first := map[string]string{} // definition name -> the schema that holds it first
	defs := map[string]any{}
	docs := readSchemas(t)
	for _, name := range sortedKeys(docs) {
		d, _ := docs[name]["definitions"].(map[string]any)
		for _, k := range sortedKeys(d) {
			if prev, ok := defs[k]; !ok {
				defs[k], first[k] = d[k], name
			} else if !reflect.DeepEqual(prev, d[k]) {
				t.Errorf("%s: definition %q differs from the one in %s", name, k, first[k])
			}
		}
	}
	for _, k := range []string{"text", "required_text", "date"} {
		if defs[k] == nil {
			t.Errorf("no schema defines %q", k)
		}
	}
}

// openPattern finds what lets a pattern match characters it does not name:
// a negated class, a dot, or a negated escape.
var openPattern = regexp.MustCompile(`\[\^|(^|[^\\])\.|\\[SWDP]`)

// closedPattern reports whether p allows only the characters it names:
// anchored at both ends and not open, so that no control or bidirectional
// character gets through.
func closedPattern(p string) bool {
	return strings.HasPrefix(p, "^") && strings.HasSuffix(p, "$") && !openPattern.MatchString(p)
}

// TestEveryStringIsText: every string a schema accepts is checked as text
// (by a reference to the text definition) or can hold only the characters
// an enum, a date format or a closed pattern allows, since the decoder
// checks every string for control and bidirectional characters.
func TestEveryStringIsText(t *testing.T) {
	docs := readSchemas(t)
	checked := 0
	for _, name := range sortedKeys(docs) {
		var walk func(n any, at string)
		walk = func(n any, at string) {
			switch n := n.(type) {
			case map[string]any:
				if n["type"] == "string" && at != "/definitions/text" {
					checked++
					if !textChecked(n) {
						t.Errorf("%s: %s: a string that is not checked as text (add {\"$ref\": \"#/definitions/text\"} to its allOf)", name, at)
					}
				}
				for _, k := range sortedKeys(n) {
					walk(n[k], at+"/"+k)
				}
			case []any:
				for _, e := range n {
					walk(e, at+"/[]")
				}
			}
		}
		walk(docs[name], "")
	}
	if checked < 20 {
		t.Errorf("%d string schemas found, want at least 20", checked)
	}
}

func textChecked(n map[string]any) bool {
	if _, ok := n["enum"]; ok {
		return true
	}
	if n["format"] == "date" {
		return true
	}
	if p, ok := n["pattern"].(string); ok && closedPattern(p) {
		return true
	}
	all, _ := n["allOf"].([]any)
	for _, s := range all {
		if m, ok := s.(map[string]any); ok && m["$ref"] == "#/definitions/text" {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
