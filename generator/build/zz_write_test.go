package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestZZWrite(t *testing.T) {
	files := map[string][]byte{}
	fsys := os.DirFS("/tmp/synth10k-before")
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			files[p], _ = fs.ReadFile(fsys, p)
		}
		return nil
	})
	os.RemoveAll("/tmp/zzw")
	t0 := time.Now()
	if err := Write(context.Background(), "/tmp/zzw", files); err != nil {
		t.Fatal(err)
	}
	t.Logf("Write: %v", time.Since(t0))
	t0 = time.Now()
	for name, data := range files {
		p := filepath.Join("/tmp/zzp", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	t.Logf("plain: %v", time.Since(t0))
	t0 = time.Now()
	removeAll("/tmp/zzw")
	t.Logf("removeAll: %v", time.Since(t0))
	t0 = time.Now()
	os.RemoveAll("/tmp/zzp")
	t.Logf("os.RemoveAll: %v", time.Since(t0))
}
