//go:build linux

// Command sitebench times Reckon against Hugo on synthetic sites of given
// sizes and prints the results as a Markdown table (progress goes to
// stderr). For each size (a number of claims, 100 per topic, about 400
// words of commentary each) it writes the Reckon site of package synthsite
// and the comparable Hugo site of [synthsite.Hugo], then:
//
//   - builds each site in full, alternating Reckon and Hugo, into an empty
//     folder, then again over that output, then over it again once one
//     claim's title is edited (the claim of the preview's claim edit: its
//     TOML file, the Hugo page's front matter), after a warm-up round of
//     the same six builds that is not counted (each round into new
//     folders: none is removed before the last round unless the disk is
//     short of room, since removing many files slows the making of the
//     next ones on some file systems); it reports the medians of
//     the runs of wall time, CPU time (user and system) and peak memory
//     (the child's maximum resident set size, from getrusage), and the
//     pages (HTML files) and files written;
//   - starts the preview (reckon serve, then hugo server), edits a claim, a
//     source, a model parameter and a template in turn, and reports for
//     each kind of edit the median time from saving the file until the
//     page that shows the change is served with new bytes (polled every
//     5 ms), and the preview's start-up time and peak memory.
//
// The file system is synced before each timed build. Nothing is asserted:
// the numbers depend on the machine and its load, which the report states.
//
// Run it from the repository root (reckon serve finds node_modules/echarts
// in the working folder), as make bench-site does:
//
//	go run ./generator/internal/sitebench -reckon /tmp/reckon -hugo hugo -echarts node_modules/echarts -sizes 1000,10000
//
// It may import: internal/synthsite and reckon/templates.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	reckon, hugo, echarts string
	sizes                 []int
	runs                  int // 0: 5 below 50,000 claims, 3 from there
	edits                 int // edits of each kind
	editMax               int // measure edits only up to this many claims (0: every size)
	work                  string
	keep                  bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("sitebench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg config
	fl.StringVar(&cfg.reckon, "reckon", "", "the reckon binary (required)")
	fl.StringVar(&cfg.hugo, "hugo", "", "the hugo binary (empty: Reckon alone)")
	fl.StringVar(&cfg.echarts, "echarts", "node_modules/echarts", "the folder of the npm package echarts")
	sizes := fl.String("sizes", "1000,10000", "comma-separated numbers of claims, each a multiple of 100")
	fl.IntVar(&cfg.runs, "runs", 0, "timed builds of each kind per size (0: 5, or 3 from 50,000 claims)")
	fl.IntVar(&cfg.edits, "edits", 3, "edits of each kind (claim, source, parameter, template) per preview; 0: no preview")
	fl.IntVar(&cfg.editMax, "edit-max", 10000, "time the preview only on sites of at most this many claims (0: every size)")
	fl.StringVar(&cfg.work, "work", "", "folder for the sites and outputs (default: a new temporary folder)")
	fl.BoolVar(&cfg.keep, "keep", false, "keep the work folder")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 || n%100 != 0 {
			fmt.Fprintf(stderr, "sitebench: -sizes: %q is not a positive multiple of 100\n", s)
			return 2
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.reckon == "" {
		fmt.Fprintln(stderr, "sitebench: -reckon is required")
		return 2
	}
	if err := bench(cfg, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "sitebench:", err)
		return 1
	}
	return 0
}

// A measure is one timed run of a child process.
type measure struct {
	wall, cpu, sys time.Duration
	rss            int64 // bytes
	files, pages   int
	bytes          int64 // of the files written
}

// A row is one line of the table: a kind of work, measured with each tool.
type row struct {
	work         string
	reckon, hugo []measure
	latency      bool // the measures are edit latencies (wall only)
	once         bool // a latency measured once per tool
	memory       bool // the measures are a preview's peak memory (rss only)
}

func bench(cfg config, stdout, stderr io.Writer) error {
	var err error
	if cfg.work == "" {
		if cfg.work, err = os.MkdirTemp("", "sitebench-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return err
	}
	if !cfg.keep {
		defer os.RemoveAll(cfg.work)
	}
	if cfg.echarts, err = filepath.Abs(cfg.echarts); err != nil {
		return err
	}
	hugoVersion := ""
	if cfg.hugo != "" {
		out, err := exec.Command(cfg.hugo, "version").Output()
		if err != nil {
			return fmt.Errorf("%s version: %v", cfg.hugo, err)
		}
		hugoVersion, _, _ = strings.Cut(strings.TrimPrefix(string(out), "hugo "), " ")
	}
	loadStart := loadavg()
	start := time.Now()
	var rows []row
	for _, n := range cfg.sizes {
		t0 := time.Now()
		r, err := benchSize(cfg, n, stderr)
		rows = append(rows, r...)
		if err != nil {
			return err
		}
		// Each size's rows as soon as they are known, in case a later size
		// does not finish.
		fmt.Fprintf(stderr, "\n%s claims in %v, load average %s at the end:\n\n", count(n), time.Since(t0).Round(time.Second), loadavg())
		writeTable(stderr, r, cfg.hugo != "")
		fmt.Fprintln(stderr)
	}
	fmt.Fprintf(stdout, "Reckon against Hugo %s, %d claims per topic with about 400 words of commentary each; "+
		"%s; %d CPU cores, load average %s at the start and %s at the end; %v in all.\n\n",
		orNone(hugoVersion), 100, runsNote(cfg), runtime.NumCPU(), loadStart, loadavg(), time.Since(start).Round(time.Second))
	writeTable(stdout, rows, cfg.hugo != "")
	return nil
}

func orNone(v string) string {
	if v == "" {
		return "(not run)"
	}
	return v
}

func runsNote(cfg config) string {
	switch {
	case cfg.runs == 1:
		return "one build of each kind after a warm-up, alternating Reckon and Hugo"
	case cfg.runs > 1:
		return fmt.Sprintf("medians of %d builds of each kind after a warm-up, alternating Reckon and Hugo", cfg.runs)
	}
	return "medians of 5 builds of each kind (3 from 50,000 claims) after a warm-up, alternating Reckon and Hugo"
}

// loadavg returns the load averages of /proc/loadavg: "1.20 0.90 0.75".
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// benchSize measures one size and returns its rows.
func benchSize(cfg config, n int, stderr io.Writer) ([]row, error) {
	dir := filepath.Join(cfg.work, strconv.Itoa(n))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	opt := synthsite.Options{Topics: n / 100, Claims: 100}
	rsite, hsite := filepath.Join(dir, "reckon-site"), filepath.Join(dir, "hugo-site")
	t0 := time.Now()
	if err := os.CopyFS(rsite, synthsite.Files(opt)); err != nil {
		return nil, err
	}
	if cfg.hugo != "" {
		if err := os.CopyFS(hsite, synthsite.Hugo(opt)); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(stderr, "%s claims: sites written in %v\n", count(n), time.Since(t0).Round(time.Millisecond))
	reckonBuild := func(out string) (measure, error) {
		return timed(cfg.reckon, "build", "-q", "-src", rsite, "-out", out, "-echarts", cfg.echarts)
	}
	hugoEnv := []string{"HUGO_CACHEDIR=" + filepath.Join(dir, "hugo-cache")}
	hugoBuild := func(out string) (measure, error) {
		return timedEnv(hugoEnv, cfg.hugo, "--quiet", "--source", hsite, "--destination", out)
	}
	runs := cfg.runs
	if runs == 0 {
		runs = 5
		if n >= 50000 {
			runs = 3
		}
	}
	empty := row{work: fmt.Sprintf("%s claims, full build into an empty folder", count(n))}
	over := row{work: fmt.Sprintf("%s claims, full build over the previous output", count(n))}
	edited := row{work: fmt.Sprintf("%s claims, full build over the previous output, one claim's title edited", count(n))}
	type tool struct {
		name                string
		site, file          string // the site, and the claim's file in it that is edited
		build               func(out string) (measure, error)
		empty, over, edited *[]measure
	}
	claim := editKinds[0]
	tools := []tool{{"reckon", rsite, claim.reckonFile, reckonBuild, &empty.reckon, &over.reckon, &edited.reckon}}
	if cfg.hugo != "" {
		tools = append(tools, tool{"hugo", hsite, claim.hugoFile, hugoBuild, &empty.hugo, &over.hugo, &edited.hugo})
	}
	// The claim's file as it was, which each run edits anew and the
	// preview finds again.
	orig := map[string][]byte{}
	for _, t := range tools {
		p := filepath.Join(t.site, t.file)
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		orig[p] = b
	}
	// Each run builds into new folders, which are removed when the
	// benchmark ends, or when the disk has no room for another run: on a
	// file system such as ext4 without a journal, files made soon after
	// many were removed take several times longer to make (it does not
	// reuse an inode freed in the last half minute or more, and searches
	// past them), which would weigh on whichever tool builds first after
	// a removal.
	outs := filepath.Join(dir, "out")
	var used int64               // by the outputs of a run
	for i := -1; i < runs; i++ { // run -1 warms up
		label := fmt.Sprintf("run %d/%d", i+1, runs)
		if i < 0 {
			label = "warm-up"
		}
		if free, err := freeSpace(dir); err == nil && free < 2*used {
			fmt.Fprintf(stderr, "%s claims, %s: earlier outputs removed to make room; this run follows their removal\n", count(n), label)
			if err := os.RemoveAll(outs); err != nil {
				return nil, err
			}
		}
		used = 0
		// Reckon, Hugo, Reckon, Hugo, Reckon, Hugo: into an empty folder,
		// over it, and over it after the claim is edited.
		for step := range 3 {
			for _, t := range tools {
				into, kind := t.empty, "into an empty folder"
				switch step {
				case 1:
					into, kind = t.over, "over the previous output"
				case 2:
					into, kind = t.edited, "over the previous output, one claim's title edited"
					if err := editFile(filepath.Join(t.site, t.file), orig, claim.apply, i+2); err != nil {
						return nil, fmt.Errorf("%s claims, %s: %v", count(n), t.name, err)
					}
				}
				out := filepath.Join(outs, fmt.Sprintf("%s-%d", t.name, i+1))
				m, err := t.build(out)
				if err != nil {
					return nil, fmt.Errorf("%s claims, %s: %v", count(n), t.name, err)
				}
				if m.files, m.pages, m.bytes, err = countFiles(out); err != nil {
					return nil, err
				}
				if step == 2 {
					used += m.bytes
				}
				fmt.Fprintf(stderr, "%s claims, %s, %s build %s: %s\n", count(n), label, t.name, kind, m.cell())
				if i >= 0 {
					*into = append(*into, m)
				}
			}
		}
	}
	for p, b := range orig {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
	}
	rows := []row{empty, over, edited}
	if cfg.edits == 0 || cfg.editMax > 0 && n > cfg.editMax {
		return rows, nil
	}
	edits := make([]row, len(editKinds)+3)
	for k, e := range editKinds {
		edits[k].work = fmt.Sprintf("%s edited, %s-claim preview, until the new page is served", e.what, count(n))
		edits[k].latency = true
	}
	all := &edits[len(editKinds)]
	all.work = fmt.Sprintf("any of these edits, %s-claim preview (median of all)", count(n))
	all.latency = true
	startRow := &edits[len(editKinds)+1]
	startRow.work = fmt.Sprintf("%s-claim preview, from start until the first page is served", count(n))
	startRow.latency, startRow.once = true, true
	mem := &edits[len(editKinds)+2]
	mem.work = fmt.Sprintf("%s-claim preview, peak memory over start and edits", count(n))
	mem.memory = true

	// The template edit needs a template of the site's own.
	claimHTML, err := fs.ReadFile(templates.FS, "claim.html")
	if err != nil {
		return nil, err
	}
	if err := os.Mkdir(filepath.Join(rsite, "templates"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(rsite, "templates", "claim.html"), claimHTML, 0o644); err != nil {
		return nil, err
	}
	previews := []preview{{
		tool: "reckon", site: rsite,
		start: func(port string) *exec.Cmd {
			return command(cfg.reckon, "serve", "-src", rsite, "-addr", "127.0.0.1:"+port)
		},
		file: func(e editKind) string { return e.reckonFile },
		page: func(e editKind) string { return e.reckonPage },
	}}
	if cfg.hugo != "" {
		previews = append(previews, preview{
			tool: "hugo", site: hsite,
			start: func(port string) *exec.Cmd {
				cmd := command(cfg.hugo, "server", "--source", hsite, "--bind", "127.0.0.1", "--port", port, "--logLevel", "error")
				cmd.Env = append(os.Environ(), hugoEnv...)
				return cmd
			},
			file: func(e editKind) string { return e.hugoFile },
			page: func(e editKind) string { return e.hugoPage },
		})
	}
	for _, p := range previews {
		startup, lat, rss, err := p.measure(cfg.edits, stderr, n)
		if err != nil {
			return rows, fmt.Errorf("%s claims, %s preview: %v", count(n), p.tool, err)
		}
		pick := func(r *row) *[]measure {
			if p.tool == "reckon" {
				return &r.reckon
			}
			return &r.hugo
		}
		for k := range editKinds {
			for _, d := range lat[k] {
				*pick(&edits[k]) = append(*pick(&edits[k]), measure{wall: d})
				*pick(all) = append(*pick(all), measure{wall: d})
			}
		}
		*pick(startRow) = append(*pick(startRow), measure{wall: startup})
		*pick(mem) = append(*pick(mem), measure{rss: rss})
	}
	return append(rows, edits...), nil
}

// command returns a command that is killed when sitebench dies, so that
// no build or preview outlives an interrupted benchmark.
func command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd
}

// timed runs a command to its end and measures it, after syncing the file
// system so that one run's writes are not charged to the next.
func timed(name string, args ...string) (measure, error) {
	return timedEnv(nil, name, args...)
}

func timedEnv(env []string, name string, args ...string) (measure, error) {
	syscall.Sync()
	var out bytes.Buffer
	cmd := command(name, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	if err != nil {
		return measure{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.Bytes())
	}
	return usage(cmd.ProcessState, wall), nil
}

func usage(ps *os.ProcessState, wall time.Duration) measure {
	m := measure{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), sys: ps.SystemTime()}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		m.rss = ru.Maxrss * 1024 // KiB on Linux
	}
	return m
}

// countFiles counts the regular files under dir, and of them the HTML
// pages, and returns their size.
func countFiles(dir string) (files, pages int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	return files, pages, size, err
}

// freeSpace returns the bytes free for an unprivileged user on the file
// system of dir.
func freeSpace(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * st.Bsize, nil
}

// An editKind is one kind of edit, in both sites: the file saved and the
// page that shows the change. Each edit is made on the file's first
// content with a new number n, so that every edit changes the page.
type editKind struct {
	what                 string
	reckonFile, hugoFile string
	reckonPage, hugoPage string
	apply                func(old []byte, n int) ([]byte, error)
}

var editKinds = []editKind{
	{
		what:       "a claim",
		reckonFile: "claims/topic-000/claim-000.toml", reckonPage: "/claims/topic-000/claim-000/",
		hugoFile: "content/topic-000/claim-000.md", hugoPage: "/topic-000/claim-000/",
		apply: replaceOnce(`title = "`, `title = "Edit %d: `),
	},
	{
		what:       "a source",
		reckonFile: "claims/topic-000/sources.toml", reckonPage: "/claims/topic-000/claim-000/",
		hugoFile: "data/sources/topic-000.toml", hugoPage: "/topic-000/claim-000/",
		apply: replaceOnce(`title = "The project's report"`, `title = "The project's report, edition %d"`),
	},
	{
		what:       "a model parameter",
		reckonFile: "claims/topic-000/model.toml", reckonPage: "/topics/topic-000/",
		hugoFile: "data/models/topic-000.toml", hugoPage: "/topic-000/",
		apply: bumpValue,
	},
	{
		what:       "a template",
		reckonFile: "templates/claim.html", reckonPage: "/claims/topic-000/claim-000/",
		hugoFile: "layouts/single.html", hugoPage: "/topic-000/claim-000/",
		apply: replaceOnce("</h1>", "</h1>\n<p>Edit %d</p>"),
	},
}

func replaceOnce(old, format string) func([]byte, int) ([]byte, error) {
	return func(b []byte, n int) ([]byte, error) {
		if !bytes.Contains(b, []byte(old)) {
			return nil, fmt.Errorf("%q not found", old)
		}
		return bytes.Replace(b, []byte(old), []byte(fmt.Sprintf(format, n)), 1), nil
	}
}

// bumpValue adds 1,000 times n to the first "value = " of a model: the
// GPU-hours of the final run.
func bumpValue(b []byte, n int) ([]byte, error) {
	const key = "\nvalue = "
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return nil, errors.New("no value in the model")
	}
	i += len(key)
	j := i + bytes.IndexByte(b[i:], '\n')
	v, err := strconv.ParseFloat(string(b[i:j]), 64)
	if err != nil {
		return nil, err
	}
	return slices.Concat(b[:i], []byte(strconv.FormatFloat(v+1000*float64(n), 'f', -1, 64)), b[j:]), nil
}

// A preview is a live-reloading server of one tool.
type preview struct {
	tool       string
	site       string
	start      func(port string) *exec.Cmd
	file, page func(editKind) string
}

// measure starts the preview, waits for its first page, makes the edits
// (edits of each kind, the kinds in turn) and stops it. It returns the
// start-up time, the latencies by kind and the peak memory.
func (p preview) measure(edits int, stderr io.Writer, n int) (startup time.Duration, lat [][]time.Duration, rss int64, err error) {
	port, err := freePort()
	if err != nil {
		return 0, nil, 0, err
	}
	var log bytes.Buffer
	cmd := p.start(port)
	cmd.Stdout, cmd.Stderr = &log, &log
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, nil, 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	defer func() {
		if !stopped {
			cmd.Process.Kill()
			<-exited
		}
	}()
	base := "http://127.0.0.1:" + port
	client := &http.Client{Timeout: 10 * time.Minute}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	first := p.page(editKinds[0])
	for {
		if b, ok := get(ctx, client, base+first); ok && b != nil {
			break
		}
		select {
		case err := <-exited:
			stopped = true
			return 0, nil, 0, fmt.Errorf("exited: %v\n%s", err, log.Bytes())
		case <-ctx.Done():
			return 0, nil, 0, fmt.Errorf("no page after 10 minutes\n%s", log.Bytes())
		case <-time.After(20 * time.Millisecond):
		}
	}
	startup = time.Since(t0)
	fmt.Fprintf(stderr, "%s claims, %s preview: first page after %s\n", count(n), p.tool, seconds(startup))
	if err := settle(cmd.Process.Pid); err != nil {
		return 0, nil, 0, err
	}

	lat = make([][]time.Duration, len(editKinds))
	orig := make([][]byte, len(editKinds))
	for k, e := range editKinds {
		if orig[k], err = os.ReadFile(filepath.Join(p.site, p.file(e))); err != nil {
			return 0, nil, 0, err
		}
	}
	for i := range edits {
		for k, e := range editKinds {
			url := base + p.page(e)
			before, ok := get(ctx, client, url)
			if !ok {
				return 0, nil, 0, fmt.Errorf("%s: no page before the edit\n%s", url, log.Bytes())
			}
			next, err := e.apply(orig[k], i+1)
			if err != nil {
				return 0, nil, 0, fmt.Errorf("%s: %v", p.file(e), err)
			}
			t := time.Now()
			if err := os.WriteFile(filepath.Join(p.site, p.file(e)), next, 0o644); err != nil {
				return 0, nil, 0, err
			}
			for {
				if b, ok := get(ctx, client, url); ok && !bytes.Equal(b, before) {
					break
				}
				if ctx.Err() != nil {
					return 0, nil, 0, fmt.Errorf("%s unchanged after editing %s\n%s", url, p.file(e), log.Bytes())
				}
				time.Sleep(5 * time.Millisecond)
			}
			d := time.Since(t)
			lat[k] = append(lat[k], d)
			fmt.Fprintf(stderr, "%s claims, %s preview: %s edited, page new after %s\n", count(n), p.tool, e.what, seconds(d))
			if err := settle(cmd.Process.Pid); err != nil {
				return 0, nil, 0, err
			}
		}
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
	stopped = true
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024
	}
	return startup, lat, rss, nil
}

// settle waits for a server to finish any work beyond the page that was
// polled (a second rebuild, the rest of the site): until it uses less than
// a tenth of a core for half a second, at most two minutes.
func settle(pid int) error {
	cpu := func() (time.Duration, error) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return 0, err
		}
		// The fields after the command's name, which ends with ") ".
		_, rest, _ := bytes.Cut(b, []byte(") "))
		f := strings.Fields(string(rest))
		if len(f) < 13 {
			return 0, errors.New("short /proc stat")
		}
		utime, err1 := strconv.ParseInt(f[11], 10, 64)
		stime, err2 := strconv.ParseInt(f[12], 10, 64)
		if err := errors.Join(err1, err2); err != nil {
			return 0, err
		}
		return time.Duration(utime+stime) * 10 * time.Millisecond, nil // clock ticks of 1/100 s
	}
	const window = 500 * time.Millisecond
	before, err := cpu()
	if err != nil {
		return err
	}
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		time.Sleep(window)
		now, err := cpu()
		if err != nil {
			return err
		}
		if now-before < window/10 {
			return nil
		}
		before = now
	}
	return nil
}

// get returns the body of a page served with status 200.
func get(ctx context.Context, client *http.Client, url string) ([]byte, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, false
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, false
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, false
	}
	return b, true
}

// freePort returns a TCP port on the loopback address that was free a
// moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

// editFile writes the file p as edit, the nth, makes its original content
// orig[p].
func editFile(p string, orig map[string][]byte, edit func([]byte, int) ([]byte, error), n int) error {
	b, err := edit(orig[p], n)
	if err != nil {
		return fmt.Errorf("%s: %v", p, err)
	}
	return os.WriteFile(p, b, 0o644)
}
