package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The output folder rule. A build writes its output folder and removes from
// it the files an earlier build wrote there, so it must never be a folder
// that Reckon did not make. After both paths are
// made absolute and their symbolic links resolved, the output folder is
// accepted only when
//
//   - it is absent, an empty folder, or a folder holding [Marker] with
//     [markerText] or [legacyMarker] (every build writes it, so an earlier
//     output has it);
//   - it is not the source folder (-src), nor one of its ancestors, nor
//     claims/, content/ or templates/ of the source folder (present or
//     not), nor a folder inside one of them;
//   - it neither holds .git nor lies inside a folder named .git.
//
// So public/ inside the site's own git repository is accepted, and the
// repository itself, its input folders, a file, a git work tree and a
// foreign folder are refused. The rule is checked before the build starts
// and the last part again just before the swap.

// Marker is the file at the top of every output folder that says Reckon
// made it; a later build writes only into a folder that has it (or an
// empty one).
const Marker = ".reckon-output"

// markerText is the marker's whole content. It is fixed, so that builds
// stay byte-identical.
const markerText = "made by reckon build; the next build updates the files that " + Manifest + " lists\n"

// legacyMarker is the marker's content as earlier versions of Reckon wrote
// it, when a build replaced the folder as a whole; such an output has no
// manifest, so the next build takes every file in it for Reckon's.
const legacyMarker = "made by reckon build; the next build replaces this folder as a whole\n"

// OutError is the error of an output folder that a build refuses to
// replace. Nothing is written when it is returned.
type OutError struct {
	Out    string // the folder as it was given
	Reason string // why it is refused, lower case
	Hint   string // what to do instead
}

func (e *OutError) Error() string {
	out := e.Out
	if out == "" {
		out = `""`
	}
	return "refusing to write the site to " + out + ": " + e.Reason
}

const (
	hintOwnFolder = "choose a folder of its own for the site, such as public"
	hintRemove    = "a build writes only into an absent or empty folder or an earlier output (one holding " + Marker + "); choose another -out, or remove the folder yourself"
)

// checkOut applies the output folder rule to out, with the source folder
// src ("" when the source is not on disk), and returns out's resolved path,
// which is where the site must be written.
func checkOut(out, src string) (string, error) {
	refuse := func(reason, hint string) (string, error) {
		return "", &OutError{Out: out, Reason: reason, Hint: hint}
	}
	if out == "" {
		return refuse("no folder given", hintOwnFolder)
	}
	r, err := resolve(out)
	if err != nil {
		return "", err
	}
	if src != "" {
		s, err := resolve(src)
		if err != nil {
			return "", err
		}
		switch {
		case same(r, s):
			return refuse("it is the site's source folder", hintOwnFolder)
		case within(s, r):
			return refuse("it holds the site's source folder", hintOwnFolder)
		}
		for _, in := range []string{"claims", "content", "templates"} {
			d := filepath.Join(s, in)
			switch {
			case same(r, d):
				return refuse("it is the site's "+in+"/ folder", hintOwnFolder)
			case within(r, d):
				return refuse("it lies inside the site's "+in+"/ folder", hintOwnFolder)
			}
		}
	}
	if slices.Contains(strings.Split(r, string(filepath.Separator)), ".git") {
		return refuse("it lies inside a .git folder", hintOwnFolder)
	}
	if reason := replaceable(r); reason != "" {
		return refuse(reason, hintRemove)
	}
	return r, nil
}

// replaceable returns why the folder p may not be written, or "" when it
// may: it is absent, empty or an earlier output, and holds no .git.
func replaceable(p string) string {
	fi, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return err.Error()
	case !fi.IsDir():
		return "it is not a folder"
	}
	if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
		return "it holds a git repository (.git)"
	}
	f, err := os.Open(p)
	if err != nil {
		return err.Error()
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if len(names) == 0 && err != nil { // io.EOF: empty
		return ""
	}
	if !isOutput(p) {
		return "it is not empty and reckon did not make it (it has no " + Marker + " file)"
	}
	return ""
}

// hasMarker reports whether the folder p holds the marker that this
// version writes.
func hasMarker(p string) bool {
	data, err := os.ReadFile(filepath.Join(p, Marker))
	return err == nil && string(data) == markerText
}

// isOutput reports whether the folder p holds the marker of an output.
func isOutput(p string) bool {
	m := filepath.Join(p, Marker)
	fi, err := os.Lstat(m)
	if err != nil || !fi.Mode().IsRegular() || (fi.Size() != int64(len(markerText)) && fi.Size() != int64(len(legacyMarker))) {
		return false
	}
	data, err := os.ReadFile(m)
	return err == nil && (string(data) == markerText || string(data) == legacyMarker)
}

// resolve returns p as an absolute path without symbolic links: those of
// its longest part that exists are resolved, and the rest is appended.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// same reports whether the resolved paths a and b name the same folder: by
// name, or, when both exist, as the same file (on a file system that
// ignores case, Claims is claims).
func same(a, b string) bool {
	if a == b {
		return true
	}
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// within reports whether the resolved path p lies strictly inside the
// folder dir.
func within(p, dir string) bool {
	for q := filepath.Dir(p); ; q = filepath.Dir(q) {
		if same(q, dir) {
			return true
		}
		if filepath.Dir(q) == q {
			return false
		}
	}
}
