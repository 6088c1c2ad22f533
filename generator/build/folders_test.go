package build

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// bothWays runs f where the kernel opens a path below a folder in one call
// (when it can) and where folders are opened one at a time.
func bothWays(t *testing.T, f func(t *testing.T)) {
	t.Run("below", f)
	t.Run("one at a time", func(t *testing.T) {
		noBelow = true
		t.Cleanup(func() { noBelow = false })
		f(t)
	})
}

// TestFolders writes, reads and refuses files through folders: folders
// are made as needed, a link anywhere on a path is never followed, and
// nothing is made outside the top folder.
func TestFolders(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		put(t, dir, map[string]string{"old/page.html": "old", "old/deep/file": "deep"})
		for link, to := range map[string]string{"out": outside, "old/out": outside, "old/file": filepath.Join(dir, "old/page.html"), "old/deep/link": filepath.Join(dir, "old/page.html")} {
			if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
				t.Fatal(err)
			}
		}
		top, err := openTop(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer top.close()
		fo := newFolders(dir, top, true)
		for _, name := range []string{"a/b/c/index.html", "a/b/d/index.html", "a/e.json", "old/new/x/y.csv", "top.txt"} {
			if err := fo.writeFile(name, []byte(name)); err != nil {
				t.Errorf("writeFile(%q): %v", name, err)
			}
		}
		// One folder made in another keeps that one open, once; where
		// the kernel walks a path, no other folder is opened for good.
		if belowOK() && fo.opened.Load() != 4 { // a, a/b, old, old/new
			t.Errorf("%d folders kept open, want 4", fo.opened.Load())
		}
		for _, name := range []string{"out/x", "old/out/x", "old/out/new/x", "old/file", "old/file/x", "old/deep/link"} {
			err := fo.writeFile(name, []byte("no"))
			var fe *fsError
			if err == nil || !errors.As(err, &fe) || !strings.HasPrefix(fe.path, dir) {
				t.Errorf("writeFile(%q) = %v, want an error on a path in %s", name, err, dir)
			}
		}
		for name, want := range map[string]string{"a/b/c/index.html": "", "a/b/d/index.html": "", "a/e.json": "", "old/new/x/y.csv": "", "top.txt": "", "old/page.html": "old"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(data) != cmp.Or(want, name) {
				t.Errorf("%s holds %q (%v), want %q", name, data, err, cmp.Or(want, name))
			}
		}
		if entries, _ := os.ReadDir(outside); len(entries) != 0 {
			t.Errorf("%d files made outside the top folder", len(entries))
		}
		made := fo.made()
		want := []string{"a/b/c", "a/b/d", "old/new/x", "a/b", "old/new", "a"}
		if strings.Join(made, " ") != strings.Join(want, " ") {
			t.Errorf("made %q, want %q", made, want)
		}
		if data, err := fo.readFile(nil, "old/deep/file", 4); err != nil || string(data) != "deep" {
			t.Errorf("readFile(old/deep/file) = %q, %v", data, err)
		}
		if _, err := fo.readFile(nil, "old/deep/file", 5); !errors.Is(err, errNotSame) {
			t.Errorf("readFile of the wrong size: %v, want errNotSame", err)
		}
		for _, name := range []string{"old/file", "old/out/x", "old/deep/link"} {
			if _, err := fo.readFile(nil, name, 3); err == nil {
				t.Errorf("readFile(%q) through a link: no error", name)
			}
		}
		fo.close()

		// A folder that is read only, not made: a file in its place is
		// not a folder.
		ro := newFolders(dir, top, false)
		defer ro.close()
		if _, _, err := ro.acquire("old/page.html"); !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("acquire of a file: %v, want ENOTDIR", err)
		}
		if _, _, err := ro.acquire("absent/x"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("acquire of an absent folder: %v, want ErrNotExist", err)
		}
	})
}

// TestWritesOneAtATime runs the tests of writing the output with folders
// opened one at a time, as where the kernel cannot open a path in one call.
func TestWritesOneAtATime(t *testing.T) {
	noBelow = true
	t.Cleanup(func() { noBelow = false })
	for name, f := range map[string]func(*testing.T){
		"Write": TestWrite, "WriteFailureKeepsOutput": TestWriteFailureKeepsOutput,
		"RewriteOnlyChanges": TestRewriteOnlyChanges, "OutputNotReckons": TestOutputNotReckons,
		"OutputWithoutManifest": TestOutputWithoutManifest, "WriteFailureIntoAbsentFolder": TestWriteFailureIntoAbsentFolder,
		"CardsNotReused": TestCardsNotReused, "PagesNotReused": TestPagesNotReused,
	} {
		t.Run(name, f)
	}
}
