package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"reckon/generator/diag"
)

const addr = "127.0.0.1:8080"

// get requests target from s with the Host the server listens on.
func get(t *testing.T, s *Server, target string) *httptest.ResponseRecorder {
	t.Helper()
	return getHost(t, s, addr, target)
}

func getHost(t *testing.T, s *Server, host, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

var goodSite = map[string][]byte{
	"index.html":          []byte(`<!DOCTYPE html><html><head><title>Home</title></head><body class="page-home"><main>home</main></body></html>`),
	"a/index.html":        []byte(`<!DOCTYPE html><html><head><title>A</title></head><body class="page-a"><main>page a</main></body></html>`),
	"404.html":            []byte(`<!DOCTYPE html><html><head><title>Not found</title></head><body class="page-404"><main>not found</main></body></html>`),
	"assets/site.css":     []byte("body{}"),
	"assets/site.js":      []byte("void 0;"),
	"feed.xml":            []byte("<feed/>"),
	"sitemap.xml":         []byte("<urlset/>"),
	"data/claims.json":    []byte("[]"),
	"data/claims.csv":     []byte("id\n"),
	"robots.txt":          []byte("User-agent: *\n"),
	"assets/icon.svg":     []byte("<svg/>"),
	"embed/x/oembed.json": []byte("{}"),
}

// broken is the source of a file with two errors, on lines with lines
// before them, so that each error's text has several lines.
var broken = map[string][]byte{"claims/t/x.toml": []byte("a = 1\nb = 2\ntitle = 1\nscope = \"<b>bold</b>\"\n")}

func twoErrors() error {
	var l diag.List
	l.Add(diag.Pos{File: "claims/t/x.toml", Line: 3, Col: 9}, "quote the title", "title: expected a string <b>")
	l.Add(diag.Pos{File: "claims/t/x.toml", Line: 4, Col: 9}, "", "unknown scope %q", "<b>bold</b>")
	return l.Err()
}

// fakeBuild builds goodSite, or fails with twoErrors while fail is set.
func fakeBuild(fail *atomic.Bool) Build {
	return func([]string, func() []string, func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		if fail.Load() {
			return nil, broken, twoErrors()
		}
		return goodSite, broken, nil
	}
}

// startServer serves the site b builds on a loopback port, until the test
// ends.
func startServer(t *testing.T, b Build) (*Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	s := newServer(t, b, ts.Listener.Addr().String())
	ts.Config.Handler = s
	ts.Start()
	t.Cleanup(ts.Close)
	return s, ts
}

func newServer(t *testing.T, b Build, listen string) *Server {
	t.Helper()
	s, err := New(b, listen, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// overlayOf returns the error overlay of a page, or nil.
func overlayOf(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "details" && attr(n, "id") == "reckon-errors" {
			found = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// checkNoInline checks that a page has no inline script, no style element
// or attribute and no event handler: the site's CSP would block them.
func checkNoInline(t *testing.T, where, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" && (attr(n, "src") == "" || n.FirstChild != nil) || n.Data == "style" {
				t.Errorf("%s: inline <%s>", where, n.Data)
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=...>", where, n.Data, a.Key)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

const injected = `<link rel="stylesheet" href="/_reckon/overlay.css"><script src="/_reckon/reload.js" defer></script></head>`

func TestLastGoodSiteWithErrors(t *testing.T) {
	var fail atomic.Bool
	s := newServer(t, fakeBuild(&fail), addr)

	rec := get(t, s, "/a/")
	if body := rec.Body.String(); rec.Code != 200 || !strings.Contains(body, "page a") || !strings.Contains(body, injected) || overlayOf(t, body) != nil {
		t.Errorf("GET /a/ = %d %q", rec.Code, body)
	}

	fail.Store(true)
	s.Rebuild()
	wantText := []string{
		"claims/t/x.toml:3:9: title: expected a string <b>\n" +
			"      1 | a = 1\n" +
			"      2 | b = 2\n" +
			"      3 | title = 1\n" +
			"        |         ^\n" +
			"  hint: quote the title",
		"claims/t/x.toml:4:9: unknown scope \"<b>bold</b>\"\n" +
			"      2 | b = 2\n" +
			"      3 | title = 1\n" +
			"      4 | scope = \"<b>bold</b>\"\n" +
			"        |         ^",
	}
	for _, p := range []string{"/", "/a/", "/missing/"} {
		rec := get(t, s, p)
		body := rec.Body.String()
		want, content := 200, "page a"
		switch p {
		case "/":
			content = "home"
		case "/missing/":
			want, content = 404, "not found"
		}
		if rec.Code != want || !strings.Contains(body, content) {
			t.Errorf("GET %s during errors = %d, want %d with the last good page", p, rec.Code, want)
		}
		ov := overlayOf(t, body)
		if ov == nil {
			t.Fatalf("GET %s during errors: no overlay in %s", p, body)
		}
		if attr(ov, "class") != "reckon-errors" || !hasAttr(ov, "open") {
			t.Errorf("GET %s: the overlay is not an open details element", p)
		}
		sum := ov.FirstChild
		for sum != nil && sum.Type != html.ElementNode {
			sum = sum.NextSibling
		}
		if sum == nil || sum.Data != "summary" || textOf(sum) != "Build failed: 2 errors" {
			t.Errorf("GET %s: the overlay does not start with its summary: %s", p, body)
		}
		var pres []string
		for li := range ov.Descendants() {
			if li.Type == html.ElementNode && li.Data == "pre" {
				pres = append(pres, textOf(li))
			}
		}
		if strings.Join(pres, "\n--\n") != strings.Join(wantText, "\n--\n") {
			t.Errorf("GET %s: the overlay's errors are\n%s\nwant\n%s", p, strings.Join(pres, "\n--\n"), strings.Join(wantText, "\n--\n"))
		}
		if strings.Contains(body, "<b>") {
			t.Errorf("GET %s: error text written as markup", p)
		}
		if !strings.Contains(body, `<body class="page-`) || !strings.Contains(body, `"><details class="reckon-errors"`) {
			t.Errorf("GET %s: the overlay is not the first thing in the body", p)
		}
		checkNoInline(t, p, body)
	}
	// Other files of the last good build are served as they are.
	if rec := get(t, s, "/assets/site.css"); rec.Code != 200 || rec.Body.String() != "body{}" {
		t.Errorf("asset during errors = %d %q", rec.Code, rec.Body.String())
	}
	if rec := get(t, s, overlayCSS); rec.Code != 200 || rec.Header().Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(rec.Body.String(), ".reckon-errors") {
		t.Errorf("GET %s = %d %q", overlayCSS, rec.Code, rec.Body.String())
	}

	fail.Store(false)
	s.Rebuild()
	if rec := get(t, s, "/a/"); rec.Code != 200 || overlayOf(t, rec.Body.String()) != nil {
		t.Errorf("after the fix = %d, overlay still there: %v", rec.Code, overlayOf(t, rec.Body.String()) != nil)
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func TestFirstBuildFails(t *testing.T) {
	var fail atomic.Bool
	fail.Store(true)
	s := newServer(t, fakeBuild(&fail), addr)
	for _, p := range []string{"/", "/a/", "/assets/site.css", "/missing"} {
		rec := get(t, s, p)
		body := rec.Body.String()
		if rec.Code != 500 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s before a good build = %d %s", p, rec.Code, rec.Header().Get("Content-Type"))
		}
		if !strings.Contains(body, "<title>Build failed: 2 errors</title>") {
			t.Errorf("GET %s: the title does not count the errors: %s", p, body)
		}
		ov := overlayOf(t, body)
		if ov == nil || !strings.Contains(textOf(ov), "claims/t/x.toml:4:9: unknown scope \"<b>bold</b>\"") || strings.Contains(body, "<b>") {
			t.Errorf("GET %s: errors not shown as text: %s", p, body)
		}
		checkNoInline(t, p, body)
	}
	var l diag.List
	l.Add(diag.Pos{File: "claims/t/x.toml", Line: 3, Col: 1}, "", "one")
	s = newServer(t, func([]string, func() []string, func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		return nil, broken, l.Err()
	}, addr)
	if body := get(t, s, "/").Body.String(); !strings.Contains(body, "<title>Build failed: 1 error</title>") || !strings.Contains(body, "<summary>Build failed: 1 error</summary>") {
		t.Errorf("one error with source lines is not counted as one: %s", body)
	}
}

func TestHostCheck(t *testing.T) {
	var fail atomic.Bool
	for _, tc := range []struct {
		listen, host string
		want         int
	}{
		{addr, "127.0.0.1:8080", 200},
		{addr, "localhost:8080", 200},
		{addr, "LOCALHOST:8080", 200},
		{addr, "[::1]:8080", 200},
		{addr, "evil.example", 403},
		{addr, "evil.example:8080", 403},
		{addr, "localhost:9090", 403},
		{addr, "127.0.0.1", 403},
		{addr, "", 403},
		{addr, "192.168.1.5:8080", 403},
		{"localhost:8080", "localhost:8080", 200},
		{"[::1]:8080", "[::1]:8080", 200},
		{"[::1]:8080", "evil.example:8080", 403},
		{"127.0.0.1:80", "localhost", 200},
		{"127.0.0.1:80", "evil.example", 403},
		{"192.168.1.5:8080", "192.168.1.5:8080", 200},
		{"192.168.1.5:8080", "evil.example:8080", 403},
		{"0.0.0.0:8080", "192.168.1.5:8080", 200},
		{"0.0.0.0:8080", "evil.example:8080", 403},
	} {
		s := newServer(t, fakeBuild(&fail), tc.listen)
		rec := getHost(t, s, tc.host, "/")
		if rec.Code != tc.want {
			t.Errorf("listening on %s, Host %q: %d, want %d", tc.listen, tc.host, rec.Code, tc.want)
		}
		if rec.Code == 403 && strings.Contains(rec.Body.String(), "home") {
			t.Errorf("listening on %s, Host %q: a 403 with the page", tc.listen, tc.host)
		}
	}
	// Also for the preview's own paths.
	s := newServer(t, fakeBuild(&fail), addr)
	for _, p := range []string{reloadScript, overlayCSS, eventsPath, "/assets/site.css"} {
		if rec := getHost(t, s, "evil.example:8080", p); rec.Code != 403 {
			t.Errorf("GET %s from evil.example = %d", p, rec.Code)
		}
	}
}

func TestNoTraversal(t *testing.T) {
	var fail atomic.Bool
	s := newServer(t, fakeBuild(&fail), addr)
	for _, p := range []string{
		"/../index.html", "/a/../index.html", "/%2e%2e/index.html", "/a/%2E%2E/%2e%2e/etc/passwd",
		"/a%2f..%2findex.html", `/a\..\index.html`, "/a%5c..%5cindex.html", `/a\index.html`,
		"/./index.html", "/a/./", "//a/", "/a//", "/a%00/", "/%2e%2e", "/..",
	} {
		rec := get(t, s, p)
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), "not found") {
			t.Errorf("GET %s = %d %q, want the 404 page", p, rec.Code, rec.Body.String())
		}
	}
	if rec := get(t, s, "/a"); rec.Code != 301 || rec.Header().Get("Location") != "/a/" {
		t.Errorf("GET /a = %d %s, want a redirect to /a/", rec.Code, rec.Header().Get("Location"))
	}
}

func TestContentTypes(t *testing.T) {
	var fail atomic.Bool
	s := newServer(t, fakeBuild(&fail), addr)
	for p, want := range map[string]string{
		"/":                    "text/html; charset=utf-8",
		"/a/":                  "text/html; charset=utf-8",
		"/missing":             "text/html; charset=utf-8",
		"/assets/site.css":     "text/css; charset=utf-8",
		"/assets/site.js":      "text/javascript; charset=utf-8",
		"/assets/icon.svg":     "image/svg+xml",
		"/feed.xml":            "application/atom+xml",
		"/sitemap.xml":         "application/xml",
		"/data/claims.json":    "application/json",
		"/data/claims.csv":     "text/csv; charset=utf-8",
		"/robots.txt":          "text/plain; charset=utf-8",
		"/embed/x/oembed.json": "application/json",
		reloadScript:           "text/javascript; charset=utf-8",
		overlayCSS:             "text/css; charset=utf-8",
	} {
		rec := get(t, s, p)
		if got := rec.Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", p, got, want)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", p, got)
		}
	}
	req := httptest.NewRequest("POST", "/", nil)
	req.Host = addr
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 405 {
		t.Errorf("POST / = %d", rec.Code)
	}
}

func TestDefaultAddrIsLoopback(t *testing.T) {
	host, _, err := net.SplitHostPort(DefaultAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		t.Errorf("DefaultAddr = %q, not a loopback address", DefaultAddr)
	}
}

// TestEditReloads edits a watched file and reads, from a real server, the
// event that makes open pages reload.
func TestEditReloads(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "claims", "t", "x.toml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("title = \"a\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The build fails while the file holds no title.
	var mu sync.Mutex
	var told [][]string // what each build was told changed
	b := func(changed []string, _ func() []string, _ func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		mu.Lock()
		told = append(told, changed)
		mu.Unlock()
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, err
		}
		if !strings.Contains(string(data), "title") {
			var l diag.List
			l.Add(diag.Pos{File: "claims/t/x.toml", Line: 1, Col: 1}, "", "missing title")
			return nil, map[string][]byte{"claims/t/x.toml": data}, l.Err()
		}
		return goodSite, nil, nil
	}
	s, ts := startServer(t, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx, dir, "claims")

	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+eventsPath, nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events: Content-Type %q", ct)
	}
	events := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- d
			}
		}
		close(events)
	}()
	next := func() string {
		t.Helper()
		select {
		case e := <-events:
			return e
		case <-time.After(10 * time.Second):
			t.Fatal("no reload event")
		}
		return ""
	}
	if e := next(); e != "1" {
		t.Fatalf("first event %q, want the first build's 1", e)
	}
	time.Sleep(100 * time.Millisecond) // let the watcher start
	// Break the file: an event, and the overlay on the last good page.
	if err := os.WriteFile(file, []byte("nothing = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := next(); e != "2" {
		t.Fatalf("event after an edit %q, want 2", e)
	}
	page, err := ts.Client().Get(ts.URL + "/a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !strings.Contains(string(body), "page a") || !strings.Contains(string(body), "claims/t/x.toml:1:1: missing title") {
		t.Errorf("page after a breaking edit = %d %s", page.StatusCode, body)
	}
	// Fix it: another event, and the overlay is gone.
	if err := os.WriteFile(file, []byte("title = \"b\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e := next(); e != "3" {
		t.Fatalf("event after the fix %q, want 3", e)
	}
	page, err = ts.Client().Get(ts.URL + "/a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(page.Body)
	page.Body.Close()
	if strings.Contains(string(body), "reckon-errors") {
		t.Errorf("the overlay stays after the fix: %s", body)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := [][]string{nil, {"claims/t/x.toml"}, {"claims/t/x.toml"}}; !reflect.DeepEqual(told, want) {
		t.Errorf("the builds were told %q changed, want %q", told, want)
	}
}

// TestRebuildWhileServing serves error pages while builds run; under -race
// it shows that the errors a page shows are read under the lock.
func TestRebuildWhileServing(t *testing.T) {
	var n atomic.Int32
	src := map[string][]byte{"claims/t/x.toml": []byte("title = 1\n")}
	s := newServer(t, func([]string, func() []string, func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		var l diag.List
		l.Add(diag.Pos{File: "claims/t/x.toml", Line: 1, Col: 9}, "", "build %d failed", n.Add(1))
		return nil, map[string][]byte{"claims/t/x.toml": src["claims/t/x.toml"]}, l.Err()
	}, addr)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			s.Rebuild()
		}
	}()
	for range 50 {
		if rec := get(t, s, "/"); rec.Code != 500 || !strings.Contains(rec.Body.String(), "title = 1") {
			t.Fatalf("error page = %d %q", rec.Code, rec.Body.String())
		}
	}
	<-done
}

// eventsOf opens the reload events of the page at path (none when "") and
// returns a function that waits for the next one, or returns "" when none
// comes within wait.
func eventsOf(t *testing.T, ctx context.Context, ts *httptest.Server, path string) func(wait time.Duration) string {
	t.Helper()
	target := ts.URL + eventsPath
	if path != "" {
		target += "?page=" + url.QueryEscape(path)
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", target, nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- d
			}
		}
	}()
	return func(wait time.Duration) string {
		select {
		case e := <-events:
			return e
		case <-time.After(wait):
			return ""
		}
	}
}

// TestEarlyPages: a build is asked first for the pages open in a browser
// and those served last; the pages it hands early are served while it
// goes on, and only their pages reload then, once; the others reload when
// it is done. When the build then fails, the early pages reload to show
// the errors.
func TestEarlyPages(t *testing.T) {
	v2 := maps.Clone(goodSite)
	v2["a/index.html"] = bytes.Replace(goodSite["a/index.html"], []byte("page a"), []byte("page a, edited"), 1)
	v2["index.html"] = bytes.Replace(goodSite["index.html"], []byte("home"), []byte("home, edited"), 1)
	var (
		mu    sync.Mutex
		asked [][]string
		fail  bool
	)
	release := make(chan struct{})
	builds := 0
	b := func(_ []string, firstOf func() []string, early func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		first := firstOf()
		mu.Lock()
		builds++
		n := builds
		asked = append(asked, first)
		failing := fail
		mu.Unlock()
		if n == 1 {
			return goodSite, nil, nil
		}
		if slices.Contains(first, "a/index.html") {
			early(map[string][]byte{"a/index.html": v2["a/index.html"], "assets/site.css": v2["assets/site.css"]})
		}
		<-release
		if failing {
			return nil, broken, twoErrors()
		}
		return v2, nil, nil
	}
	s, ts := startServer(t, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	body := func(p string) string {
		t.Helper()
		resp, err := ts.Client().Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}

	onA, onHome := eventsOf(t, ctx, ts, "/a/"), eventsOf(t, ctx, ts, "/")
	if a, h := onA(5*time.Second), onHome(5*time.Second); a != "1" || h != "1" {
		t.Fatalf("first events %q %q, want 1 1", a, h)
	}
	body("/robots.txt") // not a page: never asked for
	body("/")           // served last, and open
	done := make(chan struct{})
	go func() { s.Rebuild(); close(done) }()
	if e := onA(5 * time.Second); e != "2" {
		t.Fatalf("the open page's event when it came early = %q, want 2", e)
	}
	if got := body("/a/"); !strings.Contains(got, "page a, edited") {
		t.Errorf("the early page is not served while the build goes on: %s", got)
	}
	if got := body("/"); strings.Contains(got, "edited") {
		t.Errorf("a page that did not come early is the new build's before it is done: %s", got)
	}
	if e := onHome(200 * time.Millisecond); e != "" {
		t.Errorf("a page that did not come early reloads before the build is done: %q", e)
	}
	close(release)
	<-done
	if e := onHome(5 * time.Second); e != "2" {
		t.Errorf("the other page's event when the build is done = %q, want 2", e)
	}
	if e := onA(200 * time.Millisecond); e != "" {
		t.Errorf("the early page reloads a second time: %q", e)
	}
	if got := body("/"); !strings.Contains(got, "home, edited") {
		t.Errorf("the build's page is not served once it is done: %s", got)
	}
	mu.Lock()
	if want := []string{"a/index.html", "index.html"}; !reflect.DeepEqual(asked[1], want) {
		t.Errorf("the build was asked first for %q, want %q", asked[1], want)
	}
	fail = true
	mu.Unlock()

	// The same again, failing after the early page: whether or not the
	// early page's event came first, the last one is past it.
	release = make(chan struct{})
	close(release)
	s.Rebuild()
	e := onA(5 * time.Second)
	if e == "3" {
		e = onA(5 * time.Second)
	}
	if e != "4" {
		t.Errorf("the early page's event when the build failed = %q, want 4", e)
	}
	if got := body("/a/"); !strings.Contains(got, "reckon-errors") || !strings.Contains(got, "page a, edited") {
		t.Errorf("after the build failed, the page is not the last good one with the errors: %s", got)
	}
}

// TestFirstBuildServesEarly: a server opened before its first build says
// on every page that the site is being built; the pages asked for
// meanwhile are those the build makes first, served as soon as they come,
// and the others once it is done.
func TestFirstBuildServesEarly(t *testing.T) {
	asked := make(chan struct{})
	release := make(chan struct{})
	var first []string
	b := func(_ []string, firstOf func() []string, early func(map[string][]byte)) (map[string][]byte, map[string][]byte, error) {
		<-asked // the site is loaded: the pages asked for until now come first
		first = firstOf()
		early(map[string][]byte{"a/index.html": goodSite["a/index.html"]})
		<-release
		return goodSite, nil, nil
	}
	s, err := Open(b, addr, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, s, "/a/")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Building the site") || !strings.Contains(rec.Body.String(), reloadScript) {
		t.Fatalf("a page before the first build = %d %q", rec.Code, rec.Body.String())
	}
	done := make(chan struct{})
	go func() { s.Rebuild(); close(done) }()
	close(asked)
	for i := 0; ; i++ {
		if rec = get(t, s, "/a/"); rec.Code == http.StatusOK {
			break
		}
		if i == 1000 {
			t.Fatal("the early page never came")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(rec.Body.String(), "page a") {
		t.Errorf("the early page = %q", rec.Body.String())
	}
	if rec := get(t, s, "/"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a page that did not come early, while the first build goes on = %d, want 503", rec.Code)
	}
	if rec := get(t, s, "/nope/"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a page that no build has yet = %d, want 503", rec.Code)
	}
	close(release)
	<-done
	if want := []string{"a/index.html"}; !reflect.DeepEqual(first, want) {
		t.Errorf("the first build was asked first for %q, want %q", first, want)
	}
	if rec := get(t, s, "/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "home") {
		t.Errorf("home after the first build = %d %q", rec.Code, rec.Body.String())
	}
	if rec := get(t, s, "/nope/"); rec.Code != http.StatusNotFound {
		t.Errorf("an unknown page after the first build = %d, want 404", rec.Code)
	}
}

// TestSettled checks that Settled is called after each build, once the
// server serves what it made: with a good build's files, and with nil
// after a failed build, while the last good site is still served.
func TestSettled(t *testing.T) {
	var fail atomic.Bool
	s, err := Open(fakeBuild(&fail), addr, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	type call struct {
		files  map[string][]byte
		served int // the status of GET / when it was called
	}
	calls := make(chan call, 1)
	s.Settled = func(files map[string][]byte) { calls <- call{files, get(t, s, "/").Code} }
	for _, f := range []bool{false, true, false} {
		fail.Store(f)
		s.Rebuild()
		var c call
		select {
		case c = <-calls:
		case <-time.After(10 * time.Second):
			t.Fatal("Settled was not called after a build")
		}
		if f && (c.files != nil || c.served != 200) {
			t.Errorf("after a failed build, Settled got %d files with GET / at %d, want none and 200", len(c.files), c.served)
		}
		if !f && (len(c.files) != len(goodSite) || c.served != 200) {
			t.Errorf("after a good build, Settled got %d files with GET / at %d, want %d and 200", len(c.files), c.served, len(goodSite))
		}
	}
}
