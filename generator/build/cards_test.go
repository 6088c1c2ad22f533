package build

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"reckon/generator/claim"
	"reckon/templates"
)

// cardLog records which cards a build drew and which it reused.
type cardLog struct {
	mu            sync.Mutex
	drawn, reused []string
}

func (l *cardLog) hook(name string, reused bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if reused {
		l.reused = append(l.reused, name)
	} else {
		l.drawn = append(l.drawn, name)
	}
}

// take returns the cards drawn and reused since the last take, sorted.
func (l *cardLog) take() (drawn, reused []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	drawn, reused = slices.Sorted(slices.Values(l.drawn)), slices.Sorted(slices.Values(l.reused))
	l.drawn, l.reused = nil, nil
	return drawn, reused
}

// cardSite returns a copy of the fixture site and the config of a build of
// it, with cards, into out, logging its cards. The build keeps no topic
// whole (see [State]), so that every card is asked for.
func cardSite(t *testing.T, out string) (fstest.MapFS, Config, *cardLog) {
	fsys := fixtureCopy(t)
	log := &cardLog{}
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out, Cards: testCards(t)}
	cfg.test.card, cfg.test.keepNone = log.hook, true
	return fsys, cfg, log
}

func run(t *testing.T, cfg Config) *Stats {
	t.Helper()
	_, st, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// cleanBuild builds cfg's site into a new empty folder and returns what it
// holds.
func cleanBuild(t *testing.T, cfg Config) map[string]string {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "clean")
	cfg.test = hooks{}
	run(t, cfg)
	return tree(t, cfg.Out)
}

func cardsIn[V any](files map[string]V) []string {
	var out []string
	for name := range files {
		if strings.HasPrefix(name, "cards/") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestCardsReused builds a site over its previous output: unchanged, then
// after a claim's title changed, then after its figure did; each time only
// the cards whose text changed are drawn, the others are read from the
// output, and the output is the one a build into an empty folder makes.
func TestCardsReused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	fsys, cfg, log := cardSite(t, out)
	st := run(t, cfg)
	drawn, reused := log.take()
	all := cardsIn(tree(t, out))
	if len(all) < 10 || !slices.Equal(drawn, all) || len(reused) != 0 || st.CardsDrawn != len(all) || st.CardsReused != 0 {
		t.Fatalf("into an empty folder: drew %d cards (%d in stats), reused %d (%d); want all %d drawn", len(drawn), st.CardsDrawn, len(reused), st.CardsReused, len(all))
	}
	st = run(t, cfg)
	drawn, reused = log.take()
	if len(drawn) != 0 || !slices.Equal(reused, all) || st.CardsDrawn != 0 || st.CardsReused != len(all) || st.Written != 0 {
		t.Fatalf("over an unchanged output: drew %v, reused %d of %d, wrote %d files; want none drawn or written", drawn, len(reused), len(all), st.Written)
	}
	p := "claims/gpt-4/altman-100m.toml"
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
		want []string
	}{
		{"title", func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte(`title = "Renamed: `)) },
			[]string{"cards/gpt-4/altman-100m.png"}},
		{"figure", func(b []byte) []byte { return bytes.Replace(b, []byte("value = 100e6"), []byte("value = 100e12"), 1) },
			[]string{"cards/gpt-4.png", "cards/gpt-4/altman-100m.png"}},
	} {
		fsys[p].Data = tc.edit(fsys[p].Data)
		st = run(t, cfg)
		drawn, reused = log.take()
		if !slices.Equal(drawn, tc.want) || len(reused) != len(all)-len(tc.want) || st.CardsDrawn != len(tc.want) {
			t.Errorf("after the %s of %s changed: drew %v (%d in stats), reused %d; want %v drawn", tc.name, p, drawn, st.CardsDrawn, len(reused), tc.want)
		}
		if got, want := tree(t, out), cleanBuild(t, cfg); !maps.Equal(got, want) {
			t.Errorf("after the %s changed, the output differs from a build into an empty folder", tc.name)
		}
	}
}

// TestCardsNotReused builds a site over its previous output after a card
// of it was changed, removed or replaced by a link to a copy of itself
// outside the output (the manifest left as it was): that card is drawn
// again, nothing is read through the link, and the output is again the
// one a build into an empty folder makes. A folder of cards replaced by a
// link to a copy of itself is not read either: the build fails, as it
// does for any link in the place of a folder it writes into.
func TestCardsNotReused(t *testing.T) {
	claimCard := "cards/gpt-4/altman-100m.png"
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, out, outside string)
		want  []string // drawn
		fails string   // the error of the build, when it fails
	}{
		{"bytes changed", func(t *testing.T, out, _ string) {
			p := filepath.Join(out, claimCard)
			data := readFile(t, p)
			data[len(data)/2] ^= 1 // the same size
			writeFile(t, p, data)
		}, []string{claimCard}, ""},
		{"cut short", func(t *testing.T, out, _ string) {
			p := filepath.Join(out, claimCard)
			writeFile(t, p, readFile(t, p)[:100])
		}, []string{claimCard}, ""},
		{"gone", func(t *testing.T, out, _ string) {
			removeFile(t, filepath.Join(out, claimCard))
		}, []string{claimCard}, ""},
		{"a link to a copy", func(t *testing.T, out, outside string) {
			p := filepath.Join(out, claimCard)
			copy := filepath.Join(outside, "copy.png")
			writeFile(t, copy, readFile(t, p))
			removeFile(t, p)
			symlink(t, copy, p)
		}, []string{claimCard}, ""},
		{"a folder linked to a copy", func(t *testing.T, out, outside string) {
			dir := filepath.Join(out, "cards", "gpt-4")
			if err := os.Rename(dir, filepath.Join(outside, "gpt-4")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, "gpt-4"), dir)
		}, []string{"cards/gpt-4/ai-index-78-4m.png", "cards/gpt-4/altman-100m.png", "cards/gpt-4/epoch-acquisition-778m.png", "cards/gpt-4/epoch-amortized-40-7m.png", "cards/gpt-4/epoch-cloud-78-6m.png"},
			"public/cards/gpt-4: not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, outside := filepath.Join(dir, "public"), filepath.Join(dir, "outside")
			if err := os.Mkdir(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			_, cfg, log := cardSite(t, out)
			run(t, cfg)
			want := tree(t, out)
			log.take()
			tc.spoil(t, out, outside)
			outsideBefore, outBefore := snapshot(t, outside), snapshot(t, out)
			_, _, err := Run(context.Background(), cfg)
			drawn, _ := log.take()
			if !slices.Equal(drawn, tc.want) {
				t.Errorf("drew %v, want %v", drawn, tc.want)
			}
			switch {
			case tc.fails != "":
				if err == nil || !strings.HasSuffix(err.Error(), tc.fails) {
					t.Errorf("the build's error is %v, want one that ends in %q", err, tc.fails)
				}
				if got := snapshot(t, out); got != outBefore {
					t.Errorf("the failed build changed the output:\n%s\nwant:\n%s", got, outBefore)
				}
			case err != nil:
				t.Fatal(err)
			default:
				if got := tree(t, out); !maps.Equal(got, want) {
					t.Errorf("the output differs from the first build's:\n%v", snapshot(t, out))
				}
			}
			if got := snapshot(t, outside); got != outsideBefore {
				t.Errorf("the folder outside changed:\n%s\nwant:\n%s", got, outsideBefore)
			}
		})
	}
}

// TestCardsOldManifest builds a site over an output whose manifest is of
// version 1, without card keys: every card is drawn, the output is the
// one a build into an empty folder makes, with a manifest of version 2,
// and a file that Reckon did not write is kept.
func TestCardsOldManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	_, cfg, log := cardSite(t, out)
	run(t, cfg)
	want := tree(t, out)
	all := cardsIn(want)
	files, _, ok := parseManifest([]byte(want[Manifest]))
	if !ok {
		t.Fatal("the manifest does not parse")
	}
	var v1 strings.Builder
	v1.WriteString("reckon manifest 1\n")
	for _, line := range strings.Split(strings.TrimSuffix(want[Manifest], "\n"), "\n")[1:] {
		f := strings.SplitN(line, " ", 4)
		v1.WriteString(f[0] + " " + f[1] + " " + f[3] + "\n")
	}
	if got, keys, ok := parseManifest([]byte(v1.String())); !ok || !maps.Equal(got, files) || len(keys) != 0 {
		t.Fatal("the manifest of version 1 made by the test is not the same list")
	}
	writeFile(t, filepath.Join(out, Manifest), []byte(v1.String()))
	writeFile(t, filepath.Join(out, "cards", "mine.txt"), []byte("mine"))
	log.take()
	st := run(t, cfg)
	drawn, reused := log.take()
	if !slices.Equal(drawn, all) || len(reused) != 0 || st.Written != 0 {
		t.Errorf("drew %d cards, reused %d, wrote %d files; want all %d drawn, none written", len(drawn), len(reused), st.Written, len(all))
	}
	want["cards/mine.txt"] = "mine"
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("the output differs from the first build's (with the manifest of version 2):\n%v", snapshot(t, out))
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// TestSessionCards checks that a Session draws again only the cards whose
// key changed: after a claim's title changed, that claim's card; after a
// page of the whole site changed, which renders every page, none; and
// that each build's files are Render's.
func TestSessionCards(t *testing.T) {
	fsys, cfg, log := cardSite(t, "")
	s := NewSession(cfg)
	_, files, st, err := s.Render(claim.Date{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := cardsIn(files)
	if drawn, _ := log.take(); len(all) < 10 || !slices.Equal(drawn, all) || st.CardsDrawn != len(all) {
		t.Fatalf("the first build drew %d cards (%d in stats), want all %d", len(drawn), st.CardsDrawn, len(all))
	}
	p := "claims/gpt-4/altman-100m.toml"
	for _, tc := range []struct {
		path   string
		edit   func([]byte) []byte
		drawn  []string
		reused int
	}{
		{p, func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte(`title = "Renamed: `)) },
			[]string{"cards/gpt-4/altman-100m.png"}, 5}, // the topic's and its other claims'; the other topic is not rendered
		{p, func(b []byte) []byte { return bytes.Replace(b, []byte("value = 100e6"), []byte("value = 100e12"), 1) },
			[]string{"cards/gpt-4.png", "cards/gpt-4/altman-100m.png"}, 4},
		{"content/about.md", func(b []byte) []byte { return append(b, "\nMore.\n"...) },
			nil, len(all)},
	} {
		fsys[tc.path].Data = tc.edit(fsys[tc.path].Data)
		_, files, st, err := s.Render(claim.Date{}, []string{tc.path})
		if err != nil {
			t.Fatal(err)
		}
		drawn, reused := log.take()
		if !slices.Equal(drawn, tc.drawn) || st.CardsDrawn != len(tc.drawn) || len(reused) != tc.reused || st.CardsReused != tc.reused {
			t.Errorf("after %s changed: drew %v (%d in stats), reused %d (%d); want %v drawn, %d reused", tc.path, drawn, st.CardsDrawn, len(reused), st.CardsReused, tc.drawn, tc.reused)
		}
		plain := cfg
		plain.test = hooks{}
		renderSame(t, plain, files, "after "+tc.path+" changed, the session's files differ from Render's")
	}
}
