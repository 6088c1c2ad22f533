package synthsite

import (
	"path"
	"strings"
	"testing"
)

// prose counts the words of a commentary outside its heading, lists and
// table: the words of running text.
func prose(md string) int {
	n := 0
	for line := range strings.Lines(md) {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, "- ") {
			continue
		}
		n += len(strings.Fields(line))
	}
	return n
}

func TestFilesShape(t *testing.T) {
	fsys := Files(Options{Topics: 3, Claims: 7, Words: 400})
	claims, commentaries := 0, 0
	for name, f := range fsys {
		switch dir, file := path.Split(name); {
		case strings.HasPrefix(name, "claims/topic-") && strings.HasPrefix(file, "claim-"):
			claims++
			if _, ok := fsys["content/claims/"+strings.TrimPrefix(dir, "claims/")+strings.TrimSuffix(file, ".toml")+".md"]; !ok {
				t.Errorf("%s has no commentary", name)
			}
		case strings.HasPrefix(name, "content/claims/"):
			commentaries++
			// Every 97th word goes into a list item, which prose leaves out.
			if got, want := prose(string(f.Data)), 400-400/97; got != want {
				t.Errorf("%s: %d words of prose, want %d", name, got, want)
			}
		}
	}
	if claims != 21 || commentaries != 21 {
		t.Errorf("%d claims and %d commentaries, want 21 of each", claims, commentaries)
	}
	if got := len(Files(Options{})); got != 3+10*(4+2*100) {
		t.Errorf("default site has %d files, want %d (10 topics of 100 claims)", got, 3+10*(4+2*100))
	}
}

func TestHugoMatchesFiles(t *testing.T) {
	o := Options{Topics: 2, Claims: 5, Words: 60}
	site, hugo := Files(o), Hugo(o)
	pages := 0
	for name, f := range hugo {
		rest, ok := strings.CutPrefix(name, "content/")
		if !ok || path.Base(name) == "_index.md" {
			continue
		}
		pages++
		claim := strings.TrimSuffix(rest, ".md")
		front, body, ok := strings.Cut(strings.TrimPrefix(string(f.Data), "+++\n"), "+++\n\n")
		if !ok {
			t.Fatalf("%s: no front matter:\n%s", name, f.Data)
		}
		title, _, _ := strings.Cut(string(site["claims/"+claim+".toml"].Data), "\n")
		if want := title + "\ndate = 2026-01-15\n"; front != want {
			t.Errorf("%s: front matter %q, want %q", name, front, want)
		}
		if want := string(site["content/claims/"+claim+".md"].Data); body != want {
			t.Errorf("%s: body differs from the commentary:\n%s\nwant:\n%s", name, body, want)
		}
	}
	if pages != 10 {
		t.Errorf("%d pages, want 10", pages)
	}
	for _, topic := range []string{"topic-000", "topic-001"} {
		if got, want := string(hugo["content/"+topic+"/_index.md"].Data), string(site["content/topics/"+topic+".md"].Data); got != want {
			t.Errorf("%s: section page differs from the topic's article", topic)
		}
		for data, file := range map[string]string{"models": "model.toml", "sources": "sources.toml"} {
			name := "data/" + data + "/" + topic + ".toml"
			if got, want := string(hugo[name].Data), string(site["claims/"+topic+"/"+file].Data); got != want || got == "" {
				t.Errorf("%s differs from the topic's %s", name, file)
			}
		}
	}
}
