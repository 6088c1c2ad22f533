package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/BurntSushi/toml"

	defaults "reckon/templates"
)

// TestStringsComplete checks that the default interface strings hold every
// key that the code of this package asks for by a literal.
func TestStringsComplete(t *testing.T) {
	var en map[string]string
	if _, err := toml.DecodeFS(defaults.FS, "i18n/en.toml", &en); err != nil {
		t.Fatal(err)
	}
	src, _ := filepath.Glob("*.go")
	lit := regexp.MustCompile(`\.String\("([a-z0-9_-]+)"[,)]`)
	n := 0
	for _, f := range src {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllSubmatch(data, -1) {
			n++
			if _, ok := en[string(m[1])]; !ok {
				t.Errorf("%s: no interface string %q in i18n/en.toml", f, m[1])
			}
		}
	}
	if n < 2 {
		t.Errorf("found only %d keys: the pattern is broken", n)
	}
}
