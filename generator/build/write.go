package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"reckon/generator/card"
	"reckon/generator/internal/pool"
)

// Write makes the folder out hold files (slash-separated paths relative to
// out), as a build does (see [Run]): over an earlier output, it writes only
// the files whose content changed, each to a new folder beside out first,
// and, once every file is written, moves them into out and removes the
// files the earlier output listed and files does not hold. If anything
// fails before that, out is left exactly as it was. Files are written from
// a few goroutines at once, each relative to its folder, opened once.
//
// Write refuses, with an [*OutError] and before touching anything, an out
// that is a file, holds .git or is a non-empty folder without [Marker]; it
// writes the marker and the [Manifest]. Run checks the source folder too.
func Write(ctx context.Context, out string, files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if !validPath(name) {
			return refusing(name)
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

func refusing(name string) error { return fmt.Errorf("build: refusing to write %q", name) }

// hooks let tests stop a build at a named point, to kill it there; the
// zero value does nothing.
type hooks struct {
	// pause, when set, is called at each point: "made" (the new folder
	// beside out holds the marker and nothing else; or, writing straight
	// into an absent or empty out, out holds the marker), "writing" (Run
	// has handed over some files), "written" (every file is written,
	// before out is touched), "listed" (the manifest lists the old files
	// and the new ones, out is otherwise untouched), "moving" (half of the
	// changed files are in out), "moved" (all of them are, the files no
	// longer made are not yet removed) and "done" (the manifest is the
	// new one, the folder beside out not yet removed).
	pause func(point string)
	// card, when set, is told of each card of the build, by output path,
	// and whether it was reused or is drawn.
	card func(name string, reused bool)
	// page, when set, is told of each page Run asks the earlier output
	// for, by output path, and whether it was reused or is rendered.
	page func(name string, reused bool)
	// program, when set, is the key of the program in program's place.
	program func() ([sha256.Size]byte, bool)
	// keepNone has Run keep no topic of the earlier output whole, nor
	// find it up to date (see [State]), as if it had no state, for tests
	// of what it reuses file by file.
	keepNone bool
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

// A writer brings an output folder up to date. Over an earlier output, the
// files whose content changed (or is unknown) are written into a new folder
// beside out, flat, under numbers; commit then moves each over its old
// version, one rename each, and removes the files no longer made. Into an
// absent or empty out, files are written straight in. Files may be written
// in any order; a file written twice keeps the content written last.
type writer struct {
	name  string // out as it was given, for errors
	out   string // resolved
	hooks hooks

	// direct is set when out was absent or empty: files go straight in,
	// through outs, which makes their folders; created, when it was absent.
	direct, created bool
	top             dirFD    // out
	outs            *folders // out's folders
	prev            map[string]entry
	prevKeys        map[string]fileKey // of the files among prev that have one
	prevDirs        []string           // when prev is every file found in out: its folders
	// listedAt are the times of the manifest that listed prev (see
	// stamp); none when they are not known.
	listedAt stamp
	reread   atomic.Int64 // the files readListed read

	stage   string // the new folder beside out, when not direct
	stageFD dirFD
	seq     atomic.Int64

	mu     sync.Mutex
	next   map[string]entry   // every file of the new output
	dirs   map[string]bool    // the folders of the new output
	staged map[string]string  // the changed files: name in stage, by path
	keys   map[string]fileKey // of the cards and pages of the new output (see reuse)
	// unkeyed are the files asked for twice by reuse, or added twice: as
	// two makers' of one name may be, they are listed without a key.
	unkeyed map[string]bool
	// damaged are the cards and pages that out does not hold as the
	// manifest lists them, which are written again whatever their size.
	damaged map[string]bool
	// read are the files reuse read back from out, with their entry, so
	// that add does not hash them again; until add takes each.
	read map[string]readBack
	// readBufs are the buffers reuse reads files into, which add hands
	// back once it took the file: the caller of reuse keeps no file after
	// it added it.
	readBufs sync.Pool // of *[]byte
	// Written and Removed count the files written into or moved into out,
	// and the files removed from it.
	written, removed int
	// state is the content of the [State] file that commit writes last;
	// nil: it leaves none. prevState is the content of the one out held
	// (see readState).
	state     []byte
	prevState []byte
}

// newWriter checks out against the output folder rule, with the source
// folder src ("" for none), cleans up what killed builds left beside it and
// gets ready to write: it reads what the earlier output holds and makes the
// new folder beside out, with the marker; or, when out is absent or empty,
// makes out (and its parents) and writes the marker in it.
func newWriter(out, src string, h hooks) (w *writer, err error) {
	real, err := checkOut(out, src)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tidy(real)
	w = &writer{name: out, out: real, hooks: h, next: map[string]entry{}, dirs: map[string]bool{}, staged: map[string]string{}, keys: map[string]fileKey{}, unkeyed: map[string]bool{}, damaged: map[string]bool{}, read: map[string]readBack{}}
	if isOutput(real) {
		listedAt := stampAt(filepath.Join(real, Manifest)) // before it is read
		w.prev, w.prevKeys, w.prevDirs = previous(real)
		if w.prevKeys != nil { // read from the manifest
			w.listedAt = listedAt
		}
	} else {
		w.direct = true
		switch err := os.Mkdir(real, 0o755); {
		case err == nil:
			w.created = true
		case !errors.Is(err, fs.ErrExist):
			return nil, err
		}
	}
	if w.top, err = openTop(real); err != nil {
		if w.created {
			os.Remove(real)
		}
		return nil, err
	}
	defer func() {
		if err != nil {
			w.top.close()
			if w.created {
				os.Remove(real)
			}
		}
	}()
	w.outs = newFolders(out, w.top, w.direct)
	if w.direct {
		if err := w.top.writeFile(Marker, []byte(markerText)); err != nil {
			return nil, &fsError{op: "write", path: filepath.Join(out, Marker), err: err}
		}
		h.at("made")
		return w, nil
	}
	w.stage, err = os.MkdirTemp(parent, "."+filepath.Base(real)+".new-")
	if err != nil {
		return nil, err
	}
	if w.stageFD, err = openTop(w.stage); err == nil {
		if err = w.stageFD.writeFile(Marker, []byte(markerText)); err != nil {
			w.stageFD.close()
		}
	}
	if err != nil {
		os.RemoveAll(w.stage)
		return nil, err
	}
	h.at("made")
	return w, nil
}

// tidy removes what builds killed before they were done left beside out:
// folders named .OUT.new-* that hold the marker, part of it alone, or
// nothing. When out is absent because a build of an earlier version of
// Reckon, which swapped whole folders, was killed between its two renames,
// the previous output, .OUT.new-*.old, is first put back in its place.
// Folders that hold anything but an output are left alone.
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

// A queue writes files on a few goroutines, so that whoever makes them
// does not wait for the disk; it holds a copy of at most a few dozen files.
// Files of the same name are written in the order they were added.
type queue struct {
	w    *writer
	jobs chan queued
	wg   sync.WaitGroup
	bufs *pool.Buffers // of the copies

	mu      sync.Mutex
	written *sync.Cond     // signalled when a write is done
	pending map[string]int // writes added and not done, by name
	err     error          // the first write that failed
}

type queued struct {
	name  string
	buf   *[]byte
	given bool // buf is the caller's data, not a copy in one of bufs
}

// maxPooled is the capacity above which a copy's buffer is not reused,
// and maxHeld that of all the buffers kept for reuse.
const (
	maxPooled = 1 << 20
	maxHeld   = 16 << 20
)

// queue starts the goroutines of a queue that writes with w.
func (w *writer) queue() *queue {
	q := &queue{w: w, jobs: make(chan queued, 64), pending: map[string]int{}, bufs: pool.NewBuffers(maxHeld, maxPooled)}
	q.written = sync.NewCond(&q.mu)
	for range writers() {
		q.wg.Go(func() {
			for j := range q.jobs {
				var err error
				staged := ""
				if q.error() == nil {
					staged, err = w.write(j.name, *j.buf)
				}
				q.mu.Lock()
				if err != nil && q.err == nil {
					q.err = err
				}
				if err == nil && staged != "" {
					w.mu.Lock()
					w.staged[j.name] = staged
					w.mu.Unlock()
				}
				if q.pending[j.name]--; q.pending[j.name] == 0 {
					delete(q.pending, j.name)
				}
				q.written.Broadcast()
				q.mu.Unlock()
				if !j.given {
					q.bufs.Put(j.buf)
				}
			}
		})
	}
	return q
}

// add queues a copy of data, to be written as name, waiting while the
// queue is full; unless data is what the earlier output holds as name,
// which is then kept as it is. It returns the error of an earlier write,
// if one failed. It is safe for concurrent use, until wait.
func (q *queue) add(name string, data []byte) error { return q.put(name, data, false) }

// give is add for data that the caller is done with: it is queued as it
// is, not copied (a site's claims.json may be a hundred megabytes), and
// must not be used again.
func (q *queue) give(name string, data []byte) error { return q.put(name, data, true) }

func (q *queue) put(name string, data []byte, given bool) error {
	if !validPath(name) {
		return refusing(name)
	}
	e, read := q.w.digestOf(name, data)
	if read != nil {
		given = false                // the buffer is the writer's
		defer q.w.readBufs.Put(read) // once data is copied, or not needed
	}
	same := q.w.unchanged(name, e, read != nil)
	q.mu.Lock()
	for q.pending[name] > 0 && q.err == nil {
		q.written.Wait() // for the earlier write of name
	}
	err := q.err
	if err == nil {
		q.w.mu.Lock()
		if err = q.w.place(name); err == nil {
			if _, twice := q.w.next[name]; twice {
				q.w.unkey(name)
			}
			q.w.next[name] = e
			delete(q.w.staged, name) // an earlier version, now replaced
		}
		q.w.mu.Unlock()
	}
	if err == nil && !same {
		q.pending[name]++
	}
	q.mu.Unlock()
	if err != nil || same {
		return err
	}
	buf := &data
	if !given {
		buf = q.bufs.Get(len(data))
		*buf = append(*buf, data...)
	}
	q.jobs <- queued{name, buf, given}
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

// place records that name is a file of the new output and its parents
// folders, or returns an error when one of them is to be a file and a
// folder both. It is called with w.mu held.
func (w *writer) place(name string) error {
	if w.dirs[name] {
		return fmt.Errorf("build: refusing to write %q as a file and as a folder", name)
	}
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		if _, ok := w.next[d]; ok {
			return fmt.Errorf("build: refusing to write %q as a file and as a folder", d)
		}
	}
	for d := path.Dir(name); d != "." && !w.dirs[d]; d = path.Dir(d) {
		w.dirs[d] = true
	}
	return nil
}

// unchanged reports whether out holds a file name of entry e that the
// earlier build wrote: its manifest lists it with the same hash and size,
// and it is there, a regular file of that size; a page or card, unless
// read is set (data is what reuse just read back from it, of that hash),
// one that is untouched or, read, of that hash.
func (w *writer) unchanged(name string, e entry, read bool) bool {
	if w.direct {
		return false
	}
	old, ok := w.prev[name]
	if !ok || !old.known || old != e {
		return false
	}
	w.mu.Lock()
	damaged := w.damaged[name]
	w.mu.Unlock()
	if damaged {
		return false
	}
	if keyed(name) && !read {
		return w.checked(name, e)
	}
	dir, release, err := w.outs.acquire(path.Dir(name))
	if err != nil {
		return false
	}
	defer release()
	size, kind, err := dir.size(path.Base(name))
	return err == nil && kind == regular && size == e.size
}

// readBack is a file that reuse read back, checked against its entry.
type readBack struct {
	data *byte // the first byte of what reuse returned
	e    entry
	buf  *[]byte // what it was read into
}

// digestOf returns the entry of data as the file name: the one reuse
// checked when data is what it returned for name, with the buffer it read
// data into, to hand back (see readBufs) once add is done with data; nil
// otherwise.
func (w *writer) digestOf(name string, data []byte) (entry, *[]byte) {
	w.mu.Lock()
	rc, ok := w.read[name]
	delete(w.read, name) // which would keep the file's bytes
	w.mu.Unlock()
	if ok && len(data) > 0 && rc.data == &data[0] && int64(len(data)) == rc.e.size {
		return rc.e, rc.buf
	}
	return digest(data), nil
}

// maxReused is the size above which a file of the earlier output is not
// read again, but made: a card is some 50 kB, a claim's page some 60 kB.
const maxReused = 16 << 20

// cached is reuse for the card name of key k.
func (w *writer) cached(name string, k card.Key) []byte { return w.reuse(name, fileKey(k)) }

// reuse records that the file name of the new output, a card or a page,
// has the key k, and returns the file of the earlier output when it is
// that file: the manifest lists it with key k, and out holds it, a
// regular file (not a link) of the listed size and hash, which it reads.
// Otherwise it returns nil, and the file is to be made; when out holds
// something else under its name, the file made is written whatever that
// is. A file asked for twice is listed without a key, and made the second
// time. It is safe for concurrent use.
func (w *writer) reuse(name string, k fileKey) []byte {
	w.mu.Lock()
	_, twice := w.keys[name]
	if twice || w.unkeyed[name] {
		w.unkey(name)
	} else {
		w.keys[name] = k
	}
	w.mu.Unlock()
	old, ok := w.prev[name]
	if pk, keyed := w.prevKeys[name]; twice || w.direct || !ok || !old.known || !keyed || pk != k {
		return nil
	}
	data, buf, same := w.readListed(name, old)
	if !same {
		if buf != nil {
			w.readBufs.Put(buf)
		}
		w.mu.Lock()
		w.damaged[name] = true
		w.mu.Unlock()
		return nil
	}
	if len(data) > 0 {
		w.mu.Lock()
		w.read[name] = readBack{&data[0], old, buf}
		w.mu.Unlock()
	}
	return data
}

// A stamp is the times the kernel keeps of a file, in nanoseconds since
// 1970: its change time (ctime), which the kernel sets to the time of day
// whenever the file is written, renamed or linked, and which no program
// can set back; and its modification time (mtime), which a program can set
// but which a copy that keeps it (cp -a, rsync -a, tar) keeps. The zero
// stamp is none.
type stamp struct{ change, modify int64 }

// settle is how much older than the manifest's a file's times must be for
// untouched to take it as the last build left it: more than a tick of the
// clock that the kernel stamps files with (at most 10 ms), so that a
// change made in the tick that the manifest was written in is not taken
// for one made before.
const settle = 50 * time.Millisecond

// before reports whether both times of t are older than those of m, the
// manifest's, by more than settle.
func (t stamp) before(m stamp) bool {
	return t.change != 0 && t.change < m.change-int64(settle) && t.modify < m.modify-int64(settle)
}

// untouched reports whether out holds the file name of the earlier
// output, of entry e, as the last build left it, without reading it: a
// regular file of the listed size whose change and modification times are
// older than the manifest's. A build writes the manifest after every file
// it writes, so that a file written, renamed, linked or changed in any way
// since has a newer change time; and a copy of the whole output keeps a
// file changed by hand after the manifest newer by its modification time,
// when it keeps those. Only a change made while a build runs, with the
// system clock set back, or before a copy that sets every time anew (cp
// -r), can go unseen. Where change times are not known, no file is
// untouched.
func (w *writer) untouched(name string, e entry) bool {
	if w.listedAt.change == 0 || w.direct || !e.known {
		return false
	}
	size, kind, t, err := w.outs.stat(name)
	return err == nil && kind == regular && size == e.size && t.before(w.listedAt)
}

// checked reports whether out holds the page or card name of the earlier
// output, of entry e, as listed: untouched, or else read back and of e's
// size and hash.
func (w *writer) checked(name string, e entry) bool {
	if w.untouched(name, e) {
		return true
	}
	_, buf, ok := w.readListed(name, e)
	if buf != nil {
		w.readBufs.Put(buf)
	}
	return ok
}

// readListed reads the file name of out, of entry e in the earlier
// manifest, into a buffer of w.readBufs, and reports whether it is a
// regular file of e's size and hash (one larger than maxReused is not
// read). It returns the buffer to hand back, holding data, or nil when
// data is too large to pool.
func (w *writer) readListed(name string, e entry) ([]byte, *[]byte, bool) {
	if e.size > maxReused {
		return nil, nil, false
	}
	buf, ok := w.readBufs.Get().(*[]byte)
	if !ok {
		buf = new([]byte)
	}
	w.reread.Add(1)
	data, err := w.outs.readFile(*buf, name, e.size)
	if cap(data) <= maxPooled {
		*buf = data[:0]
	} else {
		buf = nil
	}
	return data, buf, err == nil && digest(data) == e
}

// write writes one file: straight into out, or into the new folder beside
// it, under a new number, which it returns.
func (w *writer) write(name string, data []byte) (string, error) {
	if !w.direct {
		staged := strconv.FormatInt(w.seq.Add(1), 10)
		if err := w.stageFD.writeFile(staged, data); err != nil {
			return "", &fsError{op: "write", path: filepath.Join(w.stage, staged), err: err}
		}
		return staged, nil
	}
	return "", w.outs.writeFile(name, data)
}

// abort undoes what the writer did: it removes the new folder beside out;
// writing straight in, it removes the files and folders it wrote, and
// out itself when it made it. Out is left as it was.
func (w *writer) abort() {
	if !w.direct {
		w.outs.close()
		w.top.close()
		w.stageFD.close()
		os.RemoveAll(w.stage)
		return
	}
	for name := range w.next {
		if dir, release, err := w.outs.acquire(path.Dir(name)); err == nil {
			dir.remove(path.Base(name))
			release()
		}
	}
	made := w.outs.made()
	w.outs.close()
	for _, p := range made {
		os.Remove(filepath.Join(w.out, filepath.FromSlash(p)))
	}
	w.top.remove(Marker)
	w.top.close()
	if w.created {
		os.Remove(w.out)
	}
}

// commit finishes the output. Writing straight in, it writes the manifest.
// Otherwise it first checks again that out may be replaced; then, when
// anything changed, it writes a manifest that lists the old files and the
// new ones (those being replaced as unknown), moves each changed file into
// out over its old version, removes the files no longer made and the
// folders that leaves empty, and writes the new manifest. A build killed
// meanwhile leaves every file of out whole, the old version or the new,
// and the manifest lists every file that Reckon wrote there, so the next
// build removes what it no longer makes.
func (w *writer) commit() (err error) {
	if w.direct {
		defer w.top.close()
		w.outs.close()
		w.hooks.at("written")
		w.written = len(w.next)
		if err := w.writeManifest(w.next, w.keys); err != nil {
			return err
		}
		w.writeState()
		return nil
	}
	defer func() {
		w.top.close()
		w.stageFD.close()
		removeAll(w.stage)
	}()
	w.outs.close()
	w.hooks.at("written")
	if reason := replaceable(w.out); reason != "" {
		return &OutError{Out: w.name, Reason: reason, Hint: hintRemove}
	}
	var gone []string
	for name := range w.prev {
		if _, ok := w.next[name]; !ok {
			gone = append(gone, name)
		}
	}
	slices.Sort(gone)
	changed := slices.Sorted(maps.Keys(w.staged))
	w.top.remove(manifestTemp) // left by a build killed while writing it
	if len(changed) == 0 && len(gone) == 0 && len(w.prevDirs) == 0 && hasMarker(w.out) && maps.Equal(w.keys, w.prevKeys) {
		w.writeState() // out is up to date
		return nil
	}
	listed := maps.Clone(w.prev)
	listedKeys := maps.Clone(w.prevKeys) // those of the files unknown are left out
	if listedKeys == nil {
		listedKeys = map[string]fileKey{}
	}
	for name, e := range w.next {
		if _, ok := w.staged[name]; ok {
			e = entry{}
		}
		listed[name] = e
		if k, ok := w.keys[name]; ok {
			listedKeys[name] = k
		} else {
			delete(listedKeys, name)
		}
	}
	if err := w.obstacles(changed); err != nil {
		return err
	}
	w.top.remove(State) // first: it describes the output only once that is whole
	w.prevState = nil
	if err := w.writeManifest(listed, listedKeys); err != nil {
		return err
	}
	if !hasMarker(w.out) { // an earlier version's
		if err := w.replace(Marker, []byte(markerText)); err != nil {
			return err
		}
	}
	w.hooks.at("listed")
	removeFirst := clashes(gone, changed)
	if removeFirst {
		w.removeGone(gone)
	}
	outs := newFolders(w.name, w.top, true)
	half := len(changed) / 2
	err = w.moveIn(outs, changed[:half])
	if err == nil {
		w.hooks.at("moving")
		err = w.moveIn(outs, changed[half:])
	}
	outs.close()
	if err != nil {
		return err
	}
	w.written = len(changed)
	w.hooks.at("moved")
	if !removeFirst {
		w.removeGone(gone)
	}
	if err := w.writeManifest(w.next, w.keys); err != nil {
		return err
	}
	w.writeState()
	w.hooks.at("done")
	return nil
}

// writeState writes w.state as the [State] file of out, or removes it
// when w.state is nil. It reports nothing: without the file, the next
// build makes every topic again.
func (w *writer) writeState() {
	data := w.state
	switch {
	case data == nil:
		w.top.remove(State)
	case w.prevState != nil && bytes.Equal(data, w.prevState):
		// As out holds it.
	case w.replace(State, data) != nil:
		w.top.remove(State)
	}
}

// obstacles returns an error when something that Reckon did not write is
// in the way of a changed file: a folder in its place, or a file, a link or
// anything but a folder in the place of one of its folders.
func (w *writer) obstacles(changed []string) error {
	outs := newFolders(w.name, w.top, false)
	defer outs.close()
	names := slices.Sorted(maps.Keys(w.prev))
	errs := make([]error, len(changed))
	pool.EachOn(len(changed), writers(), func(i int) {
		name := changed[i]
		dir, release, err := outs.acquire(path.Dir(name))
		if err != nil {
			fe, ok := errors.AsType[*fsError](err)
			if errors.Is(err, fs.ErrNotExist) || ok && w.hasPrev(fe.rel) {
				return // made, or a file of the earlier output, removed first
			}
			errs[i] = err
			return
		}
		defer release()
		if _, kind, err := dir.size(path.Base(name)); err == nil && kind == folder {
			// Only the files of the earlier output in it are removed first.
			j, _ := slices.BinarySearch(names, name+"/")
			if j == len(names) || !strings.HasPrefix(names[j], name+"/") {
				errs[i] = outs.err("write", name, errors.New("a folder that reckon did not make is in the way"))
			}
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) hasPrev(name string) bool { _, ok := w.prev[name]; return ok }

// clashes reports whether a file that is gone lies where a changed file
// makes a folder, or the other way round: then the old files must go
// first.
func clashes(gone, changed []string) bool {
	dirs := map[string]bool{}
	for _, names := range [][]string{gone, changed} {
		for _, name := range names {
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				dirs[d] = true
			}
		}
	}
	for _, names := range [][]string{gone, changed} {
		for _, name := range names {
			if dirs[name] {
				return true
			}
		}
	}
	return false
}

// moveIn moves the staged files names into out, over their old versions.
func (w *writer) moveIn(outs *folders, names []string) error {
	errs := make([]error, len(names))
	pool.EachOn(len(names), writers(), func(i int) {
		name := names[i]
		dir, release, err := outs.acquire(path.Dir(name))
		if err != nil {
			errs[i] = err
			return
		}
		defer release()
		if err := w.stageFD.rename(w.staged[name], dir, path.Base(name)); err != nil {
			errs[i] = outs.err("write", name, err)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removeGone removes the files names from out, then the folders of out
// that held them (and, when the earlier output had no manifest, all its
// folders) and that are left empty and hold no file of the new output. A
// file that is not there, or a folder that is not empty, is left.
func (w *writer) removeGone(names []string) {
	outs := newFolders(w.name, w.top, false)
	defer outs.close()
	var removed atomic.Int64
	pool.EachOn(len(names), writers(), func(i int) {
		if dir, release, err := outs.acquire(path.Dir(names[i])); err == nil {
			if dir.remove(path.Base(names[i])) == nil {
				removed.Add(1)
			}
			release()
		}
	})
	w.removed = int(removed.Load())
	keep := map[string]bool{}
	for name := range w.next {
		for d := path.Dir(name); d != "." && !keep[d]; d = path.Dir(d) {
			keep[d] = true
		}
	}
	empty := map[string]bool{}
	for _, name := range names {
		for d := path.Dir(name); d != "." && !keep[d] && !empty[d]; d = path.Dir(d) {
			empty[d] = true
		}
	}
	for _, d := range w.prevDirs {
		if !keep[d] {
			empty[d] = true
		}
	}
	for _, d := range deepestFirst(slices.Collect(maps.Keys(empty))) {
		if dir, release, err := outs.acquire(path.Dir(d)); err == nil {
			dir.rmdir(path.Base(d))
			release()
		}
	}
}

// unkey lists the file name without a key, whatever it is asked for
// later. It is called with w.mu held.
func (w *writer) unkey(name string) {
	delete(w.keys, name)
	w.unkeyed[name] = true
}

// writeManifest writes the manifest of files, with the keys of those among
// them that have one, into out.
func (w *writer) writeManifest(files map[string]entry, keys map[string]fileKey) error {
	return w.replace(Manifest, formatManifest(files, keys))
}

// replace writes data as the file name at the top of out, whole: under
// another name first, then renamed into place.
func (w *writer) replace(name string, data []byte) error {
	if err := w.top.writeFile(manifestTemp, data); err != nil {
		return &fsError{op: "write", path: filepath.Join(w.name, manifestTemp), err: err}
	}
	if err := w.top.rename(manifestTemp, w.top, name); err != nil {
		return &fsError{op: "write", path: filepath.Join(w.name, name), err: err}
	}
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
// of a file, other than the marker and the manifest, that a manifest can
// list (no line breaks).
func validPath(name string) bool {
	return fs.ValidPath(name) && name != "." && name != Marker && name != Manifest && name != manifestTemp && name != State &&
		!strings.ContainsAny(name, "\n\r")
}
