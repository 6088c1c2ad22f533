package build

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/claim"
	"reckon/generator/diag"
	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// futureSite is a synthetic site of two topics of four claims each
// (published 2026-01-15), in which the claims named by ids are published
// on 2026-06-01 instead.
func futureSite(t *testing.T, ids ...string) fstest.MapFS {
	t.Helper()
	fsys := synthsite.Files(synthsite.Options{Topics: 2, Claims: 4, Words: 30})
	for _, id := range ids {
		f := fsys["claims/"+id+".toml"]
		if f == nil || !bytes.Contains(f.Data, []byte("\npublished = 2026-01-15\n")) {
			t.Fatalf("no claim %s published on 2026-01-15 in the synthetic site", id)
		}
		f.Data = bytes.Replace(f.Data, []byte("\npublished = 2026-01-15\n"), []byte("\npublished = 2026-06-01\n"), 1)
	}
	return fsys
}

var buildDate = claim.Date{Year: 2026, Month: 3, Day: 1}

// TestFutureClaimLeftOut builds, on 2026-03-01, a site with a claim
// published on 2026-06-01: the claim is in no page, export, feed or
// sitemap, the counts leave it out and the notice names it; with Future it
// is built like the others. Both builds are byte-identical when repeated.
func TestFutureClaimLeftOut(t *testing.T) {
	const id = "topic-000/claim-003"
	fsys := futureSite(t, id)
	cfg := Config{Src: fsys, Templates: templates.FS, Now: buildDate}
	res, files, _, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Summary(), "2 topics, 7 claims,"; !strings.HasPrefix(got, want) {
		t.Errorf("summary %q, want it to start %q", got, want)
	}
	if got, want := res.Unpublished.Notice(), "left out 1 claim published after today: topic-000/claim-003 (2026-06-01); pass -future to include it"; got != want {
		t.Errorf("notice:\n got %q\nwant %q", got, want)
	}
	if res.Set.Claim(id) != nil {
		t.Errorf("claim %s is still in the set", id)
	}
	page := "claims/" + id + "/index.html"
	if _, ok := files[page]; ok {
		t.Errorf("%s was written", page)
	}
	if _, ok := files["claims/topic-000/claim-002/index.html"]; !ok {
		t.Fatalf("the page of a published claim is missing; files: %v", slices.Sorted(maps.Keys(files)))
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if bytes.Contains(files[name], []byte(id)) {
			t.Errorf("%s refers to the left-out claim", name)
		}
	}
	renderSame(t, cfg, files, "two builds differ")

	cfg.Future = true
	res, files, _, err = Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Summary(), "2 topics, 8 claims,"; !strings.HasPrefix(got, want) {
		t.Errorf("with Future: summary %q, want it to start %q", got, want)
	}
	if n := res.Unpublished.Notice(); n != "" {
		t.Errorf("with Future: notice %q", n)
	}
	if _, ok := files[page]; !ok {
		t.Errorf("with Future: %s is missing", page)
	}
	renderSame(t, cfg, files, "with Future: two builds differ")

	// Without a date, as in Check, nothing is left out.
	cfg.Future, cfg.Now = false, claim.Date{}
	res, _, _, err = Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Summary(), "2 topics, 8 claims,"; !strings.HasPrefix(got, want) {
		t.Errorf("without Now: summary %q, want it to start %q", got, want)
	}
}

// TestFutureTopicLeftOut leaves out a topic whose every claim is published
// after the build's date, with its article, and a topic published after it
// with all its claims.
func TestFutureTopicLeftOut(t *testing.T) {
	fsys := futureSite(t, "topic-001/claim-000", "topic-001/claim-001", "topic-001/claim-002", "topic-001/claim-003")
	res, files, _, err := Render(Config{Src: fsys, Templates: templates.FS, Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(res.Unpublished.Topics, " "), "topic-001"; got != want {
		t.Errorf("topics left out: %q, want %q", got, want)
	}
	if got, want := res.Unpublished.Notice(), "left out 4 claims and 1 topic published after today: topic-001 (2025-02-02), topic-001/claim-000 (2026-06-01), topic-001/claim-001 (2026-06-01), topic-001/claim-002 (2026-06-01), topic-001/claim-003 (2026-06-01); pass -future to include them"; got != want {
		t.Errorf("notice:\n got %q\nwant %q", got, want)
	}
	if _, ok := files["topics/topic-001/index.html"]; ok {
		t.Errorf("the left-out topic's page was written")
	}
	if _, ok := files["topics/topic-000/index.html"]; !ok {
		t.Errorf("the other topic's page is missing")
	}

	fsys = futureSite(t)
	topic := fsys["claims/topic-000/topic.toml"]
	topic.Data = bytes.Replace(topic.Data, []byte("published = 2025-01-01"), []byte("published = 2026-04-01"), 1)
	res, _, _, err = Render(Config{Src: fsys, Templates: templates.FS, Now: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Unpublished.Notice(), "left out 4 claims and 1 topic published after today: topic-000 (2026-04-01), topic-000/claim-000 (2026-04-01), topic-000/claim-001 (2026-04-01), topic-000/claim-002 (2026-04-01), topic-000/claim-003 (2026-04-01); pass -future to include them"; got != want {
		t.Errorf("future topic: notice:\n got %q\nwant %q", got, want)
	}
	if got, want := res.Summary(), "1 topics, 4 claims,"; !strings.HasPrefix(got, want) {
		t.Errorf("future topic: summary %q, want it to start %q", got, want)
	}
}

// TestFutureClaimReference is a commentary's reference to a claim left out
// as published after the build's date: an error that says so.
func TestFutureClaimReference(t *testing.T) {
	fsys := futureSite(t, "topic-000/claim-000")
	res, _, _, err := Render(Config{Src: fsys, Templates: templates.FS, Now: buildDate})
	if err == nil {
		t.Fatal("no error")
	}
	var b bytes.Buffer
	diag.Format(&b, err, diag.Files(res.Files()))
	want := `content/topics/topic-000.md:5:7: claim "topic-000/claim-000" is not published until 2026-06-01, so this build leaves it out`
	if got := strings.SplitN(b.String(), "\n", 2)[0]; got != want || len(diag.Errors(err)) != 1 {
		t.Errorf("errors:\n%s\nwant one, the first line:\n%s", b.String(), want)
	}
	if !strings.Contains(b.String(), "hint: build with -future to include it, or add the reference when it is published") {
		t.Errorf("no hint:\n%s", b.String())
	}
}
