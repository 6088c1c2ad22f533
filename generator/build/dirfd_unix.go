//go:build unix

package build

import (
	"errors"
	"io"
	"os"
	"slices"

	"golang.org/x/sys/unix"
)

// A dirFD is an open folder, to work relative to: each method takes one
// name in it, so the kernel walks no path, and none follows a symbolic
// link (a link is replaced or removed, never followed; opening one fails).
// The methods return the system's error alone: the caller knows the path.
type dirFD int

// again retries f while it is interrupted by a signal.
func again(f func() error) error {
	for {
		if err := f(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

const dirFlags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC

// openTop opens the folder at the absolute path p (its own path may hold
// links: it was resolved by checkOut; its last part may not).
func openTop(p string) (dirFD, error) {
	var fd int
	err := again(func() (err error) { fd, err = unix.Open(p, dirFlags, 0); return err })
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return dirFD(fd), nil
}

// openDir opens the folder name in d.
func (d dirFD) openDir(name string) (dirFD, error) {
	var fd int
	err := again(func() (err error) { fd, err = unix.Openat(int(d), name, dirFlags, 0); return err })
	if err != nil {
		return -1, err
	}
	return dirFD(fd), nil
}

// mkdir makes the folder name in d.
func (d dirFD) mkdir(name string) error {
	return again(func() error { return unix.Mkdirat(int(d), name, 0o755) })
}

// openFile opens the file name in d with flags and mode.
func (d dirFD) openFile(name string, flags int, mode uint32) (int, error) {
	var fd int
	err := again(func() (err error) { fd, err = unix.Openat(int(d), name, flags|unix.O_CLOEXEC, mode); return err })
	return fd, err
}

const (
	writeFlags = unix.O_WRONLY | unix.O_CREAT | unix.O_TRUNC | unix.O_NOFOLLOW
	readFlags  = unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_NONBLOCK
)

// writeFile writes data as the file name in d, replacing its content.
func (d dirFD) writeFile(name string, data []byte) error {
	fd, err := d.openFile(name, writeFlags, 0o644)
	if err != nil {
		return err
	}
	return writeClose(fd, data)
}

// writeFileBelow is writeFile of rel, a path below d (see openBelow).
func (d dirFD) writeFileBelow(rel string, data []byte) error {
	fd, err := d.openBelow(rel, writeFlags, 0o644)
	if err != nil {
		return err
	}
	return writeClose(fd, data)
}

// writeClose writes data to the file fd and closes it.
func writeClose(fd int, data []byte) error {
	var err error
	for len(data) > 0 {
		var n int
		if n, err = unix.Write(fd, data); errors.Is(err, unix.EINTR) {
			continue
		} else if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			break
		}
		data = data[n:]
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	return err
}

// rename moves the file name in d to the name to in the folder dst,
// replacing what is there (a file, or a link, not followed).
func (d dirFD) rename(name string, dst dirFD, to string) error {
	return again(func() error { return unix.Renameat(int(d), name, int(dst), to) })
}

// remove removes the file (or link) name in d.
func (d dirFD) remove(name string) error {
	return again(func() error { return unix.Unlinkat(int(d), name, 0) })
}

// rmdir removes the folder name in d when it is empty.
func (d dirFD) rmdir(name string) error {
	return again(func() error { return unix.Unlinkat(int(d), name, unix.AT_REMOVEDIR) })
}

// size returns the size of name in d and its kind (a link is not
// followed); an error when it is absent.
func (d dirFD) size(name string) (int64, kind, error) {
	size, k, _, err := d.stat(name)
	return size, k, err
}

// stat is size, with the file's times (see stamp).
func (d dirFD) stat(name string) (int64, kind, stamp, error) {
	var st unix.Stat_t
	if err := again(func() error { return unix.Fstatat(int(d), name, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		return 0, other, stamp{}, err
	}
	return st.Size, kindOf(uint32(st.Mode)), stampOf(&st), nil
}

// kindOf is the kind of a file of the mode stat returned.
func kindOf(mode uint32) kind {
	switch mode & unix.S_IFMT {
	case unix.S_IFREG:
		return regular
	case unix.S_IFDIR:
		return folder
	}
	return other
}

// stampOf is the stamp of what stat returned.
func stampOf(st *unix.Stat_t) stamp {
	return stamp{change: st.Ctim.Nano(), modify: st.Mtim.Nano()}
}

// stampAt returns the times of the file at the path p, a link not
// followed, or none.
func stampAt(p string) stamp {
	var st unix.Stat_t
	if err := again(func() error { return unix.Lstat(p, &st) }); err != nil {
		return stamp{}
	}
	return stampOf(&st)
}

// readFile returns the content of the file name in d, which must be a
// regular file (not a link, not followed) of size bytes, in buf when it
// has room.
func (d dirFD) readFile(buf []byte, name string, size int64) ([]byte, error) {
	fd, err := d.openFile(name, readFlags, 0)
	if err != nil {
		return nil, err
	}
	return readClose(fd, buf, size)
}

// readFileBelow is readFile of rel, a path below d (see openBelow).
func (d dirFD) readFileBelow(buf []byte, rel string, size int64) ([]byte, error) {
	fd, err := d.openBelow(rel, readFlags, 0)
	if err != nil {
		return nil, err
	}
	return readClose(fd, buf, size)
}

// readClose reads the file fd, which must be a regular file of size
// bytes, into buf when it has room, and closes it.
func readClose(fd int, buf []byte, size int64) ([]byte, error) {
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := again(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return nil, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != size {
		return nil, errNotSame
	}
	data := slices.Grow(buf[:0], int(size))[:size]
	for n := 0; n < len(data); {
		m, err := unix.Read(fd, data[n:])
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return nil, err
		case m == 0:
			return nil, io.ErrUnexpectedEOF
		}
		n += m
	}
	return data, nil
}

// openDirBelow opens the folder rel, a path below d (see openBelow).
func (d dirFD) openDirBelow(rel string) (dirFD, error) {
	fd, err := d.openBelow(rel, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		return -1, err
	}
	return dirFD(fd), nil
}

func (d dirFD) close() error { return unix.Close(int(d)) }

// openLimit is how many files the process may have open.
func openLimit() int {
	var l unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &l); err != nil {
		return 1024
	}
	return int(min(l.Cur, 1<<20))
}
