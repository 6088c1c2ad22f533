package text

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Dir is the folder of the catalogs in a template tree: one TOML file per
// language. i18n/en.toml holds every key, and i18n/LANG.toml (for the
// site's language) overrides any of them. A value may hold {1}, {2}... or
// {name} for its arguments. The key "dir" gives the language's direction,
// "ltr" or "rtl".
const Dir = "i18n"

// Catalog is the strings of one language, by key.
type Catalog struct {
	// File is the last file read: i18n/LANG.toml, or i18n/en.toml when the
	// language has no file of its own.
	File string
	// Strings holds every string by key; read only.
	Strings map[string]string
}

// Load reads the catalog of the language lang (a BCP 47 tag) from the
// template tree fsys: i18n/en.toml with, laid over it, the file of the
// language's primary subtag when there is one.
func Load(fsys fs.FS, lang string) (*Catalog, error) { return (*Cache)(nil).Load(fsys, lang) }

// A Cache keeps the catalogs it loaded, each by the bytes of its files,
// so that a catalog whose files did not change is not parsed again: the
// preview's, which loads the catalog on every build. It is safe for
// concurrent use; a nil Cache keeps nothing.
type Cache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]*Catalog
}

// maxCached is how many catalogs a Cache keeps at most.
const maxCached = 16

// Load is [Load], which returns the catalog c loaded earlier from the
// same bytes.
func (c *Cache) Load(fsys fs.FS, lang string) (*Catalog, error) {
	files := []string{path.Join(Dir, "en.toml")}
	if base := PrimaryTag(lang); base != "en" {
		files = append(files, path.Join(Dir, base+".toml"))
	}
	var data [][]byte
	h := sha256.New()
	for i, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			if i > 0 && errors.Is(err, fs.ErrNotExist) {
				break // no translation: English strings
			}
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		data = append(data, b)
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	if c != nil {
		c.mu.Lock()
		cat, ok := c.m[key]
		c.mu.Unlock()
		if ok {
			return cat, nil
		}
	}
	cat := &Catalog{Strings: map[string]string{}}
	for i, b := range data {
		m := map[string]string{}
		if _, err := toml.Decode(string(b), &m); err != nil {
			return nil, fmt.Errorf("%s: %v", files[i], err)
		}
		for k, v := range m {
			cat.Strings[k] = v
		}
		cat.File = files[i]
	}
	if d := cat.Strings["dir"]; d != "ltr" && d != "rtl" {
		return nil, fmt.Errorf("%s: dir must be \"ltr\" or \"rtl\", got %q", cat.File, d)
	}
	if c != nil {
		c.mu.Lock()
		if len(c.m) >= maxCached {
			clear(c.m)
		}
		if c.m == nil {
			c.m = map[[sha256.Size]byte]*Catalog{}
		}
		c.m[key] = cat
		c.mu.Unlock()
	}
	return cat, nil
}

// MissingKey is the error of a key that no catalog holds.
func MissingKey(key string) error {
	return fmt.Errorf("no interface string %q in %s/*.toml", key, Dir)
}

// PrimaryTag returns the language subtag of a BCP 47 tag, lower-cased.
func PrimaryTag(lang string) string {
	base, _, _ := strings.Cut(lang, "-")
	return strings.ToLower(base)
}

// DirOf returns the direction of a language's script.
func DirOf(lang string) string {
	switch PrimaryTag(lang) {
	case "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi":
		return "rtl"
	}
	return "ltr"
}
