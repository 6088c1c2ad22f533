package site_test

import (
	"bytes"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/site"
	"reckon/templates"
)

// TestMemo: a Stream with a Memo makes the files a Stream without one
// makes after the data changed; and takes from the Memo, not rendering
// again, every page whose view is the same, so that pages rendered with
// other templates show the Memo's; and a Stream of some pages only leaves
// the Memo as it was.
func TestMemo(t *testing.T) {
	in := synthetic(3, 4)
	in.Topics = func(id string) bool { return id == "topic-001" }
	in.Memo = &site.Memo{}
	if _, _, err := stream(t, in); err != nil {
		t.Fatal(err)
	}
	in.Results.Topics[1].Claims[2].Claim.Title = "A new title"
	got, _, err := stream(t, in)
	if err != nil {
		t.Fatal(err)
	}
	plain := in
	plain.Memo = nil
	want, _, err := stream(t, plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range want.Paths() {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s with a memo differs from the page without", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with a memo, %d without", len(got), len(want))
	}

	// A Stream of one page leaves the Memo as it was.
	one := in
	one.Only = func(name string) bool { return name == "404.html" }
	if _, _, err := stream(t, one); err != nil {
		t.Fatal(err)
	}

	// With a marked layout, only pages whose view changed show the mark.
	layout, err := fs.ReadFile(templates.FS, "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	marked := site.Overlay(fstest.MapFS{"layout.html": {Data: bytes.Replace(layout, []byte("</body>"), []byte("<i>marked</i></body>"), 1)}}, templates.FS)
	in.Results.Topics[1].Claims[2].Claim.Title = "A newer title"
	site.ForgetTemplates(in.Memo) // the Memo keeps the templates too
	var mu sync.Mutex
	files := map[string][]byte{}
	if _, err := site.Stream(in, marked, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = bytes.Clone(data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for name, wantMark := range map[string]bool{
		"index.html":                            true, // its latest cards show the title
		"claims/topic-001/claim-002/index.html": true,
		"claims/topic-001/claim-001/index.html": false,
		"404.html":                              false,
		"corrections/index.html":                false,
	} {
		if got := bytes.Contains(files[name], []byte("<i>marked</i>")); got != wantMark {
			t.Errorf("%s rendered again: %v, want %v", name, got, wantMark)
		}
	}
}
