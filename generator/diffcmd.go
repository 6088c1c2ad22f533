package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing/fstest"

	"reckon/generator/build"
	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/diff"
	"reckon/generator/input"
	"reckon/generator/text"
)

// maxRevisionBytes caps what one git revision may hold under claims/ and
// content/, since its files are read into memory.
const maxRevisionBytes = 512 << 20

func (e *env) diff(args []string) int {
	fs := e.flagSet("diff", "[flags] OLD NEW", "Diff compares two versions of a site and reports everything a reviewer must\nsee: claims, sources and model values changed key by key, what they do to\neach scope's estimate and every claim's verdict, commentary, and the charts\naffected. OLD and NEW are folders, or git revisions of the repository at\n-src (e.g. origin/main HEAD). It exits 1 when a published claim's figure,\nscope or rating changed without a new correction entry.")
	src := fs.String("src", ".", "the git repository, for revisions")
	format := fs.String("format", "markdown", "report format: markdown (for a pull-request comment) or json")
	full := fs.String("full", "", "also write the whole report, never cut, to this file")
	maxLen := fs.Int("max", 60000, "cut the Markdown report to at most this many bytes, leaving out whole sections (0: no cap)")
	baseURL := fs.String("base-url", "", "where the new version is previewed; charts then link to their pages there")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitUsage
	}
	if *format != "markdown" && *format != "json" {
		fmt.Fprintf(e.stderr, "reckon diff: unknown format %q (want markdown or json)\n", *format)
		return exitUsage
	}
	if *baseURL != "" && !validBaseURL(*baseURL) {
		fmt.Fprintf(e.stderr, "reckon diff: -base-url must be an absolute http(s) URL, got %q\n", *baseURL)
		return exitUsage
	}
	if *maxLen < 0 {
		fmt.Fprintf(e.stderr, "reckon diff: -max must be 0 or more, got %d\n", *maxLen)
		return exitUsage
	}
	var sites [2]*diff.Site
	for i, arg := range fs.Args() {
		fsys, err := openVersion(*src, arg)
		if err != nil {
			fmt.Fprintf(e.stderr, "reckon diff: %v\n", err)
			return exitUsage
		}
		site, code := e.loadVersion(fsys, arg)
		if site == nil {
			return code
		}
		sites[i] = site
	}
	r := diff.Compare(sites[0], sites[1], diff.Options{BaseURL: *baseURL})
	write := func(w io.Writer, max int) error {
		if *format == "json" {
			return r.JSON(w)
		}
		return r.Markdown(w, diff.MarkdownOptions{Max: max, Full: *full, Old: fs.Arg(0), New: fs.Arg(1)})
	}
	if *full != "" {
		var b bytes.Buffer
		write(&b, 0)
		if err := os.WriteFile(*full, b.Bytes(), 0o644); err != nil {
			fmt.Fprintf(e.stderr, "reckon diff: %v\n", err)
			return exitContent
		}
	}
	if err := write(e.stdout, *maxLen); err != nil {
		fmt.Fprintf(e.stderr, "reckon diff: %v\n", err)
		return exitContent
	}
	if p := r.Problem(); p != "" {
		fmt.Fprintf(e.stderr, "reckon diff: %s\n", p)
		return exitContent
	}
	return exitOK
}

// loadVersion loads, checks and reconciles one version of the site, and
// renders its charts. On error it prints the errors and returns a nil Site
// with the exit code.
func (e *env) loadVersion(fsys fs.FS, name string) (*diff.Site, int) {
	files, err := readTree(fsys, "claims", "content")
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon diff: %s: %v\n", name, err)
		return nil, exitContent
	}
	fail := func(err error) (*diff.Site, int) {
		fmt.Fprintf(e.stderr, "reckon diff: %s does not check:\n", name)
		return nil, e.report(err, "text", files)
	}
	res, err := build.Check(fsys)
	if err != nil {
		return fail(err)
	}
	langs := claim.EditionLangs(fsys, "claims")
	docs, err := content.Load(fsys, "content", langs...)
	if err != nil {
		return fail(err)
	}
	var editions []*content.Set
	for _, lang := range langs {
		ed, err := content.Load(fsys, path.Join("content", lang))
		if err != nil {
			return fail(err)
		}
		editions = append(editions, ed)
	}
	charts, err := chart.Render(res.Results, text.English())
	if err != nil {
		return fail(err)
	}
	return &diff.Site{Set: res.Set, Results: res.Results, Docs: docs, Editions: editions, Charts: charts, Files: files}, exitOK
}

// readTree reads every regular file under the folders dirs of fsys (a
// missing folder holds nothing), by slash path, for errors to be quoted
// from.
func readTree(fsys fs.FS, dirs ...string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, dir := range dirs {
		if _, err := fs.Stat(fsys, dir); err != nil {
			continue
		}
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			// Only text is quoted: a file larger than any may be is left
			// out (the loaders report it), never read whole.
			if data, ok := input.ReadRegular(fsys, p, max(input.MaxTOMLSize, input.MaxMarkdownSize)); ok {
				files[p] = data
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// openVersion returns the site at arg: the folder arg when there is one,
// else the files under claims/ and content/ of the git revision arg of the
// repository at repo, read into memory. A folder is opened as an os.Root,
// so that no symbolic link leads out of it; a revision's symbolic links and
// submodules are left out.
func openVersion(repo, arg string) (fs.FS, error) {
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		root, err := os.OpenRoot(arg)
		if err != nil {
			return nil, err
		}
		return input.Root(root), nil
	}
	if arg == "" || strings.HasPrefix(arg, "-") {
		return nil, fmt.Errorf("%q is neither a folder nor a git revision", arg)
	}
	git := func(stdin io.Reader, args ...string) ([]byte, error) {
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Stdin = stdin
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	commit, err := git(nil, "rev-parse", "--verify", "--quiet", arg+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("%q is neither a folder nor a git revision of %s", arg, repo)
	}
	rev := strings.TrimSpace(string(commit))
	list, err := git(nil, "ls-tree", "-r", "-l", "-z", rev, "--", "claims", "content")
	if err != nil {
		return nil, fmt.Errorf("listing %s: %v", arg, err)
	}
	var paths, objects []string
	total := 0
	for _, entry := range strings.Split(string(list), "\x00") {
		meta, path, ok := strings.Cut(entry, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") || !fs.ValidPath(path) {
			continue // symbolic links, submodules
		}
		size, err := strconv.Atoi(f[3])
		if total += size; err != nil || total > maxRevisionBytes {
			return nil, fmt.Errorf("reading %s: claims/ and content/ hold more than %d MB", arg, maxRevisionBytes>>20)
		}
		paths, objects = append(paths, path), append(objects, f[2])
	}
	m := fstest.MapFS{}
	if len(paths) == 0 {
		return m, nil
	}
	out, err := git(strings.NewReader(strings.Join(objects, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", arg, err)
	}
	rd := bufio.NewReader(bytes.NewReader(out))
	for _, path := range paths {
		header, err := rd.ReadString('\n')
		f := strings.Fields(header)
		if err != nil || len(f) != 3 || f[1] != "blob" {
			return nil, fmt.Errorf("reading %s: unexpected output from git cat-file: %q", arg, header)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size < 0 || size > maxRevisionBytes {
			return nil, fmt.Errorf("reading %s: unexpected output from git cat-file: %q", arg, header)
		}
		data := make([]byte, size+1) // and the newline after it
		if _, err := io.ReadFull(rd, data); err != nil {
			return nil, fmt.Errorf("reading %s: %v", arg, err)
		}
		m[path] = &fstest.MapFile{Data: data[:size], Mode: 0o644}
	}
	return m, nil
}
