package site

import (
	"reflect"
	"testing"
)

// fill sets every field of v, and of what it holds, to a value that is
// not its zero: a string "x", true, 1, a list of one element.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(1)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i))
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem())
		v.Set(p)
	default:
		panic("fill: " + v.Type().String())
	}
}

// mutations returns copies of a filled value of type T, each with one
// field, at any depth, set to its zero value or, for a list, to an empty
// one or one more element, named by its path.
func mutations[T any]() (T, map[string]T) {
	var base T
	fill(reflect.ValueOf(&base).Elem())
	out := map[string]T{}
	var walk func(path string, at func(v reflect.Value) reflect.Value, t reflect.Type)
	walk = func(path string, at func(v reflect.Value) reflect.Value, t reflect.Type) {
		change := func(name string, f func(v reflect.Value)) {
			var c T
			fill(reflect.ValueOf(&c).Elem())
			f(at(reflect.ValueOf(&c).Elem()))
			out[path+name] = c
		}
		if path != "" {
			change(" zero", func(v reflect.Value) { v.Set(reflect.Zero(t)) })
		}
		switch t.Kind() {
		case reflect.Struct:
			for i := range t.NumField() {
				walk(path+"."+t.Field(i).Name, func(v reflect.Value) reflect.Value { return at(v).Field(i) }, t.Field(i).Type)
			}
		case reflect.Slice:
			change(" empty", func(v reflect.Value) { v.Set(reflect.MakeSlice(t, 0, 0)) })
			change(" longer", func(v reflect.Value) { v.Set(reflect.Append(v, v.Index(0))) })
			walk(path+"[0]", func(v reflect.Value) reflect.Value { return at(v).Index(0) }, t.Elem())
		}
	}
	walk("", func(v reflect.Value) reflect.Value { return v }, reflect.TypeFor[T]())
	return base, out
}

// TestSameAsDeepEqual: the comparisons of the sources page's views say
// what reflect.DeepEqual says of any two values that differ from a filled
// one in a field at any depth, or not at all.
func TestSameAsDeepEqual(t *testing.T) {
	check := func(name string, same func(a, b any) bool, base any, changed map[string]any) {
		t.Helper()
		var copy reflect.Value = reflect.New(reflect.TypeOf(base)).Elem()
		fill(copy)
		if !same(copy.Interface(), base) {
			t.Errorf("%s: two filled values differ", name)
		}
		if len(changed) < 10 {
			t.Errorf("%s: only %d changes", name, len(changed))
		}
		changed[""] = base
		for p, a := range changed {
			for q, b := range changed {
				if got, want := same(a, b), reflect.DeepEqual(a, b); got != want {
					t.Errorf("%s%s against %s%s: same %v, reflect.DeepEqual %v", name, p, name, q, got, want)
				}
			}
		}
	}
	entry, entries := mutations[SourceEntry]()
	check("SourceEntry", func(a, b any) bool { return sameEntry(a.(SourceEntry), b.(SourceEntry)) }, entry, anyMap(entries))
	view, views := mutations[SourcesView]()
	check("SourcesView", func(a, b any) bool { return a.(SourcesView).sameAs(b) }, view, anyMap(views))
	if (SourcesView{}).sameAs(SourceEntry{}) {
		t.Error("a SourcesView is the same as a SourceEntry")
	}
}

func anyMap[T any](m map[string]T) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}
