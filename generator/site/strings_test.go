package site

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"testing"
	"time"
)

func TestArgStringLikeFmt(t *testing.T) {
	for _, v := range []any{"text", "", 0, -42, 7, int64(3), 2.5, template.HTML("<b>"), time.Second, errors.New("e"), nil, []string{"a"}} {
		if got, want := argString(v), fmt.Sprint(v); got != want {
			t.Errorf("argString(%#v) = %q, want %q", v, got, want)
		}
	}
}

func TestTextMarksUserArguments(t *testing.T) {
	ts := &texts{m: map[string]string{"k": "From {1} to {2} ({3}), {4}"}}
	got, err := ts.text("k", "a\u202e", Text{{Text: "x "}, {Text: "b", User: true}}, 3, "")
	if err != nil {
		t.Fatal(err)
	}
	want := Text{{Text: "From "}, {Text: "a\u202e", User: true}, {Text: " to x "}, {Text: "b", User: true}, {Text: " (3), "}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("text = %#v, want %#v", got, want)
	}
	if s, _ := ts.get("k", "a", "b", 3, "c"); s != "From a to b (3), c" {
		t.Errorf("get = %q", s)
	}
}
