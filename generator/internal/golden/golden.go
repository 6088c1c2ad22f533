// Package golden compares test output with expected output kept in files,
// and rewrites those files when tests run with -update.
//
// Each test package that uses it must define the flag itself (a package
// whose test binary lacks it fails under "go test ./... -update"), so the
// Makefile lists the golden packages explicitly:
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//	golden.Check(t, *update, "testdata/home.golden", got)
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares got with the content of the file at path. Under update it
// writes got to the file instead. On a mismatch it reports the first lines
// that differ.
func Check(t testing.TB, update bool, path string, got []byte) {
	t.Helper()
	path = filepath.FromSlash(path)
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update if the change is intended):\n%s", filepath.ToSlash(path), Diff(string(want), string(got)))
	}
}

// Diff returns a short line diff of want and got: the first few lines that
// differ, with their line numbers.
func Diff(want, got string) string {
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			shown++
		}
	}
	if len(w) != len(g) {
		fmt.Fprintf(&b, "want %d lines, got %d\n", len(w), len(g))
	}
	return b.String()
}
