package claim_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"reckon/generator/claim"
	"reckon/generator/diag"
)

// fuzzPaths are the places FuzzLoad may put its file: every file of the
// base site, plus a second claim, a stray file and a second topic.
var fuzzPaths = []string{
	"claims/site.toml",
	"claims/sources.toml",
	"claims/parameters.toml",
	"claims/t/topic.toml",
	"claims/t/sources.toml",
	"claims/t/model.toml",
	"claims/t/run.toml",
	"claims/t/second.toml",
	"claims/stray.toml",
	"claims/u/topic.toml",
}

// FuzzLoad lays one file over the base site of testdata/base.txtar, at the
// path fuzzPaths[slot % len], and loads it. Load must not panic, and must
// return either a Set or a diag.List whose every error names a file, has a
// one-line message and, when it has a line, points inside that file.
// The seed corpus is every file of the base site and of testdata/broken.
func FuzzLoad(f *testing.F) {
	slot := func(name string) (uint8, bool) {
		for i, p := range fuzzPaths {
			if p == name {
				return uint8(i), true
			}
		}
		return 0, false
	}
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range base.Files {
		i, _ := slot(file.Name)
		f.Add(i, file.Data)
	}
	cases, err := filepath.Glob("testdata/broken/*.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range cases {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if i, ok := slot(file.Name); ok {
				f.Add(i, file.Data)
			}
		}
	}
	// Inputs that once gave a cascade of errors or a position outside the file.
	for _, seed := range []struct {
		path, data string
	}{
		{"claims/t/model.toml", "[scopes.a]\nlabel = \"A\"\nextends = \"a\"\n"},
		{"claims/t/model.toml", "[components.x]\nlabel = \"X\"\nexpr = \"x\"\nunit = \"USD\"\ncontains = [\"x\", \"y\"]\n"},
		{"claims/t/model.toml", "[parameters.\"a.b\"]\nlabel = \"X\"\nvalue = 1\nunit = \"1\"\n"},
		{"claims/t/model.toml", "[formulas.z]\nlabel = \"Z\"\nexpr = \"\"\"\nrun_hours *\n  ratez\"\"\"\nunit = \"USD\"\n"},
		{"claims/t/model.toml", "scopes = []\n"},
		{"claims/site.toml", "[rating]\nbest = 3\nworst = 1\n[[rating.level]]\nwhen = 'framing == \"é\" && verdict'\n"},
		{"claims/t/run.toml", "parts = [{label = \"a\", value = 1, currency = \"USD\", claim = \"nope/x\"}]\n"},
		{"claims/t/run.toml", "[figure]\nvalue = nan\nrounding = -1\n"},
		{"claims/t/run.toml", "evidence = [\"a\", 5]\nrepeated = [1]\n"},
		{"claims/t/run.toml", "figure.value.x = 1\n"},
		{"claims/t/run.toml", "date = 07:32:00\n"},
		{"claims/u/topic.toml", "title = \"U\"\n"},
		// Hostile bytes: a byte-order mark, invalid UTF-8, control and
		// bidirectional characters raw and escaped, deep nesting.
		{"claims/site.toml", "\ufefftitel = \"x\"\n"},
		{"claims/t/run.toml", "\ufeff\ufeffsumary = 1\n"},
		{"claims/t/topic.toml", "\ufeff"},
		{"claims/t/run.toml", "title = \"\xff\xfe\"\n# \xc3\n"},
		{"claims/t/run.toml", "title = \"a\x1b[2Jb\x00\"\r\r\n"},
		{"claims/t/run.toml", "title = \"\\e\\u202e\\u2067\"\n\"\\u2069\" = 1\n"},
		{"claims/t/model.toml", "[components.x]\nlabel = \"\u202ex\u2066\u2069\u2069\"\n"},
		{"claims/t/run.toml", "title = \"\u2067a\u2069 \u200f\u061c\"\n"},
		{"claims/t/run.toml", "x = " + strings.Repeat("{a = ", 200) + "1" + strings.Repeat("}", 200) + "\n"},
		{"claims/t/run.toml", "x = " + strings.Repeat("[", 150) + "\"]]]\" # ]]]\n'''\n]]]'''\n"},
		{"claims/t/run.toml", "x = \"\"\"\n[[[\\\"\"\"\"\"\ny = [[[[\n"},
	} {
		i, _ := slot(seed.path)
		f.Add(i, []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, i uint8, data []byte) {
		fsys := baseFS(t, nil)
		name := fuzzPaths[int(i)%len(fuzzPaths)]
		fsys[name] = &fstest.MapFile{Data: data}
		type result struct {
			set *claim.Set
			err error
		}
		done := make(chan result, 1)
		go func() {
			set, err := claim.Load(fsys, "claims")
			done <- result{set, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Load took more than 10s:\n%s", name, data)
		}
		if err := checkLoad(r.set, r.err); err != nil {
			t.Fatalf("%s:\n%s\n%v", name, data, err)
		}
	})
}

// checkLoad checks the contract of Load's results.
func checkLoad(set *claim.Set, err error) error {
	if err == nil {
		if set == nil || set.Site == nil {
			return fmt.Errorf("no error, but no site")
		}
		return nil
	}
	list, ok := err.(diag.List)
	if !ok {
		return fmt.Errorf("error is a %T, not a diag.List: %v", err, err)
	}
	if len(list) == 0 {
		return fmt.Errorf("empty error list")
	}
	for _, e := range list {
		switch {
		case e.Pos.File == "":
			return fmt.Errorf("error without a file: %v", e)
		case strings.TrimSpace(e.Msg) == "":
			return fmt.Errorf("error without a message: %v", e.Pos)
		case strings.ContainsAny(e.Msg, "\n\r"):
			return fmt.Errorf("message of more than one line: %q", e.Msg)
		case strings.ContainsAny(e.Hint, "\n\r"):
			return fmt.Errorf("hint of more than one line: %q", e.Hint)
		case e.Pos.Line < 0 || e.Pos.Col < 0 || e.Pos.Line == 0 && e.Pos.Col != 0:
			return fmt.Errorf("bad position: %v", e)
		}
		if e.Pos.Line == 0 {
			continue
		}
		data, ok := set.Files[e.Pos.File]
		if !ok {
			return fmt.Errorf("error in a file that was not read: %v", e)
		}
		lines := bytes.Split(data, []byte("\n"))
		if e.Pos.Line > len(lines) {
			return fmt.Errorf("line past the end of the file (%d lines): %v", len(lines), e)
		}
		if n := len(lines[e.Pos.Line-1]); e.Pos.Col > n+1 {
			return fmt.Errorf("column past the end of the line (%d bytes): %v", n, e)
		}
	}
	return nil
}
