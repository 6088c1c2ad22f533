package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"reckon/generator/build"
	"reckon/generator/claim"
	"reckon/generator/diag"
	"reckon/generator/route"
	"reckon/generator/serve"
	"reckon/generator/slug"
	"reckon/templates"
)

type jsonError struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Key  string `json:"key,omitempty"`
	Msg  string `json:"message"`
	Hint string `json:"hint,omitempty"`
}

func writeJSONErrors(w io.Writer, list diag.List) {
	out := struct {
		Errors []jsonError `json:"errors"`
	}{Errors: []jsonError{}}
	for _, e := range list {
		out.Errors = append(out.Errors, jsonError{e.Pos.File, e.Pos.Line, e.Pos.Col, e.Pos.Key, e.Msg, e.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

const claimTemplate = `# A claim: one figure someone stated. Reference: docs/formats.md
title = "%[1]s"            # the claim as reviewed, under 75 characters
claimant = ""              # who made it
date = %[2]s             # when the claim was made
published = %[2]s        # when this fact-check is published
summary = ""               # our finding, in a sentence or two

scope = "%[3]s"            # the model scope the figure actually measures
# presented_as = ""        # the scope it was presented as, when different
# scope_unstated = true    # the claimant did not say what the figure covers (then no presented_as)

[figure]
value = 0                  # e.g. 5.6e6 for $5.6 million; rounding is implied by how it is written
currency = "%[4]s"
qualifier = "exact"        # exact, about, more-than, at-least, less-than, at-most
text = ""                  # the figure as stated, e.g. "$5.6 million"

[source]
source = ""                # a source ID from sources.toml
locator = ""               # table, page or section
quote = ""                 # verbatim
# language = "en"
# translation = ""         # required when the quote is not in the site's language
`

func (e *env) newClaim(args []string) int {
	fs := e.flagSet("new", "[flags] TOPIC/NAME", "New writes a claim file, claims/TOPIC/NAME.toml, to fill in. It refuses to\noverwrite a file. The topic must exist; NAME must be a slug (lower-case\nletters, digits and hyphens, not at either end).")
	src := fs.String("src", ".", "the site's root folder")
	title := fs.String("title", "", "the claim's title")
	date := fs.String("date", "", "the claim's date, YYYY-MM-DD (required)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	topic, name, err := claimArg(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon new: %v\n  hint: for example: reckon new -date 2025-03-01 deepseek/new-claim\n", err)
		return exitUsage
	}
	if _, err := claim.ParseDate(*date); err != nil {
		fmt.Fprintf(e.stderr, "reckon new: -date: %v\n", err)
		return exitUsage
	}
	// Everything goes through the site's root, so that no symbolic link
	// leads outside it.
	root, err := os.OpenRoot(*src)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon new: -src: %v\n", err)
		return exitContent
	}
	defer root.Close()
	dir := "claims/" + topic
	if fi, err := root.Stat(dir + "/" + claim.TopicFile); err != nil || !fi.Mode().IsRegular() {
		fmt.Fprintf(e.stderr, "reckon new: no topic %q (no file %s/%s)\n", topic, dir, claim.TopicFile)
		if known := topics(root); len(known) > 0 {
			fmt.Fprintf(e.stderr, "  hint: the topics are %s\n", strings.Join(known, ", "))
		} else {
			fmt.Fprintf(e.stderr, "  hint: there are no topics under %s; make claims/%s/topic.toml first (see docs/formats.md)\n", filepath.Join(*src, "claims"), topic)
		}
		return exitContent
	}
	model, _ := root.ReadFile(dir + "/" + claim.ModelFile) // no model: no scope to suggest
	file := dir + "/" + name + ".toml"
	f, err := root.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(e.stderr, "reckon new: %s already exists\n  hint: choose another NAME, or edit the file\n", file)
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(f, claimTemplate, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(*title), *date, firstScope(model), "USD")
	if err := f.Close(); err != nil {
		fmt.Fprintf(e.stderr, "reckon new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(e.stdout, "wrote %s\nfill it in, then run: reckon check\n", file)
	return exitOK
}

// claimArg splits the argument of reckon new, TOPIC/NAME, each part a slug.
func claimArg(arg string) (topic, name string, err error) {
	topic, name, ok := strings.Cut(arg, "/")
	switch {
	case !ok || strings.Contains(name, "/"):
		return "", "", fmt.Errorf("want TOPIC/NAME, got %q", arg)
	case !slug.Valid(topic):
		return "", "", fmt.Errorf("topic %q is not a slug (lower-case letters, digits and hyphens, not at either end)", topic)
	case name == "":
		return "", "", fmt.Errorf("%q has no NAME after the slash", arg)
	case !slug.Valid(name):
		return "", "", fmt.Errorf("name %q is not a slug (lower-case letters, digits and hyphens, not at either end)", name)
	}
	return topic, name, nil
}

// topics returns the site's topics, sorted: the folders under claims/ that
// hold a topic file.
func topics(root *os.Root) []string {
	es, err := fs.ReadDir(root.FS(), "claims")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range es {
		if fi, err := root.Stat("claims/" + e.Name() + "/" + claim.TopicFile); e.IsDir() && err == nil && fi.Mode().IsRegular() {
			out = append(out, e.Name())
		}
	}
	return out
}

// firstScope returns the name of the first scope table in a model file, as
// a starting value for a new claim.
func firstScope(model []byte) string {
	for _, line := range strings.Split(string(model), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "[scopes."); ok {
			return strings.Trim(strings.TrimSuffix(rest, "]"), `"`)
		}
	}
	return ""
}

func (e *env) build(ctx context.Context, args []string) int {
	fs := e.flagSet("build", "[flags]", "Build loads and checks every file, reconciles every claim and writes the\nwebsite to -out. If anything fails, -out is left exactly as it was; a\nkilled build leaves it as it was or as the whole new output.")
	src := fs.String("src", ".", "the site's root folder (holding claims/, content/ and optionally templates/)")
	out := fs.String("out", "public", "the output folder, updated in place when the build succeeds: absent, empty or an earlier\noutput (holding .reckon-output); never -src, a folder holding it, claims/, content/, templates/\nor a folder holding .git")
	baseURL := fs.String("base-url", "", "the absolute URL the site is published at (default: base_url in claims/site.toml)")
	echartsDir := fs.String("echarts", "", "the folder of the npm package echarts (default: node_modules/echarts under -src, then the working folder)")
	quiet := fs.Bool("q", false, "print nothing on success")
	future := fs.Bool("future", false, "include the topics and claims published after today (left out by default)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	memprofile := fs.String("memprofile", "", "write a heap profile to this file, taken when the pages' data is prepared, before rendering")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(e.stderr, "reckon build: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "reckon build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *baseURL != "" && !validBaseURL(*baseURL) {
		fmt.Fprintf(e.stderr, "reckon build: -base-url must be an absolute http(s) URL, got %q\n", *baseURL)
		return exitUsage
	}
	assets, cards, err := siteAssets(*echartsDir, *src)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon build: %v\n", err)
		return exitContent
	}
	site, closeSite, ok := e.openSite("build", *src)
	if !ok {
		return exitContent
	}
	defer closeSite()
	cfg := build.Config{
		Src:       site,
		SrcDir:    *src,
		Templates: templates.FS,
		Assets:    assets,
		Out:       *out,
		BaseURL:   *baseURL,
		Now:       today(),
		Future:    *future,
		Cards:     cards,
	}
	if !*quiet && isTerminal(e.stderr) {
		cfg.Progress = func(p build.Phase) { progress(e.stderr, p) }
	}
	var memErr error
	var heap *os.File
	if *memprofile != "" {
		if heap, err = os.Create(*memprofile); err != nil {
			fmt.Fprintf(e.stderr, "reckon build: %v\n", err)
			return exitUsage
		}
		defer heap.Close()
	}
	limit, stopLimit := limitMemory()
	defer func() {
		stopLimit()
		debug.SetMemoryLimit(limit)
	}()
	if heap != nil {
		cfg.Prepared = func() { memErr = writeHeapProfile(heap) }
	}
	start := time.Now()
	res, st, err := build.Run(ctx, cfg)
	if memErr != nil {
		fmt.Fprintf(e.stderr, "reckon build: -memprofile: %v\n", memErr)
		return exitContent
	}
	if err != nil {
		if list := diag.Errors(err); len(list) > 0 && list[0].Pos.File != "" {
			fmt.Fprintf(e.stderr, "reckon build: nothing written; %s is unchanged\n", *out)
			return e.report(err, "text", res.Files())
		}
		fmt.Fprintf(e.stderr, "reckon build: %v\n", err)
		if oe, ok := errors.AsType[*build.OutError](err); ok {
			fmt.Fprintf(e.stderr, "  hint: %s\n", oe.Hint)
		}
		return exitContent
	}
	if n := res.Unpublished.Notice(); n != "" && !*quiet {
		fmt.Fprintf(e.stderr, "reckon build: %s\n", n)
	}
	if !*quiet && st.UpToDate {
		fmt.Fprintf(e.stderr, "built %s: %s; up to date: no input file changed, and its %d files, checked, are as the last build wrote them (%.1f MB), in %v\n", *out, res.Summary(), st.Files, float64(st.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	} else if !*quiet {
		fmt.Fprintf(e.stderr, "built %s: %s; %d pages (%d reused, %d topics kept whole), %d files (%d written, %d removed), %d cards (%d drawn, %d reused), %.1f MB in %v\n", *out, res.Summary(), st.Pages, st.PagesReused, st.TopicsKept, st.Files, st.Written, st.Removed, st.CardsDrawn+st.CardsReused, st.CardsDrawn, st.CardsReused, float64(st.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// memoryRoom is the memory the preview is given beyond twice what it holds
// between builds (see previewMemory).
const memoryRoom = 128 << 20

// buildRoom is the least memory a build is given beyond the heap in use
// (see limitMemory).
const buildRoom = 64 << 20

// maxBuildRoom is the most memory a build is given beyond the heap in use:
// at 50,000 claims, half the heap at the end of a build (the site-wide
// files made at once) took it past 1 GiB.
const maxBuildRoom = 256 << 20

// limitMemory sets a soft limit on the memory of a build, as GOMEMLIMIT
// does, and keeps it, after each collection, at the heap then in use and
// half as much again, or buildRoom more if that is more, maxBuildRoom if
// that is less. The default GOGC
// lets the heap grow to twice what is in use: at 10,000 claims, where the
// heap in use is about 110 MB once the claims and commentary are loaded,
// falling as the pages are written (each claim's commentary is let go of
// once its page is made) while what the writer holds grows, that took a
// build to over 300 MiB. The room grows with the heap, so that the number
// of collections follows what the build allocates, not that times the
// heap: with a quarter, of which the runtime's own memory takes some 80
// MB, a build of 50,000 claims (some 450 MB in use) was collected 424
// times and spent 42% of its CPU time collecting; with half, 155 times.
// A small site, whose heap in use is below buildRoom, is collected as GOGC
// has it, and not slowed. Nothing is set when the environment sets GOGC
// or GOMEMLIMIT. It returns the limit it replaced, and a function that
// stops following the heap.
func limitMemory() (old int64, stop func()) {
	old = debug.SetMemoryLimit(-1)
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return old, func() {}
	}
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(samples)
	if samples[0].Value.Kind() != metrics.KindUint64 || samples[1].Value.Kind() != metrics.KindUint64 {
		return old, func() {}
	}
	limit := func() int64 {
		live := int64(min(samples[0].Value.Uint64(), math.MaxInt64/4))
		return live + max(buildRoom, min(live/2, maxBuildRoom))
	}
	debug.SetMemoryLimit(limit())
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		cycles := samples[1].Value.Uint64()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(samples)
			if c := samples[1].Value.Uint64(); c != cycles {
				cycles = c
				debug.SetMemoryLimit(limit())
			}
		}
	}()
	return old, func() { close(done); <-stopped }
}

// writeHeapProfile writes to f a profile of the memory in use, after a
// garbage collection, and of what was allocated so far.
func writeHeapProfile(f *os.File) error {
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}

// today is the day's date in UTC: builds leave out what is published after
// it.
func today() claim.Date {
	t := time.Now().UTC()
	return claim.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

func validBaseURL(s string) bool {
	_, err := route.New(s)
	return err == nil
}

// progress writes that a phase of the build is over, and how long it took.
func progress(w io.Writer, p build.Phase) {
	fmt.Fprintf(w, "%-10s %v\n", p.Name, p.Duration.Round(time.Millisecond))
}

// isTerminal reports whether w is a terminal, so that progress lines are
// shown to people and not written into logs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (e *env) serve(ctx context.Context, args []string) int {
	fs := e.flagSet("serve", "[flags]", "Serve builds the site in memory, serves it and rebuilds when a file under\nclaims/, content/ or templates/ changes, rendering again only the pages\nthe change feeds; open pages reload by themselves, and are made\nfirst, before the rest of the site.\nWhile a file is broken, it serves the last good build with the errors over\nevery page. It answers only requests addressed to -addr (or to localhost).")
	src := fs.String("src", ".", "the site's root folder")
	addr := fs.String("addr", serve.DefaultAddr, "the address to listen on")
	remote := fs.Bool("allow-remote", false, "allow an -addr that is not a loopback address")
	future := fs.Bool("future", false, "include the topics and claims published after today (left out by default)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon serve: -addr: %v\n", err)
		return exitUsage
	}
	if ip := net.ParseIP(host); !*remote && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "reckon serve: %s is not a loopback address\n  hint: the preview is for your own machine; pass -allow-remote to serve it to others\n", host)
		return exitUsage
	}
	assets, cards, err := siteAssets("", *src)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon serve: %v\n", err)
		return exitContent
	}
	site, closeSite, ok := e.openSite("serve", *src)
	if !ok {
		return exitContent
	}
	defer closeSite()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "reckon serve: %v\n", err)
		return exitUsage
	}
	listening := ln.Addr().String()
	if host == "localhost" {
		_, port, _ := net.SplitHostPort(listening)
		listening = net.JoinHostPort(host, port)
	}
	base := "http://" + listening + "/"
	notice := "" // the last one printed
	var memory previewMemory
	// Each edit renders again only the pages it feeds (see build.Session).
	session := build.NewSession(build.Config{Src: site, Templates: templates.FS, Assets: assets, BaseURL: base, Future: *future, Cards: cards})
	srv, err := serve.Open(func(changed []string, first func() []string, early func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		res, files, _, err := session.RenderFirst(today(), changed, first, early)
		if n := res.Unpublished.Notice(); err == nil && n != notice {
			if n != "" {
				fmt.Fprintf(e.stderr, "reckon serve: %s\n", n)
			}
			notice = n
		}
		return files, res.Files(), err
	}, listening, e.stderr)
	if err != nil {
		ln.Close()
		fmt.Fprintf(e.stderr, "reckon serve: %v\n", err)
		return exitUsage
	}
	srv.Settled = memory.settled
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	go func() {
		<-ctx.Done()
		hs.Close()
	}()
	// Pages asked for during the first build are made first.
	fmt.Fprintf(e.stderr, "serving on %s (Ctrl-C to stop)\n", base)
	srv.Rebuild()
	go srv.Watch(ctx, *src, "claims", "content", "templates")
	if err := <-served; err != nil && err != http.ErrServerClosed {
		fmt.Fprintf(e.stderr, "reckon serve: %v\n", err)
		return exitContent
	}
	return exitOK
}
