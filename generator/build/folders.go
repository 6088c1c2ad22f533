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
)

// folders opens the folders below one folder, each once, from its parent,
// and, when make is set, makes those that are missing, each once: so that
// writing a file costs the kernel one step, not a walk of its path. It is
// safe for concurrent use.
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
	fd     dirFD
	kept   bool // fd is open until close
	madeIt bool // made by this folders
	err    error
}

// maxOpen is how many folders a folders keeps open at most, a quarter of
// the open files the process may have (see openLimit); the others are
// opened, from their parent, each time they are used.
var maxOpen = sync.OnceValue(func() int64 { return int64(min(max(openLimit()/4, 64), 1<<16)) })

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
	errNotFolder = errors.New("not a folder")
	errNotSame   = errors.New("not the file the manifest lists")
)

// acquire returns the folder p ("." for the top one), made if need be,
// and a function to call when done with it.
func (fo *folders) acquire(p string) (dirFD, func(), error) {
	if p == "." {
		return fo.top, nop, nil
	}
	fo.mu.Lock()
	f := fo.m[p]
	if f == nil {
		f = &openFolder{}
		fo.m[p] = f
	}
	fo.mu.Unlock()
	f.once.Do(func() { fo.first(p, f) })
	if f.err != nil {
		return f.fd, nil, f.err
	}
	if f.kept {
		return f.fd, nop, nil
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

// first makes the folder p when it should, and opens it, keeping it open
// while fewer than maxOpen are.
func (fo *folders) first(p string, f *openFolder) {
	parent, release, err := fo.acquire(path.Dir(p))
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
	if fo.opened.Add(1) > maxOpen() {
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
	f.kept = true
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
		if f.kept {
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
