package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLoadBOM checks that a byte-order mark does not hide the front
// matter: it is decoded, its keys checked, and columns on line 1 count
// from the first visible character.
func TestLoadBOM(t *testing.T) {
	s, err := Load(mapFS(map[string]string{
		"content/about.md": "\ufeff+++\ntitle = \"About\"\ndescription = \"Who we are.\"\n+++\nText.\n",
	}), "content")
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Page("about"); p == nil || p.Title != "About" || p.Description != "Who we are." {
		t.Fatalf("front matter after a byte-order mark not decoded: %+v", p)
	}
	if strings.Contains(s.Page("about").html, "+++") {
		t.Errorf("front matter rendered as text: %s", s.Page("about").html)
	}
	_, err = Load(mapFS(map[string]string{
		"content/about.md": "\ufeff+++\ntitle = \"About\"\ndescription = \"Who we are.\"\nmenus = 1\n+++\n",
		"content/x.md":     "\ufeff{{pie}}\n",
	}), "content")
	want := []string{
		`content/about.md:4:1: unknown key "menus" | did you mean "menu"? known keys here: description, menu, title`,
		`content/x.md:1:1: missing required key "description" | one sentence for search engines and link previews`,
		`content/x.md:1:1: missing required key "title" | add title = "..." to the front matter between +++ lines`,
		`content/x.md:1:1: unknown reference kind "pie" | use claim, value or chart; to write {{ literally, escape it as \{{`,
	}
	if got := errorLines(err); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadBadBytes checks the character rules on Markdown, body and front
// matter alike: each problem is an error at its byte, before parsing.
func TestLoadBadBytes(t *testing.T) {
	front := "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\n+++\n"
	tests := []struct {
		name, data string
		want       []string
	}{
		{"invalid UTF-8 in the body", front + "Caf\xe9 cr\xe8me.\n\nFine.\n\n\xff\n",
			[]string{
				"content/about.md:5:4: invalid UTF-8 byte 0xe9 | save the file as UTF-8",
				"content/about.md:9:1: invalid UTF-8 byte 0xff | save the file as UTF-8",
			}},
		{"control character in the body", front + "Red \x1b[31mtext\n",
			[]string{"content/about.md:5:5: control character U+001B | remove it: text may hold tabs and line breaks, but no other control character"}},
		{"override in the body", front + "abc \u202edef\n",
			[]string{"content/about.md:5:5: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) | embeddings and overrides (U+202A to U+202E) can show text in another order than it is stored: remove it; to set a direction, use a mark (U+200E, U+200F) or an isolate (U+2066 to U+2068) closed by U+2069"}},
		{"override in a code span", front + "`\u202e`\n",
			[]string{"content/about.md:5:2: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) | embeddings and overrides (U+202A to U+202E) can show text in another order than it is stored: remove it; to set a direction, use a mark (U+200E, U+200F) or an isolate (U+2066 to U+2068) closed by U+2069"}},
		{"isolate closed on the next line", front + "a \u2067b\nc\u2069\n",
			[]string{
				"content/about.md:5:3: bidirectional isolate U+2067 (RIGHT-TO-LEFT ISOLATE) is not closed | close every isolate (U+2066, U+2067, U+2068) with U+2069 (POP DIRECTIONAL ISOLATE) on the same line",
				"content/about.md:6:2: U+2069 (POP DIRECTIONAL ISOLATE) closes no isolate | close every isolate (U+2066, U+2067, U+2068) with U+2069 (POP DIRECTIONAL ISOLATE) on the same line",
			}},
		{"escaped override in the front matter", "+++\ntitle = \"About \\u202E\"\ndescription = \"Who we are.\"\n+++\n",
			[]string{"content/about.md:2:9: title: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) | embeddings and overrides (U+202A to U+202E) can show text in another order than it is stored: remove it; to set a direction, use a mark (U+200E, U+200F) or an isolate (U+2066 to U+2068) closed by U+2069"}},
		{"deep front matter", "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\nx = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n+++\n",
			[]string{"content/about.md:4:105: arrays and tables nest more than 100 deep | a site's files never need this depth: flatten the data"}},
		{"deep block quotes", front + strings.Repeat("> ", 101) + "x\n",
			[]string{"content/about.md:5:201: block quotes and lists nest too deep (more than 100 markers or 400 columns of indentation) | a site's commentary never needs this depth: flatten the text"}},
		{"deep lists", front + "x\n\n" + strings.Repeat("- 1. ", 50) + "* x\n",
			[]string{"content/about.md:7:251: block quotes and lists nest too deep (more than 100 markers or 400 columns of indentation) | a site's commentary never needs this depth: flatten the text"}},
		{"deep indentation", front + "x\n\n" + strings.Repeat("\t", 100) + " - x\n",
			[]string{"content/about.md:7:101: block quotes and lists nest too deep (more than 100 markers or 400 columns of indentation) | a site's commentary never needs this depth: flatten the text"}},
		{"too large", front + strings.Repeat("word ", 1<<20),
			[]string{"content/about.md: file is 5242932 bytes, more than the limit of 4 MiB | the limit keeps hostile input from exhausting the machine; split the file"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(mapFS(map[string]string{"content/about.md": tc.data}), "content")
			if got := errorLines(err); !slices.Equal(got, tc.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(tc.want) > 0 && s.Files["content/about.md"] == nil && !strings.HasPrefix(tc.name, "too large") {
				t.Errorf("the file's bytes are not kept for the error's context")
			}
		})
	}
}

// TestLoadAllowedText checks what the character rules allow: tabs, CRLF
// line ends, marks, and isolates closed on their line.
func TestLoadAllowedText(t *testing.T) {
	var nested strings.Builder
	for i := range 100 {
		nested.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	if _, err := Load(mapFS(map[string]string{"content/topics/t.md": strings.Repeat("> ", 100) + "x\n\n" + nested.String()}), "content"); err != nil {
		t.Errorf("100 levels of block quotes and lists: %s", strings.Join(errorLines(err), "\n"))
	}
	data := "+++\r\ntitle = \"About \u2067\u0645\u2069\"\r\ndescription = \"Who we are.\"\r\n+++\r\n\u0645\u0631\u062d\u0628\u0627\u200f \u2066abc\u2069\u061c\tend\r\n"
	s, err := Load(mapFS(map[string]string{"content/about.md": data}), "content")
	if err != nil {
		t.Fatalf("errors:\n%s", strings.Join(errorLines(err), "\n"))
	}
	if got := s.Page("about").Title; got != "About \u2067\u0645\u2069" {
		t.Errorf("title = %q", got)
	}
}

// TestLoadLinksAndFolders checks that links out of the tree or nowhere,
// and folders named like Markdown files, are errors naming the path, and
// that links inside the tree are followed.
func TestLoadLinksAndFolders(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("SECRET\n"), 0o644)
	dir := t.TempDir()
	page := "+++\ntitle = \"About\"\ndescription = \"Who we are.\"\n+++\nText.\n"
	for name, data := range map[string]string{
		"content/about.md":            page,
		"content/topics/t.md":         "Text.\n",
		"content/claims/t/c.md":       "Text.\n",
		"content/notes.md/README":     "a folder named like a page\n",
		"content/topics/u.md/README":  "a folder named like an article\n",
		"content/claims/t/d.md/x.txt": "a folder named like a commentary\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"content/funding.md":     "about.md",                              // inside: followed
		"content/claims/v":       "t",                                     // a linked topic folder: followed
		"content/leak.md":        filepath.Join(outside, "secret.md"),     // outside
		"content/topics/gone.md": "nothere.md",                            // dangling
		"content/claims/w":       outside,                                 // a folder outside
		"content/claims/t/e.md":  "../../../../" + filepath.Base(outside), // outside, relative
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s, err := Load(root.FS(), "content")
	hint := "Reckon reads only inside the site's folder: copy the file in, or use a relative link that stays inside"
	folder := "rename the folder, or move what it holds: a name ending like this is read as a file"
	want := []string{
		`content/claims/t/d.md: is a folder, not a file | ` + folder,
		`content/claims/t/e.md: symbolic link to "../../../../` + filepath.Base(outside) + `" leads outside the site's folder | ` + hint,
		`content/claims/v/d.md: is a folder, not a file | ` + folder,
		`content/claims/v/e.md: symbolic link to "../../../../` + filepath.Base(outside) + `" leads outside the site's folder | ` + hint,
		`content/claims/w: symbolic link to "` + outside + `" leads outside the site's folder | ` + hint,
		`content/leak.md: symbolic link to "` + filepath.Join(outside, "secret.md") + `" leads outside the site's folder | ` + hint,
		`content/notes.md: is a folder, not a file | ` + folder,
		`content/topics/gone.md: symbolic link to "nothere.md" leads nowhere | point the link at a file inside the site's folder, or remove it`,
		`content/topics/u.md: is a folder, not a file | ` + folder,
	}
	if got := errorLines(err); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, data := range s.Files {
		if strings.Contains(string(data), "SECRET") {
			t.Errorf("%s: read a file outside the site", name)
		}
	}
	// Without the broken entries, the links inside the tree are followed.
	for _, p := range []string{"content/claims/t/d.md", "content/claims/t/e.md", "content/claims/w", "content/leak.md", "content/notes.md", "content/topics/gone.md", "content/topics/u.md"} {
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
	s, err = Load(root.FS(), "content")
	if err != nil {
		t.Fatalf("errors:\n%s", strings.Join(errorLines(err), "\n"))
	}
	if s.Page("funding") == nil || s.Page("funding").Title != "About" || s.Claim("v/c") == nil {
		t.Errorf("links inside the tree not followed: pages %d, claims %d", len(s.Pages), len(s.Claims))
	}
}
