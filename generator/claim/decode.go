package claim

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"reckon/generator/diag"
	"reckon/generator/keypos"
)

// file is one decoded input file with the index of its keys.
type file struct {
	path string
	data []byte
	ix   *keypos.Index
	errs *diag.List
}

// decode strictly decodes f into v: syntax and type errors, then every key
// that v has no field for, are reported with their positions. It reports
// whether v may be used (a syntax or type error leaves it half filled).
func (f *file) decode(v any) bool {
	ix, _ := keypos.Parse(f.data)
	f.ix = ix
	if _, err := toml.Decode(string(f.data), v); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg, hint := tomlMessage(pe)
			f.errs.Add(diag.Pos{File: f.path, Line: pe.Position.Line, Col: pe.Position.Col}, hint, "%s", msg)
		} else {
			f.errs.Add(diag.Pos{File: f.path}, "", "%s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		return false
	}
	ok := true
	var unknownBelow []string
	for _, path := range ix.Paths() {
		if slices.ContainsFunc(unknownBelow, func(p string) bool { return strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[") }) {
			continue
		}
		if known, where := checkPath(reflect.TypeOf(v), keypos.Split(path)); !known {
			unknownBelow = append(unknownBelow, path)
			segs := keypos.Split(path)
			f.errs.Add(f.keyPos(path), hintKnown(where, segs[len(segs)-1]), "unknown key %q", path)
			ok = false
		}
	}
	return ok
}

// tomlMessage turns a toml error into our message and hint.
func tomlMessage(pe toml.ParseError) (msg, hint string) {
	msg = pe.Message
	if pe.LastKey != "" && strings.Contains(msg, "incompatible types") {
		msg = fmt.Sprintf("%s: %s", pe.LastKey, strings.TrimPrefix(msg, "incompatible types: "))
		hint = "quote text as \"...\", write numbers without quotes and dates as 2025-01-31"
	}
	if pe.LastKey != "" && !strings.HasPrefix(msg, pe.LastKey) && !strings.Contains(msg, "incompatible") {
		msg = pe.LastKey + ": " + msg
	}
	if hint == "" {
		// toml's usage text is long; keep its first sentence.
		if u := pe.Usage; u != "" {
			hint = strings.TrimSpace(strings.SplitN(strings.TrimSpace(u), "\n", 2)[0])
		}
	}
	return msg, hint
}

// checkPath reports whether the key path segs names a field of t. When it
// does not, it returns the struct type in which the unknown key stands.
func checkPath(t reflect.Type, segs []string) (bool, reflect.Type) {
	for _, s := range segs {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if strings.HasPrefix(s, "[") {
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return false, t
			}
			t = t.Elem()
			continue
		}
		switch {
		case t == reflect.TypeOf(Date{}):
			return false, t
		case t.Kind() == reflect.Map:
			t = t.Elem()
		case t.Kind() == reflect.Struct:
			f, ok := fieldByTag(t, s)
			if !ok {
				return false, t
			}
			t = f.Type
		case t.Kind() == reflect.Slice:
			// Inline arrays index their elements; a key under a slice of
			// scalars is not allowed.
			return false, t
		default:
			return false, t
		}
	}
	return true, nil
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag := strings.Split(f.Tag.Get("toml"), ",")[0]; tag == key && tag != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// hintKnown lists the keys allowed where an unknown key stands, and the
// closest one first when it looks like a misspelling.
func hintKnown(t reflect.Type, key string) string {
	if t == nil || t.Kind() != reflect.Struct || t == reflect.TypeOf(Date{}) {
		return ""
	}
	var keys []string
	for i := range t.NumField() {
		if tag := strings.Split(t.Field(i).Tag.Get("toml"), ",")[0]; tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	slices.Sort(keys)
	if near := Closest(key, keys); near != "" {
		return fmt.Sprintf("did you mean %q? known keys here: %s", near, strings.Join(keys, ", "))
	}
	return "known keys here: " + strings.Join(keys, ", ")
}

// Closest returns the candidate nearest to s by edit distance when it is
// close enough to be a likely misspelling, or "".
func Closest(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// keyPos is where the key at path stands; for a key that is not written
// (a missing required key) it is the enclosing table, with Key set.
func (f *file) keyPos(path string) diag.Pos {
	e, exact := f.ix.Lookup(path)
	if !exact {
		if e.Line == 0 {
			return diag.Pos{File: f.path, Key: path}
		}
		return diag.Pos{File: f.path, Line: e.Line, Col: e.Col, Key: path}
	}
	return diag.Pos{File: f.path, Line: e.Line, Col: e.Col}
}

// valPos is where the value at path stands (or, when missing, as keyPos).
func (f *file) valPos(path string) diag.Pos {
	e, exact := f.ix.Lookup(path)
	if !exact {
		return f.keyPos(path)
	}
	return diag.Pos{File: f.path, Line: e.ValLine, Col: e.ValCol}
}

// has reports whether path is written in the file.
func (f *file) has(path string) bool {
	_, ok := f.ix.Lookup(path)
	return ok
}

// raw returns the value at path as written.
func (f *file) raw(path string) string {
	e, ok := f.ix.Lookup(path)
	if !ok {
		return ""
	}
	return e.Raw
}

// errorf records an error at the value of path.
func (f *file) errorf(path, hint, format string, args ...any) {
	f.errs.Add(f.valPos(path), hint, format, args...)
}

// missing records a missing required key.
func (f *file) missing(path, hint string) {
	pos := diag.Pos{File: f.path}
	if e, _ := f.ix.Lookup(path); e.Line > 0 {
		pos.Line, pos.Col = e.Line, e.Col
	}
	f.errs.Add(pos, hint, "missing required key %q", path)
}
