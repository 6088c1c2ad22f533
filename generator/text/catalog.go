package text

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

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
func Load(fsys fs.FS, lang string) (*Catalog, error) {
	c := &Catalog{Strings: map[string]string{}}
	files := []string{path.Join(Dir, "en.toml")}
	if base := PrimaryTag(lang); base != "en" {
		files = append(files, path.Join(Dir, base+".toml"))
	}
	for i, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			if i > 0 && errors.Is(err, fs.ErrNotExist) {
				continue // no translation: English strings
			}
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		m := map[string]string{}
		if _, err := toml.Decode(string(data), &m); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		for k, v := range m {
			c.Strings[k] = v
		}
		c.File = f
	}
	if d := c.Strings["dir"]; d != "ltr" && d != "rtl" {
		return nil, fmt.Errorf("%s: dir must be \"ltr\" or \"rtl\", got %q", c.File, d)
	}
	return c, nil
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
