//go:build unix

package build

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"reckon/generator/claim"
	"reckon/generator/input"
	"reckon/templates"
)

// TestStrayFiles checks that files a build does not read cannot stop it
// nor fill the memory: a FIFO in claims/ and a sparse file of 20 GiB in
// content/ (names no loader reads) leave the build as it is without them,
// taken once before anything is read to hash the inputs (see hashAll).
// The next build over the output is up to date; once the large file's
// time changes, it is not, as it is not when any input file changes.
func TestStrayFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := os.CopyFS(src, fixtureCopy(t)); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(src, "claims", "notes.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(src, "content", "video.mp4")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(20 << 30); err != nil { // sparse: no disk is used
		t.Fatal(err)
	}
	f.Close()
	root, err := os.OpenRoot(src)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := input.Root(root)
	defer fsys.Close()
	cfg := Config{Src: fsys, SrcDir: src, Templates: templates.FS, BaseURL: "https://example.org/", Out: filepath.Join(dir, "public"), Cards: testCards(t)}
	build := func(what string) *Stats {
		t.Helper()
		type result struct {
			st  *Stats
			err error
		}
		done := make(chan result, 1)
		go func() {
			_, st, err := Run(context.Background(), cfg)
			done <- result{st, err}
		}()
		select {
		case r := <-done:
			if r.err != nil {
				t.Fatalf("%s: %v", what, r.err)
			}
			return r.st
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: the build has not returned after 2 minutes: waiting on the FIFO?", what)
			return nil
		}
	}
	if st := build("first build"); st.UpToDate || st.Pages == 0 {
		t.Fatalf("first build: up to date %v, %d pages; want a build", st.UpToDate, st.Pages)
	}
	if st := build("second build"); !st.UpToDate {
		t.Error("second build, nothing changed: not up to date")
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(big, later, later); err != nil {
		t.Fatal(err)
	}
	if st := build("after the large file's time changed"); st.UpToDate {
		t.Error("the large file's time changed: the build is up to date; want its hash changed")
	}
}

// TestStrayFilesSession checks the same of the preview's session: a FIFO
// and a sparse file of 20 GiB made in claims/ between two renders, and
// named as changed, leave the next render as it was, and neither is read.
func TestStrayFilesSession(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, fixtureCopy(t)); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := input.Root(root)
	defer fsys.Close()
	s := NewSession(Config{Src: fsys, SrcDir: src, Templates: templates.FS, BaseURL: "https://example.org/", Cards: testCards(t)})
	render := func(what string, changed []string) map[string][]byte {
		t.Helper()
		type result struct {
			files map[string][]byte
			err   error
		}
		done := make(chan result, 1)
		go func() {
			_, files, _, err := s.Render(claim.Date{}, changed)
			done <- result{files, err}
		}()
		select {
		case r := <-done:
			if r.err != nil {
				t.Fatalf("%s: %v", what, r.err)
			}
			return r.files
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: the render has not returned after 2 minutes: waiting on the FIFO?", what)
			return nil
		}
	}
	want := render("first render", nil)
	if err := syscall.Mkfifo(filepath.Join(src, "claims", "notes.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(src, "claims", "video.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(20 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := render("after the stray files", []string{"claims/notes.txt", "claims/video.mp4"})
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("the stray files changed the output")
	}
	got = render("every file rescanned", nil)
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Error("rescanned, the stray files changed the output")
	}
}

// TestTemplatesFIFO checks that a FIFO in the site's templates folder, where
// a catalog, a template and an asset would be, is an error at its path for
// Validate (reckon check) and for Run, and is never waited on.
func TestTemplatesFIFO(t *testing.T) {
	for _, name := range []string{"templates/i18n/en.toml", "templates/base.html", "templates/assets/site.css"} {
		src := t.TempDir()
		if err := os.CopyFS(src, fixtureCopy(t)); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(src)
		if err != nil {
			t.Fatal(err)
		}
		fsys := input.Root(root)
		cfg := Config{Src: fsys, SrcDir: src, Templates: templates.FS, BaseURL: "https://example.org/", Out: filepath.Join(t.TempDir(), "public"), Cards: testCards(t)}
		for what, f := range map[string]func() error{
			"Validate": func() error { _, err := Validate(cfg); return err },
			"Run":      func() error { _, _, err := Run(context.Background(), cfg); return err },
		} {
			done := make(chan error, 1)
			go func() { done <- f() }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), name+": not a regular file") {
					t.Errorf("%s with a FIFO at %s: %v; want the error %q", what, name, err, name+": not a regular file")
				}
			case <-time.After(2 * time.Minute):
				t.Fatalf("%s with a FIFO at %s: has not returned after 2 minutes", what, name)
			}
		}
		fsys.Close()
		root.Close()
	}
}
