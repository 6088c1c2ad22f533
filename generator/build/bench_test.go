package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"testing"
	"time"

	"reckon/generator/claim"
	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// writeSynth writes a synthetic site to a temporary folder, so that
// benchmarks read real files as a build does.
func writeSynth(b *testing.B, topics int) string {
	b.Helper()
	dir := b.TempDir()
	for name, f := range synthsite.Files(synthsite.Options{Topics: topics, Claims: 100}) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkCheck loads, validates and reconciles synthetic sites of 1,000
// and 10,000 claims (100 per topic) from files on disk.
func BenchmarkCheck(b *testing.B) {
	for _, size := range []struct {
		name   string
		topics int
	}{{"1k", 10}, {"10k", 100}} {
		b.Run(size.name, func(b *testing.B) {
			fsys := os.DirFS(writeSynth(b, size.topics))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Check(fsys); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size.topics*100)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
		})
	}
}

// BenchmarkBuild builds synthetic sites of 1,000 and 10,000 claims (100 per
// topic, each with about 400 words of commentary) from files on disk into a
// folder, as reckon build does, replacing the previous build each time. It
// reports pages per second and the peak memory the Go runtime held (heap,
// stacks and its own structures; the process's RSS is a little more).
func BenchmarkBuild(b *testing.B) {
	for _, size := range []struct {
		name   string
		topics int
	}{{"1k", 10}, {"10k", 100}} {
		b.Run(size.name, func(b *testing.B) {
			cfg := Config{Src: os.DirFS(writeSynth(b, size.topics)), Templates: templates.FS, Out: filepath.Join(b.TempDir(), "public")}
			peak := watchMemory()
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				_, st, err := Run(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				pages += st.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(peak())/(1<<20), "peak-MiB")
		})
	}
}

// watchMemory samples the memory the Go runtime holds from the operating
// system every few milliseconds, until the returned function gives the
// largest sample.
func watchMemory() func() uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			peak = max(peak, samples[0].Value.Uint64()-samples[1].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// BenchmarkSessionEdit times the preview's rebuild, with social cards (as
// reckon serve draws them), after one claim's title changed, on synthetic sites of 1,000 and 10,000 claims on disk: from the
// Session being told of the file until it returns the site's files; and,
// for comparison, a whole Render after the same edit (full-1k, full-10k).
func BenchmarkSessionEdit(b *testing.B) {
	for _, size := range []struct {
		name   string
		topics int
		full   bool
	}{{"1k", 10, false}, {"full-1k", 10, true}, {"10k", 100, false}, {"full-10k", 100, true}} {
		b.Run(size.name, func(b *testing.B) {
			dir := writeSynth(b, size.topics)
			s := NewSession(Config{Src: os.DirFS(dir), Templates: templates.FS, BaseURL: "http://127.0.0.1:8080/", Cards: testCards(b)})
			if _, _, _, err := s.Render(claim.Date{}, nil); err != nil {
				b.Fatal(err)
			}
			const name = "claims/topic-000/claim-000.toml"
			file := filepath.Join(dir, filepath.FromSlash(name))
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for b.Loop() {
				n++
				data := bytes.Replace(orig, []byte(`title = "`), fmt.Appendf(nil, `title = "Edit %d: `, n), 1)
				if err := os.WriteFile(file, data, 0o644); err != nil {
					b.Fatal(err)
				}
				render := func() (*Result, map[string][]byte, *Stats, error) { return s.Render(claim.Date{}, []string{name}) }
				if size.full {
					render = func() (*Result, map[string][]byte, *Stats, error) { return Render(s.cfg) }
				}
				_, _, st, err := render()
				if err != nil {
					b.Fatal(err)
				}
				if n == 1 {
					b.Log(st.Phases)
				}
			}
		})
	}
}
