package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// files reads every file and link under dir, by slash-separated path.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[filepath.ToSlash(rel)] = "-> " + target
			return err
		case d.IsDir():
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNewRefuses runs reckon new with arguments it must refuse and checks
// its exit code and whole error output, and that nothing was written,
// inside the site or out of it.
func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	for name, data := range map[string]string{
		"site/claims/deepseek/topic.toml": "title = \"DeepSeek\"\n",
		"site/claims/deepseek/model.toml": "[scopes.v3-final-run]\n",
		"site/claims/deepseek/old.toml":   "title = \"Old\"\n",
		"site/claims/gpt-4/topic.toml":    "title = \"GPT-4\"\n",
		"site/claims/notopic/model.toml":  "[scopes.x]\n",
		"outside/topic.toml":              "title = \"Outside\"\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Links that lead out of the site: a topic, and a claim file to be.
	for link, target := range map[string]string{
		"site/claims/escape":             "../../outside",
		"site/claims/deepseek/link.toml": "../../../outside/new.toml",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	before := files(t, dir)
	example := "  hint: for example: reckon new -date 2025-03-01 deepseek/new-claim\n"
	topics := "  hint: the topics are deepseek, gpt-4\n"
	tests := []struct {
		name   string
		arg    string
		code   int
		stderr string
	}{
		{"traversal", "deepseek/../../../x", exitUsage, `reckon new: want TOPIC/NAME, got "deepseek/../../../x"` + "\n" + example},
		{"traversal in the topic", "../x", exitUsage, `reckon new: topic ".." is not a slug (lower-case letters, digits and hyphens, not at either end)` + "\n" + example},
		{"absolute", "/etc/x", exitUsage, `reckon new: want TOPIC/NAME, got "/etc/x"` + "\n" + example},
		{"trailing slash", "deepseek/", exitUsage, `reckon new: "deepseek/" has no NAME after the slash` + "\n" + example},
		{"no slash", "deepseek", exitUsage, `reckon new: want TOPIC/NAME, got "deepseek"` + "\n" + example},
		{"no topic", "/x", exitUsage, `reckon new: topic "" is not a slug (lower-case letters, digits and hyphens, not at either end)` + "\n" + example},
		{"bad slug", "deepseek/New_Claim", exitUsage, `reckon new: name "New_Claim" is not a slug (lower-case letters, digits and hyphens, not at either end)` + "\n" + example},
		{"file name", "deepseek/x.toml", exitUsage, `reckon new: name "x.toml" is not a slug (lower-case letters, digits and hyphens, not at either end)` + "\n" + example},
		{"hyphen at the end", "deepseek/x-", exitUsage, `reckon new: name "x-" is not a slug (lower-case letters, digits and hyphens, not at either end)` + "\n" + example},
		{"unknown topic", "nosuchtopic/x", exitContent, `reckon new: no topic "nosuchtopic" (no file claims/nosuchtopic/topic.toml)` + "\n" + topics},
		{"folder without a topic file", "notopic/x", exitContent, `reckon new: no topic "notopic" (no file claims/notopic/topic.toml)` + "\n" + topics},
		{"topic outside the site", "escape/x", exitContent, `reckon new: no topic "escape" (no file claims/escape/topic.toml)` + "\n" + topics},
		{"existing file", "deepseek/old", exitContent, "reckon new: claims/deepseek/old.toml already exists\n  hint: choose another NAME, or edit the file\n"},
		{"link out of the site", "deepseek/link", exitContent, "reckon new: claims/deepseek/link.toml already exists\n  hint: choose another NAME, or edit the file\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"new", "-src", site, "-date", "2025-03-01", tc.arg}, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code || stderr.String() != tc.stderr || stdout.Len() > 0 {
				t.Errorf("reckon new %s: exit %d, stdout %q, stderr:\n%s\nwant exit %d, stderr:\n%s", tc.arg, code, stdout.String(), stderr.String(), tc.code, tc.stderr)
			}
			if after := files(t, dir); !maps.Equal(after, before) {
				t.Errorf("reckon new %s wrote something: %v", tc.arg, after)
			}
		})
	}

	// A site without topics says how to make one.
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	var stderr bytes.Buffer
	code := run([]string{"new", "-src", empty, "-date", "2025-03-01", "deepseek/x"}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	want := `reckon new: no topic "deepseek" (no file claims/deepseek/topic.toml)` + "\n  hint: there are no topics under " + filepath.Join(empty, "claims") + "; make claims/deepseek/topic.toml first (see docs/formats.md)\n"
	if code != exitContent || stderr.String() != want {
		t.Errorf("reckon new in an empty site: exit %d, stderr:\n%s\nwant:\n%s", code, stderr.String(), want)
	}

	// A valid argument writes the file, with the model's first scope.
	var stdout bytes.Buffer
	stderr.Reset()
	if code := run([]string{"new", "-src", site, "-date", "2025-03-01", "deepseek/new-claim"}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("reckon new deepseek/new-claim: exit %d, %s", code, stderr.String())
	}
	if got := stdout.String(); got != "wrote claims/deepseek/new-claim.toml\nfill it in, then run: reckon check\n" {
		t.Errorf("stdout %q", got)
	}
	data, err := os.ReadFile(filepath.Join(site, "claims", "deepseek", "new-claim.toml"))
	if err != nil || !strings.Contains(string(data), "\nscope = \"v3-final-run\" ") {
		t.Errorf("the new claim file (%v):\n%s", err, data)
	}
}
