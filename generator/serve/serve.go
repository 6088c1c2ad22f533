package serve

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"reckon/generator/diag"
)

// DefaultAddr is the address the preview listens on unless told otherwise:
// the loopback address, so that only this machine can reach it.
const DefaultAddr = "127.0.0.1:8080"

// Build renders the site in memory. On failure it returns the errors and
// the input files they point into. changed lists the files and folders
// that changed since the last call, as slash-separated paths relative to
// the folder [Server.Watch] watches, sorted; it is nil when that is not
// known (the first build, [Server.Rebuild], or a watcher that lost events),
// and then the build must find out for itself. first returns the pages
// open in a browser or asked for last, at the moment it is called (the
// names of their files, such as "claims/t/x/index.html"): a build may hand
// early some of them, as it will make them, with the assets they load,
// before it has made the rest, and the server serves those at once; it
// calls early at most once. The files it returns are not modified
// afterwards.
type Build func(changed []string, first func() []string, early func(files map[string][]byte)) (files map[string][]byte, sources map[string][]byte, err error)

// Server serves the last successful build, with the errors of the last
// build over its pages.
type Server struct {
	// Settled, when not nil, is called after each build, on a goroutine
	// of its own, once the server serves what the build made and holds
	// nothing of the one before: with a good build's files, nil after a
	// failed build. A nil Settled collects the garbage then
	// (runtime.GC), while the author looks at the page, rather than in
	// the middle of the next build, whose first pages it would hold up:
	// after a collection, the next comes only when the heap has grown by
	// as much as it holds. Set it before the first build.
	Settled func(files map[string][]byte)

	build Build
	log   io.Writer
	host  string // the host the server listens on, without brackets
	port  string

	mu      sync.RWMutex
	files   map[string][]byte // the last good build; nil before the first
	early   map[string][]byte // the pages the build under way handed early, served over files; nil
	errs    []string          // the last build's errors, as diag.Format writes each; nil when it succeeded
	gen     int               // build generation, for reloads
	changed chan struct{}     // closed and replaced after each build, and when pages come early
	open    map[string]int    // the pages open in a browser (see events), by file name
	recent  []string          // the pages served last, the last one first (see maxRecent)
}

// maxRecent is how many of the pages served last a build is asked to make
// first, besides the pages open in a browser.
const maxRecent = 8

// New returns a server for the site that b builds, listening on addr
// (host:port, as net.Listen was given it or reports it); it logs one line
// per build to log. It builds the site once before it returns.
func New(b Build, addr string, log io.Writer) (*Server, error) {
	s, err := Open(b, addr, log)
	if err == nil {
		s.Rebuild()
	}
	return s, err
}

// Open is [New], which returns before the first build: until it is
// [Server.Rebuild]'s, every page says that the site is being built, and
// the pages asked for meanwhile are those the build makes first.
func Open(b Build, addr string, log io.Writer) (*Server, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	return &Server{build: b, log: log, host: host, port: port, changed: make(chan struct{}), open: map[string]int{}}, nil
}

// Rebuild builds the site again and wakes every open page.
func (s *Server) Rebuild() { s.rebuild(nil) }

// rebuild builds the site again after the files at changed changed (nil:
// not known) and wakes every open page: those the build handed early as
// soon as they came.
func (s *Server) rebuild(changed []string) {
	start := time.Now()
	var took time.Duration // until the pages came early; 0 when none did
	files, sources, err := s.build(changed, s.first, func(early map[string][]byte) {
		s.mu.Lock()
		if took == 0 {
			took = max(time.Since(start), 1)
			s.early = early
			s.wake()
		}
		s.mu.Unlock()
	})
	var errs []string
	list := diag.Errors(err)
	for _, e := range list {
		var b strings.Builder
		diag.Format(&b, e, diag.Files(sources))
		errs = append(errs, strings.TrimRight(b.String(), "\n"))
	}
	s.mu.Lock()
	if err == nil {
		s.files = files
	}
	s.errs = errs
	s.gen++
	if s.early != nil && err != nil {
		s.gen++ // past the early pages' generation (see events)
	}
	s.early = nil
	s.wake()
	s.mu.Unlock()
	settled := s.Settled
	if settled == nil {
		settled = func(map[string][]byte) { runtime.GC() }
	}
	if err != nil {
		files = nil
	}
	go settled(files)
	all := time.Since(start).Round(time.Millisecond)
	first := ""
	if took > 0 {
		first = fmt.Sprintf(" (open pages in %v)", took.Round(time.Millisecond))
	}
	if err != nil {
		fmt.Fprintf(s.log, "build failed in %v%s: %s (shown in the browser)\n", all, first, count(len(list)))
		diag.Format(s.log, err, diag.Files(sources))
		return
	}
	fmt.Fprintf(s.log, "built %d files in %v%s\n", len(files), all, first)
}

// wake tells every open page to look at the build again. s.mu is held.
func (s *Server) wake() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// first returns the pages a build is asked to make first: those open in a
// browser, then those served last, each once.
func (s *Server) first() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := slices.Sorted(maps.Keys(s.open))
	for _, name := range s.recent {
		if s.open[name] == 0 {
			out = append(out, name)
		}
	}
	return out
}

// served notes that the page name was served, for [Server.first].
func (s *Server) served(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.recent) > 0 && s.recent[0] == name {
		return
	}
	s.recent = slices.DeleteFunc(s.recent, func(n string) bool { return n == name })
	s.recent = slices.Insert(s.recent, 0, name)
	if len(s.recent) > maxRecent {
		s.recent = s.recent[:maxRecent]
	}
}

// count says how many errors there are: "1 error", "2 errors".
func count(n int) string {
	if n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", n)
}

// Paths served by the preview only.
const (
	reloadScript = "/_reckon/reload.js"
	overlayCSS   = "/_reckon/overlay.css"
	eventsPath   = "/_reckon/events"
)

const reloadJS = `(function () {
  var gen = null;
  function listen() {
    var es = new EventSource("` + eventsPath + `?page=" + encodeURIComponent(location.pathname));
    es.onmessage = function (e) {
      if (gen !== null && e.data !== gen) { location.reload(); }
      gen = e.data;
    };
    es.onerror = function () { es.close(); setTimeout(listen, 1000); };
  }
  listen();
})();
`

// overlayStyle places the errors at the bottom of the page, above it, at
// most half the window high; folded, they are one line.
const overlayStyle = `.reckon-errors {
  position: fixed; inset-inline: 0; inset-block-end: 0; z-index: 2147483647;
  max-block-size: 50vh; overflow: auto; margin: 0; padding: 0.5rem 1rem;
  background: #2b0b0b; color: #fff; border-block-start: 4px solid #e5484d;
  font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.reckon-errors summary { cursor: pointer; font-weight: bold; }
.reckon-errors p { margin: 0.5rem 0; font-family: system-ui, sans-serif; }
.reckon-errors ol { margin: 0; padding: 0; list-style: none; }
.reckon-errors li { margin: 0 0 0.75rem; }
.reckon-errors pre { margin: 0; white-space: pre; overflow-x: auto; }
.reckon-errors-page { margin: 0; background: #2b0b0b; }
.reckon-errors-page .reckon-errors { position: static; max-block-size: none; min-block-size: 100vh; }
`

// contentTypes are the types of the files a site has, by extension; the
// machine's own table would make the answer depend on the machine.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".pdf":   "application/pdf",
}

// contentType returns the type of the file at name.
func contentType(name string) string {
	if name == "feed.xml" {
		return "application/atom+xml"
	}
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	if path.Base(name) == "LICENSE" {
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// ServeHTTP serves the site, the preview's own files and the reload events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		http.Error(w, "403 forbidden: this preview answers only to "+net.JoinHostPort(s.host, s.port), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case reloadScript:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	case overlayCSS:
		h.Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, overlayStyle)
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	s.mu.RLock()
	files, early, errs, gen := s.files, s.early, s.errs, s.gen
	s.mu.RUnlock()
	// A page handed early is of a build that has loaded the site: the
	// last build's errors are not its.
	lookup := func(name string) ([]byte, []string, bool) {
		if data, ok := early[name]; ok {
			return data, nil, true
		}
		data, ok := files[name]
		return data, errs, ok
	}
	name, ok := fileName(r.URL.Path)
	if _, _, found := lookup(name); files == nil && (!ok || !found) {
		// No good build yet, and not a page that came early.
		if ok && strings.HasSuffix(name, ".html") {
			s.served(name) // asked for: the build under way makes it first
		}
		if gen == 0 {
			s.buildingPage(w)
		} else {
			s.errorPage(w, errs)
		}
		return
	}
	if ok {
		if _, _, page := lookup(name); !page && !strings.HasSuffix(name, "index.html") {
			if _, _, dir := lookup(path.Join(name, "index.html")); dir {
				http.Redirect(w, r, r.URL.EscapedPath()+"/", http.StatusMovedPermanently)
				return
			}
		}
	}
	data, errs, found := lookup(name)
	status := http.StatusOK
	if !ok || !found {
		status, name = http.StatusNotFound, "404.html"
		if data, errs, found = lookup(name); !found {
			h.Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(status)
			io.WriteString(w, "404 page not found\n")
			return
		}
	}
	ctype := contentType(name)
	if strings.HasSuffix(name, ".html") {
		if status == http.StatusOK {
			s.served(name)
		}
		data = inject(data, errs)
	}
	h.Set("Content-Type", ctype)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// allowedHost reports whether a request's Host is the address the server
// listens on, or localhost, 127.0.0.1 or [::1] with its port. A server
// listening on every address (0.0.0.0 or ::) also answers to any IP
// address with its port, which no other site's name can stand for.
func (s *Server) allowedHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if port != s.port || host == "" {
		return false
	}
	switch host {
	case strings.ToLower(s.host), "localhost", "127.0.0.1", "::1":
		return true
	}
	if ip := net.ParseIP(s.host); ip != nil && ip.IsUnspecified() {
		return net.ParseIP(host) != nil
	}
	return false
}

// fileName returns the file a URL path names ("/a/" is a/index.html), or
// false when the path is not one a build can have: a segment that is
// empty, "." or "..", a backslash or a NUL (also when they were
// percent-encoded, as r.URL.Path is decoded already).
func fileName(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/")
	if !ok || strings.ContainsAny(rest, "\\\x00") {
		return "", false
	}
	dir := rest == "" || strings.HasSuffix(rest, "/")
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return "index.html", true
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	if dir {
		rest += "/index.html"
	}
	return rest, fs.ValidPath(rest)
}

// inject adds the preview's stylesheet and reload script before </head>
// and, while the last build failed, the errors after <body>. The site's
// Content-Security-Policy allows both files, which come from the same
// origin.
func inject(page []byte, errs []string) []byte {
	head := []byte(`<link rel="stylesheet" href="` + overlayCSS + `"><script src="` + reloadScript + `" defer></script>`)
	var b bytes.Buffer
	b.Grow(len(page) + len(head) + 4096)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = 0
	}
	b.Write(page[:i])
	b.Write(head)
	rest := page[i:]
	if len(errs) > 0 {
		j := bytes.Index(rest, []byte("<body"))
		k := -1
		if j >= 0 {
			k = bytes.IndexByte(rest[j:], '>')
		}
		if k < 0 {
			j, k = 0, -1 // no body tag: the errors go first
		}
		b.Write(rest[:j+k+1])
		overlay.ExecuteTemplate(&b, "overlay", overlayView{Note: "This is the last good build.", Errors: errs})
		rest = rest[j+k+1:]
	}
	b.Write(rest)
	return b.Bytes()
}

// overlay is the markup of the errors. Error text is data: html/template
// escapes it.
var overlay = template.Must(template.New("overlay").Funcs(template.FuncMap{"count": count}).Parse(`
{{- define "errors" -}}
<details class="reckon-errors" id="reckon-errors" open role="alert">
<summary>Build failed: {{len .Errors | count}}</summary>
<p>{{.Note}} Fix the files below; the page reloads when they build.</p>
<ol>
{{- range .Errors}}
<li><pre>{{.}}</pre></li>
{{- end}}
</ol>
</details>
{{- end}}
{{- define "overlay"}}{{template "errors" .}}{{end}}
{{- define "building" -}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Building the site</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="` + reloadScript + `" defer></script></head>
<body><main><p>Building the site; this page reloads when it is ready.</p></main></body></html>
{{end}}
{{- define "page" -}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed: {{len .Errors | count}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="` + overlayCSS + `"><script src="` + reloadScript + `" defer></script></head>
<body class="reckon-errors-page"><main>
{{template "errors" .}}
</main></body></html>
{{end}}`))

// overlayView is the data of the overlay.
type overlayView struct {
	Note   string
	Errors []string // each as diag.Format writes it
}

// buildingPage answers while the first build is under way; the page
// reloads when it is done.
func (s *Server) buildingPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	overlay.ExecuteTemplate(w, "building", nil)
}

// errorPage answers with the errors alone, while there is no good build.
func (s *Server) errorPage(w http.ResponseWriter, errs []string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	overlay.ExecuteTemplate(w, "page", overlayView{Note: "Nothing has built yet.", Errors: errs})
}

// events streams the build generation as server-sent events, to the
// page the query's page names (its URL path): while that page is open, a
// build makes it first (see [Server.first]). A page that a build handed
// early has the generation the build will have once done, so that it
// reloads once, as soon as it can.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page, ok := fileName(r.URL.Query().Get("page"))
	if ok {
		s.mu.Lock()
		s.open[page]++
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			if s.open[page]--; s.open[page] <= 0 {
				delete(s.open, page)
			}
			s.mu.Unlock()
		}()
	}
	w.Header().Set("Content-Type", "text/event-stream")
	sent := -1
	for {
		s.mu.RLock()
		gen, changed := s.gen, s.changed
		if _, early := s.early[page]; early && ok {
			gen++
		}
		s.mu.RUnlock()
		if gen != sent {
			fmt.Fprintf(w, "data: %d\n\n", gen)
			fl.Flush()
			sent = gen
		}
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		}
	}
}

// settle is how long Watch waits after a change for more before it builds:
// an editor's save is one or a few writes and a rename, microseconds apart.
// A change during a build makes another build after it.
const settle = 10 * time.Millisecond

// Watch rebuilds whenever a file under one of dirs (below root) changes,
// waiting for changes to settle for a short while first, and tells the
// build which files changed. It returns when ctx is done.
func (s *Server) Watch(ctx context.Context, root string, dirs ...string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	add := func(dir string) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				w.Add(p)
			}
			return nil
		})
	}
	for _, d := range dirs {
		add(filepath.Join(root, d))
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	pending := map[string]bool{} // the paths changed since the last build
	lost := false                // whether events were lost: what changed is not known
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name)
				}
			}
			if rel, err := filepath.Rel(root, ev.Name); err == nil && filepath.IsLocal(rel) {
				pending[filepath.ToSlash(rel)] = true
			} else {
				lost = true
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(settle, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case <-fire:
			if !lost && len(pending) == 0 {
				continue // a second fire for the same changes
			}
			var changed []string
			if !lost {
				changed = slices.Sorted(maps.Keys(pending))
			}
			clear(pending)
			lost = false
			s.rebuild(changed)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.log, "watch: %v\n", err)
			lost = true // such as fsnotify.ErrEventOverflow
			select {
			case fire <- struct{}{}:
			default:
			}
		}
	}
}
