package claim_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"reckon/generator/claim"
	"reckon/generator/diag"
)

// errorLines loads fsys and returns its errors, one Error() a line.
func errorLines(t *testing.T, fsys fs.FS) string {
	t.Helper()
	_, err := claim.Load(fsys, "claims")
	var lines []string
	for _, e := range diag.Errors(err) {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// TestLoadAcceptsMarksIsolatesBOMAndCRLF loads text that is allowed: a
// byte-order mark, CRLF line ends, bidirectional marks and isolates that
// are closed on their line, written raw and as escapes.
func TestLoadAcceptsMarksIsolatesBOMAndCRLF(t *testing.T) {
	fsys := baseFS(t, nil)
	run := string(fsys["claims/t/run.toml"].Data)
	run = strings.Replace(run, `title = "The run cost $5.6M"`, "title = \"The run cost \u2067$5.6M\u2069\"", 1)
	run = strings.Replace(run, `quote = "it cost $5.6M"`, `quote = "it cost \u2066$5.6M\u2069 \u200f\u061c\u200e"`, 1)
	fsys["claims/t/run.toml"].Data = []byte("\ufeff" + strings.ReplaceAll(run, "\n", "\r\n"))
	fsys["claims/site.toml"].Data = append([]byte("\ufeff"), fsys["claims/site.toml"].Data...)
	set, err := claim.Load(fsys, "claims")
	if err != nil {
		var b bytes.Buffer
		diag.Format(&b, err, nil)
		t.Fatalf("load failed:\n%s", b.String())
	}
	c := set.Claim("t/run")
	if want := "The run cost \u2067$5.6M\u2069"; c.Title != want {
		t.Errorf("title = %q, want %q", c.Title, want)
	}
	if want := "it cost \u2066$5.6M\u2069 \u200f\u061c\u200e"; c.Source.Quote != want {
		t.Errorf("quote = %q, want %q", c.Source.Quote, want)
	}
	if set.Site.Title != "Test Checks" {
		t.Errorf("site title = %q", set.Site.Title)
	}
	if bytes.HasPrefix(set.Files["claims/t/run.toml"], []byte("\ufeff")) {
		t.Error("Files keeps the byte-order mark: columns on line 1 would be off by 3")
	}
}

// TestLoadFileTooLarge checks the size limit, before anything is decoded.
func TestLoadFileTooLarge(t *testing.T) {
	fsys := baseFS(t, nil)
	data := fsys["claims/t/run.toml"].Data
	data = append(data, "# "+strings.Repeat("x", 1<<20-len(data)-3)+"\n"...)
	fsys["claims/t/run.toml"].Data = data
	if len(data) != 1<<20 {
		t.Fatalf("test file is %d bytes", len(data))
	}
	if got := errorLines(t, fsys); got != "" {
		t.Fatalf("a file of exactly 1 MiB: %s", got)
	}
	fsys["claims/t/run.toml"].Data = append(data, '\n')
	if got, want := errorLines(t, fsys), "claims/t/run.toml: file is 1048577 bytes, more than the limit of 1 MiB"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestLoadDeepNestingFailsFast loads the file that took 13 s and 4.3 GB
// before the depth limit: 10,000 nested inline tables on one line. It must
// fail with the depth error at the 101st brace. (It takes well under a
// millisecond; the time is logged, not asserted.)
func TestLoadDeepNestingFailsFast(t *testing.T) {
	for _, tc := range []struct {
		name, open, close string
		levels            int
		want              string
	}{
		{"inline tables", "{a = ", "}", 10_000, "claims/t/run.toml:14:505: arrays and tables nest more than 100 deep"},
		{"arrays", "[", "]", 20_000, "claims/t/run.toml:14:105: arrays and tables nest more than 100 deep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := baseFS(t, nil)
			deep := "x = " + strings.Repeat(tc.open, tc.levels) + "1" + strings.Repeat(tc.close, tc.levels) + "\n"
			fsys["claims/t/run.toml"].Data = append(fsys["claims/t/run.toml"].Data, deep...)
			start := time.Now()
			got := errorLines(t, fsys)
			t.Logf("%d levels, %d bytes: %v", tc.levels, len(deep), time.Since(start))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// writeBase writes the base site into a new folder and returns it.
func writeBase(t *testing.T) string {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range base.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadSymlinks reads a site on disk through an os.Root, as main does:
// a link that stays inside the site is followed; one that leads outside
// (relative, absolute or through a linked folder) or nowhere is an error
// naming the link, and nothing outside the site is read.
func TestLoadSymlinks(t *testing.T) {
	const secret = "SECRET-OUTSIDE-THE-SITE"
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.toml"), []byte("title = \""+secret+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		links map[string]string // link (slash path in the site) -> target
		want  string
	}{
		{"inside", map[string]string{"claims/t/again.toml": "run.toml", "claims/v": "t"}, ""},
		{"outside relative", map[string]string{"claims/t/leak.toml": "../../../" + filepath.Base(outside) + "/secret.toml"},
			`claims/t/leak.toml: symbolic link to "../../../` + filepath.Base(outside) + `/secret.toml" leads outside the site's folder`},
		{"outside absolute", map[string]string{"claims/t/leak.toml": filepath.Join(outside, "secret.toml")},
			`claims/t/leak.toml: symbolic link to "` + filepath.Join(outside, "secret.toml") + `" leads outside the site's folder`},
		{"absolute into the site", map[string]string{"claims/t/again.toml": "SITE/claims/t/run.toml"},
			`claims/t/again.toml: symbolic link to "SITE/claims/t/run.toml" leads outside the site's folder`},
		{"reserved file outside", map[string]string{"claims/site.toml": filepath.Join(outside, "secret.toml")},
			`claims/site.toml: symbolic link to "` + filepath.Join(outside, "secret.toml") + `" leads outside the site's folder`},
		{"folder outside", map[string]string{"claims/w": outside},
			`claims/w: symbolic link to "` + outside + `" leads outside the site's folder`},
		{"dangling", map[string]string{"claims/t/gone.toml": "nothere.toml"},
			`claims/t/gone.toml: symbolic link to "nothere.toml" leads nowhere`},
		{"dangling topic file", map[string]string{"claims/t/topic.toml": "nothere.toml"},
			`claims/t/topic.toml: symbolic link to "nothere.toml" leads nowhere`},
		{"ignored name", map[string]string{"claims/t/.gone.toml": "nothere.toml", "claims/_w": outside}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeBase(t)
			want := strings.ReplaceAll(tc.want, "SITE", dir)
			for link, target := range tc.links {
				p := filepath.Join(dir, filepath.FromSlash(link))
				os.Remove(p)
				if err := os.Symlink(strings.ReplaceAll(target, "SITE", dir), p); err != nil {
					t.Fatal(err)
				}
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			set, err := claim.Load(root.FS(), "claims")
			var lines []string
			for _, e := range diag.Errors(err) {
				lines = append(lines, e.Error())
			}
			if got := strings.Join(lines, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			for name, data := range set.Files {
				if bytes.Contains(data, []byte(secret)) {
					t.Errorf("%s: read a file outside the site", name)
				}
			}
			if err == nil && tc.name == "inside" {
				if set.Claim("t/again") == nil || set.Topic("v") == nil {
					t.Errorf("links inside the site were not followed")
				}
			}
		})
	}
}
