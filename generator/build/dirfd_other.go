//go:build !unix

package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// A dirFD is a folder to work relative to; here, where there are no
// folder handles, its path, and each call walks it. Folders are opened
// only when they are not links.
type dirFD string

func openTop(p string) (dirFD, error) { return dirFD(p), checkDir(p) }

func checkDir(p string) error {
	fi, err := os.Lstat(p)
	if err == nil && !fi.IsDir() {
		err = &os.PathError{Op: "open", Path: p, Err: errors.New("not a folder")}
	}
	return err
}

func (d dirFD) path(name string) string { return filepath.Join(string(d), name) }

func (d dirFD) openDir(name string) (dirFD, error) {
	p := d.path(name)
	return dirFD(p), checkDir(p)
}

func (d dirFD) mkdir(name string) error { return os.Mkdir(d.path(name), 0o755) }

func (d dirFD) writeFile(name string, data []byte) error {
	p := d.path(name)
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return os.WriteFile(p, data, 0o644)
}

func (d dirFD) rename(name string, dst dirFD, to string) error {
	return os.Rename(d.path(name), dst.path(to))
}

func (d dirFD) remove(name string) error { return os.Remove(d.path(name)) }

func (d dirFD) rmdir(name string) error { return os.Remove(d.path(name)) }

func (d dirFD) size(name string) (int64, kind, error) {
	fi, err := os.Lstat(d.path(name))
	switch {
	case err != nil:
		return 0, other, err
	case fi.Mode().IsRegular():
		return fi.Size(), regular, nil
	case fi.IsDir():
		return fi.Size(), folder, nil
	}
	return fi.Size(), other, nil
}

// stat is size, with no times: here none is trusted (see stamp).
func (d dirFD) stat(name string) (int64, kind, stamp, error) {
	size, k, err := d.size(name)
	return size, k, stamp{}, err
}

// stampAt is none: here no file's change time is known.
func stampAt(string) stamp { return stamp{} }

func (d dirFD) readFile(_ []byte, name string, size int64) ([]byte, error) {
	p := d.path(name)
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		return nil, errNotSame
	}
	data, err := os.ReadFile(p)
	if err == nil && int64(len(data)) != size {
		err = errNotSame
	}
	return data, err
}

func (d dirFD) close() error { return nil }

// openLimit is how many folders may be open: here, a folder is a path.
func openLimit() int { return 1 << 18 }

// belowOK reports whether a path below a folder is opened in one call:
// not here, where the folders on the way are opened one at a time (see
// folders).
func belowOK() bool { return false }

// Here no path below a folder is opened in one call: the folders on the
// way are opened one at a time (see folders).
func (d dirFD) writeFileBelow(string, []byte) error                 { return errNoBelow }
func (d dirFD) readFileBelow([]byte, string, int64) ([]byte, error) { return nil, errNoBelow }
func (d dirFD) openDirBelow(string) (dirFD, error)                  { return "", errNoBelow }
func (d dirFD) statBelow(string) (int64, kind, stamp, error)        { return 0, other, stamp{}, errNoBelow }
