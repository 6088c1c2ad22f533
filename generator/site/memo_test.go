package site_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/site"
	"reckon/templates"
)

// memoStreamed returns a synthetic site of three topics whose second alone
// is rendered, with a Memo that one Stream of it filled.
func memoStreamed(t *testing.T) site.Input {
	t.Helper()
	in := synthetic(3, 4)
	in.Topics = func(id string) bool { return id == "topic-001" }
	in.Memo = &site.Memo{}
	if _, _, err := stream(t, in); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestMemo: a Stream with a Memo makes the files a Stream without one
// makes after the data changed; and takes from the Memo, not rendering
// again, every page whose view is the same, so that pages rendered with
// other templates show the Memo's; and a Stream of some pages only leaves
// the Memo as it was.
func TestMemo(t *testing.T) {
	in := memoStreamed(t)
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
	files := streamWith(t, in, marked)
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

// TestMemoSourceEntries: a Stream with a Memo renders again only the
// entries of the sources page whose view changed, and prints the others as
// the last Stream rendered them.
func TestMemoSourceEntries(t *testing.T) {
	in := memoStreamed(t)
	partials, err := fs.ReadFile(templates.FS, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	const article, marked = `<article class="source" id="`, `<article class="source marked" id="`
	if !bytes.Contains(partials, []byte(article)) {
		t.Fatalf("partials.html has no %s", article)
	}
	tmpl := site.Overlay(fstest.MapFS{"partials.html": {Data: bytes.Replace(partials, []byte(article), []byte(marked), 1)}}, templates.FS)
	in.Results.Topics[1].Claims[2].Claim.Title = "A new title"
	files := streamWith(t, in, tmpl)
	page := string(files["sources/index.html"])
	entries := strings.Split(page, `<article class="source`)[1:]
	if len(entries) != 3 {
		t.Fatalf("%d source entries, want 3:\n%s", len(entries), page)
	}
	var got, again []string
	for _, e := range entries {
		id, _, _ := strings.Cut(e[strings.Index(e, `id="`)+4:], `"`)
		cites := strings.Contains(e, `href="/claims/topic-001/claim-002/"`)
		got = append(got, id)
		marked := strings.HasPrefix(e, ` marked"`)
		if marked {
			again = append(again, id)
		}
		if marked != cites {
			t.Errorf("entry %s rendered again: %v; it cites the claim edited: %v", id, marked, cites)
		}
	}
	if want := []string{"src-deepseek--seed-article", "src-deepseek--v3-report", "src-fred"}; !slices.Equal(got, want) {
		t.Errorf("entries %q, want %q", got, want)
	}
	// The claim edited cites the article and the report, not the rates.
	if want := []string{"src-deepseek--seed-article", "src-deepseek--v3-report"}; !slices.Equal(again, want) {
		t.Errorf("entries rendered again %q, want %q", again, want)
	}
}
