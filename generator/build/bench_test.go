package build

import (
	"os"
	"path/filepath"
	"testing"

	"reckon/generator/internal/synthsite"
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
				if _, err := Check(fsys, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size.topics*100)*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
		})
	}
}
