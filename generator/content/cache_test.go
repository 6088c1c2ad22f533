package content

import (
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
