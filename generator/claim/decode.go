package claim

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"reckon/generator/diag"
	"reckon/generator/input"
	"reckon/generator/keypos"
	"reckon/generator/spell"
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
	ix, ixErr := keypos.Parse(f.data)
	f.ix = ix
	md, err := toml.Decode(string(f.data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg, hint := tomlMessage(pe)
			pos := diag.Pos{File: f.path, Line: pe.Position.Line, Col: pe.Position.Col}
			if key, ok := duplicateKey(pe.Message); ok {
				// toml points past the value; point at the second key.
				msg = fmt.Sprintf("key %q is defined twice", key)
				hint = "a key may appear only once in a table: remove or rename one"
				if p, ok := f.locate(key, pe.Position.Line); ok {
					pos = f.keyPos(p)
				}
			}
			f.errs.Add(f.clamp(pos), hint, "%s", oneLine(msg))
		} else {
			f.typeError(err)
		}
		return false
	}
	if ixErr != nil {
		f.indexError(ixErr)
		return false
	}
	*f.errs = append(*f.errs, input.Strings(f.path, ix, 0)...)
	if len(md.Undecoded()) == 0 {
		// Every key has a field: no need to place unknown keys.
		return true
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

// clamp keeps a position toml gives inside the file: at the end of input it
// may point past the last byte.
func (f *file) clamp(pos diag.Pos) diag.Pos {
	if pos.Line <= 0 {
		return diag.Pos{File: pos.File}
	}
	lines := strings.Split(string(f.data), "\n")
	if pos.Line > len(lines) {
		pos.Line = len(lines)
		pos.Col = len(lines[pos.Line-1]) + 1
	}
	pos.Col = min(max(pos.Col, 1), len(lines[pos.Line-1])+1)
	return pos
}

// oneLine escapes the line breaks toml may quote from the input, so that a
// message stays on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
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
	if rest, ok := strings.CutPrefix(pe.Message, "invalid datetime: "); ok {
		msg = fmt.Sprintf("%s: %s is not a valid date", pe.LastKey, rest)
	}
	switch {
	case strings.Contains(msg, "expected a date") || strings.Contains(msg, "is not a valid date"):
		hint = dateHint
	case strings.Contains(msg, "strings cannot contain newlines"):
		hint = `close the string on the same line, or write text over several lines between """ and """`
	case strings.Contains(msg, "expected value but found"):
		hint = valueHint
	}
	if hint == "" {
		// toml's usage text is long; keep its first sentence.
		if u := pe.Usage; u != "" {
			hint = strings.TrimSpace(strings.SplitN(strings.TrimSpace(u), "\n", 2)[0])
		}
	}
	return msg, hint
}

const (
	dateHint  = "write dates as YYYY-MM-DD, without quotes or a time of day, e.g. 2025-01-31"
	valueHint = "quote text as \"...\", write numbers without quotes and dates as 2025-01-31"
)

// duplicateKey returns the key of toml's "Key 'k' has already been defined." message.
func duplicateKey(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "Key '")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, "' has already been defined.")
}

// typeError reports a type mismatch found by toml's decoder. Unlike syntax
// errors, toml returns these as plain errors of the form
//
//	toml: line 3 (last key "figure.value"): incompatible types: TOML value has type string; destination has type float
//
// so the key and line are read back from the text (BurntSushi/toml's
// MetaData.e and badtype) and the key is then located with the index.
func (f *file) typeError(err error) {
	text := strings.TrimPrefix(err.Error(), "toml: ")
	line := 0
	if rest, ok := strings.CutPrefix(text, "line "); ok {
		n, after, _ := strings.Cut(rest, " ")
		if v, err := strconv.Atoi(n); err == nil {
			line, text = v, after
		}
	}
	key := ""
	if rest, ok := strings.CutPrefix(text, "(last key "); ok {
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			key, _ = strconv.Unquote(q)
			text = strings.TrimPrefix(rest[len(q):], "): ")
		}
	}
	msg, hint := text, ""
	if rest, ok := strings.CutPrefix(text, "incompatible types: TOML value has type "); ok {
		got, want, _ := strings.Cut(rest, "; destination has type ")
		msg = fmt.Sprintf("expected %s, got %s", destName(want), tomlTypeName(got))
		switch destName(want) {
		case "a string":
			hint = `quote text: "..."`
		case "a number", "a whole number":
			hint = "write numbers without quotes, e.g. 5.6e6 or 2_788_000"
		case "an array":
			hint = `write a list in brackets, e.g. ["a", "b"]`
		default:
			hint = valueHint
		}
	} else if _, rest, ok := strings.Cut(text, ": expected table but found "); ok && strings.HasPrefix(text, "type mismatch for ") {
		msg = fmt.Sprintf("expected a table, got %s", tomlTypeName(rest))
		hint = "write it as a [table] of keys, or as { key = value, ... }"
	}
	pos := diag.Pos{File: f.path, Line: line}
	if key != "" {
		msg = key + ": " + msg
		if p, ok := f.locate(key, line); ok {
			pos = f.valPos(p)
		} else if p, ok := f.locate(key+".", line); ok {
			// A key written only through dotted keys below it (figure.value.x = 1).
			pos = f.keyPos(p)
		}
	}
	f.errs.Add(pos, hint, "%s", oneLine(msg))
}

// locate finds the path of the key toml names in an error (a dotted key
// without array indexes), preferring the one on the given line. A key
// ending in "." finds the first key below it.
func (f *file) locate(key string, line int) (string, bool) {
	found, ok := "", false
	for _, p := range f.ix.Paths() {
		var segs []string
		for _, s := range keypos.Split(p) {
			if !strings.HasPrefix(s, "[") {
				segs = append(segs, s)
			}
		}
		if k := keypos.Path(segs...); k != key && !(strings.HasSuffix(key, ".") && strings.HasPrefix(k, key)) {
			continue
		}
		if ent, _ := f.ix.Lookup(p); line == 0 || ent.Line == line || ent.ValLine == line {
			return p, true
		}
		if !ok {
			found, ok = p, true
		}
	}
	return found, ok
}

// destName names a Go destination type as toml's errors spell it.
func destName(t string) string {
	switch t {
	case "string", "primitive (string-like)":
		return "a string"
	case "float":
		return "a number"
	case "integer":
		return "a whole number"
	case "boolean":
		return "true or false"
	case "slice":
		return "an array"
	case "map":
		return "a table"
	}
	return t
}

// tomlTypeName names a TOML value's Go type as toml's errors spell it.
func tomlTypeName(t string) string {
	switch t {
	case "string":
		return "a string"
	case "int64":
		return "an integer"
	case "float64":
		return "a float"
	case "bool":
		return "a boolean"
	case "time.Time":
		return "a date"
	case "[]map[string]any":
		return "an array of tables"
	case "map[string]any":
		return "a table"
	}
	if strings.HasPrefix(t, "[]") {
		return "an array"
	}
	return t
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
		if tag := tagName(f.Tag); tag == key && tag != "-" {
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
		if tag := tagName(t.Field(i).Tag); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	slices.Sort(keys)
	if near := spell.Closest(key, keys); near != "" {
		return fmt.Sprintf("did you mean %q? known keys here: %s", near, strings.Join(keys, ", "))
	}
	return "known keys here: " + strings.Join(keys, ", ")
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

// tagName returns the key a struct field decodes from.
func tagName(tag reflect.StructTag) string {
	name, _, _ := strings.Cut(tag.Get("toml"), ",")
	return name
}
