package build

import (
	"errors"
	"sync"

	"golang.org/x/sys/unix"
)

// below is how a path below a folder is opened in one call: openat2
// (Linux 5.6) with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS, so that the
// kernel walks the whole path and fails (ELOOP) on a symbolic link
// anywhere in it, the last name included, as a walk of one O_NOFOLLOW
// open a name takes would fail, and never leaves the folder.
const belowResolve = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

// canBelow reports whether the kernel has openat2 and lets the process
// call it: a kernel before 5.6 has not, and a sandbox may refuse it.
var canBelow = sync.OnceValue(func() bool {
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_NO_SYMLINKS}
	fd, err := unix.Openat2(unix.AT_FDCWD, "/", &how)
	if err != nil {
		return false
	}
	unix.Close(fd)
	return true
})

// belowOK reports whether openBelow opens a path in one call.
func belowOK() bool { return !noBelow && canBelow() }

// openBelow opens rel, a slash-separated path of names below d, with
// flags and mode, through no link, in one call; errNoBelow when the
// kernel cannot.
func (d dirFD) openBelow(rel string, flags int, mode uint32) (int, error) {
	if !belowOK() {
		return -1, errNoBelow
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Mode: uint64(mode), Resolve: belowResolve}
	for tries := 0; ; tries++ {
		fd, err := unix.Openat2(int(d), rel, &how)
		// EAGAIN is a race with a rename that the kernel could not rule
		// out; it is tried again a few times.
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) && tries < 8 {
			continue
		}
		return fd, err
	}
}

// statBelow is stat of rel, a path below d (see openBelow).
func (d dirFD) statBelow(rel string) (int64, kind, stamp, error) {
	fd, err := d.openBelow(rel, unix.O_PATH|unix.O_NOFOLLOW, 0)
	if err != nil {
		return 0, other, stamp{}, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := again(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return 0, other, stamp{}, err
	}
	return st.Size, kindOf(uint32(st.Mode)), stampOf(&st), nil
}
