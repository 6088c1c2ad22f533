package content

import (
	"crypto/sha256"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCacheReloadsOnlyChangedFiles loads a folder twice through a Cache:
// a document whose bytes are the same is the one loaded before, a changed
// one is loaded again, and a broken one fails as Load fails.
func TestCacheReloadsOnlyChangedFiles(t *testing.T) {
	fsys := mapFS(map[string]string{
		"content/about.md":   "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\n+++\nHello.\n",
		"content/funding.md": "+++\ntitle = \"Funding\"\ndescription = \"Who pays.\"\n+++\nNo one.\n",
	})
	var c Cache
	first, err := c.Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/funding.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Money\"\ndescription = \"Who pays.\"\n+++\nNo one.\n")}
	second, err := c.Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	if first.Page("about") != second.Page("about") {
		t.Error("the unchanged about.md was loaded again")
	}
	if got := second.Page("funding").Title; got != "Money" {
		t.Errorf("the changed funding.md has the title %q, want Money", got)
	}
	fsys["content/funding.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Money\"\n")}
	_, want := Load(fsys, "content")
	if _, err := c.Load(fsys, "content"); err == nil || err.Error() != want.Error() {
		t.Errorf("broken funding.md: error %v, want %v", err, want)
	}
}

// TestLoadKnownReadsOnlyUnknownFiles: a file whose bytes the caller knows
// (by their SHA-256) and the cache holds is not read; one it does not know,
// or knows with other bytes, is.
func TestLoadKnownReadsOnlyUnknownFiles(t *testing.T) {
	about := "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\n+++\nHello.\n"
	fsys := mapFS(map[string]string{
		"content/about.md":   about,
		"content/funding.md": "+++\ntitle = \"Funding\"\ndescription = \"Who pays.\"\n+++\nNo one.\n",
	})
	var c Cache
	if _, err := c.Load(fsys, "content"); err != nil {
		t.Fatal(err)
	}
	// Both files change on disk; the caller knows about.md as it was.
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte(strings.Replace(about, "About", "Us", 1))}
	fsys["content/funding.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Money\"\ndescription = \"Who pays.\"\n+++\nNo one.\n")}
	known := func(file string) ([sha256.Size]byte, bool) {
		return sha256.Sum256([]byte(about)), file == "content/about.md"
	}
	s, err := c.LoadKnown(fsys, "content", known)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Page("about").Title; got != "About" {
		t.Errorf("the known about.md was read again: title %q, want About", got)
	}
	if got := s.Page("funding").Title; got != "Money" {
		t.Errorf("the unknown funding.md has the title %q, want Money", got)
	}
	wrong := func(file string) ([sha256.Size]byte, bool) { return sha256.Sum256([]byte("other")), true }
	if s, err := c.LoadKnown(fsys, "content", wrong); err != nil || s.Page("about").Title != "Us" {
		t.Errorf("about.md known with other bytes: %v, title %q, want Us", err, s.Page("about").Title)
	}
}
