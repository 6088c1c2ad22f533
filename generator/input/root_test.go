//go:build unix

package input

import (
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
