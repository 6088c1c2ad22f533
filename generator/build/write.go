package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"reckon/generator/internal/pool"
)

// Write replaces the folder out with exactly files (slash-separated paths
// relative to out), atomically: the files are written to a new folder beside
// out, which then takes out's place. If anything fails, out is left exactly
// as it was. Files are written through an [os.Root], so no path can escape
// the new folder, on a few goroutines at once.
//
// Write refuses, with an [*OutError] and before touching anything, an out
// that is a file, holds .git or is a non-empty folder without [Marker]; the
// new folder gets the marker. Run checks the source folder too.
func Write(ctx context.Context, out string, files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if !validPath(name) {
			return fmt.Errorf("build: refusing to write %q", name)
		}
	}
	w, err := newWriter(out, "", hooks{})
	if err != nil {
		return err
	}
	q := w.queue()
	for _, name := range names {
		if err = ctx.Err(); err != nil {
			break
		}
		if err = q.add(name, files[name]); err != nil {
			break
		}
	}
	if werr := q.wait(); err == nil {
		err = werr
	}
	if err != nil {
		w.abort()
		return err
	}
	return w.commit()
}

// hooks let tests stop a build at a named point, to kill it there; the
// zero value does nothing.
type hooks struct {
	// pause, when set, is called at each point: "made" (the new folder
	// holds the marker and nothing else), "writing" (Run has handed over
	// some files), "written" (every file is written, before the swap),
	// "renamed" (between the two renames, when they are used) and
	// "swapped" (out is the new output, the old one not yet removed).
	pause func(point string)
	// rename makes the writer rename twice instead of exchanging the
	// folders in one step, as it does where that is not supported.
	rename bool
}

func (h hooks) at(point string) {
	if h.pause != nil {
		h.pause(point)
	}
}

// writers is how many goroutines write or remove files at once: that is
// mostly waiting on the kernel and the disk, so more than there are
// processors (removing 50,000 files on a 2-core machine once took 8.8 s
// with 4 goroutines and 2.0 s with 16, though disk timings vary widely).
func writers() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// A writer fills a new folder beside out that replaces out when the writer
// commits; it is safe for concurrent use until then. Files may be written
// in any order; a file written twice keeps the content written last.
type writer struct {
	name     string // out as it was given, for errors
	out, tmp string // resolved
	root     *os.Root
	hooks    hooks

	mu     sync.Mutex
	dirs   map[string]*dir // the folders made or being made, by path
	opened atomic.Int64    // folders opened by near
}

// dir is a folder of the new output, made once, and opened once when paths
// two levels below it are reached through it (see near).
type dir struct {
	made sync.Once
	err  error
	open sync.Once
	root *os.Root // nil until opened, or when not opened
}

// maxOpen is how many folders near keeps open at most.
const maxOpen = 256

// newWriter checks out against the output folder rule, with the source
// folder src ("" for none), cleans up what killed builds left beside it
// and makes the new folder, with the marker, making out's parent when
// needed.
func newWriter(out, src string, h hooks) (*writer, error) {
	real, err := checkOut(out, src)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tidy(real)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(real)+".new-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err == nil {
		err = root.WriteFile(Marker, []byte(markerText), 0o644)
		if err != nil {
			root.Close()
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	h.at("made")
	return &writer{name: out, out: real, tmp: tmp, root: root, hooks: h, dirs: map[string]*dir{}}, nil
}

// tidy removes what builds killed before they were done left beside out:
// folders named .OUT.new-* that hold the marker, part of it alone, or
// nothing. When out is
// absent because a build was killed between its two renames, the previous
// output, .OUT.new-*.old, is first put back in its place. Folders that
// hold anything but an output are left alone.
//
// Two builds into the same folder at once are not supported: one may take
// the other's new folder for a leftover and remove it, which fails that
// build (and destroys nothing else).
func tidy(out string) {
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+".new-"
	es, err := os.ReadDir(parent) // sorted by name
	if err != nil {
		return
	}
	_, err = os.Lstat(out)
	absent := errors.Is(err, fs.ErrNotExist)
	for _, e := range es {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if !isOutput(p) {
			removeUnfinished(p)
			continue
		}
		if absent && strings.HasSuffix(p, ".old") && os.Rename(p, out) == nil {
			absent = false
			continue
		}
		removeAll(p)
	}
}

// removeUnfinished removes the folder p when it is empty or holds only
// part of the marker, as a build killed while it made p leaves it.
func removeUnfinished(p string) {
	f, err := os.Open(p)
	if err != nil {
		return
	}
	names, _ := f.Readdirnames(2)
	f.Close()
	if len(names) == 1 && names[0] == Marker {
		m := filepath.Join(p, Marker)
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() >= int64(len(markerText)) {
			return
		}
		data, err := os.ReadFile(m)
		if err != nil || !strings.HasPrefix(markerText, string(data)) {
			return
		}
		os.Remove(m)
	}
	os.Remove(p) // only when empty
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
	root, rel := w.near(name)
	return root.WriteFile(rel, data, 0o644)
}

// near returns a folder from which to reach p, whose parent is made, and
// p's path from there. The folder is p's grandparent, kept open, so that
// each file costs the kernel one or two steps instead of the whole path;
// or else the new folder itself.
func (w *writer) near(p string) (*os.Root, string) {
	anchor := path.Dir(path.Dir(p))
	if anchor == "." {
		return w.root, p
	}
	w.mu.Lock()
	d := w.dirs[anchor] // made, as an ancestor of p
	w.mu.Unlock()
	d.open.Do(func() {
		if w.opened.Add(1) <= maxOpen {
			d.root, _ = w.root.OpenRoot(anchor) // on failure, the long way
		}
	})
	if d.root == nil {
		return w.root, p
	}
	return d.root, p[len(anchor)+1:]
}

// closeDirs closes the folders that near opened.
func (w *writer) closeDirs() {
	for _, d := range w.dirs {
		if d.root != nil {
			d.root.Close()
		}
	}
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
	d.made.Do(func() {
		if d.err = w.mkdir(path.Dir(p)); d.err != nil {
			return
		}
		root, rel := w.near(p)
		d.err = root.Mkdir(rel, 0o755)
	})
	return d.err
}

// A queue writes files on a few goroutines, so that whoever makes them
// does not wait for the disk; it holds a copy of at most a few dozen files.
// Files of the same name are written in the order they were added.
type queue struct {
	w    *writer
	jobs chan queued
	wg   sync.WaitGroup
	bufs sync.Pool // of *[]byte

	mu      sync.Mutex
	written *sync.Cond     // signalled when a write is done
	pending map[string]int // writes added and not done, by name
	err     error          // the first write that failed
}

type queued struct {
	name string
	buf  *[]byte
}

// maxPooled is the capacity above which a copy's buffer is not reused.
const maxPooled = 1 << 20

// queue starts the goroutines of a queue that writes with w.
func (w *writer) queue() *queue {
	q := &queue{w: w, jobs: make(chan queued, 64), pending: map[string]int{}}
	q.written = sync.NewCond(&q.mu)
	for range writers() {
		q.wg.Go(func() {
			for j := range q.jobs {
				var err error
				if q.error() == nil {
					err = w.write(j.name, *j.buf)
				}
				q.mu.Lock()
				if err != nil && q.err == nil {
					q.err = err
				}
				if q.pending[j.name]--; q.pending[j.name] == 0 {
					delete(q.pending, j.name)
				}
				q.written.Broadcast()
				q.mu.Unlock()
				if cap(*j.buf) <= maxPooled {
					q.bufs.Put(j.buf)
				}
			}
		})
	}
	return q
}

// add queues a copy of data, to be written as name, waiting while the
// queue is full. It returns the error of an earlier write, if one failed.
// It is safe for concurrent use, until wait.
func (q *queue) add(name string, data []byte) error {
	q.mu.Lock()
	for q.pending[name] > 0 && q.err == nil {
		q.written.Wait() // for the earlier write of name
	}
	err := q.err
	if err == nil {
		q.pending[name]++
	}
	q.mu.Unlock()
	if err != nil {
		return err
	}
	buf, ok := q.bufs.Get().(*[]byte)
	if !ok {
		buf = new([]byte)
	}
	*buf = append((*buf)[:0], data...)
	q.jobs <- queued{name, buf}
	return nil
}

func (q *queue) error() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// wait writes what is queued and returns the first error of a write.
func (q *queue) wait() error {
	close(q.jobs)
	q.wg.Wait()
	return q.error()
}

// abort removes the new folder; out is left as it was.
func (w *writer) abort() {
	w.closeDirs()
	w.root.Close()
	os.RemoveAll(w.tmp)
}

// commit puts the new folder in out's place and removes the old one. It
// checks again that out may be replaced. Where the file system can, the
// two folders are exchanged in one step; elsewhere out is renamed aside,
// then the new folder renamed to out: a build killed between the two
// leaves out absent and the old output as .OUT.new-*.old, which the next
// build puts back (see tidy) before it starts.
func (w *writer) commit() (err error) {
	defer func() {
		if err != nil {
			os.RemoveAll(w.tmp)
		}
	}()
	w.closeDirs()
	if err := w.root.Close(); err != nil {
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	w.hooks.at("written")
	if reason := replaceable(w.out); reason != "" {
		return &OutError{Out: w.name, Reason: reason, Hint: hintRemove}
	}
	if _, err := os.Lstat(w.out); err != nil {
		return os.Rename(w.tmp, w.out)
	}
	if !w.hooks.rename {
		ok, err := exchange(w.tmp, w.out)
		if err != nil {
			return err
		}
		if ok { // the old output is now in w.tmp
			w.hooks.at("swapped")
			removeAll(w.tmp)
			return nil
		}
	}
	old := w.tmp + ".old"
	if err := os.Rename(w.out, old); err != nil {
		return err
	}
	w.hooks.at("renamed")
	if err := os.Rename(w.tmp, w.out); err != nil {
		os.Rename(old, w.out)
		return err
	}
	w.hooks.at("swapped")
	removeAll(old)
	return nil
}

// removeAll removes the folder p and everything in it, on a few goroutines
// at once: the files, then the folders, deepest first, then the marker and
// p itself, so that a removal killed midway leaves a folder with the
// marker, or an empty one, which the next build removes (see tidy). Like
// the removal of a temporary folder, it does what it can and reports
// nothing.
func removeAll(p string) {
	var files []string
	var dirs [][]string // by depth below p
	marker := filepath.Join(p, Marker)
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || q == p || q == marker:
		case d.IsDir():
			depth := strings.Count(q[len(p):], string(filepath.Separator))
			for len(dirs) <= depth {
				dirs = append(dirs, nil)
			}
			dirs[depth] = append(dirs[depth], q)
		default:
			files = append(files, q)
		}
		return nil
	})
	removeEach(files)
	for _, level := range slices.Backward(dirs) {
		removeEach(level)
	}
	os.Remove(marker)
	os.RemoveAll(p) // whatever the walk could not see
}

// removeEach removes each of paths, on a few goroutines at once.
func removeEach(paths []string) {
	pool.EachOn(len(paths), writers(), func(i int) { os.Remove(paths[i]) })
}

// validPath reports whether name is a clean, relative, slash-separated path
// of a file, other than the marker.
func validPath(name string) bool { return fs.ValidPath(name) && name != "." && name != Marker }
