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

// TestStreamOnly makes each page of the fixture, with its cards, alone
// (Input.Only) and finds it as the whole stream makes it, with no other
// page than the embed pages of the charts it draws.
func TestStreamOnly(t *testing.T) {
	in, docs := fixture(plainStrings(), fixtureArticle, fixtureMethodology)
	in = withDocs(t, in, docs)
	in.Cards = painter(t)
	whole, _, err := stream(t, in)
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range whole.Paths() {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	if len(pages) < 10 {
		t.Fatalf("only %d pages", len(pages))
	}
	for _, want := range pages {
		in := in
		asked := 0
		in.Only = func(name string) bool { asked++; return name == want }
		got, _, err := stream(t, in)
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		if asked == 0 {
			t.Errorf("%s: Only never asked", want)
		}
		if !bytes.Equal(got[want], whole[want]) {
			t.Errorf("%s made alone differs from the whole stream's (%d bytes, want %d)", want, len(got[want]), len(whole[want]))
		}
		for name, data := range got {
			switch {
			case name == want:
			case strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "embed/"):
				t.Errorf("%s: the page %s made too", want, name)
			case !bytes.Equal(data, whole[name]):
				t.Errorf("%s: %s differs from the whole stream's", want, name)
			}
		}
	}
}
