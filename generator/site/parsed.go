package site

import (
	"bytes"
	"io/fs"
	"path"
	"time"
)

// A parsedSet is the interface strings and the templates parsed from the
// files read, which are the same again when those files are.
type parsedSet struct {
	texts *texts
	tmpl  *templates
	read  []readFile // the files parsing read, in order
}

// readFile is a file that parsing read, or found missing.
type readFile struct {
	name    string
	data    []byte
	missing bool
}

// parsed returns the interface strings of tmplFS for the language lang in
// the number system digits, and its templates parsed with them. A Memo
// keeps them with the files they were parsed from, and parses again only
// when one of those files differs. A nil Memo parses them each time.
func (m *Memo) parsed(tmplFS fs.FS, lang, digits string) (*texts, *templates, error) {
	key := [2]string{lang, digits}
	if m != nil {
		m.mu.Lock()
		p, ok := m.parsedSets[key]
		m.mu.Unlock()
		if ok && p.same(tmplFS) {
			return p.texts, p.tmpl, nil
		}
	}
	rec := &recorder{fsys: tmplFS}
	tx, err := loadTexts(rec, lang, digits)
	if err != nil {
		return nil, nil, err
	}
	tm, err := parseTemplates(rec, tx)
	if err != nil {
		return nil, nil, err
	}
	tm.source = readDigest(rec.read)
	if m != nil {
		m.mu.Lock()
		if m.parsedSets == nil {
			m.parsedSets = map[[2]string]parsedSet{}
		}
		m.parsedSets[key] = parsedSet{texts: tx, tmpl: tm, read: rec.read}
		m.mu.Unlock()
	}
	return tx, tm, nil
}

// same reports whether every file that p was parsed from is the same in
// fsys, and every one it found missing is missing still.
func (p parsedSet) same(fsys fs.FS) bool {
	for _, f := range p.read {
		data, err := fs.ReadFile(fsys, f.name)
		if (err != nil) != f.missing || !bytes.Equal(data, f.data) {
			return false
		}
	}
	return true
}

// A recorder is a file system that reads every file it opens whole from
// fsys, and notes what it read. Parsing the templates only opens files.
type recorder struct {
	fsys fs.FS
	read []readFile
}

func (r *recorder) Open(name string) (fs.File, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.read = append(r.read, readFile{name: name, data: data, missing: err != nil})
	if err != nil {
		return nil, err
	}
	return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
}

// memFile is a file read whole.
type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return path.Base(i.f.name) }
func (i memInfo) Size() int64        { return i.f.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
