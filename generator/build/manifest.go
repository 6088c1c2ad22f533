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
)

// Manifest is the file beside [Marker] that lists every file the last
// build wrote into the output folder, with its size and a hash of its
// content: the next build rewrites only the files whose content changed
// and removes only the listed files it no longer makes, so that it never
// removes a file that Reckon did not write. Its times tell the
// next build which pages and cards need not be read to be checked (see
// writer.untouched).
//
// It is text: the line "reckon manifest 2", then one line per file, sorted
// by path: the first 32 hexadecimal digits of the SHA-256 of its content,
// its size in bytes, the 64 hexadecimal digits of its key (a social
// card's [card.Key], a page's key: see [Run]) or "-" for a file that has
// none, and its slash-separated path, separated by single spaces. A file
// being replaced when the manifest was written has "-" for its hash, size
// and key (its content is unknown, so the next build writes it again). A
// manifest of version 1 ("reckon manifest 1", lines without the key) is
// read as one that names no key: every card is drawn again, every page
// rendered. A manifest of version 2 written before pages had keys lists
// none for them, and is read the same way.
const Manifest = ".reckon-manifest"

// manifestTemp is the name the manifest is written under before it is
// renamed into place, so that the manifest is always whole.
const manifestTemp = Manifest + ".new"

const (
	manifestHead   = "reckon manifest 2\n"
	manifestHeadV1 = "reckon manifest 1\n" // without keys
)

// A fileKey names what a file is made from (see [Manifest]): a card's key,
// or a page's.
type fileKey [sha256.Size]byte

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

// formatManifest returns the text of a manifest listing files, with the
// keys of those among them that have one (keys of other files are left
// out).
func formatManifest(files map[string]entry, keys map[string]fileKey) []byte {
	b := make([]byte, 0, len(manifestHead)+len(files)*100)
	b = append(b, manifestHead...)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		e := files[name]
		if e.known {
			b = hex.AppendEncode(b, e.sum[:])
			b = append(b, ' ')
			b = strconv.AppendInt(b, e.size, 10)
			if k, ok := keys[name]; ok {
				b = append(b, ' ')
				b = hex.AppendEncode(b, k[:])
			} else {
				b = append(b, " -"...)
			}
		} else {
			b = append(b, "- - -"...)
		}
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, '\n')
	}
	return b
}

// parseManifest reads the text of a manifest, of version 2 or 1, and
// reports false when it is not one: a line out of order or of another
// form, or a path that a build would not write. It returns the files
// listed and the keys of those among them that have one.
func parseManifest(data []byte) (map[string]entry, map[string]fileKey, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(manifestHead))
	keyed := ok
	if !ok {
		rest, ok = bytes.CutPrefix(data, []byte(manifestHeadV1))
	}
	if !ok || (len(rest) > 0 && rest[len(rest)-1] != '\n') {
		return nil, nil, false
	}
	// fields splits a line into its hash, size, key and path.
	fields := func(line []byte) (sum, size, key, name []byte, ok bool) {
		line = line[:len(line)-1]
		sum, line, ok1 := bytes.Cut(line, []byte(" "))
		size, line, ok2 := bytes.Cut(line, []byte(" "))
		key, name = []byte("-"), line
		ok3 := true
		if keyed {
			key, name, ok3 = bytes.Cut(line, []byte(" "))
		}
		return sum, size, key, name, ok1 && ok2 && ok3
	}
	// A first pass counts the files and the keys, and copies the paths
	// into one string, so that the maps are made at their size and what
	// they hold is not the whole text (at 10,000 claims, 62,000 files: 8
	// MB in place of 18).
	var n, nkeys int
	var paths []byte
	for line := range bytes.Lines(rest) {
		_, _, key, name, ok := fields(line)
		if !ok {
			return nil, nil, false
		}
		n++
		if string(key) != "-" {
			nkeys++
		}
		paths = append(paths, name...)
	}
	all := string(paths)
	files := make(map[string]entry, n)
	keys := make(map[string]fileKey, nkeys)
	last := ""
	for line := range bytes.Lines(rest) {
		sum, size, key, bname, _ := fields(line)
		name := all[:len(bname)]
		all = all[len(bname):]
		if !validPath(name) || name <= last {
			return nil, nil, false
		}
		last = name
		var e entry
		if string(sum) != "-" || string(size) != "-" {
			n, err := strconv.ParseInt(string(size), 10, 64)
			if len(sum) != 32 || err != nil || n < 0 || string(size) != strconv.FormatInt(n, 10) {
				return nil, nil, false
			}
			if !decodeHex(e.sum[:], sum) {
				return nil, nil, false
			}
			e.size, e.known = n, true
		}
		if string(key) != "-" {
			var k fileKey
			if !e.known || !decodeHex(k[:], key) {
				return nil, nil, false
			}
			keys[name] = k
		}
		files[name] = e
	}
	return files, keys, true
}

// decodeHex decodes s, lower-case hexadecimal digits, into dst, which it
// must fill exactly.
func decodeHex(dst []byte, s []byte) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	if _, err := hex.Decode(dst, s); err != nil {
		return false
	}
	var again [2 * sha256.Size]byte
	return len(s) <= len(again) && bytes.Equal(hex.AppendEncode(again[:0], dst), s)
}

// previous returns what the output folder out (holding the marker) holds
// of an earlier build: the files its manifest lists, or, when it has none
// or a damaged one (an output written by an earlier version of Reckon, or
// a first build killed before it wrote the manifest), every file in it,
// with its content unknown, and its folders, deepest last. Either way,
// every file returned is Reckon's. It returns the keys the manifest lists
// too.
func previous(out string) (map[string]entry, map[string]fileKey, []string) {
	p := filepath.Join(out, Manifest)
	if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
		if data, err := os.ReadFile(p); err == nil {
			if files, keys, ok := parseManifest(data); ok {
				return files, keys, nil
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
		case rel != Manifest && rel != manifestTemp && rel != State && validPath(rel):
			files[rel] = entry{}
		}
		return nil
	})
	return files, nil, dirs
}
