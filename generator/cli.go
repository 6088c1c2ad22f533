package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"

	"reckon/generator/build"
	"reckon/generator/diag"
	"reckon/generator/explain"
	"reckon/generator/input"
	"reckon/generator/text"
	"reckon/templates"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors, or a build failed
	exitUsage   = 2 // the command line is wrong
)

const usage = `reckon builds a fact-checking website from claim, source and cost-model files.

Usage:
  reckon <command> [flags]

Commands:
  build     reconcile every claim and write the site to -out
  check     validate the content and report every error (writes nothing)
  explain   show a claim's reconciliation in the terminal
  serve     build, serve on localhost and rebuild on change
  diff      what a change does to claims, models, verdicts and charts (Markdown or JSON)
  new       scaffold a claim file
  version   print the version

Run "reckon <command> -h" for a command's flags.

Exit status: 0 ok, 1 content errors or a failed build, 2 bad usage.
`

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "reckon", build.Version)
		return exitOK
	case "check":
		return e.check(rest)
	case "explain":
		return e.explain(rest)
	case "build":
		return e.build(ctx, rest)
	case "serve":
		return e.serve(ctx, rest)
	case "diff":
		return e.diff(rest)
	case "new":
		return e.newClaim(rest)
	}
	fmt.Fprintf(stderr, "reckon: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// flagSet returns a flag set that prints its usage to stderr.
func (e *env) flagSet(name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: reckon %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and reports a usage error's exit code.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// report prints a build's errors in the chosen format and returns the exit code.
func (e *env) report(err error, format string, files map[string][]byte) int {
	if err == nil {
		return exitOK
	}
	list := diag.Errors(err)
	switch format {
	case "github":
		diag.Annotations(e.stdout, err)
	case "json":
		writeJSONErrors(e.stdout, list)
	default:
		diag.Format(e.stderr, err, diag.Files(files))
	}
	n := len(list)
	fmt.Fprintf(e.stderr, "%d error%s\n", n, plural(n))
	return exitContent
}

// openSite opens the site's folder dir as the root every input is read
// through, so that no path or symbolic link leads out of it. It reports a
// failure itself; close releases the root.
func (e *env) openSite(cmd, dir string) (fsys fs.FS, close func(), ok bool) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon %s: cannot open the site's folder: %v\n  hint: run reckon from the site's root folder, or pass -src\n", cmd, err)
		return nil, nil, false
	}
	fsys = input.Root(root)
	return fsys, func() { fsys.(input.RootFS).Close(); root.Close() }, true
}

// writeEscaped writes text that holds the site's strings to w, with the
// characters a terminal would act on or hide escaped (see [diag.Escape]).
func writeEscaped(w io.Writer, text []byte) {
	io.WriteString(w, diag.Escape(string(text)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (e *env) check(args []string) int {
	fs := e.flagSet("check", "[flags]", "Check validates every claim, source, model and commentary file and reports\nevery error, sorted, with the offending line. It writes nothing.")
	src := fs.String("src", ".", "the site's root folder (holding claims/ and content/)")
	format := fs.String("format", "text", "error format: text (with source line and caret), github (workflow annotations) or json")
	future := fs.Bool("future", false, "include the topics and claims published after today (left out by default)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "reckon check: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	switch *format {
	case "text", "github", "json":
	default:
		fmt.Fprintf(e.stderr, "reckon check: unknown format %q (want text, github or json)\n", *format)
		return exitUsage
	}
	site, closeSite, ok := e.openSite("check", *src)
	if !ok {
		return exitContent
	}
	defer closeSite()
	// Every check, the commentary's references among them, is made at load
	// time, and the templates are parsed: nothing is rendered.
	res, err := build.Validate(build.Config{Src: site, Templates: templates.FS, Now: today(), Future: *future})
	if err != nil {
		return e.report(err, *format, res.Files())
	}
	if n := res.Unpublished.Notice(); n != "" {
		// On stderr, so that -format json stays one JSON document.
		fmt.Fprintf(e.stderr, "reckon check: %s\n", n)
	}
	if u := res.Untranslated; len(u) > 0 {
		fmt.Fprintf(e.stderr, "reckon check: %d untranslated, shown in the main language (fallback = true):\n", len(u))
		for _, x := range u {
			fmt.Fprintf(e.stderr, "  %s\n", x.Error())
		}
	}
	if *format == "json" {
		writeJSONErrors(e.stdout, nil)
	}
	if *format == "text" {
		fmt.Fprintf(e.stderr, "ok: %s\n", res.Summary())
	}
	return exitOK
}

func (e *env) explain(args []string) int {
	fs := e.flagSet("explain", "[flags] CLAIM", "Explain prints a claim's reconciliation: the figure, the model's estimate for\nthe scope it measures with its range, the verdict and its reasons, and the\nbridge to the topic's other scopes. CLAIM is its ID, TOPIC/NAME.")
	src := fs.String("src", ".", "the site's root folder")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	site, closeSite, ok := e.openSite("explain", *src)
	if !ok {
		return exitContent
	}
	defer closeSite()
	res, err := build.Check(site)
	if err != nil {
		return e.report(err, "text", res.Files())
	}
	id := strings.TrimSuffix(strings.TrimPrefix(fs.Arg(0), "claims/"), ".toml")
	var out bytes.Buffer
	found := explain.Find(&out, text.English(), res.Results, id)
	writeEscaped(e.stdout, out.Bytes())
	if !found {
		fmt.Fprintf(e.stderr, "reckon explain: no claim %q\n", id)
		if near := explain.Closest(res.Results, id); near != "" {
			fmt.Fprintf(e.stderr, "  hint: did you mean %q?\n", near)
		}
		return exitUsage
	}
	return exitOK
}
