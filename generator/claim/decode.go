package claim

import (
	"errors"
	"fmt"
	"maps"
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

// decode strictly decodes f into v and reports every problem of the file
// with its position: syntax errors first (toml stops at the first), then,
// all at once, every invalid date, every value of the wrong type and every
// key that v has no field for. It reports whether v may be used.
//
// toml's own typed decoding stops at the first wrong type, so the file is
// decoded into toml's generic values and then assigned to v by [assigner],
// which checks every key against v's type and goes on after a mismatch.
func (f *file) decode(v any) bool {
	ix, ixErr := keypos.Parse(f.data)
	f.ix = ix
	n := len(*f.errs)
	var tree map[string]any
	_, err := toml.Decode(string(f.data), &tree)
	var patched []string
	if pe, ok := errors.AsType[toml.ParseError](err); ok && strings.HasPrefix(pe.Message, "invalid datetime") {
		// Report every invalid date, and decode the rest of the file.
		var data []byte
		data, patched = f.badDates()
		tree = nil
		_, err = toml.Decode(string(data), &tree)
	}
	if err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			f.errs.Add(diag.Pos{File: f.path}, "", "%s", oneLine(err.Error()))
			return false
		}
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
		return false
	}
	if ixErr != nil {
		f.indexError(ixErr)
		return false
	}
	*f.errs = append(*f.errs, input.Strings(f.path, ix, 0)...)
	a := &assigner{f: f, skip: patched}
	a.assign("", tree, reflect.ValueOf(v).Elem())
	if a.unknown {
		f.unknownKeys(reflect.TypeOf(v), a.bad)
	}
	return len(*f.errs) == n
}

// unknownKeys reports every key of the file that t has no field for, once
// (not the keys below an unknown one), except below the paths in bad,
// whose values were reported as being of the wrong type.
func (f *file) unknownKeys(t reflect.Type, bad []string) {
	below := func(path string, p string) bool {
		return path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[")
	}
	var unknownBelow []string
	for _, path := range f.ix.Paths() {
		if slices.ContainsFunc(unknownBelow, func(p string) bool { return below(path, p) }) ||
			slices.ContainsFunc(bad, func(p string) bool { return below(path, p) }) {
			continue
		}
		if known, where := checkPath(t, keypos.Split(path)); !known {
			unknownBelow = append(unknownBelow, path)
			segs := keypos.Split(path)
			f.errs.Add(f.keyPos(path), hintKnown(where, segs[len(segs)-1]), "unknown key %q", path)
		}
	}
}

// badDates reports every date literal of the file that is not a valid date
// (2025-13-01, 2025-02-30), which toml would report as a syntax error and
// stop at. It returns the file with each such date replaced by a valid one
// of the same length, so that decoding goes on and finds the other errors,
// and the paths of the replaced dates.
func (f *file) badDates() ([]byte, []string) {
	data := f.data
	var patched []string
	var starts []int
	for _, p := range f.ix.Paths() {
		e, _ := f.ix.Lookup(p)
		if !dateLike(e.Raw) {
			continue
		}
		var probe map[string]any
		if _, err := toml.Decode("d = "+e.Raw, &probe); err == nil {
			continue
		}
		if starts == nil {
			starts = []int{0}
			for i, b := range f.data {
				if b == '\n' {
					starts = append(starts, i+1)
				}
			}
		}
		if e.ValLine < 1 || e.ValLine > len(starts) {
			continue // toml reports it as a syntax error
		}
		off := starts[e.ValLine-1] + e.ValCol - 1
		if off < 0 || off+len(e.Raw) > len(data) || string(data[off:off+len(e.Raw)]) != e.Raw {
			continue
		}
		f.errs.Add(f.valPos(p), dateHint, "%s: %s is not a valid date", p, strconv.Quote(e.Raw))
		if len(patched) == 0 {
			data = slices.Clone(data)
		}
		copy(data[off:], placeholderDate+strings.Repeat(" ", len(e.Raw)-len(placeholderDate)))
		patched = append(patched, p)
	}
	return data, patched
}

// placeholderDate stands in for an invalid date while the rest of its file
// is checked.
const placeholderDate = "1900-01-01"

// dateLike reports whether a raw TOML value starts like a date, YYYY-MM-DD.
func dateLike(raw string) bool {
	if len(raw) < len(placeholderDate) {
		return false
	}
	for i, c := range []byte(raw[:len(placeholderDate)]) {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// assigner assigns toml's generic values to typed Go values, reporting
// every value of the wrong type at its position and going on.
type assigner struct {
	f       *file
	skip    []string // paths already reported (invalid dates)
	bad     []string // paths whose value had the wrong type
	unknown bool     // a key had no field
}

var dateType = reflect.TypeOf(Date{})

// assign sets rv, a settable value, from data, the toml value at path.
func (a *assigner) assign(path string, data any, rv reflect.Value) {
	if rv.Type() == dateType {
		if slices.Contains(a.skip, path) {
			return
		}
		if err := rv.Addr().Interface().(*Date).UnmarshalTOML(data); err != nil {
			hint := dateHint
			if _, ok := err.(rangeError); ok {
				hint = dateRangeHint
			}
			a.mismatch(path, hint, err.Error())
		}
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		nv := reflect.New(rv.Type().Elem())
		a.assign(path, data, nv.Elem())
		rv.Set(nv)
	case reflect.String:
		if s, ok := data.(string); ok {
			rv.SetString(s)
		} else {
			a.wrongType(path, "a string", data, `quote text: "..."`)
		}
	case reflect.Float64:
		switch x := data.(type) {
		case float64:
			rv.SetFloat(x)
		case int64:
			if x > maxExactInt || x < -maxExactInt {
				a.mismatch(path, "write it with an exponent, e.g. 9.1e15", fmt.Sprintf("integer %d is too large to be stored exactly", x))
				return
			}
			rv.SetFloat(float64(x))
		default:
			a.wrongType(path, "a number", data, numberHint)
		}
	case reflect.Int:
		if x, ok := data.(int64); ok {
			rv.SetInt(x)
		} else {
			a.wrongType(path, "a whole number", data, numberHint)
		}
	case reflect.Bool:
		if x, ok := data.(bool); ok {
			rv.SetBool(x)
		} else {
			a.wrongType(path, "true or false", data, valueHint)
		}
	case reflect.Slice:
		var elems []any
		switch x := data.(type) {
		case []any:
			elems = x
		case []map[string]any:
			for _, m := range x {
				elems = append(elems, m)
			}
		default:
			a.wrongType(path, "an array", data, `write a list in brackets, e.g. ["a", "b"]`)
			return
		}
		rv.Set(reflect.MakeSlice(rv.Type(), len(elems), len(elems)))
		for i, e := range elems {
			a.assign(path+"["+strconv.Itoa(i)+"]", e, rv.Index(i))
		}
	case reflect.Map:
		m, ok := data.(map[string]any)
		if !ok {
			a.wrongType(path, "a table", data, tableHint)
			return
		}
		rv.Set(reflect.MakeMapWithSize(rv.Type(), len(m)))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			ev := reflect.New(rv.Type().Elem()).Elem()
			a.assign(join(path, k), m[k], ev)
			rv.SetMapIndex(reflect.ValueOf(k), ev)
		}
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			a.wrongType(path, "a table", data, tableHint)
			return
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fd, ok := fieldByTag(rv.Type(), k)
			if !ok {
				a.unknown = true
				continue
			}
			a.assign(join(path, k), m[k], rv.FieldByIndex(fd.Index))
		}
	default:
		// Every field of the file types is one of the kinds above.
		a.mismatch(path, "", fmt.Sprintf("internal error: cannot decode into %s", rv.Type()))
	}
}

// maxExactInt is the largest integer a float64 holds exactly, 2⁵³.
const maxExactInt = 1 << 53

// join appends a key to a path.
func join(path, key string) string {
	if path == "" {
		return keypos.Path(key)
	}
	return path + "." + keypos.Path(key)
}

func (a *assigner) wrongType(path, want string, got any, hint string) {
	a.mismatch(path, hint, fmt.Sprintf("expected %s, got %s", want, typeName(got)))
}

// mismatch reports the value at path, which cannot be decoded.
func (a *assigner) mismatch(path, hint, msg string) {
	a.bad = append(a.bad, path)
	f := a.f
	pos := f.valPos(path)
	if !f.has(path) {
		// A table written only through dotted keys below it
		// (figure.value.x = 1): point at the first of them.
		for _, p := range f.ix.Paths() {
			if strings.HasPrefix(p, path+".") || strings.HasPrefix(p, path+"[") {
				pos = f.keyPos(p)
				break
			}
		}
	}
	f.errs.Add(pos, hint, "%s: %s", path, oneLine(msg))
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
	dateHint      = "write dates as YYYY-MM-DD, without quotes or a time of day, e.g. 2025-01-31; a date not known to the day is quoted: \"2025\", \"2025-01\", \"before 2025-01-31\" or \"on or after 2025-01-31\""
	dateRangeHint = "dates run from 1900-01-01 to 2100-12-31: check the year"
	valueHint     = "quote text as \"...\", write numbers without quotes and dates as 2025-01-31"
	numberHint    = "write numbers without quotes, e.g. 5.6e6 or 2_788_000"
	tableHint     = "write it as a [table] of keys, or as { key = value, ... }"
)

// duplicateKey returns the key of toml's "Key 'k' has already been defined." message.
func duplicateKey(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "Key '")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, "' has already been defined.")
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
