package build

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Write replaces the folder out with exactly files (slash-separated paths
// relative to out), atomically: the files are written to a new folder beside
// out, which then takes out's place. If anything fails, out is left exactly
// as it was. Files are written in sorted order through an [os.Root], so no
// path can escape the new folder.
func Write(ctx context.Context, out string, files map[string][]byte) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer root.Close()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !validPath(name) {
			return fmt.Errorf("build: refusing to write %q", name)
		}
		if dir := path.Dir(name); dir != "." {
			if err := root.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		if err := root.WriteFile(name, files[name], 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// Swap: out → old, tmp → out, then remove old.
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func validPath(name string) bool {
	return name != "" && cleanPath(name) && !strings.HasPrefix(name, "/")
}

// cleanPath reports whether name is a clean, relative, slash-separated path.
func cleanPath(name string) bool {
	if path.Clean(name) != name {
		return false
	}
	for _, elem := range strings.Split(name, "/") {
		if elem == ".." || elem == "." || elem == "" {
			return false
		}
	}
	return true
}
