package site_test

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"

	"reckon/generator/site"
	"reckon/templates"
)

// stream renders in with Stream and collects what it emits.
func stream(t *testing.T, in site.Input) (output, map[string]int, error) {
	t.Helper()
	var mu sync.Mutex
	files, calls := output{}, map[string]int{}
	_, err := site.Stream(in, templates.FS, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = bytes.Clone(data) // emit may not keep data
		calls[name]++
		return nil
	})
	return files, calls, err
}

// TestStreamEmitsOnce checks that Stream emits every file once.
func TestStreamEmitsOnce(t *testing.T) {
	fixtureIn, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	fixtureIn = withDocs(t, fixtureIn, docs)
	for _, tc := range []struct {
		name string
		in   site.Input
	}{
		{"fixture", fixtureIn},
		{"many claims", synthetic(3, 40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, calls, err := stream(t, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) < 10 {
				t.Fatalf("only %d files:\n%s", len(got), strings.Join(got.Paths(), "\n"))
			}
			for _, p := range got.Paths() {
				if calls[p] != 1 {
					t.Errorf("%s emitted %d times", p, calls[p])
				}
			}
		})
	}
}

// TestStreamErrors: a failing emit stops the stream, and its error is
// Stream's.
func TestStreamErrors(t *testing.T) {
	full := errors.New("disk full")
	n := 0
	var mu sync.Mutex
	_, err := site.Stream(synthetic(2, 20), templates.FS, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		n++
		if n >= 5 {
			return full
		}
		return nil
	})
	if err != full {
		t.Errorf("Stream with a failing emit = %v, want %v", err, full)
	}
	if n > 5+2*4 {
		t.Errorf("emit called %d times after it failed at the 5th", n)
	}
}
