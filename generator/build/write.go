package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Write replaces the folder out with exactly files (slash-separated paths
// relative to out), atomically: the files are written to a new folder beside
// out, which then takes out's place. If anything fails, out is left exactly
// as it was. Files are written through an [os.Root], so no path can escape
// the new folder, on a few goroutines at once.
func Write(ctx context.Context, out string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if !validPath(name) {
			return fmt.Errorf("build: refusing to write %q", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	w, err := newWriter(out)
	if err != nil {
		return err
	}
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for range min(writers(), len(names)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(names) && !failed.Load(); i = int(next.Add(1) - 1) {
				if i%256 == 0 {
					if err := ctx.Err(); err != nil {
						errs[i] = err
						failed.Store(true)
						return
					}
				}
				if err := w.write(names[i], files[names[i]]); err != nil {
					errs[i] = err
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	// The first error in the order of names: every name before the one
	// that failed first was written.
	for _, err := range errs {
		if err != nil {
			w.abort()
			return err
		}
	}
	return w.commit()
}

// writers is how many goroutines write files at once: writing is mostly
// waiting on the kernel, so more than there are processors.
func writers() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// A writer fills a new folder beside out that replaces out when the writer
// commits; it is safe for concurrent use until then. Files may be written
// in any order; a file written twice keeps the content written last.
type writer struct {
	out, tmp string
	root     *os.Root

	mu   sync.Mutex
	dirs map[string]*dir // the folders made or being made, by path
}

// dir is a folder of the new output, made once.
type dir struct {
	once sync.Once
	err  error
}

// newWriter makes the new folder beside out, making out's parent when
// needed.
func newWriter(out string) (*writer, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &writer{out: out, tmp: tmp, root: root, dirs: map[string]*dir{}}, nil
}

// write writes one file, name being a clean, relative, slash-separated
// path, making its folders as needed.
func (w *writer) write(name string, data []byte) error {
	if !validPath(name) {
		return fmt.Errorf("build: refusing to write %q", name)
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return w.root.WriteFile(name, data, 0o644)
}

// mkdir makes the folder p and its parents, each once.
func (w *writer) mkdir(p string) error {
	if p == "." {
		return nil
	}
	w.mu.Lock()
	d, ok := w.dirs[p]
	if !ok {
		d = &dir{}
		w.dirs[p] = d
	}
	w.mu.Unlock()
	d.once.Do(func() {
		if d.err = w.mkdir(path.Dir(p)); d.err != nil {
			return
		}
		d.err = w.root.Mkdir(p, 0o755)
	})
	return d.err
}

// abort removes the new folder; out is left as it was.
func (w *writer) abort() {
	w.root.Close()
	os.RemoveAll(w.tmp)
}

// commit puts the new folder in out's place and removes the old one.
func (w *writer) commit() (err error) {
	defer func() {
		if err != nil {
			os.RemoveAll(w.tmp)
		}
	}()
	if err := w.root.Close(); err != nil {
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	// Swap: out → old, tmp → out, then remove old.
	old := ""
	if _, err := os.Lstat(w.out); err == nil {
		old = w.tmp + ".old"
		if err := os.Rename(w.out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(w.tmp, w.out); err != nil {
		if old != "" {
			os.Rename(old, w.out)
		}
		return err
	}
	if old != "" {
		removeAll(old)
	}
	return nil
}

// removeAll removes the folder p and everything in it, removing files on a
// few goroutines at once; it does what it can and reports nothing, like the
// removal of a temporary folder.
func removeAll(p string) {
	var files, dirs []string
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.IsDir():
			dirs = append(dirs, q)
		default:
			files = append(files, q)
		}
		return nil
	})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(writers(), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				os.Remove(files[i])
			}
		})
	}
	wg.Wait()
	// Folders after their contents: the walk lists a folder before them.
	for _, d := range slices.Backward(dirs) {
		os.Remove(d)
	}
	os.RemoveAll(p) // whatever the walk could not see
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
