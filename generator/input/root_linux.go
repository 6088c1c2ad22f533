package input

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// regularReader returns a function that reads a regular file below the
// folder dir in a few calls: openat2 with RESOLVE_BENEATH, so that a path
// or link that would leave dir fails as it fails through the root, opened
// without blocking (a FIFO is not waited on), then fstat, read and close.
// It returns nil when the kernel has no openat2 (before Linux 5.6) or
// refuses it.
func regularReader(dir *os.File) func(name string, max int64) ([]byte, bool) {
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH}
	fd, err := unix.Openat2(int(dir.Fd()), ".", &how)
	if err != nil {
		return nil
	}
	unix.Close(fd)
	return func(name string, max int64) ([]byte, bool) {
		how := unix.OpenHow{
			Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOCTTY | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
		}
		var fd int
		var err error
		for {
			if fd, err = unix.Openat2(int(dir.Fd()), name, &how); !errors.Is(err, unix.EINTR) {
				break
			}
		}
		if err != nil {
			return nil, false
		}
		defer unix.Close(fd)
		var st unix.Stat_t
		if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > max {
			return nil, false
		}
		// The file may have changed since: read up to one byte past max,
		// into a buffer of the size fstat gave.
		data := make([]byte, 0, st.Size+1)
		for {
			n, err := unix.Read(fd, data[len(data):cap(data)])
			if errors.Is(err, unix.EINTR) {
				continue
			}
			if err != nil {
				return nil, false
			}
			data = data[:len(data)+n]
			if n == 0 || int64(len(data)) > max {
				break
			}
			if len(data) == cap(data) {
				data = append(data, 0)[:len(data)]
			}
		}
		return data, true
	}
}
