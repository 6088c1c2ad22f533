//go:build unix && !linux

package build

// belowOK reports whether openBelow opens a path in one call: not here.
func belowOK() bool { return false }

// openBelow is, where the kernel has no call that walks a path through no
// link, errNoBelow: the folders on the way are opened one at a time.
func (d dirFD) openBelow(rel string, flags int, mode uint32) (int, error) { return -1, errNoBelow }

// statBelow is, here, errNoBelow (see openBelow).
func (d dirFD) statBelow(rel string) (int64, kind, stamp, error) {
	return 0, other, stamp{}, errNoBelow
}
