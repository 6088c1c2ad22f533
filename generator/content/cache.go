package content

import (
	"crypto/sha256"
	"io/fs"
	"sync"
)

// A Cache keeps what loading each document gave, by file and content, so
// that a later load reuses it for a file whose bytes did not change: the
// preview's loads, one after each edit. A document that failed to load, or
// that shows images (which may have changed), is loaded again each time.
// It holds one version of each file. A Cache is safe for concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[string]cached // by file
}

type cached struct {
	sum [sha256.Size]byte
	out loaded
}

// Load is [Load], reusing the documents of cache's earlier loads whose
// files have the same bytes. The result is the one Load gives. A nil
// Cache is none: its Load is Load.
func (cache *Cache) Load(fsys fs.FS, dir string, editions ...string) (*Set, error) {
	return load(fsys, dir, cache, nil, editions)
}

// LoadKnown is [Cache.Load], for a caller that knows the SHA-256 of some
// files' bytes without reading them (known reports it, and false for a
// file not known): a file whose document cache holds for those bytes is
// not read. The result is the one Load gives when known is right.
func (cache *Cache) LoadKnown(fsys fs.FS, dir string, known func(file string) ([sha256.Size]byte, bool), editions ...string) (*Set, error) {
	return load(fsys, dir, cache, known, editions)
}

func (cache *Cache) get(file string, sum [sha256.Size]byte) (loaded, bool) {
	if cache == nil {
		return loaded{}, false
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	c, ok := cache.m[file]
	return c.out, ok && c.sum == sum
}

func (cache *Cache) put(file string, sum [sha256.Size]byte, out loaded) {
	if cache == nil {
		return
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if out.doc == nil || len(out.errs) > 0 || len(out.images) > 0 {
		delete(cache.m, file)
		return
	}
	if cache.m == nil {
		cache.m = map[string]cached{}
	}
	cache.m[file] = cached{sum, out}
}
