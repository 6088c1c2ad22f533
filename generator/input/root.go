package input

import (
	"io/fs"
	"os"
)

// Root returns the files of root as root.FS does, where a [Reader] reads
// a regular file in one call that walks its whole path (see readRegular)
// when the system has one; Read's checks and errors are those of root.FS.
// The FS keeps a handle on root's folder of its own: Close releases it.
func Root(root *os.Root) RootFS {
	files, ok := root.FS().(rootFiles)
	if !ok {
		return plainRoot{root.FS()}
	}
	dir, err := root.Open(".")
	if err != nil {
		return plainFiles{files}
	}
	read := regularReader(dir)
	if read == nil {
		dir.Close()
		return plainFiles{files}
	}
	return &fastRoot{rootFiles: files, dir: dir, read: read}
}

// RootFS is the FS of a root, which Close lets go of (see [Root]); the
// root itself is closed on its own.
type RootFS interface {
	fs.FS
	Close() error
}

// plainRoot and plainFiles are a root's FS as it is.
type (
	plainRoot  struct{ fs.FS }
	plainFiles struct{ rootFiles }
)

func (plainRoot) Close() error  { return nil }
func (plainFiles) Close() error { return nil }

func (r *fastRoot) Close() error { return r.dir.Close() }

// rootFiles is what an os.Root's FS does.
type rootFiles interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadFileFS
	fs.ReadLinkFS
}

// fastRoot is an os.Root's FS with a faster way to read a regular file.
type fastRoot struct {
	rootFiles
	dir  *os.File // the root's folder, kept open for read
	read func(name string, max int64) ([]byte, bool)
}

// A regularFS reads a regular file of at most max bytes in one go: its
// content and true, or false when the file is anything else (absent, a
// folder, a FIFO, larger than max, behind a link that leaves the tree, or
// unreadable), for Read to find out which the slow way.
type regularFS interface {
	readRegular(name string, max int64) ([]byte, bool)
}

func (r *fastRoot) readRegular(name string, max int64) ([]byte, bool) {
	if !fs.ValidPath(name) {
		return nil, false
	}
	return r.read(name, max)
}
