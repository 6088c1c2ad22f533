package build

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// folders opens the folders below one folder, each once, from its parent,
// and, when make is set, makes those that are missing, each once: so that
// writing a file costs the kernel one step, not a walk of its path. It is
// safe for concurrent use.
//
// Where the kernel opens a path below a folder in one call, through no
// link (see belowOK), a folder is kept open only once a folder is made in
// it, and a file is opened from the nearest folder kept, in one call: so
// that the many folders that hold one page cost no call to open or close.
// Elsewhere, the first folders used are kept open, and the others opened
// from their parent each time they are used.
type folders struct {
	name string // the top folder's path, for errors
	top  dirFD
	make bool

	mu     sync.Mutex
	m      map[string]*openFolder // by slash-separated path
	opened atomic.Int64
}

type openFolder struct {
	once   sync.Once
	madeIt bool // made by this folders
	err    error

	mu   sync.Mutex  // held to keep it
	kept atomic.Bool // fd is open until close
	fd   dirFD       // set before kept
}

// maxOpen is how many folders a folders keeps open at most, a quarter of
// the open files the process may have (see openLimit); the others are
// opened, from their parent, each time they are used.
var maxOpen = sync.OnceValue(func() int64 { return int64(min(max(openLimit()/4, 64), 1<<16)) })

// noBelow, set by tests, makes folders open the folders of a path one at
// a time, as where the kernel cannot open it in one call.
var noBelow bool

var errNoBelow = errors.New("no call opens a path below a folder")

func newFolders(name string, top dirFD, make bool) *folders {
	return &folders{name: name, top: top, make: make, m: map[string]*openFolder{}}
}

// err returns the error err of op on p, with p's whole path.
func (fo *folders) err(op, p string, err error) error {
	return &fsError{op, filepath.Join(fo.name, filepath.FromSlash(p)), p, err}
}

func nop() {}

// kind is what a name in a folder is.
type kind int

const (
	other kind = iota // a link, or anything but a file or a folder
	regular
	folder
)

var (
	errNotFolder = syscall.ENOTDIR // as opening a link or a file as a folder fails

	errNotSame = errors.New("not the file the manifest lists")
)

// entry returns the folder p, not ".", made and checked when this is the
// first time it is asked for.
func (fo *folders) entry(p string) *openFolder {
	fo.mu.Lock()
	f := fo.m[p]
	if f == nil {
		f = &openFolder{}
		fo.m[p] = f
	}
	fo.mu.Unlock()
	f.once.Do(func() { fo.first(p, f) })
	return f
}

// acquire returns the folder p ("." for the top one), made if need be,
// and a function to call when done with it.
func (fo *folders) acquire(p string) (dirFD, func(), error) {
	if p == "." {
		return fo.top, nop, nil
	}
	f := fo.entry(p)
	if f.err != nil {
		return f.fd, nil, f.err
	}
	if f.kept.Load() {
		return f.fd, nop, nil
	}
	return fo.open(p)
}

// open opens the folder p, which is not kept, from the nearest folder
// kept: in one call, or from its parent.
func (fo *folders) open(p string) (dirFD, func(), error) {
	if belowOK() {
		at, rel := fo.keptAbove(p)
		fd, err := at.openDirBelow(rel)
		if err == nil {
			return fd, func() { fd.close() }, nil
		}
		if !errors.Is(err, errNoBelow) {
			return fd, nil, fo.err("open", p, err)
		}
	}
	parent, release, err := fo.acquire(path.Dir(p))
	if err != nil {
		return parent, nil, err
	}
	defer release()
	fd, err := parent.openDir(path.Base(p))
	if err != nil {
		return fd, nil, fo.err("open", p, err)
	}
	return fd, func() { fd.close() }, nil
}

// keptAbove returns the nearest folder kept open above name, a path below
// the top folder, and name's path below it.
func (fo *folders) keptAbove(name string) (dirFD, string) {
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		fo.mu.Lock()
		f := fo.m[d]
		fo.mu.Unlock()
		if f != nil && f.kept.Load() {
			return f.fd, name[len(d)+1:]
		}
	}
	return fo.top, name
}

// parent is acquire for the folder p, in which a folder is to be made:
// it is kept open from then on, while fewer than maxOpen are.
func (fo *folders) parent(p string) (dirFD, func(), error) {
	if p == "." || !belowOK() {
		return fo.acquire(p)
	}
	f := fo.entry(p)
	if f.err != nil || f.kept.Load() {
		return fo.acquire(p)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.kept.Load() || fo.opened.Load() >= maxOpen() {
		return fo.acquire(p)
	}
	fd, _, err := fo.open(p)
	if err != nil {
		return fd, nil, err
	}
	fo.opened.Add(1)
	f.fd = fd
	f.kept.Store(true)
	return fd, nop, nil
}

// first makes the folder p when it should, and checks that it is one.
// Where belowOK, a folder is not opened for that; elsewhere, it is opened
// and kept open while fewer than maxOpen are.
func (fo *folders) first(p string, f *openFolder) {
	parent, release, err := fo.parent(path.Dir(p))
	if err != nil {
		f.err = err
		return
	}
	defer release()
	base := path.Base(p)
	if fo.make {
		switch err := parent.mkdir(base); {
		case err == nil:
			f.madeIt = true
		case !errors.Is(err, fs.ErrExist):
			f.err = fo.err("mkdir", p, err)
			return
		}
	}
	below := belowOK()
	if f.madeIt && below {
		return // a folder, as made
	}
	if below || fo.opened.Add(1) > maxOpen() {
		if _, kind, err := parent.size(base); err != nil || kind != folder {
			if err == nil {
				err = errNotFolder
			}
			f.err = fo.err("open", p, err)
		}
		return
	}
	if f.fd, err = parent.openDir(base); err != nil {
		f.err = fo.err("open", p, err)
		return
	}
	f.kept.Store(true)
}

// below returns, for the file name, a path below the top folder, the
// nearest folder kept open above it and its path below that, when it is
// to be opened from there in one call: where belowOK, and its own folder
// is not kept open. Its folders are made and checked first.
func (fo *folders) below(name string) (at dirFD, rel string, ok bool, err error) {
	dir := path.Dir(name)
	if dir == "." || !belowOK() {
		return at, "", false, nil
	}
	f := fo.entry(dir)
	if f.err != nil || f.kept.Load() {
		return at, "", false, f.err
	}
	at, rel = fo.keptAbove(name)
	return at, rel, true, nil
}

// writeFile writes data as the file name, a path below the top folder,
// making its folders if need be: from the nearest folder kept, in one
// call, when its own folder is not kept.
func (fo *folders) writeFile(name string, data []byte) error {
	at, rel, ok, err := fo.below(name)
	if err != nil {
		return err
	}
	if ok {
		if err := at.writeFileBelow(rel, data); !errors.Is(err, errNoBelow) {
			if err != nil {
				return fo.err("write", name, err)
			}
			return nil
		}
	}
	d, release, err := fo.acquire(path.Dir(name))
	if err != nil {
		return err
	}
	defer release()
	if err := d.writeFile(path.Base(name), data); err != nil {
		return fo.err("write", name, err)
	}
	return nil
}

// readFile returns the content of the file name, a path below the top
// folder, as dirFD.readFile does.
func (fo *folders) readFile(buf []byte, name string, size int64) ([]byte, error) {
	if at, rel, ok, err := fo.below(name); err == nil && ok {
		if data, err := at.readFileBelow(buf, rel, size); !errors.Is(err, errNoBelow) {
			return data, err
		}
	}
	d, release, err := fo.acquire(path.Dir(name))
	if err != nil {
		return nil, err
	}
	defer release()
	return d.readFile(buf, path.Base(name), size)
}

// stat returns the size, kind and times of name, a path below the top
// folder, as dirFD.stat does.
func (fo *folders) stat(name string) (int64, kind, stamp, error) {
	if at, rel, ok, err := fo.below(name); err == nil && ok {
		if size, k, times, err := at.statBelow(rel); !errors.Is(err, errNoBelow) {
			return size, k, times, err
		}
	}
	d, release, err := fo.acquire(path.Dir(name))
	if err != nil {
		return 0, other, stamp{}, err
	}
	defer release()
	return d.stat(path.Base(name))
}

// made returns the folders this folders made, deepest first.
func (fo *folders) made() []string {
	var out []string
	for p, f := range fo.m {
		if f.madeIt {
			out = append(out, p)
		}
	}
	return deepestFirst(out)
}

// close closes the folders kept open; fs is not used after.
func (fo *folders) close() {
	for _, f := range fo.m {
		if f.kept.Load() {
			f.fd.close()
		}
	}
}

// deepestFirst sorts paths so that a folder comes after everything in it.
func deepestFirst(paths []string) []string {
	slices.SortFunc(paths, func(a, b string) int {
		if d := strings.Count(b, "/") - strings.Count(a, "/"); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return paths
}

// fsError is the error of an operation on a file or folder of the output.
type fsError struct {
	op, path string
	rel      string // the path below the top folder, when known
	err      error
}

func (e *fsError) Error() string { return e.op + " " + e.path + ": " + e.err.Error() }
func (e *fsError) Unwrap() error { return e.err }
