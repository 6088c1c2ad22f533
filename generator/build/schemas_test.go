package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"reckon/generator/internal/synthsite"
	"reckon/schemas"
	"reckon/templates"
)

// TestSchemasPublished checks that a build publishes every JSON Schema of
// the input files under /schemas/, as it is in the repository.
func TestSchemasPublished(t *testing.T) {
	names, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil || len(names) != 9 {
		t.Fatalf("embedded schemas %v (%v), want the 9 file kinds", names, err)
	}
	cfg := Config{Src: synthsite.Files(synthsite.Options{Topics: 1, Claims: 2, Words: 20}), Templates: templates.FS}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		want, err := os.ReadFile(filepath.Join("..", "..", "schemas", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(cfg.Out, "schemas", name))
		if err != nil {
			t.Errorf("not published: %v", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("public/schemas/%s differs from schemas/%s", name, name)
		}
	}
}
