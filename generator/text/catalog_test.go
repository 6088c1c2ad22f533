package text

import (
	"testing"
	"testing/fstest"
)

// TestCache: a Cache gives the catalog it loaded from the same bytes, and
// loads again a catalog whose file changed, or whose language's file came.
func TestCache(t *testing.T) {
	fsys := fstest.MapFS{"i18n/en.toml": {Data: []byte("dir = \"ltr\"\nhome = \"Home\"\n")}}
	var c Cache
	a, err := c.Load(fsys, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := c.Load(fsys, "fr"); b != a {
		t.Error("the same bytes loaded twice")
	}
	fsys["i18n/fr.toml"] = &fstest.MapFile{Data: []byte("home = \"Accueil\"\n")}
	fr, err := c.Load(fsys, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if fr.Strings["home"] != "Accueil" || fr.File != "i18n/fr.toml" {
		t.Errorf("with i18n/fr.toml: home = %q from %s", fr.Strings["home"], fr.File)
	}
	fsys["i18n/en.toml"] = &fstest.MapFile{Data: []byte("dir = \"ltr\"\nhome = \"Start\"\n")}
	fsys["i18n/fr.toml"] = &fstest.MapFile{Data: []byte("dir = \"ltr\"\n")}
	en, err := c.Load(fsys, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if en.Strings["home"] != "Start" {
		t.Errorf("after en.toml changed: home = %q, want Start", en.Strings["home"])
	}
	fsys["i18n/en.toml"] = &fstest.MapFile{Data: []byte("dir = \"up\"\n")}
	if _, err := c.Load(fsys, "en"); err == nil {
		t.Error("a bad dir loaded from a cache")
	}
	if _, err := (*Cache)(nil).Load(fsys, "en"); err == nil {
		t.Error("a bad dir loaded without a cache")
	}
}
