// Package serve is Reckon's live preview: it builds the site in memory,
// serves it over HTTP, rebuilds when an input file changes and tells open
// pages to reload. While the content has errors, every page shows them.
//
// The server is meant for the author's own machine: the command line binds
// it to the loopback address unless told otherwise.
package serve

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"reckon/generator/diag"
)

// Build renders the site in memory. On failure it returns the errors and
// the input files they point into.
type Build func() (files map[string][]byte, sources map[string][]byte, err error)

// Server serves the last successful build, or the last build's errors.
type Server struct {
	build Build
	log   io.Writer

	mu      sync.RWMutex
	files   map[string][]byte
	err     error
	sources map[string][]byte
	gen     int           // build generation, for reloads
	changed chan struct{} // closed and replaced after each build
}

// New returns a server that builds with b and logs one line per build to log.
func New(b Build, log io.Writer) *Server {
	s := &Server{build: b, log: log, changed: make(chan struct{})}
	s.Rebuild()
	return s
}

// Rebuild builds the site again and wakes every open page.
func (s *Server) Rebuild() {
	start := time.Now()
	files, sources, err := s.build()
	s.mu.Lock()
	if err == nil {
		s.files = files
	}
	s.err, s.sources = err, sources
	s.gen++
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.log, "build failed in %v: %d errors (shown in the browser)\n", time.Since(start).Round(time.Millisecond), len(diag.Errors(err)))
		diag.Format(s.log, err, diag.Files(sources))
		return
	}
	fmt.Fprintf(s.log, "built %d files in %v\n", len(files), time.Since(start).Round(time.Millisecond))
}

// Reload paths, served by the preview only.
const (
	reloadScript = "/_reckon/reload.js"
	eventsPath   = "/_reckon/events"
)

const reloadJS = `(function () {
  var gen = null;
  function listen() {
    var es = new EventSource("` + eventsPath + `");
    es.onmessage = function (e) {
      if (gen !== null && e.data !== gen) { location.reload(); }
      gen = e.data;
    };
    es.onerror = function () { es.close(); setTimeout(listen, 1000); };
  }
  listen();
})();
`

// ServeHTTP serves the site, the reload script and the reload events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case reloadScript:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	s.mu.RLock()
	files, err, sources := s.files, s.err, s.sources
	s.mu.RUnlock()
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok := files[name]
	if _, dir := files[path.Join(name, "index.html")]; !ok && dir {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	isHTML := strings.HasSuffix(name, ".html")
	if err != nil && (isHTML || !ok) {
		s.errorPage(w, err, sources)
		return
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		data, isHTML = files["404.html"], true
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if isHTML {
		ctype = "text/html; charset=utf-8"
		data = injectReload(data)
	}
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(data)
}

// injectReload adds the reload script before </head>; the site's
// Content-Security-Policy allows scripts from the same origin.
func injectReload(page []byte) []byte {
	tag := []byte(`<script src="` + reloadScript + `" defer></script>`)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

var errorPage = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed: {{len .}} errors</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="` + reloadScript + `" defer></script></head>
<body><main><h1>The build failed</h1><p>Fix the files below; this page reloads when they build.</p>
<pre>{{range .}}{{.}}
{{end}}</pre></main></body></html>
`))

func (s *Server) errorPage(w http.ResponseWriter, err error, sources map[string][]byte) {
	var b bytes.Buffer
	diag.Format(&b, err, diag.Files(sources))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	errorPage.Execute(w, strings.Split(strings.TrimRight(b.String(), "\n"), "\n"))
}

// events streams the build generation as server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		s.mu.RLock()
		gen, changed := s.gen, s.changed
		s.mu.RUnlock()
		fmt.Fprintf(w, "data: %d\n\n", gen)
		fl.Flush()
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		}
	}
}

// Watch rebuilds whenever a file under one of dirs (below root) changes,
// waiting for changes to settle for a short while first. It returns when
// ctx is done.
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
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(80*time.Millisecond, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case <-fire:
			s.Rebuild()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.log, "watch: %v\n", err)
		}
	}
}
