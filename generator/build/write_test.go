package build

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// tree reads every file under dir, by slash-separated path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// put writes files, by slash-separated path and content, into dir, making
// the folders they are in: tree's inverse.
func put(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// output returns what a build that writes files leaves in its output
// folder: files, the marker and the manifest listing files.
func output(files map[string]string) map[string]string {
	out := maps.Clone(files)
	list := map[string]entry{}
	for name, data := range files {
		list[name] = digest([]byte(data))
	}
	out[Marker], out[Manifest] = markerText, string(formatManifest(list, nil))
	return out
}

// entries lists the names in dir, to find folders left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	old := map[string][]byte{"index.html": []byte("old"), "stale/index.html": []byte("stale")}
	if err := Write(context.Background(), out, old); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"index.html": []byte("home")}
	want := map[string]string{"index.html": "home"}
	for i := range 300 { // more files than writers, in shared and own folders
		name := "claims/" + string(rune('a'+i%5)) + "/c" + strings.Repeat("x", i%7) + string(rune('a'+i/5%26)) + "/index.html"
		files[name] = []byte(name)
		want[name] = name
	}
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); !maps.Equal(got, output(want)) {
		t.Errorf("wrote %d files, want %d; stale files kept: %v", len(got), len(output(want)), got["stale/index.html"] != "")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
		t.Errorf("folders beside the output: %q", got)
	}
}

func TestWriteFailureKeepsOutput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		ctx   func() context.Context
		want  string
	}{
		{"parent path", map[string][]byte{"a.html": nil, "../x": nil}, context.Background, `^build: refusing to write "\.\./x"$`},
		{"absolute path", map[string][]byte{"/etc/x": nil}, context.Background, `^build: refusing to write "/etc/x"$`},
		{"marker", map[string][]byte{Marker: []byte("not made by reckon")}, context.Background, `^build: refusing to write "\.reckon-output"$`},
		{"manifest", map[string][]byte{Manifest: nil}, context.Background, `^build: refusing to write "\.reckon-manifest"$`},
		{"manifest's new version", map[string][]byte{"a": nil, manifestTemp: nil}, context.Background, `^build: refusing to write "\.reckon-manifest\.new"$`},
		{"line break", map[string][]byte{"a\nb": nil}, context.Background, `^build: refusing to write "a\\nb"$`},
		{"unclean path", map[string][]byte{"a//b": nil}, context.Background, `^build: refusing to write "a//b"$`},
		{"file and folder", map[string][]byte{"a": []byte("file"), "a/b": []byte("in a folder")}, context.Background, `^build: refusing to write "a" as a file and as a folder$`},
		{"canceled", map[string][]byte{"a.html": nil}, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, "^context canceled$"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			if err := Write(context.Background(), out, map[string][]byte{"index.html": []byte("old")}); err != nil {
				t.Fatal(err)
			}
			err := Write(tc.ctx(), out, tc.files)
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("Write = %v, want an error matching %q", err, tc.want)
			}
			if got := tree(t, out); !maps.Equal(got, output(map[string]string{"index.html": "old"})) {
				t.Errorf("output changed: %v", got)
			}
			if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
				t.Errorf("folders beside the output: %q", got)
			}
		})
	}
}

// TestRunStreams checks that Run writes exactly the files Render makes,
// with the same stats, and that a failed render leaves the output alone.
func TestRunStreams(t *testing.T) {
	fsys := synthsite.Files(synthsite.Options{Topics: 2, Claims: 30, Words: 50})
	cfg := Config{Src: fsys, Templates: templates.FS, Assets: map[string][]byte{"assets/extra/LICENSE.txt": []byte("licence")}}
	_, files, rst, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.Out = filepath.Join(dir, "public")
	_, st, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, cfg.Out)
	if got[Marker] != markerText {
		t.Errorf("Run wrote no marker: %q", got[Marker])
	}
	if _, ok := got[State]; !ok {
		t.Errorf("Run wrote no %s", State)
	}
	if len(got) != len(files)+3 {
		t.Errorf("Run wrote %d files with the marker, the manifest and the state, Render made %d", len(got), len(files))
	}
	for name, data := range files {
		if got[name] != string(data) {
			t.Errorf("%s: Run wrote %d bytes, Render made %d", name, len(got[name]), len(data))
		}
	}
	if st.Files != rst.Files || st.Pages != rst.Pages || st.Bytes != rst.Bytes || st.Pages < 60 {
		t.Errorf("Run's stats %d files, %d pages, %d bytes; Render's %d, %d, %d", st.Files, st.Pages, st.Bytes, rst.Files, rst.Pages, rst.Bytes)
	}

	// A reference that does not resolve fails the render after some pages
	// were written: the output is left as it was.
	bad := fstest.MapFS{}
	maps.Copy(bad, fsys)
	bad["content/topics/topic-001.md"] = &fstest.MapFile{Data: []byte("See {{claim topic-001/nope}}.\n")}
	cfg.Src = bad
	_, _, err = Run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), `content/topics/topic-001.md:1:5: no claim "topic-001/nope"`) {
		t.Errorf("Run = %v, want the reference's error", err)
	}
	if after := tree(t, cfg.Out); !maps.Equal(after, got) {
		t.Error("a failed build changed the output")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
		t.Errorf("folders beside the output: %q", got)
	}

	// An asset may not take a page's place.
	cfg.Src = fsys
	cfg.Assets = map[string][]byte{"index.html": []byte("asset")}
	_, _, err = Run(context.Background(), cfg)
	if err == nil || err.Error() != `index.html: asset "index.html" would overwrite a page` {
		t.Errorf("Run with a clashing asset = %v", err)
	}
	if after := tree(t, cfg.Out); !maps.Equal(after, got) {
		t.Error("a failed build changed the output")
	}
}

// TestQueue writes many files through a queue, some of them several times,
// copied (add) or given (give), and checks that each keeps the content
// added last.
func TestQueue(t *testing.T) {
	dir := t.TempDir()
	w, err := newWriter(filepath.Join(dir, "public"), "", hooks{})
	if err != nil {
		t.Fatal(err)
	}
	q := w.queue()
	want := map[string]string{}
	buf := make([]byte, 0, 64)
	for i := range 500 {
		name := fmt.Sprintf("d%d/f%d.txt", i%7, i%50)
		if i%3 == 0 { // a buffer of its own, given
			given := fmt.Appendf(nil, "given version %d", i)
			if err := q.give(name, given); err != nil {
				t.Fatal(err)
			}
			want[name] = string(given)
			continue
		}
		buf = fmt.Appendf(buf[:0], "version %d", i) // reused: the queue copies
		if err := q.add(name, buf); err != nil {
			t.Fatal(err)
		}
		want[name] = string(buf)
	}
	if err := q.wait(); err != nil {
		t.Fatal(err)
	}
	if err := w.commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, filepath.Join(dir, "public")); !maps.Equal(got, output(want)) {
		t.Errorf("files differ from the last added:\n%v\nwant:\n%v", got, output(want))
	}
}

// TestManifest checks the manifest's text, with and without keys,
// that a manifest of version 1 is read as one without keys, and which
// texts are not one.
func TestManifest(t *testing.T) {
	files := map[string]entry{"index.html": digest([]byte("home")), "a b/c.css": {}, "cards/a b.png": digest([]byte("png"))}
	var k fileKey
	for i := range k {
		k[i] = byte(i)
	}
	keys := map[string]fileKey{"cards/a b.png": k, "a b/c.css": k, "gone.png": k} // only the first is listed and known
	const key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	want := "reckon manifest 2\n- - - a b/c.css\n8f8cbb7dcf46e0bc7d53265749a6c17d 3 " + key + " cards/a b.png\n4ea140588150773ce3aace786aeef7f4 4 - index.html\n"
	if got := string(formatManifest(files, keys)); got != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", got, want)
	}
	wantKeys := map[string]fileKey{"cards/a b.png": k}
	if got, gotKeys, ok := parseManifest([]byte(want)); !ok || !maps.Equal(got, files) || !maps.Equal(gotKeys, wantKeys) {
		t.Errorf("parseManifest = %v, %v, %v; want %v, %v", got, gotKeys, ok, files, wantKeys)
	}
	v1 := "reckon manifest 1\n- - a b/c.css\n8f8cbb7dcf46e0bc7d53265749a6c17d 3 cards/a b.png\n4ea140588150773ce3aace786aeef7f4 4 index.html\n"
	if got, gotKeys, ok := parseManifest([]byte(v1)); !ok || !maps.Equal(got, files) || len(gotKeys) != 0 {
		t.Errorf("parseManifest(version 1) = %v, %v, %v; want %v and no keys", got, gotKeys, ok, files)
	}
	for _, empty := range []string{"reckon manifest 1\n", "reckon manifest 2\n"} {
		if got, _, ok := parseManifest([]byte(empty)); !ok || len(got) != 0 {
			t.Errorf("an empty manifest %q = %v, %v", empty, got, ok)
		}
	}
	line := "4ea140588150773ce3aace786aeef7f4 4 "
	line2 := line + "- "
	for _, bad := range []string{
		"",
		"reckon manifest 3\n",
		"reckon manifest 1\n" + line + "b\n" + line + "a\n", // out of order
		"reckon manifest 1\n" + line + "a\n" + line + "a\n", // twice
		"reckon manifest 1\n" + line + "a",                  // cut short
		"reckon manifest 1\n" + line + "../a\n",
		"reckon manifest 1\n" + line + "/a\n",
		"reckon manifest 1\n" + line + Marker + "\n",
		"reckon manifest 1\n" + line + "a//b\n",
		"reckon manifest 1\n4EA140588150773CE3AACE786AEEF7F4 4 a\n",
		"reckon manifest 1\n4ea140588150773ce3aace786aeef7f 4 a\n",
		"reckon manifest 1\n4ea140588150773ce3aace786aeef7f4 04 a\n",
		"reckon manifest 1\n4ea140588150773ce3aace786aeef7f4 -4 a\n",
		"reckon manifest 1\n- 4 a\n",
		"reckon manifest 1\n4ea140588150773ce3aace786aeef7f4  a\n",
		"reckon manifest 1\n4ea140588150773ce3aace786aeef7f4 4\n",
		"reckon manifest 2\n" + line + "a\n",                  // no key
		"reckon manifest 2\n" + line2 + "b\n" + line2 + "a\n", // out of order
		"reckon manifest 2\n" + line + key[:63] + " a\n",
		"reckon manifest 2\n" + line + strings.ToUpper(key) + " a\n",
		"reckon manifest 2\n- - " + key + " a\n", // the key of unknown content
		"reckon manifest 2\n" + line2 + "../a\n",
	} {
		if got, _, ok := parseManifest([]byte(bad)); ok {
			t.Errorf("parseManifest(%q) = %v, want not a manifest", bad, got)
		}
	}
}

// inodes returns the identity of every file under dir, to tell a file
// left alone from one written again.
func inodes(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	for name := range tree(t, dir) {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = fi
	}
	return out
}

// TestRewriteOnlyChanges builds a site twice and then with one claim
// changed: the second build writes nothing, the third only the files that
// changed, and each output is what a build into an empty folder writes.
func TestRewriteOnlyChanges(t *testing.T) {
	fsys := synthsite.Files(synthsite.Options{Topics: 2, Claims: 20, Words: 50})
	dir := t.TempDir()
	cfg := Config{Src: fsys, Templates: templates.FS, Out: filepath.Join(dir, "public")}
	_, st, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != st.Files || st.Removed != 0 || st.Files < 100 {
		t.Errorf("into an absent folder: %d files written, %d removed, of %d", st.Written, st.Removed, st.Files)
	}
	first, ids := tree(t, cfg.Out), inodes(t, cfg.Out)

	_, st, err = Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 0 || st.Removed != 0 {
		t.Errorf("over an up-to-date output: %d files written, %d removed; want none", st.Written, st.Removed)
	}
	for name, fi := range inodes(t, cfg.Out) {
		if !os.SameFile(fi, ids[name]) || !fi.ModTime().Equal(ids[name].ModTime()) {
			t.Errorf("%s was written again", name)
		}
	}
	if got := tree(t, cfg.Out); !maps.Equal(got, first) {
		t.Error("the output changed")
	}

	// One claim less, one that no commentary cites: its files go, the
	// pages that list it change.
	changed := maps.Clone(fsys)
	var gone, id string
	for _, name := range slices.Sorted(maps.Keys(fsys)) {
		rest, ok := strings.CutPrefix(name, "claims/topic-001/claim-")
		if !ok {
			continue
		}
		id = "topic-001/claim-" + strings.TrimSuffix(rest, ".toml")
		cited := false
		for other, f := range fsys {
			if strings.HasPrefix(other, "content/") && other != "content/claims/"+id+".md" && strings.Contains(string(f.Data), id) {
				cited = true
			}
		}
		if !cited {
			gone = name
			break
		}
	}
	if gone == "" {
		t.Fatal("every claim of topic-001 is cited")
	}
	delete(changed, gone)
	delete(changed, "content/claims/"+id+".md")
	cfg.Src = changed
	want := filepath.Join(dir, "want")
	if _, _, err := Run(context.Background(), Config{Src: changed, Templates: templates.FS, Out: want}); err != nil {
		t.Fatal(err)
	}
	_, st, err = Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, cfg.Out)
	if !maps.Equal(got, tree(t, want)) {
		t.Errorf("after %s was removed, the output differs from a build into an empty folder", gone)
	}
	rewritten, kept := 0, 0
	for name, fi := range inodes(t, cfg.Out) {
		switch old, ok := ids[name]; {
		case name == Manifest || name == State:
		case ok && os.SameFile(fi, old):
			kept++
			if got[name] != first[name] {
				t.Errorf("%s changed but was not written", name)
			}
		default:
			rewritten++
		}
	}
	removed := 0
	for name := range first {
		if _, ok := got[name]; !ok {
			removed++
		}
	}
	if st.Written != rewritten || st.Removed != removed || rewritten == 0 || kept < st.Files/2 || removed == 0 {
		t.Errorf("%d files written (stats %d), %d kept, %d removed (stats %d) of %d", rewritten, st.Written, kept, removed, st.Removed, st.Files)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"public", "want"}) {
		t.Errorf("folders beside the output: %q", got)
	}
}

// TestOutputNotReckons checks what a build does with what it did not
// write in its output: a file stays; a folder or a link in the way of a
// file fails the build before anything changes; and a link is never
// followed, to write or to remove.
func TestOutputNotReckons(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	outside := filepath.Join(dir, "outside")
	mine := map[string]string{"a.html": "mine", "b.html": "mine too"}
	put(t, outside, mine)
	files := map[string][]byte{"index.html": []byte("home"), "sub/a.html": []byte("a"), "sub/b.html": []byte("b")}
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("check.example\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files["index.html"] = []byte("home, new")
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	want := output(map[string]string{"index.html": "home, new", "sub/a.html": "a", "sub/b.html": "b"})
	want["CNAME"] = "check.example\n"
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("a file reckon did not write: %v", got)
	}

	// A folder where a file goes.
	if err := os.Mkdir(filepath.Join(out, "new.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	files["new.html"] = []byte("new")
	err := Write(context.Background(), out, files)
	if wantErr := "write " + filepath.Join(out, "new.html") + ": a folder that reckon did not make is in the way"; err == nil || err.Error() != wantErr {
		t.Errorf("Write with a folder in the way = %v, want %q", err, wantErr)
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a failed build changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	delete(files, "new.html")

	// A link where a folder was: neither written through nor removed
	// through.
	if err := os.RemoveAll(filepath.Join(out, "sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "sub")); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, dir)
	files["sub/a.html"] = []byte("a, new")
	err = Write(context.Background(), out, files)
	if err == nil || !strings.HasPrefix(err.Error(), "open "+filepath.Join(out, "sub")+": ") {
		t.Errorf("Write through a link = %v, want an error opening %s", err, filepath.Join(out, "sub"))
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a failed build changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	delete(files, "sub/a.html")
	delete(files, "sub/b.html")
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, outside); !maps.Equal(got, mine) {
		t.Errorf("the folder a link in the output leads to changed: %v", got)
	}
}

// TestOutputWithoutManifest checks that an output without a manifest (from
// an earlier version of Reckon) or with a damaged one is taken as Reckon's
// as a whole: every file is written again and the others removed.
func TestOutputWithoutManifest(t *testing.T) {
	for _, tc := range []struct{ name, marker, manifest string }{
		{"earlier version", legacyMarker, ""},
		{"damaged manifest", markerText, "reckon manifest 1\nnot a line\n"},
		{"manifest not a file", markerText, "folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			old := map[string]string{Marker: tc.marker, "index.html": "home", "old/deep/x.html": "old", "keep/y.html": "old y"}
			switch tc.manifest {
			case "":
			case "folder":
				old[Manifest+"/z"] = "in a folder"
			default:
				old[Manifest] = tc.manifest
			}
			put(t, out, old)
			if err := os.Mkdir(filepath.Join(out, "empty"), 0o755); err != nil {
				t.Fatal(err)
			}
			ids := inodes(t, out)
			files := map[string][]byte{"index.html": []byte("home"), "keep/z.html": []byte("z")}
			err := Write(context.Background(), out, files)
			if tc.manifest == "folder" {
				// The manifest cannot be written over a folder.
				if err == nil || !strings.HasPrefix(err.Error(), "write "+filepath.Join(out, Manifest)+": ") {
					t.Fatalf("Write = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tree(t, out); !maps.Equal(got, output(map[string]string{"index.html": "home", "keep/z.html": "z"})) {
				t.Errorf("output: %v", got)
			}
			if fi, err := os.Stat(filepath.Join(out, "index.html")); err != nil || os.SameFile(fi, ids["index.html"]) {
				t.Errorf("index.html, of unknown content, was not written again")
			}
			if got := entries(t, out); !slices.Equal(got, []string{Manifest, Marker, "index.html", "keep"}) {
				t.Errorf("left in the output: %q", got)
			}
		})
	}
}

// TestWriteFailureIntoAbsentFolder checks that a build written straight
// into an absent folder removes it when it fails, and leaves an empty
// folder empty.
func TestWriteFailureIntoAbsentFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"a": []byte("file"), "a/b": []byte("in a folder"), "c/d/e.html": []byte("e")}
	err := Write(context.Background(), filepath.Join(dir, "public"), files)
	if err == nil || err.Error() != `build: refusing to write "a" as a file and as a folder` {
		t.Errorf("Write = %v", err)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("left behind: %q", got)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), filepath.Join(dir, "empty"), files); err == nil {
		t.Error("Write succeeded")
	}
	if got := entries(t, filepath.Join(dir, "empty")); len(got) != 0 {
		t.Errorf("left in the empty folder: %q", got)
	}
}
