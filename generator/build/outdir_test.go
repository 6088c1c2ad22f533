package build

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reckon/generator/internal/golden"
	"slices"
	"strings"
	"testing"

	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// snapshot describes every file, folder and link under dir (see golden.Tree).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	s, err := golden.Tree(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// outSite makes, in a new temporary folder, a git repository holding a
// site in repo/site, and folders of every kind beside it; it returns the
// temporary folder.
func outSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "repo", "site")
	if err := os.CopyFS(site, synthsite.Files(synthsite.Options{Topics: 1, Claims: 3, Words: 20})); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	put(t, dir, map[string]string{
		"repo/.git/HEAD":     "ref: refs/heads/main\n",
		"other/.git/HEAD":    "ref: refs/heads/main\n",
		"foreign/notes.txt":  "mine",
		"notes.txt":          "mine",
		"prev/" + Marker:     markerText,
		"prev/index.html":    "old",
		"fake/" + Marker:     "made by me\n",
		"fake/precious.html": "mine",
	})
	for link, target := range map[string]string{"link": "repo/site", "dangling": "nowhere", "claimslink": "repo/site/claims"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCheckOut checks the output folder rule on each kind of folder.
func TestCheckOut(t *testing.T) {
	dir := outSite(t)
	src := filepath.Join(dir, "repo", "site")
	tests := []struct {
		out    string // relative to dir
		reason string // "" when accepted
	}{
		{"repo/site/public", ""},
		{"repo/public", ""}, // inside the git work tree, beside the site
		{"repo/site/public/deeper", ""},
		{"empty", ""},
		{"prev", ""},
		{"absent/public", ""},
		{"repo/site", "it is the site's source folder"},
		{"repo/site/", "it is the site's source folder"},
		{"repo/site/claims/..", "it is the site's source folder"},
		{"link", "it is the site's source folder"},
		{"repo", "it holds the site's source folder"},
		{".", "it holds the site's source folder"},
		{"/", "it holds the site's source folder"},
		{"repo/site/claims", "it is the site's claims/ folder"},
		{"claimslink", "it is the site's claims/ folder"},
		{"repo/site/content", "it is the site's content/ folder"},
		{"repo/site/templates", "it is the site's templates/ folder"}, // absent
		{"repo/site/claims/topic-000", "it lies inside the site's claims/ folder"},
		{"claimslink/new/folder", "it lies inside the site's claims/ folder"},
		{"repo/site/content/x/y", "it lies inside the site's content/ folder"},
		{"repo/site/claims/site.toml", "it lies inside the site's claims/ folder"},
		{"other", "it holds a git repository (.git)"},
		{"repo/.git", "it lies inside a .git folder"},
		{"repo/.git/public", "it lies inside a .git folder"},
		{"notes.txt", "it is not a folder"},
		{"dangling", "it is not a folder"},
		{"foreign", "it is not empty and reckon did not make it (it has no .reckon-output file)"},
		{"fake", "it is not empty and reckon did not make it (it has no .reckon-output file)"},
	}
	for _, tc := range tests {
		t.Run(tc.out, func(t *testing.T) {
			out := tc.out
			if !filepath.IsAbs(out) {
				out = filepath.Join(dir, tc.out)
				if strings.HasSuffix(tc.out, "/") {
					out += "/"
				}
			}
			got, err := checkOut(out, src)
			if tc.reason == "" {
				want, _ := filepath.EvalSymlinks(dir)
				want = filepath.Join(want, tc.out)
				if err != nil || got != want {
					t.Errorf("checkOut = %q, %v; want %q", got, err, want)
				}
				return
			}
			want := "refusing to write the site to " + out + ": " + tc.reason
			if err == nil || err.Error() != want {
				t.Fatalf("checkOut = %q, %v\nwant error %s", got, err, want)
			}
			if oe, ok := errors.AsType[*OutError](err); !ok || oe.Hint == "" {
				t.Errorf("checkOut's error %#v has no hint", err)
			}
		})
	}
	// The source folder counts only when it is given.
	if _, err := checkOut(filepath.Join(src, "templates"), ""); err != nil {
		t.Errorf("checkOut without a source folder: %v", err)
	}
	if _, err := checkOut("", src); err == nil || err.Error() != `refusing to write the site to "": no folder given` {
		t.Errorf("checkOut with no folder: %v", err)
	}
}

// TestRunRefusedOutTouchesNothing runs whole builds into refused folders
// and checks that nothing under the temporary folder changed.
func TestRunRefusedOutTouchesNothing(t *testing.T) {
	dir := outSite(t)
	src := filepath.Join(dir, "repo", "site")
	before := snapshot(t, dir)
	for _, tc := range []struct {
		out    string
		source bool // refused only for the source folder's sake
	}{
		{"repo/site", true}, {"repo/site/claims", true}, {"repo/site/templates", true}, {"repo", true}, {"link", true}, {".", true},
		{"other", false}, {"notes.txt", false}, {"foreign", false}, {"fake", false}, {"repo/.git/public", false},
	} {
		out := filepath.Join(dir, tc.out)
		cfg := Config{Src: os.DirFS(src), SrcDir: src, Templates: templates.FS, Out: out}
		if _, _, err := Run(context.Background(), cfg); !isOutError(err) {
			t.Errorf("Run into %s = %v, want an *OutError", tc.out, err)
		}
		if tc.source {
			continue // Write, which knows no source folder, would write there
		}
		if err := Write(context.Background(), out, map[string][]byte{"index.html": []byte("new")}); !isOutError(err) {
			t.Errorf("Write into %s = %v, want an *OutError", tc.out, err)
		}
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("refused builds changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	// Absent, empty and earlier outputs are replaced.
	for _, out := range []string{"repo/site/public", "repo/public", "empty", "prev"} {
		cfg := Config{Src: os.DirFS(src), SrcDir: src, Templates: templates.FS, Out: filepath.Join(dir, out)}
		if _, _, err := Run(context.Background(), cfg); err != nil {
			t.Fatalf("Run into %s: %v", out, err)
		}
		got := tree(t, cfg.Out)
		if got[Marker] != markerText || got["index.html"] == "" || got["index.html"] == "old" {
			t.Errorf("Run into %s wrote %d files, index.html %q, marker %q", out, len(got), got["index.html"], got[Marker])
		}
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"claimslink", "dangling", "empty", "fake", "foreign", "link", "notes.txt", "other", "prev", "repo"}) {
		t.Errorf("folders beside the outputs: %q", got)
	}
}

// TestTidy checks what a build does with the folders a killed build left
// beside its output.
func TestTidy(t *testing.T) {
	t.Run("leftovers", func(t *testing.T) {
		dir := t.TempDir()
		put(t, dir, map[string]string{
			"public/" + Marker:               markerText,
			"public/index.html":              "old",
			".public.new-1/" + Marker:        markerText, // killed while writing
			".public.new-1/a/index.html":     "half",
			".public.new-2.old/" + Marker:    markerText, // killed after the swap
			".public.new-2.old/index.html":   "older",
			".public.new-4/mine.txt":         "not made by reckon",
			".public.new-5/" + Marker:        "not the marker\n",
			".other.new-6/" + Marker:         markerText, // another output's
			"public.new-7/" + Marker:         markerText,
			".public.new-8.old/precious.txt": "mine",
			".public.new-9/.reckon-output/x": "a folder, not the marker",
			".public.new-11/" + Marker:       markerText[:7], // killed while writing the marker
			".public.new-12/" + Marker:       markerText[:7],
			".public.new-12/mine.txt":        "mine",
			".public.new-13/" + Marker:       "made by me",
			".public.new-14/" + Marker:       markerText, // killed while removing
			".public.new-14/a/b/.keep":       "",
		})
		os.Mkdir(filepath.Join(dir, ".public.new-3"), 0o700) // killed before the marker
		if err := Write(context.Background(), filepath.Join(dir, "public"), map[string][]byte{"index.html": []byte("new")}); err != nil {
			t.Fatal(err)
		}
		if got := tree(t, filepath.Join(dir, "public")); !maps.Equal(got, output(map[string]string{"index.html": "new"})) {
			t.Errorf("public: %v", got)
		}
		want := []string{".other.new-6", ".public.new-12", ".public.new-13", ".public.new-4", ".public.new-5", ".public.new-8.old", ".public.new-9", "public", "public.new-7"}
		if got := entries(t, dir); !slices.Equal(got, want) {
			t.Errorf("left beside the output: %q\nwant %q", got, want)
		}
	})
	t.Run("recovery", func(t *testing.T) {
		// A build killed between its two renames left no public, the old
		// output aside and the new one complete: a build that fails puts
		// the old one back.
		dir := t.TempDir()
		old := map[string]string{Marker: markerText, "index.html": "old"}
		put(t, filepath.Join(dir, ".public.new-1.old"), old)
		put(t, filepath.Join(dir, ".public.new-1"), map[string]string{Marker: markerText, "index.html": "new"})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := Write(ctx, filepath.Join(dir, "public"), map[string][]byte{"index.html": []byte("newer")}); !errors.Is(err, context.Canceled) {
			t.Fatalf("Write = %v", err)
		}
		if got := tree(t, filepath.Join(dir, "public")); !maps.Equal(got, old) {
			t.Errorf("public: %v, want the old output back", got)
		}
		if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
			t.Errorf("left beside the output: %q", got)
		}
	})
}

func isOutError(err error) bool {
	_, ok := errors.AsType[*OutError](err)
	return ok
}
