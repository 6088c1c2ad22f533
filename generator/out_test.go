package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reckon/generator/card"
	"reckon/generator/internal/synthsite"
)

// TestBuildOut runs reckon build into each kind of -out folder and checks
// the exit code and whole error output of those it refuses, that nothing
// changed anywhere, and that the others are written.
func TestBuildOut(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "repo", "site")
	if err := os.CopyFS(site, synthsite.Files(synthsite.Options{Topics: 1, Claims: 3, Words: 20})); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"repo/.git/HEAD":                     "ref: refs/heads/main\n",
		"other/.git/HEAD":                    "ref: refs/heads/main\n",
		"foreign/notes.txt":                  "mine",
		"notes.txt":                          "mine",
		"echarts/dist/echarts.common.min.js": "/* echarts */",
		"echarts/LICENSE":                    "licence",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "empty"), 0o755)
	for _, f := range card.Files() { // the cards' fonts, from the repository's node_modules
		data, err := os.ReadFile(filepath.Join("..", "node_modules", f))
		if err != nil {
			t.Fatalf("%v (run npm ci)", err)
		}
		p := filepath.Join(site, "node_modules", f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(out string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", "-q", "-src", site, "-echarts", filepath.Join(dir, "echarts"), "-out", out}, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	own := "  hint: choose a folder of its own for the site, such as public\n"
	remove := "  hint: a build writes only into an absent or empty folder or an earlier output (one holding .reckon-output); choose another -out, or remove the folder yourself\n"
	before := files(t, dir)
	for _, tc := range []struct{ out, want string }{
		{site, "it is the site's source folder\n" + own},
		{filepath.Join(site, "claims"), "it is the site's claims/ folder\n" + own},
		{filepath.Join(dir, "repo"), "it holds the site's source folder\n" + own},
		{dir, "it holds the site's source folder\n" + own},
		{filepath.Join(dir, "other"), "it holds a git repository (.git)\n" + remove},
		{filepath.Join(dir, "notes.txt"), "it is not a folder\n" + remove},
		{filepath.Join(dir, "foreign"), "it is not empty and reckon did not make it (it has no .reckon-output file)\n" + remove},
	} {
		code, got := build(tc.out)
		if want := "reckon build: refusing to write the site to " + tc.out + ": " + tc.want; code != exitContent || got != want {
			t.Errorf("reckon build -out %s: exit %d, output:\n%s\nwant exit 1, output:\n%s", tc.out, code, got, want)
		}
	}
	if after := files(t, dir); !maps.Equal(after, before) {
		t.Errorf("refused builds changed something")
	}

	// An absent folder, an empty one and an earlier output are written.
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(dir, "empty"), filepath.Join(site, "public")} {
		if code, got := build(out); code != exitOK || got != "" {
			t.Fatalf("reckon build -out %s: exit %d, output:\n%s", out, code, got)
		}
		data, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil || !bytes.Contains(data, []byte("<html")) {
			t.Errorf("reckon build -out %s wrote no home page (%v)", out, err)
		}
	}
}
