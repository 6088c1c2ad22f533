//go:build unix

package input

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRootReadsAsRootFS checks that a Reader over Root(root) reads what a
// Reader over root.FS() reads and fails as it fails, file by file: a
// regular file, links inside the tree (relative and absolute), links that
// lead out of it or nowhere, a folder, a FIFO (not waited on), a file at
// and past the limit, and paths that are not valid.
func TestRootReadsAsRootFS(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("claims/t/a.toml", "a = 1\n")
	write("claims/t/limit.toml", strings.Repeat("x", 64))
	write("claims/t/over.toml", strings.Repeat("x", 65))
	write("claims/t/empty.toml", "")
	if err := os.WriteFile(filepath.Join(outside, "secret.toml"), []byte("secret = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"claims/t/rel.toml":     "a.toml",
		"claims/t/up.toml":      "../t/a.toml",
		"claims/t/abs.toml":     filepath.Join(dir, "claims/t/a.toml"),
		"claims/t/out.toml":     filepath.Join(outside, "secret.toml"),
		"claims/t/outrel.toml":  "../../../" + filepath.Base(outside) + "/secret.toml",
		"claims/t/nowhere.toml": "absent.toml",
		"claims/linked":         "t",
		"claims/t/dir.toml":     ".",
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "claims/t/fifo.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fast, slow := &Reader{FS: Root(root)}, &Reader{FS: root.FS()}
	if _, ok := fast.FS.(regularFS); !ok {
		t.Log("no fast path on this system: both read through the root")
	}
	names := []string{"claims/t/a.toml", "claims/t/limit.toml", "claims/t/over.toml", "claims/t/empty.toml", "claims/t/absent.toml", "claims/linked/a.toml", "claims/t/fifo.toml", "claims/t/dir.toml", "claims/t", "claims/t/../t/a.toml", "/claims/t/a.toml", "claims//t/a.toml", ""}
	for name := range links {
		names = append(names, name)
	}
	for _, name := range names {
		type result struct {
			data string
			err  string
		}
		read := func(r *Reader) result {
			done := make(chan result, 1)
			go func() {
				data, err := r.Read(name, 64)
				res := result{data: string(data)}
				if err != nil {
					res.err = err.Error()
				}
				done <- res
			}()
			select {
			case res := <-done:
				return res
			case <-time.After(10 * time.Second):
				t.Fatalf("Read(%q) is still waiting", name)
				return result{}
			}
		}
		got, want := read(fast), read(slow)
		if got != want {
			t.Errorf("Read(%q) = %q, %q; through root.FS: %q, %q", name, got.data, got.err, want.data, want.err)
		}
	}
	if data, err := fast.Read("claims/t/rel.toml", 64); err != nil || string(data) != "a = 1\n" {
		t.Errorf("Read of a link inside the tree = %q, %v", data, err)
	}
	if _, err := fast.Read("claims/t/out.toml", 64); err == nil || !strings.Contains(err.Error(), "leads outside the site's folder") {
		t.Errorf("Read of a link out of the tree: %v", err)
	}
}

// TestReadRegular checks that ReadRegular reads a regular file of at most
// max bytes, through Root(root) as through root.FS(), and gives up on
// anything else without waiting on it: a FIFO, a folder, a file past the
// limit, a link out of the tree or to nowhere, a missing file.
func TestReadRegular(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "a")
	write("limit.txt", strings.Repeat("x", 8))
	write("over.txt", strings.Repeat("x", 9))
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, to := range map[string]string{"rel": "a.txt", "tofifo": "fifo", "out": filepath.Join(outside, "secret.txt"), "nowhere": "absent"} {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := map[string]string{"a.txt": "a", "limit.txt": "xxxxxxxx", "rel": "a"}
	for _, fsys := range []fs.FS{Root(root), root.FS()} {
		for _, name := range []string{"a.txt", "limit.txt", "over.txt", "fifo", "tofifo", "rel", "out", "nowhere", "absent", "sub", "../a.txt"} {
			type result struct {
				data string
				ok   bool
			}
			done := make(chan result, 1)
			go func() {
				data, ok := ReadRegular(fsys, name, 8)
				done <- result{string(data), ok}
			}()
			var got result
			select {
			case got = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%T: ReadRegular(%q) has not returned after 10 s", fsys, name)
			}
			w, ok := want[name]
			if got.ok != ok || got.data != w {
				t.Errorf("%T: ReadRegular(%q) = %q, %v; want %q, %v", fsys, name, got.data, got.ok, w, ok)
			}
		}
	}
}

// TestTreeFiles checks that Tree reports, in a templates folder, a file
// that is not a regular one (a FIFO, a link to one) and a file past
// MaxTemplateSize, each at its path, and passes over a name starting with
// "." that is not a link.
func TestTreeFiles(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := os.WriteFile(mk("templates/base.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"templates/assets/pipe.css", "templates/.pipe"} {
		if err := syscall.Mkfifo(mk(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("assets/pipe.css", mk("templates/link.html")); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int64{"templates/assets/limit.bin": MaxTemplateSize, "templates/assets/over.bin": MaxTemplateSize + 1} {
		f, err := os.Create(mk(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil { // sparse: no disk is used
			t.Fatal(err)
		}
		f.Close()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got := map[string]string{}
	for _, e := range Tree(Root(root), "templates") {
		got[e.Pos.File] = e.Msg
	}
	want := map[string]string{
		"templates/assets/pipe.css": "not a regular file",
		"templates/link.html":       "not a regular file",
		"templates/assets/over.bin": "more than the limit of 8 MiB",
	}
	for name, msg := range want {
		if !strings.Contains(got[name], msg) {
			t.Errorf("Tree: %s: %q; want an error saying %q", name, got[name], msg)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("Tree: %s: %q; want no error", name, got[name])
		}
	}
}
