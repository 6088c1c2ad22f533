package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/templates"
)

// pageSite returns a copy of the fixture site and the config of a build of
// it into out, logging its pages (in a cardLog: "drawn" are the pages
// rendered). The build keeps no topic whole (see [State]), so that every
// page is asked for.
func pageSite(t *testing.T, out string) (fstest.MapFS, Config, *cardLog) {
	fsys := fixtureCopy(t)
	log := &cardLog{}
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out}
	cfg.test.page, cfg.test.keepNone = log.hook, true
	return fsys, cfg, log
}

func pagesIn[V any](files map[string]V) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestPagesReused builds a site over its previous output: unchanged, then
// after a claim's title changed; each time only the pages whose view
// changed are rendered, the others are read from the output, and the
// output is the one a build into an empty folder makes, manifest and all.
func TestPagesReused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	fsys, cfg, log := pageSite(t, out)
	st := run(t, cfg)
	rendered, reused := log.take()
	all := pagesIn(tree(t, out))
	if len(all) < 40 || !slices.Equal(rendered, all) || len(reused) != 0 || st.PagesReused != 0 || st.Pages != len(all) {
		t.Fatalf("into an empty folder: rendered %d pages, reused %d (%d in stats); want all %d rendered", len(rendered), len(reused), st.PagesReused, len(all))
	}
	st = run(t, cfg)
	rendered, reused = log.take()
	if len(rendered) != 0 || !slices.Equal(reused, all) || st.PagesReused != len(all) || st.Written != 0 {
		t.Fatalf("over an unchanged output: rendered %v, reused %d (%d in stats) of %d, wrote %d files; want none rendered or written", rendered, len(reused), st.PagesReused, len(all), st.Written)
	}
	p := "claims/gpt-4/altman-100m.toml"
	fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(`title = "Renamed: `))
	st = run(t, cfg)
	rendered, reused = log.take()
	if !slices.Contains(rendered, "claims/gpt-4/altman-100m/index.html") || !slices.Contains(reused, "404.html") || len(rendered)+len(reused) != len(all) || st.PagesReused != len(reused) {
		t.Errorf("after the title of %s changed: rendered %v, reused %d (%d in stats); want its page rendered, 404.html reused", p, rendered, len(reused), st.PagesReused)
	}
	for _, name := range rendered { // only pages that show the title
		if name != "claims/gpt-4/altman-100m/index.html" && !strings.Contains(tree(t, out)[name], "Renamed: ") {
			t.Errorf("%s rendered again, and it does not show the new title", name)
		}
	}
	if got, want := tree(t, out), cleanBuild(t, cfg); !maps.Equal(got, want) {
		t.Errorf("after the title changed, the output differs from a build into an empty folder")
	}
}

// TestPagesNotReused builds a site over its previous output after
// something the pages are made from changed, which is not in their views,
// or after the output was spoiled: the pages concerned are rendered
// again, nothing is read through a link, and the output is the one a
// build into an empty folder makes.
func TestPagesNotReused(t *testing.T) {
	claimPage := "claims/gpt-4/altman-100m/index.html"
	embedPage := "embed/gpt-4/altman-100m/bridge/index.html"
	own := func(name string, edit func([]byte) []byte) func(*testing.T, fstest.MapFS, *Config, string, string) {
		return func(t *testing.T, fsys fstest.MapFS, _ *Config, _, _ string) {
			data, err := fs.ReadFile(templates.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			fsys["templates/"+name] = &fstest.MapFile{Data: edit(data)}
		}
	}
	all := []string{"*"}
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, fsys fstest.MapFS, cfg *Config, out, outside string)
		want  []string // rendered again; "*" for every page
	}{
		{"a template's comment", own("claim.html", func(b []byte) []byte { return append(b, "{{/* edited */}}\n"...) }), all},
		{"a partial", own("partials.html", func(b []byte) []byte { return append(b, "\n"...) }), all},
		{"an interface string", own("i18n/en.toml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(`skip_link = "`), []byte(`skip_link = "Edited: `), 1)
		}), all},
		{"another program", func(_ *testing.T, _ fstest.MapFS, cfg *Config, _, _ string) {
			cfg.test.program = func() ([sha256.Size]byte, bool) { return sha256.Sum256([]byte("another")), true }
		}, all},
		{"a program without a key", func(_ *testing.T, _ fstest.MapFS, cfg *Config, _, _ string) {
			cfg.test.program = func() ([sha256.Size]byte, bool) { return [sha256.Size]byte{}, false }
		}, nil}, // none asked for, every page rendered
		{"a page edited by hand", func(t *testing.T, _ fstest.MapFS, _ *Config, out, _ string) {
			p := filepath.Join(out, claimPage)
			data := readFile(t, p)
			data[len(data)/2] ^= 1 // the same size
			writeFile(t, p, data)
		}, []string{claimPage}},
		{"an embed page cut short", func(t *testing.T, _ fstest.MapFS, _ *Config, out, _ string) {
			p := filepath.Join(out, embedPage)
			writeFile(t, p, readFile(t, p)[:100])
		}, []string{embedPage}},
		{"a page gone", func(t *testing.T, _ fstest.MapFS, _ *Config, out, _ string) {
			removeFile(t, filepath.Join(out, claimPage))
		}, []string{claimPage}},
		{"a page linked to a copy", func(t *testing.T, _ fstest.MapFS, _ *Config, out, outside string) {
			p := filepath.Join(out, claimPage)
			copy := filepath.Join(outside, "copy.html")
			writeFile(t, copy, readFile(t, p))
			removeFile(t, p)
			symlink(t, copy, p)
		}, []string{claimPage}},
		{"a manifest without page keys", func(t *testing.T, _ fstest.MapFS, _ *Config, out, _ string) {
			p := filepath.Join(out, Manifest)
			var b strings.Builder
			for line := range strings.Lines(string(readFile(t, p))) {
				if f := strings.Fields(line); len(f) == 4 && strings.HasSuffix(f[3], ".html") {
					line = f[0] + " " + f[1] + " - " + f[3] + "\n"
				}
				b.WriteString(line)
			}
			writeFile(t, p, []byte(b.String()))
		}, all},
		{"a manifest of version 1", func(t *testing.T, _ fstest.MapFS, _ *Config, out, _ string) {
			p := filepath.Join(out, Manifest)
			var b strings.Builder
			b.WriteString("reckon manifest 1\n")
			for line := range strings.Lines(string(readFile(t, p))) {
				if f := strings.Fields(line); len(f) == 4 {
					b.WriteString(f[0] + " " + f[1] + " " + f[3] + "\n")
				}
			}
			writeFile(t, p, []byte(b.String()))
		}, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, outside := filepath.Join(dir, "public"), filepath.Join(dir, "outside")
			if err := os.Mkdir(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			fsys, cfg, log := pageSite(t, out)
			run(t, cfg)
			pages := pagesIn(tree(t, out))
			log.take()
			tc.spoil(t, fsys, &cfg, out, outside)
			outsideBefore := snapshot(t, outside)
			st := run(t, cfg)
			rendered, reused := log.take()
			want := tc.want
			if slices.Equal(want, all) {
				want = pages
			}
			if !slices.Equal(rendered, want) || len(reused) != len(pages)-len(want) && tc.want != nil || st.PagesReused != len(reused) {
				t.Errorf("rendered %v, reused %d (%d in stats); want %v rendered, the other pages of %d reused", rendered, len(reused), st.PagesReused, tc.want, len(pages))
			}
			if tc.want == nil && (len(reused) != 0 || st.PagesReused != 0) {
				t.Errorf("reused %d pages (%d in stats), want none", len(reused), st.PagesReused)
			}
			clean := cfg // of the same program
			clean.Out, clean.test.page = filepath.Join(dir, "clean"), nil
			run(t, clean)
			if got, want := tree(t, out), tree(t, clean.Out); !maps.Equal(got, want) {
				t.Errorf("the output differs from a build into an empty folder:\n%v", snapshot(t, out))
			}
			if got := snapshot(t, outside); got != outsideBefore {
				t.Errorf("the folder outside changed:\n%s\nwant:\n%s", got, outsideBefore)
			}
		})
	}
}

var runSeeds = flag.Int("run-seeds", 8, "how many random sequences of edits TestPagesReusedAfterEdits tries")

// TestPagesReusedAfterEdits applies random sequences of edits to the
// fixture site and builds it over its previous output after each: every
// build that succeeds leaves the output a build into an empty folder
// makes, byte for byte (manifest and all), and every build that fails
// leaves the output as it was.
func TestPagesReusedAfterEdits(t *testing.T) {
	if kept := pagesReusedAfterEdits(t, fixtureSite, *runSeeds); kept == 0 {
		t.Error("no build kept a topic")
	}
}

// TestPagesReusedAfterEditsEditions is TestPagesReusedAfterEdits on the
// site of two editions, whose pages differ in language and digits.
func TestPagesReusedAfterEditsEditions(t *testing.T) {
	if kept := pagesReusedAfterEdits(t, "../testdata/editions", 2); kept != 0 {
		t.Errorf("builds of a site of two editions kept %d topics, want none", kept)
	}
}

// pagesReusedAfterEdits applies seeds random sequences of edits to a copy
// of the site in dir, building it over its previous output after each,
// and checks each build's output against a build into an empty folder.
//
// It returns how many topics the builds kept (see [State]); a site of
// several editions keeps none.
func pagesReusedAfterEdits(t *testing.T, dir string, seeds int) (kept int) {
	t.Helper()
	reusedAll, builds := 0, 0
	for seed := range seeds {
		out := filepath.Join(t.TempDir(), "public")
		fsys := fixtureCopyOf(t, dir)
		e := &editor{fsys: fsys, orig: map[string][]byte{}, rnd: rand.New(rand.NewPCG(uint64(seed), 7))}
		for p, f := range fsys {
			e.orig[p] = f.Data
		}
		cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out, Cards: testCards(t)}
		var log []string
		for i := range 7 {
			if i > 0 {
				_, what := e.edit()
				log = append(log, what)
			}
			var before map[string]string
			if i > 0 {
				before = tree(t, out)
			}
			_, st, err := Run(context.Background(), cfg)
			if err != nil {
				if got := tree(t, out); !maps.Equal(got, before) {
					t.Fatalf("seed %d, after %s: the failed build changed the output", seed, strings.Join(log, ", "))
				}
				continue
			}
			builds++
			reusedAll += st.PagesReused
			if !st.UpToDate { // up to date, every topic is kept
				kept += st.TopicsKept
			}
			if got, want := tree(t, out), cleanBuild(t, cfg); !maps.Equal(got, want) {
				var diff []string
				for name := range want {
					if got[name] != want[name] {
						diff = append(diff, name)
					}
				}
				for name := range got {
					if _, ok := want[name]; !ok {
						diff = append(diff, name)
					}
				}
				slices.Sort(diff)
				t.Fatalf("seed %d, after %s: the output differs from a build into an empty folder in %s", seed, strings.Join(log, ", "), strings.Join(diff, " "))
			}
		}
	}
	if reusedAll == 0 {
		t.Error("no build reused a page")
	}
	t.Logf("%d builds reused %d pages and kept %d topics", builds, reusedAll, kept)
	return kept
}

// TestReuseTwice checks that a file asked for twice, or written twice, as
// two makers of one name may be, is listed without a key: its key would
// name one maker's bytes and the file hold the other's.
func TestReuseTwice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	k1, k2 := fileKey(sha256.Sum256([]byte("1"))), fileKey(sha256.Sum256([]byte("2")))
	build := func(steps func(w *writer, q *queue)) map[string]fileKey {
		t.Helper()
		w, err := newWriter(out, "", hooks{})
		if err != nil {
			t.Fatal(err)
		}
		q := w.queue()
		steps(w, q)
		if err := q.wait(); err != nil {
			t.Fatal(err)
		}
		if err := w.commit(); err != nil {
			t.Fatal(err)
		}
		_, keys, ok := parseManifest(readFile(t, filepath.Join(out, Manifest)))
		if !ok {
			t.Fatal("the manifest does not parse")
		}
		return keys
	}
	add := func(q *queue, name, data string) {
		if err := q.add(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	keys := build(func(w *writer, q *queue) {
		for _, name := range []string{"once.html", "asked-twice.html", "added-twice.html"} {
			w.reuse(name, k1)
		}
		w.reuse("asked-twice.html", k2)
		add(q, "once.html", "a")
		add(q, "asked-twice.html", "b")
		add(q, "added-twice.html", "c")
		add(q, "added-twice.html", "d")
	})
	if want := map[string]fileKey{"once.html": k1}; !maps.Equal(keys, want) {
		t.Errorf("keys listed: %v, want %v", slices.Sorted(maps.Keys(keys)), slices.Sorted(maps.Keys(want)))
	}
	var again []string
	build(func(w *writer, q *queue) {
		for _, name := range []string{"once.html", "asked-twice.html", "added-twice.html"} {
			if w.reuse(name, k1) != nil {
				again = append(again, name)
			}
			add(q, name, "x")
		}
	})
	if !slices.Equal(again, []string{"once.html"}) {
		t.Errorf("reused %v, want only once.html", again)
	}
}
