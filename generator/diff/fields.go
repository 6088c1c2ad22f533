package diff

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/keypos"
)

// Field is one decoded value that differs between the two versions. Path
// is its key path as written in the file ("figure.value", "parts[1].label",
// "parameters.h800_rental_rate.value"). Old and New are the values: a
// string, a number, a bool, a date as "YYYY-MM-DD", or a list of those; nil
// when the key is absent (a zero value counts as absent, except behind an
// optional key such as verified).
type Field struct {
	Path string `json:"path"`
	Old  any    `json:"old"`
	New  any    `json:"new"`
}

var dateType = reflect.TypeFor[claim.Date]()

// fields compares two decoded values of the same type, key by key, and
// returns every leaf that differs, in the order of the type's fields (map
// keys sorted). Only keys that a file can set are compared: fields tagged
// toml:"-" (IDs, positions, compiled programs, values resolved at load
// time) are skipped, so a field added to a claim type is covered as soon as
// it has a TOML key. Either value may be nil, for an entity added or
// removed.
func fields(old, new any) []Field {
	var out []Field
	walk(&out, "", reflect.ValueOf(old), reflect.ValueOf(new))
	return out
}

// walk appends the differences between a and b under path. An invalid
// Value stands for an absent key.
func walk(out *[]Field, path string, a, b reflect.Value) {
	a, b = deref(a), deref(b)
	t := typeOf(a, b)
	if t == nil {
		return
	}
	switch {
	case t == dateType || isScalar(t) || t.Kind() == reflect.Slice && isScalar(t.Elem()):
		av, bv := leaf(a), leaf(b)
		if !reflect.DeepEqual(av, bv) {
			*out = append(*out, Field{Path: path, Old: av, New: bv})
		}
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			name := tomlName(f)
			if name == "" {
				continue
			}
			walk(out, join(path, name), field(a, i), field(b, i))
		}
	case t.Kind() == reflect.Slice:
		n := max(length(a), length(b))
		for i := range n {
			walk(out, path+"["+strconv.Itoa(i)+"]", index(a, i), index(b, i))
		}
	case t.Kind() == reflect.Map:
		keys := map[string]bool{}
		for _, v := range []reflect.Value{a, b} {
			if v.IsValid() {
				for _, k := range v.MapKeys() {
					keys[k.String()] = true
				}
			}
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			walk(out, join(path, keypos.Path(k)), mapIndex(a, k), mapIndex(b, k))
		}
	}
}

// deref follows pointers and interfaces; a nil one becomes invalid.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func typeOf(a, b reflect.Value) reflect.Type {
	if a.IsValid() {
		return a.Type()
	}
	if b.IsValid() {
		return b.Type()
	}
	return nil
}

func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return t == dateType
}

// leaf returns a leaf's value for the report: nil when absent. [field]
// has already turned zero values of keys that are not optional into
// absent ones.
func leaf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == dateType {
		d := v.Interface().(claim.Date)
		if d.IsZero() {
			return nil
		}
		return d.String()
	}
	if v.Kind() == reflect.Slice {
		if v.Len() == 0 {
			return nil
		}
		list := make([]any, v.Len())
		for i := range v.Len() {
			list[i] = leaf(v.Index(i))
		}
		return list
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Float32, reflect.Float64:
		// TOML has inf and nan, JSON does not: those are written as TOML
		// writes them.
		if f := v.Float(); math.IsInf(f, 0) || math.IsNaN(f) {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return v.Float()
	default:
		return v.Int()
	}
}

// tomlName is the key of a struct field, or "" for a field no file sets.
func tomlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" || name == "" {
		return ""
	}
	return name
}

// field returns a struct's field i, keeping absent (invalid) values and
// zero pointers apart: a nil pointer field is absent, a pointer to a zero
// value is present.
func field(v reflect.Value, i int) reflect.Value {
	if !v.IsValid() {
		return v
	}
	f := v.Field(i)
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return reflect.Value{}
		}
		if isScalar(f.Type().Elem()) {
			return f.Elem() // kept even when zero: the key was set
		}
	}
	if isScalar(f.Type()) && f.IsZero() {
		return reflect.Value{}
	}
	return f
}

func length(v reflect.Value) int {
	if !v.IsValid() {
		return 0
	}
	return v.Len()
}

func index(v reflect.Value, i int) reflect.Value {
	if !v.IsValid() || i >= v.Len() {
		return reflect.Value{}
	}
	return v.Index(i)
}

func mapIndex(v reflect.Value, k string) reflect.Value {
	if !v.IsValid() {
		return reflect.Value{}
	}
	return v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key()))
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
