package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"

	"reckon/generator/diag"
)

// Limits on input, checked before a file is decoded. A real site stays far
// below each of them.
const (
	MaxTOMLSize     = 1 << 20 // bytes of one TOML file
	MaxMarkdownSize = 4 << 20 // bytes of one Markdown file
	MaxImageSize    = 8 << 20 // bytes of one image that commentary shows
	MaxTemplateSize = 8 << 20 // bytes of one file of the site's templates/ (a template, a catalog, an asset)
	MaxTotalSize    = 1 << 30 // bytes of all the files one Reader reads
	MaxDepth        = 100     // nesting of arrays and inline tables in TOML
)

// Reader reads the files of one folder of the site from FS, counting their
// total size against [MaxTotalSize]. It is safe for concurrent use when FS
// is.
type Reader struct {
	FS    fs.FS
	total atomic.Int64
	over  atomic.Bool // the total limit has been reported
}

// Read returns the content of the file name, at most max bytes. When
// nothing at all stands at name, the error satisfies errors.Is(err,
// fs.ErrNotExist); every other failure is a [*diag.Error] at the file,
// saying what is wrong (a folder, a dangling or escaping link, a file too
// large) with a hint.
func (r *Reader) Read(name string, max int64) ([]byte, error) {
	rfs, ok := r.FS.(regularFS)
	var data []byte
	if ok {
		data, ok = rfs.readRegular(name, max)
	}
	if !ok {
		var err error
		if data, err = r.read(name, max); err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > max {
		return nil, fail(name, "the limit keeps hostile input from exhausting the machine; split the file", "file is more than the limit of %s", size(max))
	}
	if r.total.Add(int64(len(data))) > MaxTotalSize {
		if r.over.CompareAndSwap(false, true) {
			return nil, fail(name, "the limit keeps hostile input from exhausting the machine", "the files of this folder are more than %s in all", size(MaxTotalSize))
		}
		return nil, errSkipped
	}
	return data, nil
}

// ReadRegular returns the content of the file name and true when it is a
// regular file (a symbolic link to one is followed, as [Stat] follows it)
// of at most max bytes; otherwise, or when it cannot be read, false. It
// never waits on the file: a pipe or a device is not opened for reading.
// It counts nothing against a Reader's total.
func ReadRegular(fsys fs.FS, name string, max int64) ([]byte, bool) {
	if rfs, ok := fsys.(regularFS); ok {
		return rfs.readRegular(name, max)
	}
	r := Reader{FS: fsys}
	data, err := r.read(name, max)
	if err != nil || int64(len(data)) > max {
		return nil, false
	}
	return data, true
}

// read reads the file name through r.FS, at most one byte past max, after
// checking that it is a regular file of at most max bytes.
func (r *Reader) read(name string, max int64) ([]byte, error) {
	fi, err := Stat(r.FS, name)
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, fail(name, "rename the folder, or move what it holds: a name ending like this is read as a file", "is a folder, not a file")
	case !fi.Mode().IsRegular():
		return nil, fail(name, "only regular files are read", "not a regular file")
	case fi.Size() > max:
		return nil, fail(name, "the limit keeps hostile input from exhausting the machine; split the file", "file is %d bytes, more than the limit of %s", fi.Size(), size(max))
	}
	f, err := r.FS.Open(name)
	if err != nil {
		return nil, fail(name, "", "cannot read the file: %v", pathError(err))
	}
	defer f.Close()
	// The file may have changed since Stat: read up to one byte past the
	// limit, into a buffer of the size Stat gave.
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF || int64(len(data)) > max {
			break
		}
		if err != nil {
			return nil, fail(name, "", "cannot read the file: %v", pathError(err))
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	return data, nil
}

// errSkipped is the error of a file that was not read because the total
// limit was reached, which has been reported once already.
var errSkipped = &diag.Error{Msg: "not read: the total size limit was reached"}

// Skipped reports whether err is that of a file left unread because the
// total size limit was reached and reported on another file.
func Skipped(err error) bool { return err == errSkipped }

// Stat returns the file info of name, following a symbolic link. Its errors
// are as [Reader.Read]'s: errors.Is(err, fs.ErrNotExist) only when nothing
// stands at name, otherwise a [*diag.Error] at name.
func Stat(fsys fs.FS, name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(fsys, name)
	if err == nil {
		return fi, nil
	}
	if li, lerr := fs.Lstat(fsys, name); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
		target, _ := fs.ReadLink(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fail(name, "point the link at a file inside the site's folder, or remove it", "symbolic link to %q leads nowhere", target)
		}
		return nil, fail(name, "Reckon reads only inside the site's folder: copy the file in, or use a relative link that stays inside", "symbolic link to %q leads outside the site's folder", target)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return nil, fail(name, "", "cannot read: %v", pathError(err))
}

// Ignored reports whether the loaders pass over a file or folder named
// name: one whose name starts with "." or "_".
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// ReadDir lists the folder dir like fs.ReadDir, with every symbolic link
// replaced by what it leads to. A link that leads nowhere or out of the
// tree is left out and reported, unless its name is [Ignored].
func ReadDir(fsys fs.FS, dir string) ([]fs.DirEntry, diag.List, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var errs diag.List
	out := entries[:0]
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			out = append(out, e)
			continue
		}
		if Ignored(e.Name()) {
			continue
		}
		p := path.Join(dir, e.Name())
		fi, err := Stat(fsys, p)
		if err != nil {
			errs.Append(diag.Pos{File: p}, err)
			continue
		}
		out = append(out, fs.FileInfoToDirEntry(fi))
	}
	return out, errs, nil
}

func fail(name, hint, format string, args ...any) *diag.Error {
	return &diag.Error{Pos: diag.Pos{File: name}, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// size writes a limit in bytes the way docs/formats.md gives it.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func pathError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Tree checks every entry under dir, as the templates' overlay will find
// them: a symbolic link that leads nowhere or out of fsys is an error at
// the link (links to folders are checked, not followed), and so is a file
// that is not a regular one (a pipe, a device) or is larger than
// [MaxTemplateSize], since any may be read whole; a file whose name
// starts with "." is not read, and only a link there is checked. A
// missing dir is no error.
func Tree(fsys fs.FS, dir string) diag.List {
	var errs diag.List
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			if _, serr := Stat(fsys, p); serr != nil && !errors.Is(serr, fs.ErrNotExist) {
				errs.Append(diag.Pos{File: p}, serr)
			} else {
				errs.Append(diag.Pos{File: p}, fail(p, "", "cannot read: %v", pathError(err)))
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		fi, err := Stat(fsys, p)
		switch {
		case err != nil:
			errs.Append(diag.Pos{File: p}, err)
		case fi.IsDir(), strings.HasPrefix(d.Name(), "."):
			// a link to a folder: checked, not followed; a name starting
			// with ".": not read
		case !fi.Mode().IsRegular():
			errs.Append(diag.Pos{File: p}, fail(p, "remove it, or replace it with the file it stands for: every file here may be read as a template, a catalog or an asset", "not a regular file"))
		case fi.Size() > MaxTemplateSize:
			errs.Append(diag.Pos{File: p}, fail(p, "the limit keeps hostile input from exhausting the machine; keep large files out of templates/", "file is %d bytes, more than the limit of %s", fi.Size(), size(MaxTemplateSize)))
		}
		return nil
	})
	return errs
}
