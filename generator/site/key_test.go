package site

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
)

// encodeKey returns the encoding of v, unhashed, or false.
func encodeKey(v any) (string, bool) {
	e := &viewEncoder{}
	ok := e.encodeAny(reflect.ValueOf(v))
	return string(e.b), ok
}

type twoStrings struct{ A, B string }

type otherStrings struct{ A, B string }

type node struct {
	Name string
	Next *node
}

type holder struct{ V any }

// TestViewEncodingApart checks that values that differ encode apart: the
// page key would otherwise name two pages alike.
func TestViewEncodingApart(t *testing.T) {
	loop := &node{Name: "a"}
	loop.Next = loop
	loop2 := &node{Name: "a", Next: &node{Name: "a"}}
	loop2.Next.Next = loop2.Next
	for _, tc := range []struct {
		name string
		a, b any
	}{
		{"string boundary", twoStrings{"ab", "c"}, twoStrings{"a", "bc"}},
		{"same fields, other type", twoStrings{"a", "b"}, otherStrings{"a", "b"}},
		{"a string and HTML", "<b>", template.HTML("<b>")},
		{"nil and empty slice", Page{Scripts: nil}, Page{Scripts: []string{}}},
		{"slice element boundary", []string{"a", "b"}, []string{"ab"}},
		{"text spans", Text{{Text: "a", User: true}}, Text{{Text: "a"}}},
		{"nil and zero pointer", ClaimView{}, ClaimView{Chart: &Figure{}}},
		{"interface type", holder{"1"}, holder{1}},
		{"nil interface and nil pointer", holder{}, holder{(*node)(nil)}},
		{"int sign", -1, 1},
		{"float", 0.5, 0.25},
		{"map value", map[string]int{"a": 1}, map[string]int{"a": 2}},
		{"map key", map[string]int{"a": 1}, map[string]int{"b": 1}},
		{"nil and empty map", map[string]int(nil), map[string]int{}},
		{"cycle and a longer one", loop, loop2},
		{"array", [2]string{"a", ""}, [2]string{"", "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, oka := encodeKey(tc.a)
			b, okb := encodeKey(tc.b)
			if !oka || !okb {
				t.Fatalf("encode = %v, %v; want both true", oka, okb)
			}
			if a == b {
				t.Errorf("%#v and %#v encode alike: %q", tc.a, tc.b, a)
			}
		})
	}
}

// TestViewEncodingAlike checks that equal values encode alike: maps in
// any order, shared pointers, copies.
func TestViewEncodingAlike(t *testing.T) {
	m1 := map[string]int{}
	m2 := map[string]int{}
	for i := range 50 {
		m1[strings.Repeat("k", i)] = i
		m2[strings.Repeat("k", 49-i)] = 49 - i
	}
	sv := &SiteView{Title: "T"}
	for _, tc := range []struct {
		name string
		a, b any
	}{
		{"maps built in another order", m1, m2},
		{"a shared pointer and two copies", []*SiteView{sv, sv}, []*SiteView{{Title: "T"}, {Title: "T"}}},
		{"a view and its copy", ClaimView{Page: Page{Title: "x", Site: sv}, Reasons: []string{"r"}}, ClaimView{Page: Page{Title: "x", Site: &SiteView{Title: "T"}}, Reasons: []string{"r"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, oka := encodeKey(tc.a)
			b, okb := encodeKey(tc.b)
			if !oka || !okb || a != b {
				t.Errorf("encode = %v, %v, alike %v; want true, true, true", oka, okb, a == b)
			}
		})
	}
}

// TestViewEncodingRefuses checks that a value holding a func or a channel
// has no key, so that its page is rendered.
func TestViewEncodingRefuses(t *testing.T) {
	for _, v := range []any{holder{func() {}}, holder{make(chan int)}, []any{1, func() {}}} {
		if s, ok := encodeKey(v); ok {
			t.Errorf("encode(%T) = %q, true; want false", v, s)
		}
	}
}

// TestViewsHaveNoFuncs checks that no view type can hold a func, a
// channel, an unsafe pointer or an interface (whose value could be
// anything): every view has a key.
func TestViewsHaveNoFuncs(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path string) string
	walk = func(t reflect.Type, path string) string {
		if seen[t] {
			return ""
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Interface:
			return path + " is a " + t.Kind().String()
		case reflect.Pointer, reflect.Slice, reflect.Array:
			return walk(t.Elem(), path+"[]")
		case reflect.Map:
			if bad := walk(t.Key(), path+"{key}"); bad != "" {
				return bad
			}
			return walk(t.Elem(), path+"{}")
		case reflect.Struct:
			for i := range t.NumField() {
				f := t.Field(i)
				if bad := walk(f.Type, path+"."+f.Name); bad != "" {
					return bad
				}
			}
		}
		return ""
	}
	for _, v := range []any{HomeView{}, TopicView{}, ClaimView{}, EmbedView{}, SourcesView{}, CorrectionsView{}, PageView{}, NotFoundView{}} {
		if bad := walk(reflect.TypeOf(v), reflect.TypeOf(v).Name()); bad != "" {
			t.Error(bad)
		}
	}
}
