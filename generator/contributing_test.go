package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reckon/generator/internal/golden"
)

// docBlock is a fenced block of a Markdown file.
type docBlock struct {
	lang        string
	body        string
	start, end  int  // byte offsets of the body in the file
	open, close int  // byte offsets of the opening fence and of the end of the closing one
	adjacent    bool // only blank lines separate it from the block before
}

// fencedBlocks returns the fenced blocks of a Markdown document, in order.
// A block opens with a line of three or more backticks and a language, and
// closes with a line of the same backticks.
func fencedBlocks(doc string) []docBlock {
	var blocks []docBlock
	off := 0
	var open *docBlock
	fence := ""
	gap := true // only blank lines since the last block closed
	for line := range strings.Lines(doc) {
		text := strings.TrimRight(line, "\n")
		switch {
		case open == nil && strings.HasPrefix(text, "```"):
			n := len(text) - len(strings.TrimLeft(text, "`"))
			fence = text[:n]
			open = &docBlock{lang: strings.TrimSpace(text[n:]), open: off, start: off + len(line), adjacent: gap && len(blocks) > 0}
		case open != nil && text == fence:
			open.end, open.close = off, off+len(line)
			open.body = doc[open.start:open.end]
			blocks = append(blocks, *open)
			open = nil
			gap = true
		case open == nil && strings.TrimSpace(text) != "":
			gap = false
		}
		off += len(line)
	}
	return blocks
}

// wholeFile is the first line of a toml block that gives a file's whole
// content: the file's path, as a comment.
var wholeFile = regexp.MustCompile(`^# (claims/[a-z0-9/-]+\.toml)\n`)

// TestContributing runs CONTRIBUTING.md as written, in order, on a git
// repository holding a copy of the frozen fixture site:
//
//   - a sh block runs in sh, with reckon on the PATH; when a text block
//     follows it (with only blank lines between), that block is its output,
//     stdout and stderr together, ending in "(exit status N)" when the last
//     command fails; a sh block with no text block must print nothing;
//   - a diff block headed "--- FILE" and "+++ FILE" is an edit: its context
//     and "-" lines, which must occur once in FILE, become its context and
//     "+" lines;
//   - a toml block whose first line is "# claims/TOPIC/NAME.toml" is that
//     file's whole content.
//
// Other blocks are not run. With -update, the text blocks are rewritten
// with the output the commands give.
func TestContributing(t *testing.T) {
	data, err := os.ReadFile("../CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	dir := fixtureRepo(t)
	bin := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary runs as reckon when called by that name (TestMain).
	if err := os.Symlink(exe, filepath.Join(bin, "reckon")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("TZ", "UTC")
	t.Setenv("LC_ALL", "C")

	blocks := fencedBlocks(doc)
	var out strings.Builder // the document with the outputs the commands gave
	last := 0
	ran := 0
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case b.lang == "sh":
			ran++
			got := shell(t, dir, b.body)
			if i+1 < len(blocks) && blocks[i+1].lang == "text" && blocks[i+1].adjacent {
				i++
				out.WriteString(doc[last:blocks[i].open])
				fence := codeFence(got)
				out.WriteString(fence + "text\n" + got + fence + "\n")
				last = blocks[i].close
			} else if got != "" {
				t.Errorf("CONTRIBUTING.md: the block\n%s\nprints, but no text block follows it:\n%s", b.body, got)
			}
		case b.lang == "diff" && strings.HasPrefix(b.body, "--- "):
			ran++
			applyEdit(t, dir, b.body)
		case b.lang == "toml" && wholeFile.MatchString(b.body):
			ran++
			name := wholeFile.FindStringSubmatch(b.body)[1]
			if err := os.WriteFile(filepath.Join(dir, name), []byte(b.body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out.WriteString(doc[last:])
	if ran < 10 {
		t.Errorf("CONTRIBUTING.md has only %d blocks to run", ran)
	}
	golden.Check(t, "../CONTRIBUTING.md", []byte(out.String()))
}

// codeFence returns a fence of backticks longer than any that starts a
// line of s, so that s can stand in a fenced block.
func codeFence(s string) string {
	n := 3
	for line := range strings.Lines(s) {
		if k := len(line) - len(strings.TrimLeft(line, "`")); k >= n {
			n = k + 1
		}
	}
	return strings.Repeat("`", n)
}

// shell runs a script in dir and returns what it printed.
func shell(t *testing.T, dir, script string) string {
	t.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		fmt.Fprintf(&b, "(exit status %d)\n", ee.ExitCode())
	} else if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return b.String()
}

// applyEdit applies a diff block to a file of dir.
func applyEdit(t *testing.T, dir, body string) {
	t.Helper()
	lines := strings.SplitAfter(body, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("CONTRIBUTING.md: an edit starts with --- FILE and +++ FILE:\n%s", body)
	}
	name := strings.TrimSpace(strings.TrimPrefix(lines[0], "--- "))
	var old, new strings.Builder
	for _, l := range lines[2:] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "-"):
			old.WriteString(l[1:])
		case strings.HasPrefix(l, "+"):
			new.WriteString(l[1:])
		case strings.HasPrefix(l, " "):
			old.WriteString(l[1:])
			new.WriteString(l[1:])
		default:
			t.Fatalf("CONTRIBUTING.md: edit of %s: line %q starts with neither \" \", \"-\" nor \"+\"", name, l)
		}
	}
	p := filepath.Join(dir, name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old.String()); n != 1 {
		t.Fatalf("CONTRIBUTING.md: edit of %s: the lines to change occur %d times, want once:\n%s", name, n, old.String())
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old.String(), new.String(), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
