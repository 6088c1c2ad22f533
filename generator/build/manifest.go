package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Manifest is the file beside [Marker] that lists every file the last
// build wrote into the output folder, with its size and a hash of its
// content: the next build rewrites only the files whose content changed
// and removes only the listed files it no longer makes, so that it never
// removes a file that Reckon did not write.
//
// It is text: the line "reckon manifest 1", then one line per file, sorted
// by path: the first 32 hexadecimal digits of the SHA-256 of its content,
// its size in bytes and its slash-separated path, separated by single
// spaces. A file being replaced when the manifest was written has "-" for
// both (its content is unknown, so the next build writes it again).
const Manifest = ".reckon-manifest"

// manifestTemp is the name the manifest is written under before it is
// renamed into place, so that the manifest is always whole.
const manifestTemp = Manifest + ".new"

const manifestHead = "reckon manifest 1\n"

// An entry is what a manifest says of one file.
type entry struct {
	size  int64
	sum   [16]byte
	known bool // false: the content is unknown ("-")
}

// digest returns the entry of a file of content data.
func digest(data []byte) entry {
	s := sha256.Sum256(data)
	return entry{size: int64(len(data)), sum: [16]byte(s[:16]), known: true}
}

// formatManifest returns the text of a manifest listing files.
func formatManifest(files map[string]entry) []byte {
	b := make([]byte, 0, len(manifestHead)+len(files)*96)
	b = append(b, manifestHead...)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		e := files[name]
		if e.known {
			b = hex.AppendEncode(b, e.sum[:])
			b = append(b, ' ')
			b = strconv.AppendInt(b, e.size, 10)
		} else {
			b = append(b, "- -"...)
		}
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, '\n')
	}
	return b
}

// parseManifest reads the text of a manifest, and reports false when it is
// not one: a line out of order or of another form, or a path that a build
// would not write.
func parseManifest(data []byte) (map[string]entry, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(manifestHead))
	if !ok || (len(rest) > 0 && rest[len(rest)-1] != '\n') {
		return nil, false
	}
	files := map[string]entry{}
	last := ""
	for line := range strings.Lines(string(rest)) {
		line = line[:len(line)-1]
		sum, line, ok1 := strings.Cut(line, " ")
		size, name, ok2 := strings.Cut(line, " ")
		if !ok1 || !ok2 || !validPath(name) || name <= last {
			return nil, false
		}
		last = name
		var e entry
		if sum != "-" || size != "-" {
			n, err := strconv.ParseInt(size, 10, 64)
			if len(sum) != 32 || err != nil || n < 0 || size != strconv.FormatInt(n, 10) {
				return nil, false
			}
			if _, err := hex.Decode(e.sum[:], []byte(sum)); err != nil || hex.EncodeToString(e.sum[:]) != sum {
				return nil, false
			}
			e.size, e.known = n, true
		}
		files[name] = e
	}
	return files, true
}

// previous returns what the output folder out (holding the marker) holds
// of an earlier build: the files its manifest lists, or, when it has none
// or a damaged one (an output written by an earlier version of Reckon, or
// a first build killed before it wrote the manifest), every file in it,
// with its content unknown, and its folders, deepest last. Either way,
// every file returned is Reckon's.
func previous(out string) (map[string]entry, []string) {
	p := filepath.Join(out, Manifest)
	if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
		if data, err := os.ReadFile(p); err == nil {
			if files, ok := parseManifest(data); ok {
				return files, nil
			}
		}
	}
	files := map[string]entry{}
	var dirs []string
	filepath.WalkDir(out, func(q string, d fs.DirEntry, err error) error {
		if err != nil || q == out {
			return nil
		}
		rel := filepath.ToSlash(q[len(out)+1:])
		switch {
		case d.IsDir():
			dirs = append(dirs, rel)
		case rel != Manifest && rel != manifestTemp && validPath(rel):
			files[rel] = entry{}
		}
		return nil
	})
	return files, dirs
}
