package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reckon/generator/card"
	"reckon/generator/internal/golden"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"reckon": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end command-line scripts in testdata/script.
// A script that asks for it with "site" starts from a copy of the fixture
// site's claims/ and content/ (testdata/site, as $FIXTURE: a frozen copy of
// the example site, never the repository's own content, which a newsroom
// edits) and of the ECharts package and the cards' fonts from the
// repository's node_modules.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := filepath.Abs(filepath.Join("testdata", "site"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURE", fixture)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// site [DIR] copies the fixture site into the work folder, or
			// into DIR.
			"site": func(ts *testscript.TestScript, neg bool, args []string) {
				at := "."
				if len(args) > 0 {
					at = args[0]
				}
				for _, dir := range []string{"claims", "content"} {
					if err := os.CopyFS(ts.MkAbs(filepath.Join(at, dir)), os.DirFS(filepath.Join(fixture, dir))); err != nil {
						ts.Fatalf("copy %s: %v", dir, err)
					}
				}
				copyModules(ts, repo, at, append([]string{"echarts/LICENSE", "echarts/dist/echarts.common.min.js"}, card.Files()...))
			},
			// fonts [DIR] copies the cards' fonts from the repository's
			// node_modules into node_modules in the work folder, or in DIR,
			// for a script that writes a site of its own.
			"fonts": func(ts *testscript.TestScript, neg bool, args []string) {
				at := "."
				if len(args) > 0 {
					at = args[0]
				}
				copyModules(ts, repo, at, card.Files())
			},
			// snapshot DIR FILE writes into FILE (outside DIR) a line for
			// every file, folder and link under DIR: its name, mode, size
			// and a hash of its content, or its target; cmp two of them to
			// see that nothing changed.
			"snapshot": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 || neg {
					ts.Fatalf("usage: snapshot DIR FILE")
				}
				snap, err := golden.Tree(ts.MkAbs(args[0]))
				if err != nil {
					ts.Fatalf("snapshot: %v", err)
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(snap), 0o644))
			},
			// sametree reports whether two folders hold the same files with the same bytes.
			"sametree": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: sametree DIR1 DIR2")
				}
				a, b := tree(ts, ts.MkAbs(args[0])), tree(ts, ts.MkAbs(args[1]))
				same := len(a) == len(b)
				var diff []string
				for k, v := range a {
					if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
						same = false
						diff = append(diff, k)
					}
				}
				if same == neg {
					ts.Fatalf("sametree %s %s: same=%v (differing: %s)", args[0], args[1], same, strings.Join(diff, ", "))
				}
			},
		},
	})
}

func tree(ts *testscript.TestScript, dir string) map[string][]byte {
	m := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			ts.Fatalf("%v", err)
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				ts.Fatalf("%v", err)
			}
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	return m
}

// copyModules copies files (paths under node_modules) from the repository's
// node_modules into node_modules under at in the script's work folder.
func copyModules(ts *testscript.TestScript, repo, at string, files []string) {
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repo, "node_modules", f))
		if err != nil {
			ts.Fatalf("an npm package is missing (run npm ci): %v", err)
		}
		p := ts.MkAbs(filepath.Join(at, "node_modules", f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			ts.Fatalf("%v", err)
		}
	}
}
