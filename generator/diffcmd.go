package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"reckon/generator/build"
	"reckon/generator/diff"
)

func (e *env) diff(args []string) int {
	fs := e.flagSet("diff", "[flags] OLD NEW", "Diff reconciles two versions of a site and writes, as Markdown for a pull\nrequest comment, what the change does to claims, figures, verdicts and the\nmodel's scopes (which the charts draw). OLD and NEW are folders, or git\nrevisions of the repository at -src (e.g. origin/main HEAD). It exits 1 when\na published verdict changed without a new correction entry.")
	src := fs.String("src", ".", "the git repository, for revisions")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitUsage
	}
	var results [2]*build.Result
	for i, arg := range fs.Args() {
		dir, cleanup, err := checkout(*src, arg)
		if err != nil {
			fmt.Fprintf(e.stderr, "reckon diff: %v\n", err)
			return exitUsage
		}
		defer cleanup()
		site, closeSite, ok := e.openSite("diff", dir)
		if !ok {
			return exitContent
		}
		defer closeSite()
		res, err := build.Check(site)
		if err != nil {
			fmt.Fprintf(e.stderr, "reckon diff: %s does not check:\n", arg)
			return e.report(err, "text", res.Files())
		}
		results[i] = res
	}
	r := diff.Compare(results[0].Results, results[1].Results)
	var out bytes.Buffer
	r.Markdown(&out)
	writeEscaped(e.stdout, out.Bytes())
	if len(r.Uncorrected) > 0 {
		fmt.Fprintf(e.stderr, "reckon diff: %d verdict(s) changed without a correction entry\n", len(r.Uncorrected))
		return exitContent
	}
	return exitOK
}

// checkout returns a folder holding the site at arg: arg itself when it is
// a folder, else the git revision arg of the repository at repo, extracted
// into a temporary folder that cleanup removes.
func checkout(repo, arg string) (dir string, cleanup func(), err error) {
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		return arg, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "reckon-diff-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	archive := exec.Command("git", "-C", repo, "archive", "--format=tar", arg, "claims")
	var stderr strings.Builder
	archive.Stderr = &stderr
	tarball, err := archive.Output()
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("%q is neither a folder nor a git revision: %s", arg, strings.TrimSpace(stderr.String()))
	}
	untar := exec.Command("tar", "-x", "-C", tmp)
	untar.Stdin = strings.NewReader(string(tarball))
	if out, err := untar.CombinedOutput(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extracting %s: %v: %s", arg, err, out)
	}
	return tmp, cleanup, nil
}
