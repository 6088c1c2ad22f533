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

// output returns what a build that writes files leaves in its output
// folder: files, the marker and the manifest listing files.
func output(files map[string]string) map[string]string {
	out := maps.Clone(files)
	list := map[string]entry{}
	for name, data := range files {
		list[name] = digest([]byte(data))
	}
	out[Marker], out[Manifest] = markerText, string(formatManifest(list))
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
	if len(got) != len(files)+2 {
		t.Errorf("Run wrote %d files with the marker and the manifest, Render made %d", len(got), len(files))
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
// and checks that each keeps the content added last.
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
