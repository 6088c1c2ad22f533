package build

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"reckon/templates"
)

// TestKeepTopics builds the fixture site over its previous output after
// edits of one topic, of the whole site and of the output itself: a topic
// whose files did not change and whose pages show nothing of one that did
// is kept whole, its files not written again, and every other topic is
// made; every output is the one a build into an empty folder makes.
func TestKeepTopics(t *testing.T) {
	fsys := fixtureCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out, Cards: testCards(t)}
	same := func(what string) {
		t.Helper()
		if got, want := tree(t, out), cleanBuild(t, cfg); !maps.Equal(got, want) {
			var diff []string
			for name := range want {
				if got[name] != want[name] {
					diff = append(diff, name)
				}
			}
			t.Fatalf("%s: the output differs from a build into an empty folder in %v", what, diff)
		}
	}
	state := func() runState {
		t.Helper()
		var s runState
		if err := json.Unmarshal(readFile(t, filepath.Join(out, State)), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}

	if st := run(t, cfg); st.TopicsKept != 0 {
		t.Fatalf("into an empty folder: %d topics kept", st.TopicsKept)
	}
	topics := slices.Sorted(maps.Keys(state().Deps))
	if len(topics) < 2 {
		t.Fatalf("the fixture has topics %v; want at least two", topics)
	}
	if st := run(t, cfg); st.TopicsKept != len(topics) || st.Written != 0 || !st.UpToDate {
		t.Fatalf("over an unchanged output: %d topics kept of %d, %d files written, up to date %v; want all kept, none written, up to date", st.TopicsKept, len(topics), st.Written, st.UpToDate)
	}
	same("over an unchanged output")

	// One claim's title: its topic is made again, and so is every topic
	// that shows something of it; the others are kept, not written.
	const edited = "gpt-4"
	p := "claims/gpt-4/altman-100m.toml"
	fsys[p].Data = titleLine.ReplaceAll(fsys[p].Data, []byte(`title = "Renamed: `))
	var want []string
	for t, deps := range state().Deps {
		if t != edited && !slices.Contains(deps, edited) {
			want = append(want, t)
		}
	}
	if len(want) == 0 {
		t.Fatalf("every topic shows something of %s: %v", edited, state().Deps)
	}
	before := inodes(t, out)
	if st := run(t, cfg); st.TopicsKept != len(want) {
		t.Errorf("after a title of %s changed: %d topics kept; want %v", edited, st.TopicsKept, want)
	}
	same("after a claim's title changed")
	after := inodes(t, out)
	for name, fi := range after {
		if !slices.Contains(want, keptOwner(name, state().Deps)) {
			continue
		}
		if old, ok := before[name]; !ok || !os.SameFile(fi, old) || !fi.ModTime().Equal(old.ModTime()) {
			t.Errorf("%s, a file of a topic kept, was written again", name)
		}
	}

	// A page of a kept topic edited by hand, its size the same: that
	// topic is made again.
	kept := want[0]
	page := filepath.Join(out, "topics", kept, "index.html")
	data := readFile(t, page)
	data[len(data)/2] ^= 1
	writeFile(t, page, data)
	if st := run(t, cfg); st.TopicsKept != len(topics)-1 {
		t.Errorf("after a page of %s was edited by hand: %d topics kept; want all but %s", kept, st.TopicsKept, kept)
	}
	same("after a page was edited by hand")

	// A state that does not parse keeps nothing, and is written again.
	writeFile(t, filepath.Join(out, State), []byte(`{"version": 1, "key": `))
	if st := run(t, cfg); st.TopicsKept != 0 {
		t.Errorf("with a damaged state: %d topics kept; want none", st.TopicsKept)
	}
	same("with a damaged state")

	// A file of the whole site keeps nothing.
	fsys["claims/site.toml"].Data = append(fsys["claims/site.toml"].Data, "\n# edited\n"...)
	if st := run(t, cfg); st.TopicsKept != 0 {
		t.Errorf("after site.toml changed: %d topics kept; want none", st.TopicsKept)
	}
	same("after site.toml changed")

	// Another base URL keeps nothing.
	cfg.BaseURL = "https://example.net/news/"
	if st := run(t, cfg); st.TopicsKept != 0 {
		t.Errorf("with another base URL: %d topics kept; want none", st.TopicsKept)
	}
	same("with another base URL")
	if st := run(t, cfg); st.TopicsKept != len(topics) {
		t.Errorf("then again: %d topics kept; want all %d", st.TopicsKept, len(topics))
	}
}

// TestUpToDate builds the fixture site over its own output with nothing
// changed: the build finds the output up to date, rewrites nothing, and
// says what the site holds as the first build did. A changed input file,
// a file of the output edited or removed by hand, or another setting
// makes it build, into what a build into an empty folder makes; a broken
// input file fails it and leaves the output as it was.
func TestUpToDate(t *testing.T) {
	fsys := fixtureCopy(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out, Cards: testCards(t)}
	build := func() (*Result, *Stats) {
		t.Helper()
		res, st, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res, st
	}
	leftovers := func(what string) {
		t.Helper()
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 {
			t.Errorf("%s: beside the output: %d entries; want none", what, len(es)-1)
		}
	}
	res, first := build()
	summary := res.Summary()
	want := tree(t, out)
	before := inodes(t, out)
	for i := range 2 {
		res, st := build()
		if !st.UpToDate || st.Written != 0 || st.Removed != 0 || st.Files != first.Files || st.Pages != first.Pages || st.Bytes != first.Bytes {
			t.Errorf("build %d over an unchanged output: up to date %v, %d files (%d written, %d removed), %d pages, %d bytes; want up to date, %d files, none written, %d pages, %d bytes",
				i+2, st.UpToDate, st.Files, st.Written, st.Removed, st.Pages, st.Bytes, first.Files, first.Pages, first.Bytes)
		}
		if got := res.Summary(); got != summary {
			t.Errorf("up to date, the summary is %q; want %q", got, summary)
		}
		if got := tree(t, out); !maps.Equal(got, want) {
			t.Fatal("up to date, the output changed")
		}
		for name, fi := range inodes(t, out) {
			if old := before[name]; !os.SameFile(fi, old) || !fi.ModTime().Equal(old.ModTime()) {
				t.Errorf("up to date, %s was written again", name)
			}
		}
		leftovers("up to date")
	}

	// A byte of a page and of a card flipped (files that are read and
	// hashed; any other is checked by its size, as in every build over an
	// earlier output, see writer.unchanged), a chart's data cut short, and
	// a file removed: each is made again.
	var page, png, data string
	for name := range want {
		switch {
		case strings.HasPrefix(name, "claims/") && strings.HasSuffix(name, ".html"):
			page = name
		case strings.HasPrefix(name, "cards/"):
			png = name
		case strings.HasPrefix(name, "data/charts/") && strings.HasSuffix(name, ".csv"):
			data = name
		}
	}
	if page == "" || png == "" || data == "" {
		t.Fatalf("the fixture's output has a claim page %q, a card %q and a chart's CSV %q; want each", page, png, data)
	}
	for _, name := range []string{page, png, data} {
		b := []byte(want[name])
		if name == data {
			b = b[:len(b)-1]
		} else {
			b[len(b)/2] ^= 1
		}
		writeFile(t, filepath.Join(out, name), b)
		if _, st := build(); st.UpToDate || st.Written == 0 {
			t.Errorf("with %s edited by hand: up to date %v, %d files written", name, st.UpToDate, st.Written)
		}
		if got := tree(t, out); !maps.Equal(got, want) {
			t.Errorf("with %s edited by hand, the output is not made again as it was", name)
		}
	}
	if err := os.Remove(filepath.Join(out, page)); err != nil {
		t.Fatal(err)
	}
	if _, st := build(); st.UpToDate {
		t.Errorf("with %s removed: up to date", page)
	}
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("with %s removed, the output is not made again as it was", page)
	}

	// A broken input file fails the build, and nothing changes.
	p := "claims/gpt-4/altman-100m.toml"
	good := fsys[p].Data
	fsys[p].Data = append(slices.Clone(good), "\n[[[ not TOML\n"...)
	if _, _, err := Run(context.Background(), cfg); err == nil {
		t.Error("with a broken claim file: no error")
	}
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Error("a failed build changed the output")
	}
	leftovers("after a failed build")

	// A changed input file, or another setting, builds again.
	fsys[p].Data = titleLine.ReplaceAll(good, []byte(`title = "Renamed: `))
	if _, st := build(); st.UpToDate || st.Written == 0 {
		t.Errorf("after a claim's title changed: up to date %v, %d files written", st.UpToDate, st.Written)
	}
	if got := tree(t, out); !maps.Equal(got, cleanBuild(t, cfg)) {
		t.Error("after a claim's title changed, the output is not a build into an empty folder's")
	}
	cfg.BaseURL = "https://example.net/"
	if _, st := build(); st.UpToDate {
		t.Error("with another base URL: up to date")
	}
	if got := tree(t, out); !maps.Equal(got, cleanBuild(t, cfg)) {
		t.Error("with another base URL, the output is not a build into an empty folder's")
	}
	if _, st := build(); !st.UpToDate {
		t.Error("then again: not up to date")
	}
}

// TestStateIgnored checks that a state file is read only as one: not
// through a symbolic link, not when it is larger than maxState, not of
// another version or key.
func TestStateIgnored(t *testing.T) {
	good := runState{Version: stateVersion, Key: "k", Inputs: map[string]string{"claims/site.toml": strings.Repeat("0", 64)}, Deps: map[string][]string{}}
	data, err := json.Marshal(good)
	if err != nil {
		t.Fatal(err)
	}
	if parseState(data, "k") == nil {
		t.Fatal("a good state does not parse")
	}
	for _, tc := range []struct {
		name string
		edit func(s *runState)
		key  string
	}{
		{"another key", func(*runState) {}, "other"},
		{"another version", func(s *runState) { s.Version++ }, "k"},
		{"no inputs", func(s *runState) { s.Inputs = nil }, "k"},
		{"a short hash", func(s *runState) { s.Inputs["claims/site.toml"] = "00" }, "k"},
	} {
		s := good
		s.Inputs = maps.Clone(good.Inputs)
		tc.edit(&s)
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if parseState(data, tc.key) != nil {
			t.Errorf("%s: the state parses", tc.name)
		}
	}
	if parseState(append(data, make([]byte, maxState)...), "k") != nil {
		t.Error("a state larger than maxState parses")
	}

	// Through a link, the state is not read.
	fsys := fixtureCopy(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	cfg := Config{Src: fsys, Templates: templates.FS, BaseURL: "https://example.org/", Out: out}
	run(t, cfg)
	real := filepath.Join(dir, "state")
	if err := os.Rename(filepath.Join(out, State), real); err != nil {
		t.Fatal(err)
	}
	symlink(t, real, filepath.Join(out, State))
	if st := run(t, cfg); st.TopicsKept != 0 {
		t.Errorf("with the state a link: %d topics kept; want none", st.TopicsKept)
	}
	if fi, err := os.Lstat(filepath.Join(out, State)); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the state is not a regular file again: %v", err)
	}
}

// TestUntouched checks that a build over an earlier output does not read
// back a page or card whose change time is older than the manifest's, and
// that it does read one changed since, even with its size and its
// modification time as they were, and makes it again.
func TestUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{Src: fixtureCopy(t), Templates: templates.FS, BaseURL: "https://example.org/", Out: out, Cards: testCards(t)}
	build := func() *Stats {
		t.Helper()
		_, st, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	build()
	want := tree(t, out)
	// settled has the manifest changed (written again as it is) once the
	// clock is past settle, so that every file is older than it by that.
	settled := func() {
		t.Helper()
		time.Sleep(settle + 20*time.Millisecond)
		writeFile(t, filepath.Join(out, Manifest), readFile(t, filepath.Join(out, Manifest)))
	}
	settled()
	if st := build(); !st.UpToDate || st.Reread != 0 {
		t.Errorf("over an output older than its manifest: up to date %v, %d files read back; want up to date, none", st.UpToDate, st.Reread)
	}

	var page string
	for name := range want {
		if strings.HasPrefix(name, "claims/") && strings.HasSuffix(name, ".html") {
			page = name
			break
		}
	}
	p := filepath.Join(out, page)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	b := []byte(want[page])
	b[len(b)/2] ^= 1
	writeFile(t, p, b) // in the tick the manifest was last changed, or later
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if st := build(); st.UpToDate || st.Reread == 0 || st.Written == 0 {
		t.Errorf("with %s changed, its size and modification time as they were: up to date %v, %d files read back, %d written; want not up to date, read, written",
			page, st.UpToDate, st.Reread, st.Written)
	}
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("with %s changed, the output is not made again as it was", page)
	}

	settled()
	if st := build(); !st.UpToDate || st.Reread != 0 {
		t.Errorf("once made again, over an output older than its manifest: up to date %v, %d files read back; want up to date, none", st.UpToDate, st.Reread)
	}

	// A page changed by hand, then the whole output copied with its
	// modification times (as cp -a, rsync -a or tar do), the manifest
	// last: every change time is new, and the page is found by its
	// modification time, newer than the manifest's.
	writeFile(t, p, b)
	copied := filepath.Join(t.TempDir(), "public")
	files := tree(t, out)
	copyFile := func(name string) {
		t.Helper()
		src := filepath.Join(out, name)
		fi, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(copied, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dst, []byte(files[name]))
		if err := os.Chtimes(dst, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	for name := range files {
		if name != Manifest {
			copyFile(name)
		}
	}
	time.Sleep(settle + 20*time.Millisecond)
	copyFile(Manifest)
	cfgCopy := cfg
	cfgCopy.Out = copied
	if _, st, err := Run(context.Background(), cfgCopy); err != nil || st.UpToDate {
		t.Errorf("a copy with %s changed by hand: up to date %v, %v", page, st.UpToDate, err)
	}
	if got := tree(t, copied); !maps.Equal(got, want) {
		t.Errorf("a copy with %s changed by hand is not made again as it was", page)
	}

	// A page changed by hand, its size as it was, then a template changed
	// by a comment alone: every page is rendered again, to the bytes the
	// manifest lists, and the changed one is found by its content.
	writeFile(t, p, b)
	layout, err := fs.ReadFile(templates.FS, "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Src.(fstest.MapFS)["templates/layout.html"] = &fstest.MapFile{Data: append(layout, "{{/* a comment */}}"...)}
	build()
	if got := tree(t, out); got[page] != want[page] || !maps.Equal(got, cleanBuild(t, cfg)) {
		t.Errorf("with %s changed and a template changed by a comment, the output is not a build into an empty folder's", page)
	}
}
