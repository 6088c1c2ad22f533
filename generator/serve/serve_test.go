package serve

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"reckon/generator/diag"
)

func get(t *testing.T, s *Server, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

func TestServeAndErrors(t *testing.T) {
	var fail atomic.Bool
	site := map[string][]byte{
		"index.html":      []byte("<html><head></head><body>home</body></html>"),
		"a/index.html":    []byte("<html><head></head><body>a</body></html>"),
		"404.html":        []byte("<html><head></head><body>not found</body></html>"),
		"assets/site.css": []byte("body{}"),
	}
	src := map[string][]byte{"claims/t/x.toml": []byte("title = 1\n")}
	s := New(func() (map[string][]byte, map[string][]byte, error) {
		if fail.Load() {
			var l diag.List
			l.Add(diag.Pos{File: "claims/t/x.toml", Line: 1, Col: 9}, "quote text", "title: expected a string <b>")
			return nil, src, l.Err()
		}
		return site, src, nil
	}, io.Discard)

	code, body := get(t, s, "/")
	if code != 200 || !strings.Contains(body, "home") || !strings.Contains(body, `<script src="/_reckon/reload.js" defer></script></head>`) {
		t.Errorf("GET / = %d %q", code, body)
	}
	if code, _ := get(t, s, "/a"); code != 301 {
		t.Errorf("GET /a = %d, want a redirect to /a/", code)
	}
	if code, body := get(t, s, "/missing"); code != 404 || !strings.Contains(body, "not found") {
		t.Errorf("GET /missing = %d %q", code, body)
	}
	if code, body := get(t, s, "/assets/site.css"); code != 200 || body != "body{}" {
		t.Errorf("GET css = %d %q", code, body)
	}

	fail.Store(true)
	s.Rebuild()
	code, body = get(t, s, "/a/")
	if code != 500 || !strings.Contains(body, "claims/t/x.toml:1:9: title: expected a string &lt;b&gt;") || !strings.Contains(body, "hint: quote text") || strings.Contains(body, "<b>") {
		t.Errorf("a page during errors = %d %q", code, body)
	}
	// Assets of the last good build are still served.
	if code, _ := get(t, s, "/assets/site.css"); code != 200 {
		t.Errorf("asset during errors = %d", code)
	}
	fail.Store(false)
	s.Rebuild()
	if code, _ := get(t, s, "/a/"); code != 200 {
		t.Errorf("after the fix = %d", code)
	}
}

func TestWatchRebuilds(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "claims", "t"), 0o755); err != nil {
		t.Fatal(err)
	}
	var builds atomic.Int32
	s := New(func() (map[string][]byte, map[string][]byte, error) {
		builds.Add(1)
		return map[string][]byte{}, nil, nil
	}, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx, dir, "claims")
	time.Sleep(100 * time.Millisecond) // let the watcher start
	if err := os.WriteFile(filepath.Join(dir, "claims", "t", "x.toml"), []byte("x = 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for builds.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := builds.Load(); n < 2 {
		t.Fatalf("%d builds after a change, want a rebuild", n)
	}
}

// TestRebuildWhileServing serves error pages while builds run; under -race
// it shows that the sources an error page quotes are read under the lock.
func TestRebuildWhileServing(t *testing.T) {
	var n atomic.Int32
	src := map[string][]byte{"claims/t/x.toml": []byte("title = 1\n")}
	s := New(func() (map[string][]byte, map[string][]byte, error) {
		var l diag.List
		l.Add(diag.Pos{File: "claims/t/x.toml", Line: 1, Col: 9}, "", "build %d failed", n.Add(1))
		return nil, map[string][]byte{"claims/t/x.toml": src["claims/t/x.toml"]}, l.Err()
	}, io.Discard)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			s.Rebuild()
		}
	}()
	for range 50 {
		if code, body := get(t, s, "/"); code != 500 || !strings.Contains(body, "title = 1") {
			t.Fatalf("error page = %d %q", code, body)
		}
	}
	<-done
}
